import Foundation

/// A mono 16-bit PCM WAV: what the tones are written as and what espeak-ng writes.
public struct WAVFile: Equatable, Sendable {
    public var sampleRate: Int
    public var samples: [Int16]

    public init(sampleRate: Int, samples: [Int16]) {
        self.sampleRate = sampleRate; self.samples = samples
    }

    /// The canonical 44-byte RIFF header, then the samples, little-endian.
    public var data: Data {
        var d = Data(capacity: 44 + samples.count * 2)
        let bytes = UInt32(samples.count * 2)
        d.append(contentsOf: Array("RIFF".utf8)); d.appendLE(36 + bytes)
        d.append(contentsOf: Array("WAVE".utf8))
        d.append(contentsOf: Array("fmt ".utf8)); d.appendLE(UInt32(16))
        d.appendLE(UInt16(1))                       // PCM
        d.appendLE(UInt16(1))                       // mono
        d.appendLE(UInt32(sampleRate))
        d.appendLE(UInt32(sampleRate * 2))          // bytes per second
        d.appendLE(UInt16(2))                       // block align
        d.appendLE(UInt16(16))                      // bits per sample
        d.append(contentsOf: Array("data".utf8)); d.appendLE(bytes)
        for s in samples { d.appendLE(UInt16(bitPattern: s)) }
        return d
    }

    /// Reads a mono 16-bit PCM WAV (walking its chunks, as espeak-ng's header is not always 44 bytes);
    /// nil for anything else. espeak-ng leaves the data size 0x7ffff000 when it streams: the data runs to the end.
    public init?(data: Data) {
        let b = [UInt8](data)
        guard b.count >= 12, b[0..<4] == [0x52, 0x49, 0x46, 0x46][...], b[8..<12] == [0x57, 0x41, 0x56, 0x45][...] else { return nil }
        var at = 12
        var rate: Int?
        while at + 8 <= b.count {
            let id = String(decoding: b[at..<at + 4], as: UTF8.self)
            let size = Int(b.le32(at + 4))
            let body = at + 8
            if id == "fmt " {
                guard body + 16 <= b.count, b.le16(body) == 1, b.le16(body + 2) == 1, b.le16(body + 14) == 16 else { return nil }
                rate = Int(b.le32(body + 4))
            } else if id == "data", let rate {
                let end = min(b.count, body + size)
                var samples: [Int16] = []
                samples.reserveCapacity((end - body) / 2)
                var i = body
                while i + 1 < end { samples.append(Int16(bitPattern: b.le16(i))); i += 2 }
                self.init(sampleRate: rate, samples: samples)
                return
            }
            at = body + size + (size & 1)
        }
        return nil
    }

    /// Without the quiet before the first sound and after the last (plus a short tail), so the
    /// sound starts the moment the player starts: espeak-ng leaves 0-50 ms of silence before a word
    /// (50 ms before "two" and "pause", 12 ms before "hold") and about 300 ms after it.
    public func trimmed(threshold: Int16 = 64, tailMilliseconds: Int = 20) -> WAVFile {
        guard let first = samples.firstIndex(where: { abs(Int($0)) > Int(threshold) }),
              let last = samples.lastIndex(where: { abs(Int($0)) > Int(threshold) }) else { return self }
        let end = min(samples.count, last + 1 + sampleRate * tailMilliseconds / 1000)
        return WAVFile(sampleRate: sampleRate, samples: Array(samples[first..<end]))
    }

    public var milliseconds: Int { samples.count * 1000 / max(1, sampleRate) }
}

extension Data {
    mutating func appendLE(_ v: UInt32) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }
    mutating func appendLE(_ v: UInt16) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }
}

extension [UInt8] {
    func le16(_ i: Int) -> UInt16 { UInt16(self[i]) | UInt16(self[i + 1]) << 8 }
    func le32(_ i: Int) -> UInt32 { UInt32(le16(i)) | UInt32(le16(i + 2)) << 16 }
}

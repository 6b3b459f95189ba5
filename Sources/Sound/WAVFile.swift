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
        d.appendLE(UInt16(1))  // PCM
        d.appendLE(UInt16(1))  // mono
        d.appendLE(UInt32(sampleRate))
        d.appendLE(UInt32(sampleRate * 2))  // bytes per second
        d.appendLE(UInt16(2))  // block align
        d.appendLE(UInt16(16))  // bits per sample
        d.append(contentsOf: Array("data".utf8)); d.appendLE(bytes)
        d.append(pcm)
        return d
    }

    /// The samples alone, little-endian: what a raw player reads.
    public var pcm: Data {
        samples.map { $0.littleEndian }.withUnsafeBytes { Data($0) }
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
                let count = (min(b.count, body + size) - body) / 2
                var samples = [Int16](repeating: 0, count: max(0, count))
                samples.withUnsafeMutableBytes { out in
                    b.withUnsafeBytes { out.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[body..<body + count * 2])) }
                }
                self.init(sampleRate: rate, samples: samples.map { Int16(littleEndian: $0) })
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
            let last = samples.lastIndex(where: { abs(Int($0)) > Int(threshold) })
        else { return self }
        let end = min(samples.count, last + 1 + sampleRate * tailMilliseconds / 1000)
        return WAVFile(sampleRate: sampleRate, samples: Array(samples[first..<end]))
    }

    /// At another sample rate, by cubic (Catmull-Rom) interpolation: espeak-ng speaks at 22.05 kHz,
    /// and one rate for every sound lets a player be started before the sound is known.
    public func resampled(to rate: Int) -> WAVFile {
        guard rate != sampleRate, !samples.isEmpty else { return self }
        let count = samples.count * rate / sampleRate
        let step = Double(sampleRate) / Double(rate)
        func at(_ i: Int) -> Double { Double(samples[min(max(i, 0), samples.count - 1)]) }
        var out = [Int16](repeating: 0, count: count)
        for j in 0..<count {
            let x = Double(j) * step
            let i = Int(x), t = x - Double(i)
            let p0 = at(i - 1), p1 = at(i), p2 = at(i + 1), p3 = at(i + 2)
            let v = p1 + 0.5 * t * (p2 - p0 + t * (2 * p0 - 5 * p1 + 4 * p2 - p3 + t * (3 * (p1 - p2) + p3 - p0)))
            out[j] = Int16(max(-32768, min(32767, v.rounded())))
        }
        return WAVFile(sampleRate: rate, samples: out)
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

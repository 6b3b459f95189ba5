import Foundation
import RehabCore

/// The tone a cue plays: a pitch (or a short tune) per kind of cue, so a patient on the floor
/// learns them without looking. Low for lowering, high for raising.
public enum Tone: String, CaseIterable, Sendable {
    case lower, hold, raise, pause
    /// A segment with another name than the four above.
    case segment
    /// A set ended: a falling two-note.
    case rest
    /// "three, two, one": short high ticks.
    case countdown
    /// Get ready, switch sides: rising two-notes, different ones.
    case getReady, switchSides
    /// The session ended: a rising three-note.
    case done
    /// Red pain: stop. Three low falling notes, unlike any cue of a set.
    case stop
    /// A segment the voice does not speak at the chosen verbosity: soft and short.
    case softTick

    /// The tone for `cue`; a cue that has words, but none at this verbosity, is a soft tick.
    public init(_ cue: Cue, verbosity: Verbosity) {
        if !cue.words.isEmpty && cue.spoken(verbosity) == nil { self = .softTick; return }
        switch cue.kind {
        case .getReady: self = .getReady
        case .countdown: self = .countdown
        case .segment(let name):
            self = Tone(rawValue: name.lowercased()).flatMap { [.lower, .hold, .raise, .pause].contains($0) ? $0 : nil } ?? .segment
        case .rest: self = .rest
        case .switchSides: self = .switchSides
        case .done: self = .done
        case .stop: self = .stop
        }
    }

    /// The notes in order: (frequency in Hz, milliseconds). Each tone lasts 150-250 ms.
    public var notes: [(hertz: Double, milliseconds: Int)] {
        switch self {
        case .lower: return [(392.0, 200)]  // G4
        case .hold: return [(523.25, 200)]  // C5
        case .raise: return [(783.99, 200)]  // G5
        case .pause: return [(329.63, 200)]  // E4
        case .segment: return [(440.0, 200)]  // A4
        case .rest: return [(659.25, 110), (440.0, 130)]
        case .countdown: return [(1760.0, 70)]
        case .getReady: return [(523.25, 100), (783.99, 130)]
        case .switchSides: return [(587.33, 100), (880.0, 130)]
        case .done: return [(523.25, 70), (659.25, 70), (1046.5, 100)]
        case .stop: return [(392.0, 60), (311.13, 60), (261.63, 110)]
        case .softTick: return [(1318.5, 40)]
        }
    }

    /// Full-scale fraction: loud enough across a room, the soft tick much quieter.
    var amplitude: Double { self == .softTick ? 0.12 : 0.45 }

    public static let sampleRate = 48_000

    /// The tone as samples: each note a sine with a little second harmonic (it carries better on
    /// small speakers and keeps the zero crossings of the fundamental), a 2 ms raised-cosine
    /// fade-in, sharp but without the broadband click a linear 1 ms ramp left at -60 dBFS in the
    /// spectrogram, and a fade-out over the last fifth of the note.
    public var wav: WAVFile {
        let rate = Double(Self.sampleRate)
        var samples: [Int16] = []
        for note in notes {
            let count = Self.sampleRate * note.milliseconds / 1000
            let fadeIn = Self.sampleRate * 2 / 1000
            let fadeOut = count / 5
            for i in 0..<count {
                let t = Double(i) / rate
                let phase = 2 * Double.pi * note.hertz * t
                var envelope = 1.0
                if i < fadeIn { envelope = 0.5 - 0.5 * cos(Double.pi * Double(i) / Double(fadeIn)) }
                if i >= count - fadeOut { envelope = min(envelope, Double(count - i) / Double(fadeOut)) }
                let value = (sin(phase) + 0.3 * sin(2 * phase)) / 1.3 * amplitude * envelope
                samples.append(Int16(max(-32767, min(32767, value * 32767))))
            }
        }
        return WAVFile(sampleRate: Self.sampleRate, samples: samples)
    }
}

/// What the patient hears (or sees flash) at a moment of a timed session. The plan knows every
/// cue in advance, so sound can be prepared before the session starts and each cue played on time.
public struct Cue: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// The get-ready countdown starts: names the exercise and side.
        case getReady
        /// "three", "two", "one" before a set starts (`count` is 3, 2 or 1).
        case countdown(Int)
        /// A segment of a repetition starts: "lower", "hold", "raise", "pause".
        case segment(String)
        /// A set ended and a rest starts (the next set or exercise is announced).
        case rest
        /// The same exercise goes on with the other side.
        case switchSides
        /// The last set of the session ended.
        case done
        /// A pain in the red zone was given: stop (not in the plan; said when it happens).
        case stop
    }

    /// Plan milliseconds from the start of the session.
    public let at: Int
    public let kind: Kind
    /// The words a voice says, by verbosity; nil where that verbosity says nothing (a tone plays).
    public let words: [Verbosity: String]

    public init(at: Int, kind: Kind, words: [Verbosity: String]) {
        self.at = at; self.kind = kind; self.words = words
    }

    /// What a voice of this verbosity says, or nil for a tone.
    public func spoken(_ verbosity: Verbosity) -> String? { words[verbosity] }

    /// "Stop": red pain, said at every verbosity, at plan time `at`.
    public static func stop(at: Int) -> Cue {
        Cue(at: at, kind: .stop, words: Dictionary(uniqueKeysWithValues: Verbosity.allCases.map { ($0, RedPainAdvice.spoken) }))
    }
}

/// How a timed session sounds. Voice speaks short words; tones are a distinct pitch per kind of
/// cue; bell is the terminal's bell only; off is silent (the screen still flashes with `--flash`).
public enum SoundMode: String, Sendable, CaseIterable, Codable {
    case voice, tones, bell, off

    /// Why the timer does not sound as wanted here, in one sentence, or nil when it does: a sound
    /// the patient chose that works (the bell, silence) needs no excuse. Otherwise what detection
    /// said (no speech engine, no player), else a sentence naming the wanted mode. Nothing wanted
    /// means the best there is, voice.
    public static func fallbackNote(wanted: SoundMode?, choices: [SoundMode], detected: String?) -> String? {
        let wanted = wanted ?? .voice
        guard !choices.contains(wanted) else { return nil }
        if let detected { return detected }
        guard let best = choices.first else { return nil }
        return "\(wanted.rawValue.capitalized) does not work here: the timer uses \(best.rawValue)."
    }

    /// The next mode when the patient cycles with a key.
    public func next(among available: [SoundMode]) -> SoundMode {
        let all = SoundMode.allCases.filter { available.contains($0) }
        guard let i = all.firstIndex(of: self) else { return all.first ?? .off }
        return all[(i + 1) % all.count]
    }
}

/// How many words the voice says: some find a running count stressful.
public enum Verbosity: String, Sendable, CaseIterable, Codable {
    /// Every segment ("lower", "hold", "raise"), the rep numbers, sides and rests.
    case all
    /// Rep numbers, sides and rests; the other segment changes are a soft tone.
    case reps
    /// The start and end of each set only; the rest are soft tones.
    case sets

    public var summary: String {
        switch self {
        case .all: return "every segment"
        case .reps: return "rep numbers and sides"
        case .sets: return "set start and end"
        }
    }
}

/// Where cues go: sound, made ready before the session and played without waiting.
/// The Sound module is the real one; tests record what was asked.
public protocol CueOutput: AnyObject {
    /// Called once before a session: render and cache every sound the cues need, warm the player.
    func prepare(_ cues: [Cue], mode: SoundMode, verbosity: Verbosity)
    /// Plays a cue now, never blocking.
    func play(_ cue: Cue, mode: SoundMode, verbosity: Verbosity)
    /// The session is over: players ended and reaped.
    func finish()
}

/// Plays nothing (no sound wanted, or the tests of screens).
public final class SilentCueOutput: CueOutput {
    public init() {}
    public func prepare(_ cues: [Cue], mode: SoundMode, verbosity: Verbosity) {}
    public func play(_ cue: Cue, mode: SoundMode, verbosity: Verbosity) {}
    public func finish() {}
}

/// How the patient wants timed sessions to sound and look; remembered between sessions.
public struct TimerSettings: Sendable, Equatable, Codable {
    /// Nil until the patient chooses: then the best that works here (voice, else tones, else bell).
    public var sound: SoundMode?
    public var verbosity: Verbosity
    /// Flash the whole screen at each cue (a noisy room, or a patient hard of hearing).
    public var flash: Bool
    /// The sound in use: the patient's choice when it works here, else the best that does.
    public func sound(among choices: [SoundMode]) -> SoundMode {
        sound.flatMap { choices.contains($0) ? $0 : nil } ?? choices.first ?? .bell
    }

    /// The last "no voice here, because..." sentence the patient was shown, so it is said once.
    public var fallbackSaid: String?

    public init(sound: SoundMode? = nil, verbosity: Verbosity = .all, flash: Bool = false, fallbackSaid: String? = nil) {
        self.sound = sound; self.verbosity = verbosity; self.flash = flash; self.fallbackSaid = fallbackSaid
    }

    /// A field missing from the file (an older one, or mended by hand) takes its default.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sound = try c.decodeIfPresent(SoundMode.self, forKey: .sound)
        verbosity = try c.decodeIfPresent(Verbosity.self, forKey: .verbosity) ?? .all
        flash = try c.decodeIfPresent(Bool.self, forKey: .flash) ?? false
        fallbackSaid = try c.decodeIfPresent(String.self, forKey: .fallbackSaid)
    }
}

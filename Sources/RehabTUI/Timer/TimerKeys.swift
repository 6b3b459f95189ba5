import RehabCore
import Terminal

/// What a key does while the timer paces a set.
enum TimerAction: Sendable, Equatable { case pause, skip, startNow, stopForPain, stop, sound, verbosity, flash, help, pain }

extension TimerModel {
    /// The timer's keys, the same in the app and in `rehab timer`. The footer says how the timer
    /// sounds now, so the map is made for the current state.
    static func keys(sound: SoundMode, paused: Bool = false, asksPain: Bool = true) -> KeyMap<TimerAction> {
        KeyMap(
            [
                Binding("space", "pause / go on", short: paused ? "space go on" : "space pause", [(.char(" "), .pause), (.char("p"), .pause)]),
                Binding("s", "skip: next segment, end of rest or get-ready", short: "s skip", [(.char("s"), .skip), (.right, .skip)]),
                Binding("reps", "a rep counts when at most \(Int(TempoPlan.repCountsWhenMissingAtMost * 100)) % of it was skipped", []),
                Binding("Enter", "start now (ends the get-ready countdown)", [(.enter, .startNow)]),
                Binding("c", "could not do it (pain): stop this exercise", short: "c can't", [(.char("c"), .stopForPain)]),
                Binding("b", "sound: voice/tones/bell/off (remembered)", short: "b \(sound.rawValue)", [(.char("b"), .sound)]),
                Binding("v", "voice: every segment / reps and sides / sets only", [(.char("v"), .verbosity)]),
                Binding("f", "flash the screen at each cue: on/off", [(.char("f"), .flash)]),
                Binding("q", "stop (asks first; sets done are kept)", short: "q stop", [(.char("q"), .stop), (.escape, .stop)]),
                // Typed when the timer asks for pain (`handle` below), listed here for help; `rehab timer` asks none.
                asksPain ? Binding("0-9 Enter", "pain during the exercise just done", []) : nil,
                Binding("?", nil, short: "? help", [(.char("?"), .help)])
            ].compactMap { $0 }, footer: [.pause, .skip, .stopForPain, .stop, .sound, .help])
    }

    var keys: KeyMap<TimerAction> { Self.keys(sound: sound, paused: stage == .paused, asksPain: asksPain) }

    /// The keys while the timer asks for the pain during an exercise.
    static let painKeys = KeyMap<PainKey>(
        [
            Binding("0-9", "type the pain score", short: "0-9 type", (0...9).map { (Key.char(Character(String($0))), PainKey.digit($0)) }),
            Binding("Backspace", nil, [(.backspace, .backspace), (.delete, .backspace)]),
            Binding("Enter", "save it", short: "Enter save", [(.enter, .enter)]),
            Binding("Esc", "skip it", short: "Esc skip", [(.escape, .skip)])
        ], footer: [.digit(0), .enter, .skip])

    /// The keys for the pain after the session: it can be answered later on Today.
    static let painAfterKeys = KeyMap<PainKey>(
        [
            Binding("0-9", "type the pain score", short: "0-9 type", (0...9).map { (Key.char(Character(String($0))), PainKey.digit($0)) }),
            Binding("Backspace", nil, [(.backspace, .backspace), (.delete, .backspace)]),
            Binding("Enter", "save it", short: "Enter save", [(.enter, .enter)]),
            Binding("l", "answer later", short: "l later", [(.char("l"), .skip), (.escape, .skip)])
        ], footer: [.digit(0), .enter, .skip])

    /// The stop question: y stops, and so says its footer; any other key goes on.
    static let stopKeys = PromptKeys(
        [Binding("y", "stop; the sets done are kept", short: "y stop", [(.char("y"), .yes)])], footer: [.yes],
        other: (.no, "any other key goes on"))

    /// A session's summary stays until Enter (the arrows scroll one taller than the screen).
    static let summaryKeys = PromptKeys(
        [Binding("Enter", "back to Today", short: "Enter: back to Today", [(.enter, .close)])], footer: [.close])

    /// Space pauses, s skips, b cycles the sound, q asks before stopping; y/n answer; digits give
    /// the pain. `?` is the app's (the help overlay).
    public mutating func handle(_ key: Key, now: Int64) -> Outcome {
        switch stage {
        case .confirmQuit:
            return confirmQuit(Self.stopKeys.action(for: key) == .yes, now: now)
        case .askPain:
            return Self.painKeys.action(for: key).map { painKey($0, now: now) } ?? Outcome()
        case .askPainAfter:
            return Self.painAfterKeys.action(for: key).map { painAfterKey($0) } ?? Outcome()
        case .summary:
            return Self.summaryKeys.action(for: key) == .close ? closeSummary() : Outcome()
        case .finished:
            return Outcome()
        case .running, .paused:
            // While a pain question is open, digits, Backspace and Enter answer it.
            if painQuestion != nil, let pain = Self.painKeys.action(for: key), pain != .skip { return painKey(pain, now: now) }
            var outcome = Outcome()
            switch keys.action(for: key) {
            case .pause?: togglePause(now)
            case .skip?: return skip(now)
            case .startNow?: if currentStep(now)?.isPrepare == true { return skip(now) }
            case .stopForPain?: return stopForPain(now)
            case .stop?: requestQuit(now)
            case .sound?:
                settings.sound = sound.next(among: soundChoices)
                outcome.settingsChanged = true
                say("Sound: \(sound.rawValue)", now: now)
            case .verbosity?:
                let all = Verbosity.allCases
                settings.verbosity = all[((all.firstIndex(of: settings.verbosity) ?? 0) + 1) % all.count]
                outcome.settingsChanged = true
                say("The voice says: " + Self.describe(settings.verbosity), now: now)
            case .flash?:
                settings.flash.toggle()
                outcome.settingsChanged = true
                say("Flash at each cue: \(settings.flash ? "on" : "off")", now: now)
            case .help?, .pain?, nil: break
            }
            return outcome
        }
    }
}

extension TimerModel {
    /// What `v` chose, in words.
    static func describe(_ verbosity: Verbosity) -> String {
        switch verbosity {
        case .all: return "every segment"
        case .reps: return "rep numbers and sides"
        case .sets: return "the start and end of each set"
        }
    }
}

import Terminal

/// What a key does while the timer paces a set.
enum TimerAction: Sendable, Equatable { case pause, skip, stop, bell, help, pain }

extension TimerModel {
    /// The timer's keys, the same in the app and in `rehab timer`. The footer says whether the
    /// bell is on, so the map is made for the current state.
    static func keys(bellOn: Bool) -> KeyMap<TimerAction> {
        KeyMap([
            Binding("space", "pause / go on", short: "space pause", [(.char(" "), .pause), (.char("p"), .pause)]),
            Binding("s", "skip to the next segment", short: "s skip", [(.char("s"), .skip), (.right, .skip)]),
            Binding("b", "bell on/off", short: bellOn ? "b bell on" : "b bell off", [(.char("b"), .bell)]),
            Binding("q", "stop (asks first; sets done are kept)", short: "q stop", [(.char("q"), .stop), (.escape, .stop)]),
            // Typed when the timer asks for pain at the end (`handle` below), listed here for help.
            Binding("0-9 Enter", "pain score at the end", []),
            Binding("?", nil, short: "? help", [(.char("?"), .help)]),
        ], footer: [.pause, .skip, .bell, .stop, .help])
    }

    var keys: KeyMap<TimerAction> { Self.keys(bellOn: bellOn) }

    /// The keys while the timer asks for the pain during the sets just done.
    static let painKeys = KeyMap<PainKey>([
        Binding("0-9", "type the pain score", short: "0-9 type", (0...9).map { (Key.char(Character(String($0))), PainKey.digit($0)) }),
        Binding("Backspace", nil, [(.backspace, .backspace), (.delete, .backspace)]),
        Binding("Enter", "save it", short: "Enter save", [(.enter, .enter)]),
        Binding("Esc", "skip it", short: "Esc skip", [(.escape, .skip)]),
    ], footer: [.digit(0), .enter, .skip])

    /// Space pauses, s skips, b switches the bell, q asks before stopping; y/n answer; digits give
    /// the pain at the end. `?` is the app's (the help overlay).
    public mutating func handle(_ key: Key, now: Int64) -> Outcome {
        switch stage {
        case .confirmQuit:
            return confirmQuit(key == .char("y") || key == .enter, now: now)
        case .askPain:
            return Self.painKeys.action(for: key).map { painKey($0) } ?? Outcome()
        case .finished:
            return Outcome()
        case .running, .paused:
            switch keys.action(for: key) {
            case .pause?: togglePause(now)
            case .skip?: return skip(now)
            case .stop?: requestQuit(now)
            case .bell?: bellOn.toggle()
            case .help?, .pain?, nil: break
            }
            return Outcome()
        }
    }
}

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

    /// Space pauses, s skips, b switches the bell, q asks before stopping; y/n answer; digits give
    /// the pain at the end. `?` is the app's (the help overlay).
    public mutating func handle(_ key: Key, now: Int64) -> Outcome {
        switch stage {
        case .confirmQuit:
            return confirmQuit(key == .char("y") || key == .enter, now: now)
        case .askPain:
            switch key {
            case .char(let c) where c.isASCII && c.isNumber: return painKey(.digit(c.wholeNumberValue ?? 0))
            case .backspace, .delete: return painKey(.backspace)
            case .enter: return painKey(.enter)
            case .escape: return painKey(.skip)
            default: return Outcome()
            }
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

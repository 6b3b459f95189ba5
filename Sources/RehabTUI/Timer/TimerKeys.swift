import Terminal

extension TimerModel {
    /// The timer's keys, the same in the app and in `rehab timer`: space pauses, s skips,
    /// b switches the bell, q asks before stopping; y/n answer; digits give the pain at the end.
    public mutating func handle(_ key: Key, now: Int64) -> Outcome {
        switch stage {
        case .confirmQuit:
            return confirmQuit(key == .char("y") || key == .enter, now: now)
        case .askPain:
            switch key {
            case .char(let c) where c.isASCII && c.isNumber: return painKey(.digit(Int(String(c))!))
            case .backspace, .delete: return painKey(.backspace)
            case .enter: return painKey(.enter)
            case .escape: return painKey(.skip)
            default: return Outcome()
            }
        case .finished:
            return Outcome()
        case .running, .paused:
            switch key {
            case .char(" "), .char("p"): togglePause(now)
            case .char("s"), .right: return skip(now)
            case .char("q"), .escape: requestQuit(now)
            case .char("b"): bellOn.toggle()
            default: break
            }
            return Outcome()
        }
    }
}

/// A key press, already translated from the terminal's codes.
public enum Key: Equatable, Sendable {
    case char(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete
    /// Ctrl plus a letter, for example `.control("c")`.
    case control(Character)
}

/// What wakes the app loop.
public enum Event: Equatable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// A deadline the app asked for has come.
    case tick
    /// SIGINT, SIGTERM, SIGHUP or SIGQUIT arrived.
    case interrupted(signal: Int32)
    /// The process was stopped (Ctrl-Z) and has just been continued: it did not run meanwhile.
    case resumed
}

/// Maps what `wget_wch` returns to a `Key`; pure so tests can check it without a terminal.
public enum KeyMapping {
    /// A plain character (`wget_wch` returned OK).
    public static func character(_ code: UInt32) -> Key? {
        switch code {
        case 10, 13: return .enter
        case 27: return .escape
        case 9: return .tab
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(code + 96)!))
        default:
            guard let scalar = Unicode.Scalar(code), code >= 32 else { return nil }
            return .char(Character(scalar))
        }
    }

}

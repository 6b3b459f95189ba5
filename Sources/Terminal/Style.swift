/// What a piece of text means on screen; the terminal decides how to show it
/// (colour when allowed, otherwise bold / reverse / underline so it still reads).
public enum Style: UInt8, Sendable, CaseIterable {
    case normal, dim, bold, title, selected, key, green, amber, red, warning, accent

    /// Attributes used when colour is off (NO_COLOR or a monochrome terminal).
    var monochrome: (bold: Bool, reverse: Bool, underline: Bool, dim: Bool) {
        switch self {
        case .normal, .green: return (false, false, false, false)
        case .dim: return (false, false, false, true)
        case .bold, .title, .amber, .key: return (true, false, false, false)
        case .selected: return (false, true, false, false)
        case .red, .warning: return (true, true, false, false)
        case .accent: return (false, false, true, false)
        }
    }
}

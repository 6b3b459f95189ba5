import Terminal

/// What a key does in a box or a question shown over a screen.
enum PromptAction: Sendable, Equatable { case yes, no, close, advance }

/// The keys of a box or a question over a screen, as a key map like every screen's, plus what
/// every key it does not name does: its footer (or its sentence) is made from both, so "any other
/// key" is said only when it is true, and a key that answers is a key that is named.
struct PromptKeys: Sendable {
    let map: KeyMap<PromptAction>
    /// What any other key does, with its words ("any other key goes on"); nil: nothing.
    let other: (action: PromptAction, short: String)?
    /// What other keys do in a box too tall for the screen, whose arrows then scroll it.
    let otherWhileScrolling: String?

    init(
        _ bindings: [Binding<PromptAction>], footer: [PromptAction], other: (PromptAction, String)? = nil,
        otherWhileScrolling: String? = nil
    ) {
        map = KeyMap(bindings, footer: footer)
        self.other = other.map { (action: $0.0, short: $0.1) }
        self.otherWhileScrolling = otherWhileScrolling
    }

    func action(for key: Key) -> PromptAction? { map.action(for: key) ?? other?.action }

    private var labels: [String] { [map.footer].filter { !$0.isEmpty } + [other?.short].compactMap { $0 } }

    /// For a footer line: "y stop  any other key goes on".
    var footer: String { labels.joined(separator: "  ") }

    /// For a sentence in a box: "y: yes, any other key: not now".
    var sentence: String { labels.joined(separator: ", ") }

    /// For the bottom line of a box that scrolls: "↑↓ scroll · other keys close".
    var scrollingFooter: String {
        (["↑↓ scroll"] + [map.footer].filter { !$0.isEmpty } + [otherWhileScrolling].compactMap { $0 }).joined(separator: " · ")
    }
}

extension PromptKeys {
    /// The help box: every key closes it (arrows scroll one too tall for the screen first).
    static let help = PromptKeys([], footer: [], other: (.close, "any key closes"), otherWhileScrolling: "other keys close")

    /// The gate's details: a advances from there as from the screen under it; any other key closes.
    static let gate = PromptKeys(
        [Binding("a", "advance", [(.char("a"), .advance)])], footer: [], other: (.close, "other keys close"),
        otherWhileScrolling: "other keys close")

    /// "Move to the next phase?"
    static let advance = PromptKeys(
        [Binding("y", "yes", short: "y: yes", [(.char("y"), .yes)])], footer: [.yes], other: (.no, "any other key: not now"))

    /// "Have you seen a doctor or physiotherapist about this?"
    static let clinicianSeen = PromptKeys(
        [Binding("y", "yes", short: "y: yes, record the visit and lift the pause", [(.char("y"), .yes)])], footer: [.yes],
        other: (.no, "any other key: not now"))

    /// The program's advice for red pain: read first, so Enter alone closes it.
    static let redPain = PromptKeys([Binding("Enter", "read", short: "Enter: read", [(.enter, .close)])], footer: [.close])
}

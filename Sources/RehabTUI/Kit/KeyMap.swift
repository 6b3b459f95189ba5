import Terminal

/// Keys as data, in the spirit of Bubble Tea's `key.Binding`: each binding is one row of help
/// (the keys as the patient reads them, what they do), an optional short label for the footer, and
/// the keys it answers to with the action each one triggers. `update` looks keys up here, and the
/// help overlay and the footer are drawn from the same map, so they cannot disagree.
struct Binding<Action: Sendable & Equatable>: Sendable {
    let keysText: String
    /// Nil: answered to, but not listed in help (an alias such as Escape going back to Today).
    let help: String?
    /// The label in the footer, when a screen's footer lists one of this binding's actions.
    let short: String?
    let keys: [(Key, Action)]

    init(_ keysText: String, _ help: String?, short: String? = nil, _ keys: [(Key, Action)]) {
        self.keysText = keysText
        self.help = help
        self.short = short
        self.keys = keys
    }
}

struct KeyMap<Action: Sendable & Equatable>: Sendable {
    var bindings: [Binding<Action>]
    /// The actions the footer names, most important first (a narrow terminal cuts the end).
    var footerActions: [Action]

    init(_ bindings: [Binding<Action>], footer: [Action] = []) {
        self.bindings = bindings
        footerActions = footer
    }

    /// The action of `key`, or nil when this screen has none. The first binding wins; tests
    /// check that no screen binds a key twice.
    func action(for key: Key) -> Action? {
        for binding in bindings {
            if let (_, action) = binding.keys.first(where: { $0.0 == key }) { return action }
        }
        return nil
    }

    /// Rows of the help overlay: keys, then what they do.
    var help: [(String, String)] { bindings.compactMap { b in b.help.map { (b.keysText, $0) } } }

    /// The footer line: the short label of the binding of each footer action.
    var footer: String { footerLabels.joined(separator: "  ") }

    /// The footer in `width` columns: whole labels only, the most important first, and "? help"
    /// kept at the end when others must go, so a narrow terminal still says where every key is.
    func footer(fitting width: Int) -> String {
        let labels = footerLabels
        if footer.count <= width { return footer }
        let help = labels.first { $0.hasPrefix("?") }
        var kept: [String] = []
        var used = help.map { $0.count } ?? 0
        for label in labels where label != help && used + 2 + label.count <= width {
            kept.append(label)
            used += 2 + label.count
        }
        return (kept + (help.map { [$0] } ?? [])).joined(separator: "  ")
    }

    private var footerLabels: [String] {
        footerActions.compactMap { action in
            bindings.first { $0.keys.contains { $0.1 == action } }?.short
        }
    }

    /// Every key this map answers to.
    var allKeys: [Key] { bindings.flatMap { $0.keys.map(\.0) } }

    /// This map's bindings, then `other`'s; the footer is this map's.
    func then(_ other: KeyMap) -> KeyMap { KeyMap(bindings + other.bindings, footer: footerActions) }
}

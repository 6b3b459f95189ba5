import Terminal

/// The keys of each screen, for the footer and the `?` overlay.
enum Help {
    static func keys(for model: AppModel) -> [(String, String)] {
        let common: [(String, String)] = [("Tab", "next screen (1 Today, 2 Week, 3 Program)"), ("c", "morning check-in"),
                                          ("l", "log a session by hand"), ("r", "record a gate test"), ("s", "outcome score"),
                                          ("v", "I have seen a clinician (lifts a pause)"), ("g", "gate details"), ("a", "advance when the gate is met"),
                                          ("b", "bell on/off"), ("?", "this help"), ("q", "quit (everything is already saved)")]
        switch model.mode {
        case .timer:
            return [("space", "pause / go on"), ("s", "skip to the next segment"), ("b", "bell on/off"),
                    ("q", "stop (asks first; sets done are kept)"), ("0-9 Enter", "pain score at the end")]
        case .form:
            return [("Up/Down", "move between fields"), ("Left/Right", "change a choice"), ("Space", "tick a yes/no"),
                    ("Enter", "next field; on Save, save"), ("End", "jump to Save"), ("Esc", "cancel")]
        case .main:
            switch model.tab {
            case .today: return [("Up/Down j/k", "choose an exercise"), ("Enter", "start the tempo timer")] + common
            case .week: return [("Left/Right h/l", "previous / next week"), ("Home/End", "first / this week")] + common
            case .program: return [("Left/Right", "look at another phase")] + common
            }
        }
    }

    static func footer(for model: AppModel) -> String {
        switch model.tab {
        case .today: return "Enter timer  l log  c check-in  g gate  Tab screens  ? help  q quit"
        case .week: return "←→ weeks  Tab screens  g gate  ? help  q quit"
        case .program: return "←→ phases  Tab screens  ? help  q quit"
        }
    }
}

/// Boxes drawn over the current screen.
enum Overlays {
    static func help(_ keys: [(String, String)], _ grid: inout CellGrid) {
        let width = min(grid.width - 2, 64)
        let height = min(grid.height - 2, keys.count + 4)
        let rect = Rect(x: (grid.width - width) / 2, y: (grid.height - height) / 2, width: width, height: height)
        grid.fill(rect)
        grid.box(rect, title: "Keys", style: .bold)
        let keyWidth = min(16, (keys.map(\.0.count).max() ?? 4) + 2)
        for (i, (key, action)) in keys.prefix(height - 4).enumerated() {
            grid.put(key, x: rect.x + 2, y: rect.y + 2 + i, style: .key)
            grid.putTruncated(action, x: rect.x + 2 + keyWidth, y: rect.y + 2 + i, width: width - keyWidth - 4)
        }
        grid.putTruncated("any key closes", x: rect.x + 2, y: rect.maxY - 1, width: width - 4, style: .dim)
    }

    static func gate(_ s: Snapshot, _ grid: inout CellGrid) {
        let st = s.status
        let width = min(grid.width - 2, 76)
        var lines: [(String, Style)] = []
        if let pause = st.pause { lines.append(("Paused: \(pause.reason)", .red)) }
        for c in st.criteria { lines.append(("\(c.met ? "[\(grid.glyphs.done)]" : "[ ]") \(c.detail)", c.met ? .green : .normal)) }
        for t in st.requiredTests.prefix(3) {
            lines.append(("  to pass: \(t.name)\(t.side.map { " (\($0.rawValue))" } ?? ""): \(Int(t.target)) \(t.unit)", .dim))
        }
        lines.append(("", .normal))
        lines.append((st.eligibleToAdvance ? "All met: press a to move to the next phase." : "Advancing opens when every line is ticked.", st.eligibleToAdvance ? .green : .dim))
        let height = min(grid.height - 2, lines.count + 3)
        let rect = Rect(x: (grid.width - width) / 2, y: (grid.height - height) / 2, width: width, height: height)
        grid.fill(rect)
        let title = st.phase == .complete ? "Program complete" : "Gate: \(s.phaseName) (\(st.criteriaMet) of \(st.criteria.count) met)"
        grid.box(rect, title: title, style: .bold)
        for (i, (text, style)) in lines.prefix(height - 3).enumerated() {
            grid.putTruncated(text, x: rect.x + 2, y: rect.y + 2 + i, width: width - 4, style: style)
        }
    }

    static func confirm(_ question: String, detail: String, _ grid: inout CellGrid) {
        let width = min(grid.width - 2, 60)
        let rect = Rect(x: (grid.width - width) / 2, y: grid.height / 2 - 3, width: width, height: 6)
        grid.fill(rect)
        grid.box(rect, style: .bold)
        grid.putTruncated(question, x: rect.x + 2, y: rect.y + 2, width: width - 4, style: .bold)
        grid.putTruncated(detail, x: rect.x + 2, y: rect.y + 3, width: width - 4, style: .dim)
    }
}

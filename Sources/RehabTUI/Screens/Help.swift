import RehabCore
import Terminal

/// The keys of each screen, for the footer and the `?` overlay.
enum Help {
    static func keys(for model: AppModel) -> [(String, String)] {
        switch model.mode {
        case .timer(let timer, _):
            return timer.keys.help
        case .form(_, let form):
            return form.keys.help
        case .main:
            return MainKeys.map(for: model.tab).help
        }
    }

    static func footer(for model: AppModel) -> String { MainKeys.map(for: model.tab).footer }
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
        for c in st.criteria {
            lines.append(("\(c.met ? "[\(grid.glyphs.done)]" : "[ ]") \(c.detail)", c.met ? .green : .normal))
            if c.id == "outcome-score" && !c.met {
                let how = "s records it. " + OutcomeMeasure.whereToGetIt(s.program.outcome.name) + "."
                lines += Chrome.wrap(how, width: width - 8).map { ("    " + $0, .dim) }
            }
        }
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

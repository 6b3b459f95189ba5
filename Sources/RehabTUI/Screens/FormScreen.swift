import RehabCore
import Terminal

/// Any form, full screen: intro text, one row per field with its problem or hint, then Save.
enum FormScreen {
    static func render(_ form: Form, into grid: inout CellGrid) {
        let w = grid.width, h = grid.height
        grid.fill(Rect(x: 0, y: 0, width: w, height: 1), style: .selected)
        grid.putTruncated(" \(form.title)", x: 0, y: 0, width: w, style: .selected)
        let labelWidth = min(24, max(10, form.fields.map(\.label.count).max() ?? 10))
        let labelColumn = min(labelWidth, w / 2 - 2)
        let valueX = 2 + labelColumn + 2
        // A label cut to fit its row (a warning-sign question) is shown whole under the fields
        // while it is focused: a patient reads the whole question before answering it. The area
        // is as tall as the longest such label needs, so the form does not jump as focus moves,
        // and leaves two rows for the fields whatever a program file's questions say.
        let fullLabelRows = min(h - 7, form.fields.filter { $0.label.count > labelColumn }
            .map { Chrome.wrap($0.label, width: w - 4).count }.max() ?? 0)
        // Rows from under the title to above the full-label area, the problem line and the keys
        // (at least one field row, drawn whatever room is left).
        var rows = Rows(Rect(x: 2, y: 2, width: w - 4, height: h - 5 - fullLabelRows))
        let introLines = form.intro.flatMap { $0.isEmpty ? [""] : Chrome.wrap($0, width: w - 4) }
        // Keep at least five rows for fields on small screens.
        let shownIntro = introLines.prefix(max(0, h - 10 - fullLabelRows))
        for line in shownIntro { grid.putTruncated(line, x: 2, y: rows.next(), width: w - 4, style: .dim) }
        if !shownIntro.isEmpty { rows.skip() }
        let fieldRows = max(1, rows.remaining)
        let total = form.fields.count + 1
        let first = max(0, min(form.focus - fieldRows / 2, total - fieldRows))
        for i in first..<min(total, first + fieldRows) {
            let y = rows.next()
            let focused = i == form.focus
            if i == form.fields.count {
                grid.put("[ \(form.submitLabel) ]", x: valueX, y: y, style: focused ? .selected : .bold)
                break
            }
            let f = form.fields[i]
            grid.putTruncated(f.label, x: 2, y: y, width: valueX - 4, style: focused ? .bold : .normal)
            let shown: String
            switch f.kind {
            case .toggle: shown = f.isOn ? "[x] yes" : "[ ] no"
            case .choice: shown = "< \(f.value) >"
            default: shown = f.value + (focused ? "_" : "")
            }
            let end = grid.put(shown, x: valueX, y: y, style: focused ? .selected : .normal, maxWidth: w - valueX - 1)
            if let error = f.error, !f.value.isEmpty || focused {
                grid.putTruncated(error, x: end + 2, y: y, width: w - end - 3, style: .red)
            } else if focused && !f.hint.isEmpty {
                grid.putTruncated(f.hint, x: end + 2, y: y, width: w - end - 3, style: .dim)
            }
        }
        if form.fields.indices.contains(form.focus), form.fields[form.focus].label.count > labelColumn {
            let lines = Chrome.wrap(form.fields[form.focus].label, width: w - 4)
            for (i, line) in lines.prefix(fullLabelRows).enumerated() {
                let cut = i == fullLabelRows - 1 && lines.count > fullLabelRows
                grid.put(cut ? line.prefix(w - 5) + "…" : line, x: 2, y: h - 2 - fullLabelRows + i, style: .bold)
            }
        }
        if let problem = form.problem {
            grid.putTruncated(problem, x: 2, y: h - 2, width: w - 4, style: .red)
        }
        grid.fill(Rect(x: 0, y: h - 1, width: w, height: 1), style: .selected)
        let keys = " " + form.keys.footer
        grid.putTruncated(grid.glyphs.ascii ? keys.replacingOccurrences(of: "↑↓", with: "up/dn").replacingOccurrences(of: "←→", with: "lt/rt") : keys,
                          x: 0, y: h - 1, width: w, style: .selected)
    }
}

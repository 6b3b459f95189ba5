import RehabCore
import Terminal

/// Any form, full screen: intro text, one row per field with its problem or hint, then Save.
enum FormScreen {
    static func render(_ form: Form, purpose: FormPurpose, into grid: inout CellGrid) {
        let w = grid.width, h = grid.height
        grid.fill(Rect(x: 0, y: 0, width: w, height: 1), style: .selected)
        grid.putTruncated(" \(form.title)", x: 0, y: 0, width: w, style: .selected)
        var y = 2
        let introLines = form.intro.flatMap { $0.isEmpty ? [""] : Chrome.wrap($0, width: w - 4) }
        // Keep at least five rows for fields on small screens.
        for line in introLines.prefix(max(0, h - 10)) {
            grid.putTruncated(line, x: 2, y: y, width: w - 4, style: .dim)
            y += 1
        }
        if !introLines.isEmpty { y += 1 }
        let labelWidth = min(24, max(10, form.fields.map(\.label.count).max() ?? 10))
        let valueX = 2 + min(labelWidth, w / 2 - 2) + 2
        let rows = max(1, h - 3 - y)
        let total = form.fields.count + 1
        let first = max(0, min(form.focus - rows / 2, total - rows))
        for i in first..<min(total, first + rows) {
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
            y += 1
        }
        if let problem = form.problem {
            grid.putTruncated(problem, x: 2, y: h - 2, width: w - 4, style: .red)
        }
        grid.fill(Rect(x: 0, y: h - 1, width: w, height: 1), style: .selected)
        let keys = purpose == .setup ? " ↑↓ move  ←→ choose  Enter next/Start  Esc quit"
                                     : " ↑↓ move  ←→ choose  space tick  Enter next/Save  Esc cancel"
        grid.putTruncated(grid.glyphs.ascii ? keys.replacingOccurrences(of: "↑↓", with: "up/dn").replacingOccurrences(of: "←→", with: "lt/rt") : keys,
                          x: 0, y: h - 1, width: w, style: .selected)
    }
}

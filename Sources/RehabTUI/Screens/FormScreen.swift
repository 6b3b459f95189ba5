import RehabCore
import Terminal

/// Any form, full screen: intro text, one row per field with its problem or hint, then Save.
enum FormScreen {
    static func render(_ form: Form, into grid: inout CellGrid) {
        let w = grid.width, h = grid.height
        grid.fill(Rect(x: 0, y: 0, width: w, height: 1), style: .selected)
        grid.putTruncated(" \(form.title)", x: 0, y: 0, width: w, style: .selected)
        // Labels wrap in their column, never cut: a patient reads every warning-sign question
        // before answering. The column widens for long questions as far as the values allow.
        let labelColumn = labelColumn(form, width: w)
        let valueX = 2 + labelColumn + 2
        let labels = form.fields.map { $0.label.wrapped(width: labelColumn) } + [[""]]
        // A problem, or the focused field's hint or error when it does not fit beside its value:
        // whole, on the rows above the keys.
        var below = form.problem.map { ($0, Style.red) }
        if below == nil, form.fields.indices.contains(form.focus), let note = note(form.fields[form.focus], focused: true),
            !fitsBeside(form.fields[form.focus], note.0, valueX: valueX, width: w, focused: true)
        {
            below = note
        }
        let belowLines = below?.0.wrapped(width: w - 4) ?? []
        let extra = max(0, belowLines.count - 1)
        // Rows from under the title to above the problem lines and the keys.
        var rows = Rows(Rect(x: 2, y: 2, width: w - 4, height: h - 5 - extra))
        var intro = introText(form, width: w)
        let introRect = introArea(form, width: w, height: h)
        if introRect.height > 0 {
            intro.draw(in: introRect, offset: form.introScroll, keys: "PgDn", &grid)
            rows.skip(introRect.height + 1)
        }
        let fieldRows = max(1, rows.remaining)
        let first = firstShown(heights: labels.map(\.count), focus: form.focus, rows: fieldRows)
        var last = first - 1
        for i in first..<labels.count {
            guard let area = rows.take(labels[i].count) ?? (i == first ? rows.take(rows.remaining) : nil) else { break }
            last = i
            let y = area.y
            let focused = i == form.focus
            if i == form.fields.count {
                grid.put("[ \(form.submitLabel) ]", x: valueX, y: y, style: focused ? .selected : .bold)
                break
            }
            let f = form.fields[i]
            // Only a question taller than the whole screen (from a program file) is cut, and says so.
            for (row, line) in labels[i].prefix(area.height).enumerated() {
                let cut = row == area.height - 1 && labels[i].count > area.height
                grid.put(cut ? String(line.prefix(labelColumn - 1)) + "…" : line, x: 2, y: y + row, style: focused ? .bold : .normal)
            }
            let end = grid.put(shown(f, focused: focused), x: valueX, y: y, style: focused ? .selected : .normal, maxWidth: w - valueX - 1)
            // The focused field's note goes below when it does not fit; another's is cut here.
            if let note = note(f, focused: focused), !focused || fitsBeside(f, note.0, valueX: valueX, width: w, focused: true) {
                grid.putTruncated(note.0, x: end + 2, y: y, width: w - end - 3, style: note.1)
            }
        }
        for (i, line) in belowLines.enumerated() { grid.put(line, x: 2, y: h - 2 - extra + i, style: below?.1 ?? .normal) }
        // Fields above or below the ones shown: said on the blank row under them.
        if first > 0 || last < labels.count - 1 {
            let marker = first > 0 && last < labels.count - 1 ? "more ↑↓" : first > 0 ? "more ↑" : "more ↓"
            grid.put(marker + " · ↑↓ move", x: 2, y: h - 3 - extra, style: .accent)
        }
        grid.fill(Rect(x: 0, y: h - 1, width: w, height: 1), style: .selected)
        let keys = " " + form.keys.footer(fitting: w - 1)
        grid.putTruncated(
            grid.glyphs.ascii ? keys.replacingOccurrences(of: "↑↓", with: "up/dn").replacingOccurrences(of: "←→", with: "lt/rt") : keys,
            x: 0, y: h - 1, width: w, style: .selected)
    }

    /// A field's value as shown: a box, a choice, or what was typed (with a cursor when focused).
    static func shown(_ f: Form.Field, focused: Bool) -> String {
        switch f.kind {
        case .toggle: return f.isOn ? "[x] yes" : "[ ] no"
        case .choice: return "< \(f.value) >"
        default: return f.value + (focused ? "_" : "")
        }
    }

    /// What is said beside a field: its error (once something is typed, or while focused), else
    /// while focused its hint.
    static func note(_ f: Form.Field, focused: Bool) -> (String, Style)? {
        if let error = f.error, !f.value.isEmpty || focused { return (error, .red) }
        return focused && !f.hint.isEmpty ? (f.hint, .dim) : nil
    }

    static func fitsBeside(_ f: Form.Field, _ note: String, valueX: Int, width w: Int, focused: Bool) -> Bool {
        let end = valueX + min(shown(f, focused: focused).count, w - valueX - 1)
        return note.count <= w - end - 3
    }

    static func introText(_ form: Form, width w: Int) -> TextBlock {
        var text = TextBlock(width: w - 4)
        for paragraph in form.intro {
            if paragraph.isEmpty { text.blank() } else { text.add(paragraph, style: .dim) }
        }
        return text
    }

    /// Where the intro goes: whole when it fits above the fields, else the rows the fields can
    /// spare (it then scrolls), else none.
    static func introArea(_ form: Form, width w: Int, height h: Int) -> Rect {
        let text = introText(form, width: w)
        guard text.count > 0 else { return Rect(x: 2, y: 2, width: w - 4, height: 0) }
        let rows = h - 5
        let labelColumn = labelColumn(form, width: w)
        let heights = form.fields.map { $0.label.wrapped(width: labelColumn).count } + [1]
        // The fields keep room for the tallest one whole, and four rows (or all they need). On a
        // small screen where that leaves the intro no room, they keep room for the focused one:
        // the intro (the first run's disclaimer) stays readable, and yields to a taller question.
        func rowsLeft(keeping tallest: Int) -> Int { rows - 1 - min(heights.reduce(0, +), max(tallest, 4)) }
        var spare = rowsLeft(keeping: heights.max() ?? 1)
        if spare < 2 { spare = rowsLeft(keeping: heights[min(max(0, form.focus), heights.count - 1)]) }
        let height = text.count <= min(spare, h - 10) ? text.count : spare >= 2 ? spare : 0
        return Rect(x: 2, y: 2, width: w - 4, height: height)
    }

    static func labelColumn(_ form: Form, width w: Int) -> Int {
        let longest = form.fields.map(\.label.count).max() ?? 10
        let usual = min(min(24, max(10, longest)), w / 2 - 2)
        return longest > usual ? max(usual, min(longest, w - 4 - 2 - valueRoom)) : usual
    }

    /// Columns kept for a value beside a widened label ("2026-11-12_", "[ ] no").
    static let valueRoom = 20

    /// The first field shown: the focused one whole, with as many before it as half the rows
    /// allow, and no empty rows at the end when the fields before could fill them.
    static func firstShown(heights: [Int], focus: Int, rows: Int) -> Int {
        let focus = min(max(0, focus), heights.count - 1)
        var first = focus, used = heights[focus]
        while first > 0 && used + heights[first - 1] <= max(heights[focus], rows / 2) { first -= 1; used += heights[first] }
        var below = heights[(focus + 1)...].reduce(0, +)
        below = min(below, rows - used)
        while first > 0 && used + below + heights[first - 1] <= rows { first -= 1; used += heights[first] }
        return first
    }
}

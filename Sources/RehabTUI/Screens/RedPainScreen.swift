import RehabCore
import Terminal

extension Overlays {
    /// The program's advice for a pain in the red zone, in a red box over whatever is under it:
    /// every word wrapped, never cut; where it does not fit, ↑/↓ scroll it and the box says so.
    static func redPain(_ advice: RedPainAdvice, scroll: Int, footer: String, _ grid: inout CellGrid) {
        // Narrow terminals give the box every column: nothing of the screen under it shows at its sides.
        let width = grid.width < 60 ? grid.width : min(grid.width - 2, 72)
        let inner = width - 4
        var body: [(String, Style)] = []
        for (i, line) in advice.lines.enumerated() {
            if i > 0 { body.append(("", .normal)) }
            body += line.wrapped(width: inner).map { ($0, i == 0 ? .bold : .normal) }
        }
        // Title, a blank, the body, a blank, the footer, inside a border.
        func fixed(_ footer: [String]) -> Int { 2 + 2 + 1 + footer.count }
        var footerLines = footer.wrapped(width: inner)
        if body.count > grid.height - fixed(footerLines) { footerLines = (footer + " Up/down: scroll.").wrapped(width: inner) }
        let fixed = fixed(footerLines)
        let room = max(1, min(body.count, grid.height - fixed))
        let top = min(max(0, scroll), body.count - room)
        let height = room + fixed
        let rect = Rect(x: (grid.width - width) / 2, y: max(0, (grid.height - height) / 2), width: width, height: height)
        grid.fill(rect)
        grid.box(rect, style: .red)
        grid.putTruncated("STOP: pain in the red zone", x: rect.x + 2, y: rect.y + 1, width: inner, style: .red)
        for (i, (text, style)) in body[top..<(top + room)].enumerated() {
            grid.put(text, x: rect.x + 2, y: rect.y + 3 + i, style: style)
        }
        if room < body.count {
            let more = (top > 0 ? "↑" : "") + (top + room < body.count ? "↓" : "")
            let mark = grid.glyphs.ascii ? more.replacingOccurrences(of: "↑", with: "^").replacingOccurrences(of: "↓", with: "v") : more
            grid.put(" \(mark) more ", x: rect.x + width - 10, y: rect.maxY - 1, style: .red)
        }
        for (i, line) in footerLines.enumerated() {
            grid.put(line, x: rect.x + 2, y: rect.y + 4 + room + i, style: .dim)
        }
    }
}

import RehabCore
import Terminal

/// The frame shared by the main screens: title and tabs on top, keys and notices at the bottom.
/// It is handed plain values, so it knows nothing of the app that draws it.
enum Chrome {
    /// The title, then each tab numbered from 1 (the selected one stands out), and the day on
    /// the right where it fits.
    static func header(title: String, tabs: [String], selected: Int, day: Day, _ grid: inout CellGrid) {
        grid.fill(Rect(x: 0, y: 0, width: grid.width, height: 1), style: .selected)
        var x = grid.put(" \(title) ", x: 0, y: 0, style: .selected)
        for (i, tab) in tabs.enumerated() {
            x = grid.put(" \(i + 1) \(tab) ", x: x, y: 0, style: i == selected ? .title : .selected)
        }
        let date = "\(day.weekdayName) \(day.iso) "
        if grid.width - date.count > x + 1 { grid.put(date, x: grid.width - date.count, y: 0, style: .selected) }
    }

    /// The keys on the last row and, above them, a notice in `noticeStyle` when there is one.
    static func footer(_ keys: String, notice: String?, noticeStyle: Style, _ grid: inout CellGrid) {
        let y = grid.height - 1
        if let notice {
            // The notice owns its rows, whole: a screen must not show through after a short notice.
            let lines = noticeLines(notice, width: grid.width)
            let top = y - lines.count
            grid.fill(Rect(x: 0, y: top, width: grid.width, height: lines.count))
            for (i, line) in lines.enumerated() { grid.put(" " + line, x: 0, y: top + i, style: noticeStyle) }
        }
        grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), style: .selected)
        grid.putTruncated(" " + keys, x: 0, y: y, width: grid.width, style: .selected)
    }

    /// A notice wrapped to the screen, every word of it.
    static func noticeLines(_ notice: String?, width: Int) -> [String] {
        guard let notice else { return [] }
        return notice.wrapped(width: width - 2)
    }

    /// Asks for a terminal of at least `minimum`, in the middle of the one there is.
    /// Whether `grid` is at least `minimum`; if not, it asks for a larger terminal instead.
    static func fits(minimum: (width: Int, height: Int), _ grid: inout CellGrid) -> Bool {
        guard grid.width < minimum.width || grid.height < minimum.height else { return true }
        tooSmall(minimum: minimum, &grid)
        return false
    }

    private static func tooSmall(minimum: (width: Int, height: Int), _ grid: inout CellGrid) {
        let lines = ["Please enlarge", "the terminal", "to \(minimum.width)x\(minimum.height)", "(now \(grid.width)x\(grid.height))"]
        let top = max(0, (grid.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            grid.putTruncated(line, x: max(0, (grid.width - line.count) / 2), y: top + i, width: grid.width, style: i == 0 ? .bold : .normal)
        }
    }

    /// A zone as a mark that reads with or without colour.
    static func mark(_ zone: Zone?, ascii: Bool) -> (Character, Style) {
        switch zone {
        case .green?: return (ascii ? "G" : "●", .green)
        case .amber?: return (ascii ? "A" : "▲", .amber)
        case .red?: return (ascii ? "R" : "■", .red)
        case nil: return (ascii ? "." : "·", .dim)
        }
    }

    /// Word-wraps `text` to `width` columns.
    static func wrap(_ text: String, width: Int) -> [String] { text.wrapped(width: width) }
}

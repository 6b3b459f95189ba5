import RehabCore
import Terminal

/// Text a patient must read in full: it wraps to its width and, when taller than its area,
/// scrolls, with a last row that says there is more and how to see it. The one way screens and
/// boxes show sentences, so nothing is cut at any size.
struct TextBlock: Equatable {
    struct Line: Equatable {
        /// Drawn first in its own style (a key in help); continuation lines leave it blank.
        var lead = ""
        var leadStyle = Style.normal
        var text: String
        var style: Style
    }

    let width: Int
    private(set) var lines: [Line] = []

    init(width: Int) { self.width = max(1, width) }

    /// `text` wrapped to the width, after `lead` (padded to `leadWidth` columns); the lines after
    /// the first start under the first one's text.
    mutating func add(_ text: String, style: Style = .normal, lead: String = "", leadStyle: Style = .normal, leadWidth: Int? = nil) {
        let indent = max(leadWidth ?? lead.count, 0)
        let wrapped = text.wrapped(width: max(1, width - indent))
        for (i, line) in wrapped.enumerated() {
            let shownLead = i == 0 ? lead : ""
            lines.append(Line(lead: shownLead.padding(toLength: indent, withPad: " ", startingAt: 0), leadStyle: leadStyle, text: line, style: style))
        }
    }

    mutating func blank() { lines.append(Line(text: "", style: .normal)) }

    var count: Int { lines.count }

    /// The furthest line it can scroll to in `rows` rows: when it does not fit, one row is the marker.
    func maxOffset(rows: Int) -> Int { lines.count <= rows ? 0 : max(0, lines.count - max(1, rows - 1)) }

    /// Draws from line `offset` (kept within what exists) in `rect`. When the lines do not all fit,
    /// the last row says which way there is more, and that the arrows scroll.
    /// `keys`: the keys that scroll it there. `centred`: each line in the middle of the area.
    mutating func draw(in rect: Rect, offset: Int, keys: String = "↑↓", centred: Bool = false, _ grid: inout CellGrid) {
        guard rect.height > 0 else { return }
        let fits = lines.count <= rect.height
        let first = min(max(0, offset), maxOffset(rows: rect.height))
        let shown = fits ? rect.height : rect.height - 1
        for (i, line) in lines.dropFirst(first).prefix(shown).enumerated() {
            let indent = centred ? max(0, (rect.width - line.lead.count - line.text.count) / 2) : 0
            let x = grid.put(line.lead, x: rect.x + indent, y: rect.y + i, style: line.leadStyle, maxWidth: rect.width)
            grid.put(line.text, x: x, y: rect.y + i, style: line.style, maxWidth: rect.maxX - x)
        }
        guard !fits else { return }
        let below = first + shown < lines.count
        let marker = (below ? (first > 0 ? "more ↑↓" : "more ↓") : "more ↑") + " · \(keys) scroll"
        grid.put(marker, x: rect.x, y: rect.maxY - 1, style: .accent, maxWidth: rect.width)
    }
}

/// How a patient moves through text taller than the screen.
enum ScrollMove: Sendable, Equatable {
    case up, down, pageUp, pageDown

    /// The keys that scroll, the same wherever text scrolls.
    static func move(for key: Key) -> ScrollMove? {
        switch key {
        case .up, .char("k"): return .up
        case .down, .char("j"): return .down
        case .pageUp: return .pageUp
        case .pageDown, .char(" "): return .pageDown
        default: return nil
        }
    }

    /// `offset` moved, within 0...`limit`; a page keeps one line of the last in view.
    func apply(to offset: Int, limit: Int, rows: Int) -> Int {
        let page = max(1, rows - 2)
        let moved: Int
        switch self {
        case .up: moved = offset - 1
        case .down: moved = offset + 1
        case .pageUp: moved = offset - page
        case .pageDown: moved = offset + page
        }
        return min(max(0, moved), max(0, limit))
    }
}

/// A text block in its area from line `offset` (the keys that scroll it, whether each line is
/// centred): what a screen's frame holds of text that may scroll.
struct PlacedText: Equatable {
    var text: TextBlock
    var area: Rect
    var offset: Int
    var keys = "↑↓"
    var centred = false

    func draw(_ grid: inout CellGrid) {
        var text = text
        text.draw(in: area, offset: offset, keys: keys, centred: centred, &grid)
    }
}

/// One character cell: what is drawn and how.
public struct Cell: Equatable, Sendable {
    public var character: Character
    public var style: Style
    public init(_ character: Character = " ", _ style: Style = .normal) {
        self.character = character
        self.style = style
    }
}

/// A rectangle on screen, in cells.
public struct Rect: Equatable, Sendable {
    public var x, y, width, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
}

/// An in-memory screen. Screens draw into it; the terminal shows it, and tests read it as text.
/// Every write is clipped, so drawing never fails whatever the size.
public struct CellGrid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public let glyphs: Glyphs
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, glyphs: Glyphs = .unicode) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.glyphs = glyphs
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    /// What text shows in place of common symbols when only ASCII can be drawn.
    static let asciiFallback: [Character: Character] = [
        "·": ".", "•": "*", "…": "~", "←": "<", "→": ">", "↑": "^", "↓": "v", "✓": "x", "▶": ">",
        "●": "o", "▲": "^", "■": "#", "─": "-", "│": "|", "é": "e", "–": "-", "—": "-", "’": "'"
    ]

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { (0..<width).contains(x) && (0..<height).contains(y) ? cells[y * width + x] : Cell() }
        set { if (0..<width).contains(x) && (0..<height).contains(y) { cells[y * width + x] = newValue } }
    }

    /// Writes `text` from (x, y), cut at `maxWidth` cells and at the grid's edge.
    /// Returns the column after the last character written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .normal, maxWidth: Int? = nil) -> Int {
        guard (0..<height).contains(y) else { return x }
        let limit = min(width, maxWidth.map { x + $0 } ?? width)
        var column = x
        for character in text {
            if column >= limit { break }
            var shown: Character = character.isNewline ? " " : character
            if glyphs.ascii && !shown.isASCII { shown = Self.asciiFallback[shown] ?? "?" }
            if column >= 0 { self[column, y] = Cell(shown, style) }
            column += 1
        }
        return column
    }

    /// Writes `text` cut to `width` with "…" (or "~") when it does not fit.
    public mutating func putTruncated(_ text: String, x: Int, y: Int, width: Int, style: Style = .normal) {
        guard width > 0 else { return }
        if text.count <= width { put(text, x: x, y: y, style: style); return }
        let mark = glyphs.ascii ? "~" : "…"
        put(String(text.prefix(width - 1)) + mark, x: x, y: y, style: style)
    }

    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .normal) {
        for row in rect.y..<rect.maxY { for col in rect.x..<rect.maxX { self[col, row] = Cell(character, style) } }
    }

    /// The whole screen in reverse video for a moment: a cue seen from across a noisy room.
    public mutating func invert() {
        for i in cells.indices { cells[i].style = cells[i].style == .selected ? .normal : .selected }
    }

    public mutating func horizontalLine(y: Int, from x: Int, width: Int, style: Style = .dim) {
        for col in x..<(x + max(0, width)) { self[col, y] = Cell(glyphs.horizontal, style) }
    }

    /// A frame around `rect` with an optional title in its top edge.
    public mutating func box(_ rect: Rect, title: String? = nil, style: Style = .dim) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let g = glyphs
        for col in rect.x + 1..<rect.maxX - 1 {
            self[col, rect.y] = Cell(g.horizontal, style)
            self[col, rect.maxY - 1] = Cell(g.horizontal, style)
        }
        for row in rect.y + 1..<rect.maxY - 1 {
            self[rect.x, row] = Cell(g.vertical, style)
            self[rect.maxX - 1, row] = Cell(g.vertical, style)
        }
        self[rect.x, rect.y] = Cell(g.topLeft, style)
        self[rect.maxX - 1, rect.y] = Cell(g.topRight, style)
        self[rect.x, rect.maxY - 1] = Cell(g.bottomLeft, style)
        self[rect.maxX - 1, rect.maxY - 1] = Cell(g.bottomRight, style)
        if let title, rect.width > 4 {
            putTruncated(" \(title) ", x: rect.x + 2, y: rect.y, width: rect.width - 4, style: .title)
        }
    }

    /// A horizontal bar `fraction` full, drawn in eighths of a cell where Unicode allows.
    public mutating func bar(x: Int, y: Int, width: Int, fraction: Double, style: Style = .accent) {
        guard width > 0 else { return }
        let clamped = min(1, max(0, fraction.isFinite ? fraction : 0))
        let eighths = Int((clamped * Double(width * 8)).rounded(.down))
        for i in 0..<width {
            let filled = eighths - i * 8
            let character: Character
            if filled >= 8 {
                character = glyphs.full
            } else if filled > 0 && !glyphs.ascii {
                character = glyphs.eighths[filled]
            } else {
                character = glyphs.light
            }
            self[x + i, y] = Cell(character, filled > 0 ? style : .dim)
        }
    }

    /// Row `y` as text, trailing spaces removed.
    public func line(_ y: Int) -> String {
        guard (0..<height).contains(y) else { return "" }
        let row = cells[(y * width)..<(y * width + width)].map(\.character)
        var text = String(row)
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The whole grid as text, one line per row: what a patient would read.
    public var text: String { (0..<height).map(line).joined(separator: "\n") }

    public func contains(_ fragment: String) -> Bool { (0..<height).contains { line($0).contains(fragment) } }

    /// The style of the first cell of `fragment`, for tests that check emphasis.
    public func style(of fragment: String) -> Style? {
        for y in 0..<height {
            let row = line(y)
            if let range = row.range(of: fragment) {
                return self[row.distance(from: row.startIndex, to: range.lowerBound), y].style
            }
        }
        return nil
    }
}

extension CellGrid: CustomStringConvertible {
    /// The text, so a failed test shows the screen as the patient would see it.
    public var description: String { "\n" + text }
}

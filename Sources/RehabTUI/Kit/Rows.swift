import Terminal

/// Rows of an area handed out from the top, in the spirit of ratatui's `Layout`: a screen says
/// what goes next and how much room it must leave below, and gets nil when it does not fit. So a
/// small terminal drops the least important lines in one place, not through hand-kept `y += 1`.
struct Rows {
    let area: Rect
    /// The first row not handed out yet.
    private(set) var y: Int

    init(_ area: Rect, from top: Int? = nil) {
        self.area = area
        y = top ?? area.y
    }

    /// Rows left below the ones handed out.
    var remaining: Int { max(0, area.maxY - y) }

    /// The next `count` rows, if they fit with `keeping` rows still free below them.
    mutating func take(_ count: Int = 1, keeping reserve: Int = 0) -> Rect? {
        guard count > 0, y + count <= area.maxY - reserve else { return nil }
        defer { y += count }
        return Rect(x: area.x, y: y, width: area.width, height: count)
    }

    /// The next row whatever room is left (drawing clips it): for lines that were always drawn.
    mutating func next() -> Int {
        defer { y += 1 }
        return y
    }

    /// Leaves `count` blank rows.
    mutating func skip(_ count: Int = 1) { y += count }
}

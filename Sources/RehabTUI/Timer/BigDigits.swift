import Terminal

/// Digits five rows tall, so the countdown reads from across the room.
enum BigDigits {
    private static let font: [Character: [String]] = [
        "0": ["###", "# #", "# #", "# #", "###"], "1": [" # ", "## ", " # ", " # ", "###"],
        "2": ["###", "  #", "###", "#  ", "###"], "3": ["###", "  #", "###", "  #", "###"],
        "4": ["# #", "# #", "###", "  #", "  #"], "5": ["###", "#  ", "###", "  #", "###"],
        "6": ["###", "#  ", "###", "# #", "###"], "7": ["###", "  #", "  #", "  #", "  #"],
        "8": ["###", "# #", "###", "# #", "###"], "9": ["###", "# #", "###", "  #", "###"],
        ":": ["   ", " # ", "   ", " # ", "   "],
    ]
    static let height = 5

    static func width(_ text: String) -> Int { text.count * 4 - 1 }

    /// Draws `text` with its top-left at (x, y), each lit cell a full block.
    static func draw(_ text: String, x: Int, y: Int, style: Style, _ grid: inout CellGrid) {
        for (i, ch) in text.enumerated() {
            guard let rows = font[ch] else { continue }
            for (r, row) in rows.enumerated() {
                for (c, pixel) in row.enumerated() where pixel == "#" {
                    grid[x + i * 4 + c, y + r] = Cell(grid.glyphs.full, style)
                }
            }
        }
    }
}

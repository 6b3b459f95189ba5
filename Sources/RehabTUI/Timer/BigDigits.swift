import Terminal

/// Digits five pixels tall, each pixel `scale` rows high, so the countdown reads from across the
/// room and fills a large terminal as termdown does.
enum BigDigits {
    private static let font: [Character: [String]] = [
        "0": ["###", "# #", "# #", "# #", "###"], "1": [" # ", "## ", " # ", " # ", "###"],
        "2": ["###", "  #", "###", "#  ", "###"], "3": ["###", "  #", "###", "  #", "###"],
        "4": ["# #", "# #", "###", "  #", "  #"], "5": ["###", "#  ", "###", "  #", "###"],
        "6": ["###", "#  ", "###", "# #", "###"], "7": ["###", "  #", "  #", "  #", "  #"],
        "8": ["###", "# #", "###", "# #", "###"], "9": ["###", "# #", "###", "  #", "###"],
        ":": ["   ", " # ", "   ", " # ", "   "]
    ]
    static let pixelRows = 5

    static func height(scale: Int = 1) -> Int { pixelRows * scale }

    /// A pixel's width in columns: a cell is about twice as tall as wide, so larger digits get
    /// pixels nearer square.
    static func pixelWidth(scale: Int) -> Int { max(1, 2 * scale - 1) }

    static func width(_ text: String, scale: Int = 1) -> Int { text.count * 4 * pixelWidth(scale: scale) - pixelWidth(scale: scale) }

    /// The largest scale at which `text` fits in `width` x `height` cells (0: not even at 1).
    static func scale(for text: String, width: Int, height: Int) -> Int {
        var scale = 0
        while self.height(scale: scale + 1) <= height && self.width(text, scale: scale + 1) <= width { scale += 1 }
        return scale
    }

    /// Draws `text` with its top-left at (x, y), each lit pixel a block of full cells.
    static func draw(_ text: String, x: Int, y: Int, scale: Int = 1, style: Style, _ grid: inout CellGrid) {
        let pw = pixelWidth(scale: scale)
        for (i, ch) in text.enumerated() {
            guard let rows = font[ch] else { continue }
            for (r, row) in rows.enumerated() {
                for (c, pixel) in row.enumerated() where pixel == "#" {
                    grid.fill(Rect(x: x + (i * 4 + c) * pw, y: y + r * scale, width: pw, height: scale), with: grid.glyphs.full, style: style)
                }
            }
        }
    }
}

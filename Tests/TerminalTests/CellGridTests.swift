import Testing
@testable import Terminal

@Suite struct CellGridTests {
    @Test func textIsClippedAtTheEdgesNeverWrapped() {
        var grid = CellGrid(width: 10, height: 2)
        let end = grid.put("Hello, patient", x: 3, y: 0)
        #expect(grid.line(0) == "   Hello,")
        #expect(end == 10)
        grid.put("off screen", x: 0, y: 5)
        grid.put("left", x: -2, y: 1)
        #expect(grid.line(1) == "ft")
    }

    @Test func truncationShowsAnEllipsis() {
        var grid = CellGrid(width: 12, height: 1)
        grid.putTruncated("Static hip abduction", x: 0, y: 0, width: 8)
        #expect(grid.line(0) == "Static …")
        var ascii = CellGrid(width: 12, height: 1, glyphs: .plain)
        ascii.putTruncated("Static hip abduction", x: 0, y: 0, width: 8)
        #expect(ascii.line(0) == "Static ~")
    }

    @Test func boxesUseLineDrawingOrASCII() {
        var grid = CellGrid(width: 6, height: 3)
        grid.box(grid.bounds)
        #expect(grid.text == "┌────┐\n│    │\n└────┘")
        var ascii = CellGrid(width: 6, height: 3, glyphs: .plain)
        ascii.box(ascii.bounds)
        #expect(ascii.text == "+----+\n|    |\n+----+")
    }

    @Test func barsFillInEighths() {
        var grid = CellGrid(width: 4, height: 1)
        grid.bar(x: 0, y: 0, width: 4, fraction: 0.5)
        #expect(grid.line(0) == "██░░")
        grid.bar(x: 0, y: 0, width: 4, fraction: 0.125)
        #expect(grid.line(0) == "▌░░░")
        grid.bar(x: 0, y: 0, width: 4, fraction: .nan)
        #expect(grid.line(0) == "░░░░")
        grid.bar(x: 0, y: 0, width: 4, fraction: 7)
        #expect(grid.line(0) == "████")
    }

    @Test func styleOfFindsEmphasis() {
        var grid = CellGrid(width: 20, height: 1)
        grid.put("pain ", x: 0, y: 0)
        grid.put("red", x: 5, y: 0, style: .red)
        #expect(grid.style(of: "red") == .red)
        #expect(grid.style(of: "pain") == .normal)
    }

    @Test func everyStyleStillReadsWithoutColour() {
        // Zones and warnings must differ from plain text in monochrome.
        for style in [Style.amber, .red, .warning, .selected, .title] {
            let m = style.monochrome
            #expect(m.bold || m.reverse || m.underline, "\(style) looks like plain text without colour")
        }
    }

    @Test func keysMapFromTerminalCodes() {
        #expect(KeyMapping.character(10) == .enter)
        #expect(KeyMapping.character(13) == .enter)
        #expect(KeyMapping.character(27) == .escape)
        #expect(KeyMapping.character(127) == .backspace)
        #expect(KeyMapping.character(9) == .tab)
        #expect(KeyMapping.character(3) == .control("c"))
        #expect(KeyMapping.character(0x71) == .char("q"))
        #expect(KeyMapping.character(0xE9) == .char("é"))
        #expect(KeyMapping.character(0xD800) == nil)
    }
}

/// The characters used to draw lines, bars and marks, in Unicode or plain ASCII
/// (for terminals whose locale is not UTF-8).
public struct Glyphs: Sendable, Equatable {
    public let horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: Character
    public let full, light: Character
    /// Eighths of a cell, for smooth horizontal bars (index 1...7).
    public let eighths: [Character]
    /// Column heights 1/8 ... 8/8, for sparklines and vertical bars.
    public let levels: [Character]
    public let done, notDone, bullet, arrowRight, dot: Character
    public let ascii: Bool

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        full: "█", light: "░", eighths: [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"],
        levels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        done: "✓", notDone: "·", bullet: "•", arrowRight: "▶", dot: "·", ascii: false)

    public static let plain = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        full: "#", light: ".", eighths: [" ", " ", " ", " ", "#", "#", "#", "#"],
        levels: ["_", "_", ".", ".", "-", "-", "=", "#"],
        done: "x", notDone: ".", bullet: "*", arrowRight: ">", dot: ".", ascii: true)
}

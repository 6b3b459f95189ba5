import ArgumentParser
import Foundation
import RehabCore
import RehabStore

/// Every text line a command prints goes through here (it shadows `Swift.print` in this module):
/// a note or a program name could carry terminal escapes (ESC ] 52 sets the clipboard, ESC [ 2J
/// clears the screen), so control characters are shown escaped, as in error messages. JSON goes
/// out through `printJSON`, whose encoder already escapes them, byte for byte unchanged.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator)
    Swift.print(text.escapingControls(keepingLines: true, keepingTabs: true), terminator: terminator)
}

func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}

/// Rows of text in columns, each as wide as its widest cell, two spaces apart: the widths are
/// worked out here once, so a header row always lines up with the rows under it.
func alignedColumns(_ rows: [[String]]) -> [String] {
    var widths: [Int] = []
    for row in rows {
        for (i, cell) in row.enumerated() {
            if i < widths.count { widths[i] = max(widths[i], cell.count) } else { widths.append(cell.count) }
        }
    }
    return rows.map { row in
        var line = row.enumerated().map { i, cell in cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
            .joined(separator: "  ")
        while line.last == " " { line.removeLast() }
        return line
    }
}

func warn(_ message: String) {
    FileHandle.standardError.write(Data("rehab: note: \(message.escapingControls())\n".utf8))
}

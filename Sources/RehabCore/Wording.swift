/// How numbers and longer texts read to a patient, on any screen or in any command's output.
extension Double {
    /// "12.5", or "12" for a whole number.
    public var compact: String { self == rounded() && abs(self) < 1e12 ? String(Int(self)) : String(self) }
}

extension String {
    /// The text in lines of at most `width` columns, broken between words (a word longer than a
    /// line is cut). An empty text is one empty line.
    public func wrapped(width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = [], line = ""
        for word in split(separator: " ", omittingEmptySubsequences: true) {
            if line.isEmpty { line = String(word) }
            else if line.count + 1 + word.count <= width { line += " " + word }
            else { lines.append(line); line = String(word) }
            while line.count > width { lines.append(String(line.prefix(width))); line = String(line.dropFirst(width)) }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}

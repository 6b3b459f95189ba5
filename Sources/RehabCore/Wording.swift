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
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line); line = String(word)
            }
            while line.count > width { lines.append(String(line.prefix(width))); line = String(line.dropFirst(width)) }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}

extension String {
    /// Control characters (from a typed value, a file name, a program file) shown escaped, so a
    /// message is one line and cannot move the cursor, recolour the terminal or reverse the text.
    public func escapingControls(keepingLines: Bool = false, keepingTabs: Bool = false) -> String {
        var out = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n" where keepingLines: out.unicodeScalars.append(scalar)
            case "\t" where keepingTabs: out.unicodeScalars.append(scalar)
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let v = scalar.value
                let unsafe =
                    scalar.properties.generalCategory == .control  // C0, DEL and C1 (ESC, NEL)
                    || v == 0x2028 || v == 0x2029  // line and paragraph separators
                    || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)  // bidi overrides
                if unsafe { out += "\\u{\(String(v, radix: 16, uppercase: true))}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}

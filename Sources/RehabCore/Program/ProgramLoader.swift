import Foundation

/// A program file that cannot be used, with where the problem is and what was expected.
public struct ProgramError: Error, Equatable, CustomStringConvertible, Sendable {
    /// "line 12, column 5" or a field path such as "phases[0].exercises[2].sets".
    public let location: String
    public let problem: String
    public var description: String { "\(location): \(problem)" }

    /// Both parts may quote the file (an id, a key, a value): they are kept to one short line.
    init(location: String, problem: String) {
        self.location = Self.shortLine(location, limit: 120)
        self.problem = Self.shortLine(problem, limit: 240)
    }

    static func shortLine(_ text: String, limit: Int) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.properties.generalCategory == .control || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out.count > limit ? String(out.prefix(limit - 3)) + "..." : out
    }
}

/// Reads program files: JSON with `//` and `/* */` comments and trailing commas allowed.
public enum ProgramLoader {
    public static func load(_ data: Data) throws(ProgramError) -> Program {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ProgramError(location: "file", problem: "is not UTF-8 text")
        }
        if let open = unclosedComment(in: text) {
            throw ProgramError(location: "line \(open.line), column \(open.column)", problem: ProgramLoader.unclosedCommentProblem)
        }
        let plain = Data(stripComments(text).utf8)
        let program: Program
        do {
            program = try JSONDecoder().decode(Program.self, from: plain)
        } catch let error as DecodingError {
            // JSONSerialization reports the character offset of a syntax error; JSONDecoder does not.
            // It is slow, so it only runs once decoding has failed.
            do {
                _ = try JSONSerialization.jsonObject(with: plain)
            } catch {
                throw ProgramError(location: syntaxLocation(of: error, in: text), problem: "not valid JSON (a missing comma, quote or bracket?)")
            }
            throw describe(error)
        } catch {
            throw ProgramError(location: "file", problem: "could not be read")
        }
        try ProgramValidator.validate(program)
        return program
    }

    static let unclosedCommentProblem = "a /* comment starts here and is never closed with */"

    /// The text of the program shipped with rehab: Resources/default-program.json, compiled in
    /// at build time (Plugins/EmbedFiles), so an installed binary needs no file beside it.
    /// Never nil; optional so that callers written for a file on disk keep working.
    public static func defaultProgramText() -> String? { EmbeddedDefaultProgram.text }

    /// The program shipped with rehab.
    public static func defaultProgram() -> Program { builtIn }

    private static let builtIn: Program = {
        guard let text = defaultProgramText(), let program = try? load(Data(text.utf8)) else {
            fatalError("the built-in default program is missing or invalid; reinstall rehab")
        }
        return program
    }()

    /// Blanks out comments and trailing commas, keeping every other character at its offset so
    /// that error positions still point at the user's line.
    /// Blanks out `//` and `/* */` comments and trailing commas, byte for byte, so every offset
    /// (and so every line and column in an error) stays where it was in the file.
    static func stripComments(_ text: String) -> String { blankComments(text).text }

    /// Where a `/*` that is never closed starts, as "line L, column C": the rest of the file would
    /// silently vanish into it (after the closing } it even left a valid-looking program).
    static func unclosedComment(in text: String) -> JSONTree.Position? {
        guard let offset = blankComments(text).unclosedCommentAt else { return nil }
        var line = 1, column = 1
        for byte in text.utf8.prefix(offset) {
            if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return JSONTree.Position(line: line, column: column)
    }

    private static func blankComments(_ text: String) -> (text: String, unclosedCommentAt: Int?) {
        var unclosed: Int?
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), slash = UInt8(ascii: "/"),
            star = UInt8(ascii: "*"), newline = UInt8(ascii: "\n"), space = UInt8(ascii: " "), comma = UInt8(ascii: ",")
        var out = Array(text.utf8)
        var i = 0
        var inString = false
        while i < out.count {
            let c = out[i]
            if inString {
                if c == backslash { i += 2; continue }
                if c == quote { inString = false }
                i += 1
                continue
            }
            if c == quote { inString = true; i += 1; continue }
            if c == slash, i + 1 < out.count, out[i + 1] == slash {
                while i < out.count, out[i] != newline { out[i] = space; i += 1 }
                continue
            }
            if c == slash, i + 1 < out.count, out[i + 1] == star {
                let opening = i
                while i < out.count, !(out[i] == star && i + 1 < out.count && out[i + 1] == slash) {
                    if out[i] != newline { out[i] = space }
                    i += 1
                }
                if i >= out.count { unclosed = opening }
                if i < out.count { out[i] = space }
                if i + 1 < out.count { out[i + 1] = space }
                i += 2
                continue
            }
            i += 1
        }
        // Trailing commas: a comma followed only by blanks before a closing bracket.
        var j = 0
        inString = false
        while j < out.count {
            let c = out[j]
            if inString {
                if c == backslash { j += 2; continue }
                if c == quote { inString = false }
            } else if c == quote {
                inString = true
            } else if c == comma {
                var k = j + 1
                while k < out.count, [space, newline, UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(out[k]) { k += 1 }
                if k < out.count, out[k] == UInt8(ascii: "}") || out[k] == UInt8(ascii: "]") { out[j] = space }
            }
            j += 1
        }
        return (String(decoding: out, as: UTF8.self), unclosed)
    }

    static func syntaxLocation(of error: Error, in text: String) -> String {
        let message = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        guard let range = message.range(of: "character "),
              let offset = Int(message[range.upperBound...].prefix { $0.isNumber }) else { return "file" }
        var line = 1, column = 1
        for (index, byte) in text.utf8.enumerated() {
            if index >= offset { break }
            if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
        }
        return "line \(line), column \(column)"
    }

    static func path(_ codingPath: [CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text.isEmpty ? "top level" : text
    }

    static func describe(_ error: DecodingError) -> ProgramError {
        switch error {
        case .keyNotFound(let key, let context):
            return ProgramError(location: path(context.codingPath + [key]), problem: "is missing")
        case .typeMismatch(let type, let context):
            return ProgramError(location: path(context.codingPath), problem: "expected \(expected(type))")
        case .valueNotFound(let type, let context):
            return ProgramError(location: path(context.codingPath), problem: "expected \(expected(type)), found null")
        case .dataCorrupted(let context):
            return ProgramError(location: path(context.codingPath), problem: context.debugDescription)
        @unknown default:
            return ProgramError(location: "file", problem: "could not be read")
        }
    }

    private static func expected(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is String.Type: return "text in quotes"
        case is Bool.Type: return "true or false"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "a list [ ... ]" }
            return "an object { ... }"
        }
    }
}

import Foundation

/// Reads program files: JSON with `//` and `/* */` comments and trailing commas allowed.
public enum ProgramLoader {
    /// The program in a file, or the file's first problem (top to bottom), with its line: the
    /// same checks as `check`, which lists them all.
    public static func load(_ data: Data, alreadyAdopted: Bool = false) throws(JSONIssue) -> Program {
        let checked = check(data, alreadyAdopted: alreadyAdopted)
        if let program = checked.program { return program }
        throw checked.issues.first ?? JSONIssue(line: nil, path: nil, problem: "could not be read")
    }

    /// A program file is a few dozen kilobytes (the default one about 15 KB); a file far larger is
    /// not one, and is refused before it is read or parsed.
    public static let maxFileBytes = 1024 * 1024

    static let unclosedCommentProblem = "a /* comment starts here and is never closed with */"

    /// The text of the default program shipped with rehab: Resources/default-program.json, compiled
    /// in at build time (Plugins/EmbedFiles), so an installed binary needs no file beside it.
    /// Never nil; optional so that callers written for a file on disk keep working.
    public static func defaultProgramText() -> String? { BuiltInPrograms.standard.text }

    /// The default program shipped with rehab (`BuiltInPrograms` lists the others).
    public static func defaultProgram() -> Program { BuiltInPrograms.standard.program }

    /// The command-line name of the default built-in program where a program file is expected
    /// (`rehab program use default --from DAY`); a file of that name is given as `./default`.
    /// The other built-in programs are named by their ids (`BuiltInPrograms`).
    public static let defaultProgramName = "default"

    /// The built-in program when `program` is an older version of it, else nil: a patient on it
    /// keeps it (their days stay judged by it) until they choose to switch from a day.
    public static func revisedDefault(for program: Program) -> Program? {
        program.id == builtIn.id && program.version < builtIn.version ? builtIn : nil
    }

    /// How to switch to the built-in program, for the notices about a revised one.
    public static let switchToDefault = "rehab program use \(defaultProgramName) --from DAY"

    private static var builtIn: Program { defaultProgram() }

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
                while k < out.count, out[k] == space || out[k] == newline || out[k] == UInt8(ascii: "\t") || out[k] == UInt8(ascii: "\r") { k += 1 }
                if k < out.count, out[k] == UInt8(ascii: "}") || out[k] == UInt8(ascii: "]") { out[j] = space }
            }
            j += 1
        }
        return (String(decoding: out, as: UTF8.self), unclosed)
    }
}

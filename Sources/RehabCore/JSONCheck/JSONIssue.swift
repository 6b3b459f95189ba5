import Foundation

/// One problem in a JSON file a person wrote or handed over (a program file, an export): where
/// it is (line, column, the field path when there is one) and what is wrong there. Every check of
/// such a file, from the syntax to the meaning of its numbers, reports in this one form.
public struct JSONIssue: Error, Equatable, Sendable, CustomStringConvertible {
    public let line: Int?
    public let column: Int?
    /// A field path such as `phases[0].exercises[2].sets`; nil for a syntax error.
    public let path: String?
    public let problem: String
    /// A list longer than the reader takes: the file is too large rather than wrong.
    public var isTooLarge = false

    public init(line: Int?, column: Int? = nil, path: String?, problem: String, isTooLarge: Bool = false) {
        // Paths and problems can quote the file (a key, a value): each issue stays one short line.
        self.line = line; self.column = column
        self.path = path.map { Self.shortLine($0, limit: 120) }
        self.problem = Self.shortLine(problem, limit: 240)
        self.isTooLarge = isTooLarge
    }

    /// Control characters shown escaped, and at most `limit` characters.
    static func shortLine(_ text: String, limit: Int) -> String {
        let out = text.escapingControls()
        return out.count > limit ? String(out.prefix(limit - 3)) + "..." : out
    }

    /// "line 12 (phases[0].exercises[2].sets)", "line 4, column 3" or a bare field path.
    public var location: String {
        var text = line.map { "line \($0)" + (column.map { ", column \($0)" } ?? "") } ?? ""
        if let path { text += text.isEmpty ? path : " (\(path))" }
        return text.isEmpty ? "file" : text
    }

    public var description: String { "\(location): \(problem)" }

    /// The same issue on the line of its field (or of the nearest enclosing one that is in the file).
    func located(in tree: JSONTree) -> JSONIssue {
        JSONIssue(line: tree.nearestNode(at: path ?? "").position.line, path: path, problem: problem, isTooLarge: isTooLarge)
    }

    /// What a decoder could not read, on the line of its field in `tree`.
    init(_ error: DecodingError, in tree: JSONTree) {
        func issue(_ codingPath: [CodingKey], _ problem: String) -> JSONIssue {
            let at = Self.path(codingPath)
            return JSONIssue(line: nil, path: at.isEmpty ? nil : at, problem: problem).located(in: tree)
        }
        switch error {
        case .keyNotFound(let key, let context): self = issue(context.codingPath + [key], "is missing")
        case .typeMismatch(let type, let context): self = issue(context.codingPath, "expected \(Self.expected(type))")
        case .valueNotFound(let type, let context): self = issue(context.codingPath, "expected \(Self.expected(type)), found null")
        case .dataCorrupted(let context): self = issue(context.codingPath, context.debugDescription)
        @unknown default: self = issue([], "could not be read")
        }
    }

    /// `phases[0].exercises[2].sets`, the form every issue names a field in.
    static func path(_ codingPath: [CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text
    }

    private static func expected(_ type: Any.Type) -> String {
        switch type {
        case is any FixedWidthInteger.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is String.Type, is Day.Type: return "text in quotes"
        case is Bool.Type: return "true or false"
        default: return "\(type)".hasPrefix("Array") ? "a list [ ... ]" : "an object { ... }"
        }
    }
}

/// Checks a JSON data file (a rehab export) before JSONDecoder reads it, for what the decoder
/// either accepts silently (a repeated key: the first wins; a NUL inside text: the rest is lost)
/// or reports without saying where ("The given data was not valid JSON." for 8.5 where a whole
/// number belongs, 2^63, 1e400 or a byte that is not UTF-8).
public enum JSONFileCheck {
    /// What the file's schema says, beyond plain JSON.
    public struct Rules: Sendable {
        /// Keys whose value must be a whole number (anywhere in the file).
        public var wholeNumberKeys: Set<String>
        /// Keys whose value must be one of a few words: by path without list indices
        /// ("enrolment.side"), else by key anywhere ("side").
        public var choices: [String: [String]]
        /// The most items a single list may hold.
        public var maxListItems: Int

        public init(wholeNumberKeys: Set<String>, choices: [String: [String]], maxListItems: Int) {
            self.wholeNumberKeys = wholeNumberKeys; self.choices = choices; self.maxListItems = maxListItems
        }
    }

    /// One problem, with its line and the field path (`exercises[3].side`) when there is one.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public var column: Int?
        public let path: String?
        public let problem: String
        /// A list longer than `Rules.maxListItems`: the file is too large rather than wrong.
        public var isTooLarge = false
        public var description: String {
            "line \(line)" + (column.map { ", column \($0)" } ?? "") + (path.map { " (\($0))" } ?? "") + ": " + problem
        }
    }

    /// The first problem found, top to bottom; nil when the decoder can be trusted with the file.
    public static func firstProblem(in bytes: [UInt8], rules: Rules) -> Problem? {
        if let line = firstNonUTF8Line(bytes) {
            return Problem(line: line, path: nil, problem: "the file is not UTF-8 text here; save it as UTF-8")
        }
        let tree: JSONTree
        do { tree = try JSONTree(parsing: String(decoding: bytes, as: UTF8.self)) } catch {
            return Problem(line: error.position.line, column: error.position.column, path: nil, problem: "expected \(error.expected)")
        }
        var walker = Walker(rules: rules)
        walker.visit(tree.root, path: "", key: nil)
        return walker.problem
    }

    /// The line of the first byte sequence that is not UTF-8.
    static func firstNonUTF8Line(_ bytes: [UInt8]) -> Int? {
        var line = 1
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): if scalar == "\n" { line += 1 }
            case .emptyInput: return nil
            case .error: return line
            }
        }
    }

    private struct Walker {
        let rules: Rules
        var problem: Problem?

        mutating func fail(_ node: JSONTree.Node, _ path: String, _ text: String, tooLarge: Bool = false) {
            if problem == nil {
                problem = Problem(line: node.position.line, path: path.isEmpty ? nil : path, problem: text, isTooLarge: tooLarge)
            }
        }

        mutating func visit(_ node: JSONTree.Node, path: String, key: String?) {
            guard problem == nil else { return }
            if let key, rules.wholeNumberKeys.contains(key), !Self.mayHoldWholeNumber(node.value) {
                return fail(node, path, "must be a whole number, not \(Self.describe(node.value))")
            }
            switch node.value {
            case .object(let members):
                var seen = Set<String>()
                for m in members {
                    let at = path.isEmpty ? m.key : path + "." + m.key
                    if !seen.insert(m.key).inserted {
                        fail(JSONTree.Node(value: .null, position: m.keyPosition), at, "appears twice in the same object; keep one")
                        return
                    }
                    let allowed = rules.choices[Self.withoutIndices(at)] ?? rules.choices[m.key]
                    if let allowed, case .text(let word) = m.node.value, !allowed.contains(word) {
                        fail(m.node, at, "must be \(Self.either(allowed)), not \"\(word)\"")
                    }
                    visit(m.node, path: at, key: m.key)
                }
            case .list(let items):
                if items.count > rules.maxListItems {
                    return fail(node, path, "lists \(items.count) items; rehab imports at most \(rules.maxListItems) in one list", tooLarge: true)
                }
                for (i, item) in items.enumerated() { visit(item, path: path + "[\(i)]", key: key) }
            case .text(let text):
                // SQLite and C strings end at a NUL: the note would be cut short without a word.
                if text.utf8.contains(0) { fail(node, path, "holds a NUL character (\\u0000), which rehab does not store") }
            case .number(let value, _):
                guard let key, rules.wholeNumberKeys.contains(key) else { return }
                // Whole numbers are counted in 64 bits; beyond 2^53 a Double no longer says which one was written.
                if abs(value) >= 9_007_199_254_740_992 { fail(node, path, "must be a whole number; this one is too large") }
                else if value != value.rounded() { fail(node, path, "must be a whole number, not \(value)") }
            case .flag, .null:
                return
            }
        }

        /// A number, null for a value left out, or a list whose items are judged one by one.
        static func mayHoldWholeNumber(_ value: JSONTree.Value) -> Bool {
            switch value { case .number, .list, .null: return true; default: return false }
        }

        static func describe(_ value: JSONTree.Value) -> String {
            switch value {
            case .text(let t): return "text \"\(t.count > 30 ? String(t.prefix(30)) + "..." : t)\""
            case .flag(let b): return b ? "true" : "false"
            case .object: return "an object { ... }"
            case .list: return "a list [ ... ]"
            case .number, .null: return "a number"
            }
        }

        /// "exercises[3].side" -> "exercises.side".
        static func withoutIndices(_ path: String) -> String {
            var out = "", inIndex = false
            for c in path {
                if c == "[" { inIndex = true } else if c == "]" { inIndex = false } else if !inIndex { out.append(c) }
            }
            return out
        }

        static func either(_ words: [String]) -> String {
            let quoted = words.map { "\"\($0)\"" }
            return quoted.count <= 1 ? quoted.joined() : quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
        }
    }
}

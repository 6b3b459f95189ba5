import Foundation

/// One problem in a program file: where it is (line, and the field path when there is one) and
/// what was expected there.
public struct ProgramIssue: Error, Equatable, Sendable, CustomStringConvertible {
    public let line: Int?
    public let column: Int?
    /// A field path such as `phases[0].exercises[2].sets`; nil for a syntax error.
    public let path: String?
    public let problem: String

    public init(line: Int?, column: Int? = nil, path: String?, problem: String) {
        // Paths and problems can quote the file (a key, a value): each issue stays one short line.
        self.line = line; self.column = column
        self.path = path.map { Self.shortLine($0, limit: 120) }
        self.problem = Self.shortLine(problem, limit: 240)
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
}

/// The outcome of checking a program file: the program when it is usable, and every problem found.
public struct ProgramCheck: Sendable {
    public let program: Program?
    public let issues: [ProgramIssue]
    /// Things to look at again that do not stop the program being used.
    public var warnings: [ProgramIssue] = []
    public var isValid: Bool { issues.isEmpty && program != nil }
}

extension ProgramLoader {
    /// Checks a program file thoroughly: a syntax error with its line and column, else every
    /// structural problem (missing, unknown or mistyped fields), else every rule the numbers break,
    /// each with its line and field path. A program `alreadyAdopted` (saved in a patient's data)
    /// is not held to the rules that came after it (`ProgramValidator.adoptionProblems`).
    public static func check(_ data: Data, alreadyAdopted: Bool = false) -> ProgramCheck {
        if data.count > maxFileBytes {
            return ProgramCheck(program: nil, issues: [ProgramIssue(line: nil, path: nil, problem: "the file is \(data.count / 1024) KB; a program file is at most \(maxFileBytes / 1024) KB")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return ProgramCheck(program: nil, issues: [ProgramIssue(line: nil, path: nil, problem: "the file is not UTF-8 text; save it as UTF-8")])
        }
        if let open = unclosedComment(in: text) {
            return ProgramCheck(program: nil, issues: [ProgramIssue(line: open.line, column: open.column, path: nil, problem: unclosedCommentProblem)])
        }
        let plain = stripComments(text)
        let tree: JSONTree
        do {
            tree = try JSONTree(parsing: plain)
        } catch {
            return ProgramCheck(program: nil, issues: [ProgramIssue(line: error.position.line, column: error.position.column,
                                                                    path: nil, problem: "expected \(error.expected)")])
        }
        var shapeIssues: [ProgramIssue] = []
        ShapeWalker.check(tree.root, against: .object(ProgramSchema.program), path: "", into: &shapeIssues)
        if !shapeIssues.isEmpty { return ProgramCheck(program: nil, issues: byLine(shapeIssues)) }

        let program: Program
        do {
            program = try TreeDecoder(tree.root).decode(Program.self)
        } catch let error as DecodingError {
            return ProgramCheck(program: nil, issues: [onItsLine(describe(error), in: tree)])
        } catch {
            return ProgramCheck(program: nil, issues: [ProgramIssue(line: nil, path: nil, problem: "could not be read")])
        }
        let found = ProgramValidator.problems(program) + (alreadyAdopted ? [] : ProgramValidator.adoptionProblems(program))
        let problems = byLine(found.map { onItsLine($0, in: tree) })
        return ProgramCheck(program: problems.isEmpty ? program : nil, issues: problems,
                            warnings: byLine(ProgramValidator.warnings(program).map { onItsLine($0, in: tree) }))
    }

    /// Top to bottom, the order a clinician edits in; problems on one line keep their order.
    private static func byLine(_ issues: [ProgramIssue]) -> [ProgramIssue] {
        issues.enumerated().sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }.map(\.element)
    }

    /// The issue with the line of its field (or of the nearest enclosing one that is in the file).
    private static func onItsLine(_ issue: ProgramIssue, in tree: JSONTree) -> ProgramIssue {
        ProgramIssue(line: tree.nearestNode(at: issue.path ?? "").position.line, path: issue.path, problem: issue.problem)
    }
}

/// Walks a parsed file against `ProgramSchema`, collecting every mismatch.
private enum ShapeWalker {
    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    static func check(_ node: JSONTree.Node, against shape: FieldShape, path: String, into issues: inout [ProgramIssue]) {
        func fail(_ problem: String) {
            issues.append(ProgramIssue(line: node.position.line, path: path.isEmpty ? nil : path, problem: problem))
        }
        switch (shape, node.value) {
        case (.wholeNumber, .number(let v, _)) where v == v.rounded() && abs(v) < 1e15: return
        // 2^62 would print as "4.6e+18", which is not what the clinician wrote.
        case (.wholeNumber, .number(let v, _)) where abs(v) >= 1e15: fail("expected a whole number of a sensible size, found a number too large")
        case (.wholeNumber, .number(let v, _)): fail("expected a whole number, found \(v)")
        case (.number, .number): return
        case (.text, .text): return
        case (.fraction, .number(let v, _)) where Share(value: v) != nil: return
        case (.fraction, .text(let t)) where Share(text: t) != nil: return
        case (.fraction, .number), (.fraction, .text): fail("expected \(shape.expected), found \(describe(node.value))")
        case (.flag, .flag): return
        case (.choice(let options), .text(let t)):
            if !options.contains(t) { fail("expected \(shape.expected); found \"\(t)\"" + suggestion(t, options)) }
        case (.list(let item), .list(let nodes)):
            for (i, n) in nodes.enumerated() { check(n, against: item, path: path + "[\(i)]", into: &issues) }
        case (.object(let o), .object(let members)):
            checkObject(o, members, at: node, path: path, into: &issues)
        default:
            fail("expected \(shape.expected), found \(describe(node.value))")
        }
    }

    static func checkObject(_ shape: ObjectShape, _ members: [JSONTree.Member], at node: JSONTree.Node, path: String,
                            into issues: inout [ProgramIssue]) {
        var variant: String?
        if let key = shape.variantKey, case .text(let t)? = members.last(where: { $0.key == key })?.node.value { variant = t }
        let fields = shape.fields(forVariant: variant)
        // With a missing or unknown criterion type (reported on its own) the other fields cannot be judged.
        let variantKnown = shape.variantKey == nil || shape.variants.contains { $0.name == variant }
        var seen = Set<String>()
        for m in members {
            let fieldPath = join(path, m.key)
            if !seen.insert(m.key).inserted {
                issues.append(ProgramIssue(line: m.keyPosition.line, path: fieldPath, problem: "appears twice in \(shape.what); keep one"))
                continue
            }
            guard let spec = fields.first(where: { $0.name == m.key }) else {
                guard variantKnown else { continue }
                let names = fields.map(\.name)
                issues.append(ProgramIssue(line: m.keyPosition.line, path: fieldPath,
                    problem: "is not a field of \(shape.what)\(suggestion(m.key, names)); expected one of \(names.joined(separator: ", "))"))
                continue
            }
            if !spec.required, case .null = m.node.value { continue }
            check(m.node, against: spec.shape, path: fieldPath, into: &issues)
        }
        for spec in fields where spec.required && !seen.contains(spec.name) {
            issues.append(ProgramIssue(line: node.position.line, path: join(path, spec.name),
                                       problem: "is missing from \(shape.what) that starts here; expected \(spec.shape.expected)"))
        }
    }

    static func describe(_ value: JSONTree.Value) -> String {
        switch value {
        case .object: return "an object { ... }"
        case .list: return "a list [ ... ]"
        case .text(let t): return "text \"\(t.count > 30 ? String(t.prefix(30)) + "..." : t)\""
        case .number(let v, _) where abs(v) >= 1e15: return "a number too large"
        case .number(let v, _): return v == v.rounded() ? "the number \(Int(v))" : "the number \(v)"
        case .flag(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }

    /// ", did you mean \"restSeconds\"?" for a near miss.
    static func suggestion(_ word: String, _ options: [String]) -> String {
        let scored = options.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, word.count / 3) else { return "" }
        return " (did you mean \"\(best.0)\"?)"
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

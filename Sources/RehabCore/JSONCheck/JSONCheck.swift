/// The one check of a JSON file before a decoder reads it: the bytes, the syntax, then every value
/// against the file's `FieldShape`, each problem with its line and field path. A decoder alone
/// either accepts silently what must be refused (a repeated key: one wins; a NUL inside text: the
/// rest is lost) or reports without saying where ("The given data was not valid JSON." for 8.5
/// where a whole number belongs, 2^63, 1e400 or a byte that is not UTF-8).
public enum JSONCheck {
    /// The parsed file, or its first problem: a byte that is not UTF-8, else a syntax error.
    /// `prepare` turns the text into strict JSON first without moving any character (a program
    /// file's comments and trailing commas blanked out).
    static func parse(_ bytes: [UInt8], prepare: (String) throws(JSONIssue) -> String = { $0 }) throws(JSONIssue) -> JSONTree {
        if let line = firstNonUTF8Line(bytes) {
            throw JSONIssue(line: line, path: nil, problem: "the file is not UTF-8 text here; save it as UTF-8")
        }
        return try JSONTree(parsing: try prepare(String(decoding: bytes, as: UTF8.self)))
    }

    /// Every value that does not have its shape, top to bottom within an object (a field missing
    /// from an object after the object's own fields). No list may hold more than `maxListItems`.
    static func issues(in tree: JSONTree, against shape: FieldShape, maxListItems: Int = .max) -> [JSONIssue] {
        var walker = Walker(maxListItems: maxListItems)
        walker.check(tree.root, against: shape, path: "")
        return walker.issues
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
}

private struct Walker {
    let maxListItems: Int
    var issues: [JSONIssue] = []

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    mutating func check(_ node: JSONTree.Node, against shape: FieldShape, path: String) {
        func fail(_ problem: String, tooLarge: Bool = false) {
            issues.append(JSONIssue(line: node.position.line, path: path.isEmpty ? nil : path, problem: problem, isTooLarge: tooLarge))
        }
        // SQLite and C strings end at a NUL: the text would be cut short without a word.
        if case .text(let t) = node.value, t.utf8.contains(0) { return fail("holds a NUL character (\\u0000), which rehab does not store") }
        if case .list(let items) = node.value, items.count > maxListItems {
            return fail("lists \(items.count) items; rehab imports at most \(maxListItems) in one list", tooLarge: true)
        }
        switch (shape, node.value) {
        case (.open(let open), .object(let members)): checkObject(nil, open, members, at: node, path: path)
        case (.open, .list(let items)):
            for (i, n) in items.enumerated() { check(n, against: shape, path: path + "[\(i)]") }
        case (.open, _): return
        case (.wholeNumber, .number(let v, _)) where v == v.rounded() && abs(v) < 1e15: return
        // 2^62 would print as "4.6e+18", which is not what was written.
        case (.wholeNumber, .number(let v, _)) where abs(v) >= 1e15: fail("expected a whole number of a sensible size, found a number too large")
        case (.wholeNumber, .number(let v, _)): fail("expected a whole number, found \(v)")
        case (.number, .number): return
        case (.text, .text): return
        case (.fraction, .number(let v, _)) where Share(value: v) != nil: return
        case (.fraction, .text(let t)) where Share(text: t) != nil: return
        case (.flag, .flag): return
        case (.choice(let options), .text(let t)):
            if !options.contains(t) { fail("expected \(shape.expected); found \"\(t)\"" + Self.suggestion(t, options)) }
        case (.list(let item), .list(let nodes)):
            for (i, n) in nodes.enumerated() { check(n, against: item, path: path + "[\(i)]") }
        case (.object(let o), .object(let members)):
            checkObject(o, nil, members, at: node, path: path)
        default:
            fail("expected \(shape.expected), found \(Self.describe(node.value))")
        }
    }

    /// The members of an object described field by field (`shape`) or only by some names (`open`).
    mutating func checkObject(
        _ shape: ObjectShape?, _ open: OpenShape?, _ members: [JSONTree.Member], at node: JSONTree.Node,
        path: String
    ) {
        var variant: String?
        if let key = shape?.variantKey, case .text(let t)? = members.last(where: { $0.key == key })?.node.value { variant = t }
        let fields = shape?.fields(forVariant: variant) ?? []
        // With a missing or unknown criterion type (reported on its own) the other fields cannot be judged.
        let variantKnown = shape?.variantKey == nil || shape?.variants.contains { $0.name == variant } == true
        var seen = Set<String>()
        for m in members {
            let fieldPath = Self.join(path, m.key)
            if !seen.insert(m.key).inserted {
                issues.append(
                    JSONIssue(line: m.keyPosition.line, path: fieldPath, problem: "appears twice in \(shape?.what ?? "the same object"); keep one"))
                continue
            }
            if let open {
                // A value left out is the decoder's to judge.
                if case .null = m.node.value { continue }
                check(m.node, against: open.shape(at: fieldPath, name: m.key), path: fieldPath)
                continue
            }
            guard let shape else { continue }
            guard let spec = fields.first(where: { $0.name == m.key }) else {
                guard variantKnown else { continue }
                let names = fields.map(\.name)
                issues.append(
                    JSONIssue(
                        line: m.keyPosition.line, path: fieldPath,
                        problem: "is not a field of \(shape.what)\(Self.suggestion(m.key, names)); expected one of \(names.joined(separator: ", "))"))
                continue
            }
            if !spec.required, case .null = m.node.value { continue }
            check(m.node, against: spec.shape, path: fieldPath)
        }
        for spec in fields where spec.required && !seen.contains(spec.name) {
            issues.append(
                JSONIssue(
                    line: node.position.line, path: Self.join(path, spec.name),
                    problem: "is missing from \(shape?.what ?? "the object") that starts here; expected \(spec.shape.expected)"))
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

    /// " (did you mean \"restSeconds\"?)" for a near miss.
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

/// A JSON file that passed `JSONCheck` against its shape: parsed once, then decoded as often as
/// needed (a header first, then the whole), each decoding problem on the line of its field.
public struct CheckedJSON {
    let tree: JSONTree

    /// The file, or its first problem: bytes, syntax, then shape (see `JSONCheck.issues`).
    public init(_ bytes: [UInt8], shape: FieldShape, maxListItems: Int = .max) throws(JSONIssue) {
        tree = try JSONCheck.parse(bytes)
        if let issue = JSONCheck.issues(in: tree, against: shape, maxListItems: maxListItems).first { throw issue }
    }

    public func decode<T: Decodable>(_ type: T.Type) throws(JSONIssue) -> T {
        do { return try TreeDecoder(tree.root).decode(type) } catch let error as DecodingError {
            throw JSONIssue(error, in: tree)
        } catch {
            throw JSONIssue(line: nil, path: nil, problem: "could not be read")
        }
    }
}

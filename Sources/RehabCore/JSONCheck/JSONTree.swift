/// A JSON document that remembers the line and column where every value starts, so that a problem
/// found in a program file or an export can point at the line to edit. JSONDecoder cannot.
struct JSONTree {
    struct Position: Equatable, Sendable {
        let line: Int
        let column: Int
    }

    indirect enum Value {
        case object([Member])
        case list([Node])
        case text(String)
        /// `whole` is true for a number written without a fraction or an exponent.
        case number(Double, whole: Bool)
        case flag(Bool)
        case null
    }

    struct Member {
        let key: String
        let keyPosition: Position
        let node: Node
    }

    struct Node {
        let value: Value
        let position: Position
    }

    let root: Node

    /// Parses strict JSON (comments and trailing commas must already be blanked out); a syntax
    /// error is an issue with its line and column, saying what was expected there.
    init(parsing text: String) throws(JSONIssue) {
        var reader = Reader(bytes: Array(text.utf8))
        reader.skipBlanks()
        if reader.atEnd { throw reader.fail("a program object { ... }, but the file is empty") }
        root = try reader.value(depth: 0)
        reader.skipBlanks()
        if !reader.atEnd { throw reader.fail("the end of the file after the closing }") }
    }

    /// The node at a field path such as `phases[0].exercises[2].sets`, or the nearest ancestor that exists.
    func nearestNode(at path: String) -> Node {
        var node = root
        for step in Self.steps(path) {
            switch (step, node.value) {
            case (.key(let key), .object(let members)):
                guard let member = members.last(where: { $0.key == key }) else { return node }
                node = member.node
            case (.index(let i), .list(let items)) where items.indices.contains(i):
                node = items[i]
            default:
                return node
            }
        }
        return node
    }

    enum Step: Equatable { case key(String), index(Int) }

    static func steps(_ path: String) -> [Step] {
        var steps: [Step] = []
        var name = ""
        var index: String?
        for c in path {
            switch c {
            case ".":
                if !name.isEmpty { steps.append(.key(name)) }
                name = ""
            case "[":
                if !name.isEmpty { steps.append(.key(name)) }
                name = ""
                index = ""
            case "]":
                if let i = index.flatMap({ Int($0) }) { steps.append(.index(i)) }
                index = nil
            default:
                if index != nil { index! += String(c) } else { name += String(c) }
            }
        }
        if !name.isEmpty { steps.append(.key(name)) }
        return steps
    }
}

private struct Reader {
    let bytes: [UInt8]
    var i = 0
    var line = 1
    var column = 1

    var atEnd: Bool { i >= bytes.count }
    var position: JSONTree.Position { .init(line: line, column: column) }

    mutating func step() {
        if bytes[i] == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if bytes[i] & 0xC0 != 0x80 {
            column += 1
        }
        i += 1
    }

    mutating func skipBlanks() {
        while !atEnd, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x09 || bytes[i] == 0x0D { step() }
    }

    func fail(_ expected: String) -> JSONIssue { JSONIssue(line: line, column: column, path: nil, problem: "expected " + expected) }

    mutating func value(depth: Int) throws(JSONIssue) -> JSONTree.Node {
        guard depth < 64 else { throw fail("less deeply nested objects and lists") }
        let start = position
        guard !atEnd else { throw fail("a value, but the file ends here") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return .init(value: try object(depth: depth), position: start)
        case UInt8(ascii: "["): return .init(value: try list(depth: depth), position: start)
        case UInt8(ascii: "\""): return .init(value: .text(try text()), position: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .init(value: try number(), position: start)
        case UInt8(ascii: "t"): try literal("true"); return .init(value: .flag(true), position: start)
        case UInt8(ascii: "f"): try literal("false"); return .init(value: .flag(false), position: start)
        case UInt8(ascii: "n"): try literal("null"); return .init(value: .null, position: start)
        case UInt8(ascii: "T"), UInt8(ascii: "F"), UInt8(ascii: "N"):
            throw fail("a value; true, false and null are written in lowercase")
        default:
            throw fail("a value: text in \"quotes\", a number, true, false, null, an object { } or a list [ ]")
        }
    }

    private mutating func object(depth: Int) throws(JSONIssue) -> JSONTree.Value {
        step()  // {
        var members: [JSONTree.Member] = []
        skipBlanks()
        if !atEnd, bytes[i] == UInt8(ascii: "}") { step(); return .object([]) }
        while true {
            skipBlanks()
            guard !atEnd, bytes[i] == UInt8(ascii: "\"") else {
                throw fail(members.isEmpty ? "a field name in \"quotes\" or the closing }" : "a field name in \"quotes\" after the comma")
            }
            let keyPosition = position
            let key = try text()
            skipBlanks()
            guard !atEnd, bytes[i] == UInt8(ascii: ":") else { throw fail("a colon : after the field name \"\(key)\"") }
            step()
            skipBlanks()
            members.append(.init(key: key, keyPosition: keyPosition, node: try value(depth: depth + 1)))
            if try closes("}", after: "the value of \"\(key)\"") { return .object(members) }
        }
    }

    private mutating func list(depth: Int) throws(JSONIssue) -> JSONTree.Value {
        step()  // [
        var items: [JSONTree.Node] = []
        skipBlanks()
        if !atEnd, bytes[i] == UInt8(ascii: "]") { step(); return .list([]) }
        while true {
            skipBlanks()
            items.append(try value(depth: depth + 1))
            if try closes("]", after: "item \(items.count) of the list") { return .list(items) }
        }
    }

    /// After a member or an item: true past the closing bracket, false past a comma (more follow).
    /// `what` is worded only for an error: every command parses a program, thousands of values.
    private mutating func closes(_ bracket: Unicode.Scalar, after what: @autoclosure () -> String) throws(JSONIssue) -> Bool {
        let valueEnd = line
        skipBlanks()
        if !atEnd, bytes[i] == UInt8(ascii: ",") { step(); return false }
        if !atEnd, bytes[i] == UInt8(ascii: bracket) { step(); return true }
        let expected = "a comma or the closing \(bracket) after \(what())"
        guard !atEnd else { throw fail(expected + ", but the file ends here") }
        throw fail(expected + missingComma(after: valueEnd))
    }

    /// When the unexpected text is on a later line, the comma was most likely forgotten at the end of the value's line.
    private func missingComma(after valueLine: Int) -> String {
        valueLine < line ? " (is a comma missing at the end of line \(valueLine)?)" : ""
    }

    private mutating func literal(_ word: String) throws(JSONIssue) {
        for expected in word.utf8 {
            guard !atEnd, bytes[i] == expected else {
                throw fail("a value; did you mean \(word)? (true, false and null are written in lowercase, text goes in \"quotes\")")
            }
            step()
        }
    }

    private mutating func number() throws(JSONIssue) -> JSONTree.Value {
        let start = i
        var whole = true
        func digits(_ r: inout Reader) -> Int {
            var n = 0
            while !r.atEnd, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(r.bytes[r.i]) { r.step(); n += 1 }
            return n
        }
        if bytes[i] == UInt8(ascii: "-") { step() }
        if digits(&self) == 0 { throw fail("digits of a number") }
        if !atEnd, bytes[i] == UInt8(ascii: ".") {
            whole = false
            step()
            if digits(&self) == 0 { throw fail("digits after the decimal point") }
        }
        if !atEnd, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            whole = false
            step()
            if !atEnd, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { step() }
            if digits(&self) == 0 { throw fail("digits of the exponent") }
        }
        let literal = String(decoding: bytes[start..<i], as: UTF8.self)
        guard let value = Double(literal), value.isFinite else { throw fail("a number of a sensible size") }
        return .number(value, whole: whole)
    }

    private mutating func text() throws(JSONIssue) -> String {
        step()  // opening quote
        // Most text has no escape: taken from the file's bytes as they are, not copied byte by byte.
        let start = i
        while !atEnd, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"), bytes[i] >= 0x20 { step() }
        if !atEnd, bytes[i] == UInt8(ascii: "\"") {
            step()
            return String(decoding: bytes[start..<(i - 1)], as: UTF8.self)
        }
        var out = Array(bytes[start..<i])
        while true {
            guard !atEnd else { throw fail("a closing quote \", but the file ends here") }
            let c = bytes[i]
            if c == UInt8(ascii: "\"") { step(); return String(decoding: out, as: UTF8.self) }
            if c < 0x20 { throw fail("a closing quote \" before the end of the line (write \\n for a line break inside text)") }
            if c != UInt8(ascii: "\\") { out.append(c); step(); continue }
            step()
            guard !atEnd else { throw fail("an escaped character after \\") }
            let e = bytes[i]
            step()
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                    step(); step()
                    let low = try hex4()
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                out.append(contentsOf: Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8))
            default:
                throw fail("one of \\\" \\\\ \\/ \\n \\t \\r \\b \\f \\uXXXX after the backslash")
            }
        }
    }

    private mutating func hex4() throws(JSONIssue) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard !atEnd, let digit = UInt32(String(UnicodeScalar(bytes[i])), radix: 16) else { throw fail("four hex digits after \\u") }
            value = value * 16 + digit
            step()
        }
        return value
    }
}

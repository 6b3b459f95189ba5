/// Decodes a `Decodable` value straight from a parsed `JSONTree`, so a program file or an export
/// is parsed once: by `JSONTree`, whose positions give every problem its line. Its errors are the
/// standard `DecodingError`s, with the same coding paths JSONDecoder gives.
struct TreeDecoder: Decoder {
    let node: JSONTree.Node
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ node: JSONTree.Node, codingPath: [CodingKey] = []) {
        self.node = node
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = node.value else { throw mismatch([String: Any].self, "an object") }
        var byKey: [String: JSONTree.Node] = [:]
        for m in members { byKey[m.key] = m.node }  // a repeated key is reported by the shape check; the last one counts
        return KeyedDecodingContainer(Keyed<Key>(members: byKey, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        guard case .list(let items) = node.value else { throw mismatch([Any].self, "a list") }
        return Unkeyed(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer { Single(decoder: self) }

    func mismatch(_ type: Any.Type, _ expected: String) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "expected \(expected)"))
    }

    /// A value of a type JSON spells directly (text, number, true or false), else the type's own decoding.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        switch node.value {
        case .text(let text) where T.self == String.self: return text as! T
        case .flag(let flag) where T.self == Bool.self: return flag as! T
        case .number(let value, _) where T.self == Double.self: return value as! T
        case .number(let value, _) where Self.wholeNumber(T.self) != nil && value == value.rounded() && abs(value) < 1e15:
            guard let whole = Self.wholeNumber(T.self)?(value) else { throw mismatch(type, "\(type)") }
            return whole as! T
        case .null: throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "found null"))
        default:
            // These types decode themselves through this function: their own init(from:) would never return.
            if T.self == String.self || T.self == Bool.self || Self.isFractionalNumber(T.self)
                || Self.wholeNumber(T.self) != nil
            {
                throw mismatch(type, "\(type)")
            }
            return try T(from: self)
        }
    }

    // The number types JSON spells directly, told apart by identity. Asking the runtime instead
    // (`T.self is any FixedWidthInteger.Type`) makes it scan every conformance record of the binary,
    // some 7,000, for each new type decoded: 16 M of the 107 M `status --json` took (BENCHMARKS.md).

    /// The exact conversion from a JSON number to `type`, nil when `type` is not a whole-number type.
    private static func wholeNumber(_ type: Any.Type) -> ((Double) -> Any?)? {
        switch ObjectIdentifier(type) {
        case ObjectIdentifier(Int.self): { Int(exactly: $0) }
        case ObjectIdentifier(Int8.self): { Int8(exactly: $0) }
        case ObjectIdentifier(Int16.self): { Int16(exactly: $0) }
        case ObjectIdentifier(Int32.self): { Int32(exactly: $0) }
        case ObjectIdentifier(Int64.self): { Int64(exactly: $0) }
        case ObjectIdentifier(UInt.self): { UInt(exactly: $0) }
        case ObjectIdentifier(UInt8.self): { UInt8(exactly: $0) }
        case ObjectIdentifier(UInt16.self): { UInt16(exactly: $0) }
        case ObjectIdentifier(UInt32.self): { UInt32(exactly: $0) }
        case ObjectIdentifier(UInt64.self): { UInt64(exactly: $0) }
        default: nil
        }
    }

    /// Only Double is read from a number; the other fractional types are refused, not decoded wrongly.
    private static func isFractionalNumber(_ type: Any.Type) -> Bool {
        #if arch(x86_64) || arch(i386)
            if type == Float80.self { return true }
        #endif
        #if !(os(macOS) && arch(x86_64))
            if type == Float16.self { return true }
        #endif
        return type == Double.self || type == Float.self
    }

    private struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let members: [String: JSONTree.Node]
        let codingPath: [CodingKey]
        var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

        func child(_ key: Key) throws -> TreeDecoder {
            guard let node = members[key.stringValue] else {
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no value for \(key.stringValue)"))
            }
            return TreeDecoder(node, codingPath: codingPath + [key])
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            guard case .null = try child(key).node.value else { return false }
            return true
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try child(key).decode(type) }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try child(key).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer { try child(key).unkeyedContainer() }
        func superDecoder() throws -> Decoder {
            TreeDecoder(JSONTree.Node(value: .object([]), position: .init(line: 0, column: 0)), codingPath: codingPath)
        }
        func superDecoder(forKey key: Key) throws -> Decoder { try child(key) }
    }

    private struct Unkeyed: UnkeyedDecodingContainer {
        let items: [JSONTree.Node]
        let codingPath: [CodingKey]
        private(set) var currentIndex = 0
        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        init(items: [JSONTree.Node], codingPath: [CodingKey]) { self.items = items; self.codingPath = codingPath }

        mutating func next() throws -> TreeDecoder {
            let index = IndexKey(intValue: currentIndex)
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath + [index], debugDescription: "the list has no more items"))
            }
            currentIndex += 1
            return TreeDecoder(items[index.intValue!], codingPath: codingPath + [index])
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, case .null = items[currentIndex].value else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decode(type) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try next().container(keyedBy: type)
        }
        mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer { try next().unkeyedContainer() }
        mutating func superDecoder() throws -> Decoder { try next() }
    }

    private struct Single: SingleValueDecodingContainer {
        let decoder: TreeDecoder
        var codingPath: [CodingKey] { decoder.codingPath }
        func decodeNil() -> Bool { if case .null = decoder.node.value { return true } else { return false } }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decode(type) }
    }

    private struct IndexKey: CodingKey {
        let intValue: Int?
        var stringValue: String { "Index \(intValue ?? 0)" }
        init(intValue: Int) { self.intValue = intValue }
        init?(stringValue: String) { nil }
    }
}

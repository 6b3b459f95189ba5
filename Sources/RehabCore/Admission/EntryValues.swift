/// A number a patient gives (typed on the command line or in a form, keyed into the timer, read
/// from an export file) with the range it must lie in and the sentence that refuses one outside
/// it. Each limit is written here once; the front ends only word the answer, naming the value
/// their own way (`--pain-during`, "Pain during", `exercises[0].painDuring`). Records keep plain
/// numbers: these types are how a number is read and judged, not how it is stored.
public protocol EntryValue: Sendable, Hashable {
    associatedtype Raw: Comparable & Sendable & Hashable & LosslessStringConvertible
    static var range: ClosedRange<Raw> { get }
    /// What a value must be, after "must be": "from 1 to 50", "a pain score from 0 (none) to 10 (worst imaginable)".
    static var wanted: String { get }
    var value: Raw { get }
    init(unchecked value: Raw)
}

extension EntryValue {
    public static var wanted: String { EntryLimit.from(range) }

    /// The range as a hint beside a field or in a command's usage: "0-10".
    public static var span: String { "\(EntryLimit.shown(range.lowerBound))-\(EntryLimit.shown(range.upperBound))" }

    /// The value, when it lies in the range.
    public init?(_ value: Raw) {
        guard Self.range.contains(value) else { return nil }
        self.init(unchecked: value)
    }

    /// Why `value` is refused ("must be from 1 to 50, not 0"), or nil when it may be recorded.
    public static func refusal(of value: Raw?) -> String? {
        guard let value, !range.contains(value) else { return nil }
        return "must be \(wanted), not \(EntryLimit.shown(value))"
    }

    /// The value as typed: digits, a leading minus, and a decimal point where the value may have
    /// one. Swift's `Double("1e3")` or `Int("+3")` would read what a patient hardly meant, so only
    /// plain digits are numbers here.
    public static func parse(_ text: String) -> Result<Self, EntryValueRefusal> {
        guard let raw = EntryLimit.plainNumber(text, fraction: Raw.self == Double.self).flatMap(Raw.init) else {
            return .failure(EntryValueRefusal(sentence: "must be \(wanted), not \"\(text)\""))
        }
        if let refusal = refusal(of: raw) { return .failure(EntryValueRefusal(sentence: refusal)) }
        return .success(Self(unchecked: raw))
    }
}

/// Why a typed number is refused: a sentence that starts after the value's name ("must be ...").
public struct EntryValueRefusal: Error, Sendable, Equatable {
    public let sentence: String
}

/// The wording every limit shares, also for ranges a program sets (the run stages, the outcome score).
public enum EntryLimit {
    /// "from 1 to 50", "from 1 to 600 seconds".
    public static func from<Raw>(_ range: ClosedRange<Raw>, _ unit: String = "") -> String {
        "from \(shown(range.lowerBound)) to \(shown(range.upperBound))\(unit)"
    }

    /// Why `value` is outside `range` ("must be from 1 to 500, not 0"), or nil when it is inside.
    public static func refusal(of value: Int?, in range: ClosedRange<Int>, _ unit: String = "") -> String? {
        guard let value, !range.contains(value) else { return nil }
        return "must be \(from(range, unit)), not \(value)"
    }

    /// Whole kilograms without ".0", as a patient writes them.
    static func shown<Raw>(_ value: Raw) -> String {
        (value as? Double).map(\.compact) ?? "\(value)"
    }

    /// `text` when it is a plain number: an optional minus, at most 12 digits, and at most one point when `fraction`.
    static func plainNumber(_ text: String, fraction: Bool) -> String? {
        let unsigned = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let digits = unsigned.filter { $0 != "." }
        let points = unsigned.count - digits.count
        guard !digits.isEmpty, digits.count <= 12, points <= (fraction ? 1 : 0),
            digits.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) })
        else { return nil }
        return text
    }
}

/// Pain on the 0-10 numeric rating scale: during, after, on waking, in a test.
public struct PainScore: EntryValue {
    public static let range = 0...10
    public static var wanted: String { "a pain score from 0 (none) to 10 (worst imaginable)" }
    public let value: Int
    public init(unchecked value: Int) { self.value = value }
}

/// Sets of one exercise recorded at once.
public struct Sets: EntryValue {
    public static let range = 1...50
    public let value: Int
    public init(unchecked value: Int) { self.value = value }
}

/// Repetitions in one set.
public struct Reps: EntryValue {
    public static let range = 1...500
    public let value: Int
    public init(unchecked value: Int) { self.value = value }
}

/// Seconds of one hold.
public struct HoldSeconds: EntryValue {
    public static let range = 1...600
    public static var wanted: String { EntryLimit.from(range, " seconds") }
    public let value: Int
    public init(unchecked value: Int) { self.value = value }
}

/// Added load in kilograms.
public struct LoadKg: EntryValue {
    public static let range = 0.0...500.0
    public let value: Double
    public init(unchecked value: Double) { self.value = value }
}

/// Minutes of one run, walking included.
public struct RunMinutes: EntryValue {
    public static let range = 1...600
    public static var wanted: String { EntryLimit.from(range, " minutes") }
    public let value: Int
    public init(unchecked value: Int) { self.value = value }
}

/// A gate test's result, in the test's own unit (seconds, repetitions, hops).
public struct TestValue: EntryValue {
    public static let range = 0.0...100_000.0
    public let value: Double
    public init(unchecked value: Double) { self.value = value }
}

/// Seconds of rest between the timer's sets.
public struct RestSeconds: EntryValue {
    public static let range = 0...3600
    public static var wanted: String { EntryLimit.from(range, " seconds") }
    public let value: Int
    public init(unchecked value: Int) { self.value = value }
}

/// Seconds of the timer's get-ready countdown.
public struct PrepareSeconds: EntryValue {
    public static let range = 0...120
    public static var wanted: String { EntryLimit.from(range, " seconds") }
    public let value: Int
    public init(unchecked value: Int) { self.value = value }
}

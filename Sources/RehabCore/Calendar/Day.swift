/// A local calendar day, with no time of day and no time zone: the unit every rule counts in.
///
/// Stored as days since 1970-01-01 so that "the 7 days before" is plain integer arithmetic and
/// daylight-saving changes can never merge or split a day.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    /// Nil when the date does not exist (2026-02-30) or is outside years 1900-2999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2999).contains(year), (1...12).contains(month),
            (1...Day.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        ordinal = era * 146097 + doe - 719468
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso text: String) {
        var text = text
        guard let day = text.withUTF8({ Day(isoBytes: $0) }) else { return nil }
        self = day
    }

    /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes: years of history parse thousands of dates,
    /// straight from the database's buffers.
    public init?(isoBytes bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                let b = bytes[i]
                guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
                n = n * 10 + Int(b - UInt8(ascii: "0"))
            }
            return n
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var iso: String {
        let c = components
        func pad(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    public var description: String { iso }

    /// 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday).
    public var weekday: Int { ((ordinal % 7) + 7 + 3) % 7 }

    /// The Monday that starts this day's week.
    public var weekStart: Day { self - weekday }

    public static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    public var weekdayName: String { Day.weekdayNames[weekday] }

    public static func + (day: Day, offset: Int) -> Day { Day(ordinal: day.ordinal + offset) }
    public static func - (day: Day, offset: Int) -> Day { Day(ordinal: day.ordinal - offset) }
    public static func - (a: Day, b: Day) -> Int { a.ordinal - b.ordinal }
    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "\"\(text)\" is not a calendar date (YYYY-MM-DD)"))
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

/// An inclusive run of days.
public struct DayRange: Sendable, Equatable, Sequence {
    public let first: Day
    public let last: Day
    public init(_ first: Day, _ last: Day) { self.first = first; self.last = last }
    /// The `count` days that end on `last`.
    public init(ending last: Day, count: Int) { self.init(last - (count - 1), last) }
    public var count: Int { Swift.max(0, last - first + 1) }
    public func contains(_ day: Day) -> Bool { day >= first && day <= last }
    public func clamped(notBefore day: Day) -> DayRange { DayRange(Swift.max(first, day), last) }
    public func makeIterator() -> Iterator { Iterator(upcoming: first, last: last) }

    /// The days in order; a plain value, not a closure on the heap: the rules walk ranges for
    /// every day of years.
    public struct Iterator: IteratorProtocol {
        var upcoming: Day
        let last: Day

        public mutating func next() -> Day? {
            guard upcoming <= last else { return nil }
            defer { upcoming = upcoming + 1 }
            return upcoming
        }
    }
}

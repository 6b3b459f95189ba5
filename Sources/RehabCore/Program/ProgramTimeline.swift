/// The programs a patient has followed, each in force from the day it was adopted until the next
/// one. A clinician's new program applies from its first day: days lived under the earlier one
/// keep the zones its thresholds gave them, so a switch never invents or erases a past red day.
public struct ProgramTimeline: Sendable, Equatable {
    public struct Period: Sendable, Equatable {
        public let from: Day
        public let program: Program
        /// Where it came from: "default" or the file it was read from.
        public let source: String

        public init(from: Day, program: Program, source: String) {
            self.from = from; self.program = program; self.source = source
        }
    }

    /// In the order adopted; never empty. Of two adopted on the same day, the later wins.
    public let periods: [Period]

    /// A single program for all days.
    public init(_ program: Program, from: Day = Day(ordinal: 0), source: String = "default") {
        periods = [Period(from: from, program: program, source: source)]
    }

    /// Nil when `periods` is empty.
    public init?(periods: [Period]) {
        guard !periods.isEmpty else { return nil }
        // A stable sort keeps the adoption order of programs adopted on the same day.
        self.periods = periods.enumerated().sorted { ($0.element.from, $0.offset) < ($1.element.from, $1.offset) }.map(\.element)
    }

    public var current: Period { periods[periods.count - 1] }

    /// The index of the period in force on `day` (the first period also covers the days before it).
    public func periodIndex(on day: Day) -> Int {
        periods.lastIndex { $0.from <= day } ?? 0
    }

    public func period(on day: Day) -> Period { periods[periodIndex(on: day)] }
    public func program(on day: Day) -> Program { period(on: day).program }

    /// The periods that overlap `from...to`, oldest first.
    public func periods(overlapping from: Day, _ to: Day) -> [Period] {
        let first = periodIndex(on: from)
        return Array(periods[first...]).filter { $0.from <= to || $0 == periods[first] }
    }

    /// The timeline as it stood with only the periods up to `index`.
    func prefix(through index: Int) -> ProgramTimeline {
        ProgramTimeline(periods: Array(periods[...index]))!
    }
}

/// What happened on each day, gathered once from the history so every rule reads it in O(1).
public struct DayRecord: Sendable, Equatable {
    public var exercises: [ExerciseEntry] = []
    public var runs: [RunEntry] = []
    /// The check-in made on the morning of this day (about the day before).
    public var checkIn: CheckIn?

    public var hasSession: Bool { !exercises.isEmpty || !runs.isEmpty }
    public var maxPainDuring: Int? { exercises.compactMap(\.painDuring).max() }
    public var maxPainAfter: Int? { exercises.compactMap(\.painAfter).max() }
    public var maxRunPain: Int? { runs.map(\.painDuring).max() }
    public var volume: Int { exercises.reduce(0) { $0 + $1.volume } }
    public var runMinutes: Int { runs.reduce(0) { $0 + $1.minutes } }
}

public struct DayIndex: Sendable {
    public private(set) var records: [Day: DayRecord] = [:]
    public let firstDay: Day?
    public let lastDay: Day?

    public init(_ history: History) {
        var records: [Day: DayRecord] = [:]
        records.reserveCapacity(history.exercises.count / 4 + history.checkIns.count)
        for e in history.exercises { records[e.date, default: DayRecord()].exercises.append(e) }
        for r in history.runs { records[r.date, default: DayRecord()].runs.append(r) }
        for c in history.checkIns { records[c.date, default: DayRecord()].checkIn = c }
        self.records = records
        firstDay = records.keys.min()
        lastDay = records.keys.max()
    }

    public subscript(day: Day) -> DayRecord { records[day] ?? DayRecord() }

    /// The morning check-in that reports on `day` (made the day after).
    public func nextMorning(after day: Day) -> CheckIn? { records[day + 1]?.checkIn }
}

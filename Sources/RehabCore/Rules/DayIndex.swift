/// What happened on each day, gathered once from the history so every rule reads it in O(1).
/// The totals are kept as entries are added: rules ask for them for every day of years of history.
public struct DayRecord: Sendable, Equatable {
    /// The day's entries; empty for a day the history only summarises (see `exerciseEntries`).
    public private(set) var exercises: [ExerciseEntry] = []
    /// The day's exercise totals, summarised or added up from `exercises`.
    public private(set) var exerciseTotal: ExerciseDayTotal?
    public private(set) var runs: [RunEntry] = []
    /// The check-in made on the morning of this day (about the day before).
    public var checkIn: CheckIn?
    public var exerciseEntries: Int { exerciseTotal?.entries ?? 0 }
    public var maxPainDuring: Int? { exerciseTotal?.maxPainDuring }
    public var maxPainAfter: Int? { exerciseTotal?.maxPainAfter }
    /// Repetitions plus seconds held: whether anything was done, not an amount to show.
    public var volume: Int { exerciseTotal?.volume ?? 0 }
    public var reps: Int { exerciseTotal?.reps ?? 0 }
    public var holdSeconds: Int { exerciseTotal?.holdSeconds ?? 0 }
    public private(set) var maxRunPain: Int?
    public private(set) var runMinutes = 0

    public var hasSession: Bool { exerciseEntries > 0 || !runs.isEmpty }

    mutating func add(_ e: ExerciseEntry) {
        exercises.append(e)
        add(ExerciseDayTotal(e))
    }

    mutating func add(_ t: ExerciseDayTotal) {
        if exerciseTotal == nil { exerciseTotal = t } else { exerciseTotal!.add(t) }
    }

    mutating func add(_ r: RunEntry) {
        runs.append(r)
        maxRunPain = larger(maxRunPain, r.painDuring)
        runMinutes += r.minutes
    }
}

public struct DayIndex: Sendable {
    /// Every day from `firstDay` to `lastDay`, by offset from `firstDay`: rules ask for days by
    /// the thousand, and an array answers without hashing a day.
    private let days: [DayRecord?]
    public let firstDay: Day?
    public let lastDay: Day?

    public init(_ history: History) {
        var records: [Day: DayRecord] = [:]
        records.reserveCapacity(history.exercises.count / 4 + history.checkIns.count)
        for t in history.exerciseSummary?.days ?? [] { records[t.date, default: DayRecord()].add(t) }
        for e in history.exercises { records[e.date, default: DayRecord()].add(e) }
        for r in history.runs { records[r.date, default: DayRecord()].add(r) }
        for c in history.checkIns { records[c.date, default: DayRecord()].checkIn = c }
        firstDay = records.keys.min()
        lastDay = records.keys.max()
        var days: [DayRecord?] = []
        if let firstDay, let lastDay {
            days = Array(repeating: nil, count: lastDay - firstDay + 1)
            for (day, record) in records { days[day - firstDay] = record }
        }
        self.days = days
    }

    /// The days with something recorded.
    public var records: [Day: DayRecord] {
        guard let firstDay else { return [:] }
        var records: [Day: DayRecord] = [:]
        for (offset, record) in days.enumerated() { if let record { records[firstDay + offset] = record } }
        return records
    }

    /// What was recorded on `day`; nil for a day with nothing.
    public func record(on day: Day) -> DayRecord? {
        guard let firstDay else { return nil }
        let offset = day - firstDay
        return offset >= 0 && offset < days.count ? days[offset] : nil
    }

    public subscript(day: Day) -> DayRecord { record(on: day) ?? DayRecord() }

    /// The morning check-in that reports on `day` (made the day after).
    public func nextMorning(after day: Day) -> CheckIn? { record(on: day + 1)?.checkIn }
}

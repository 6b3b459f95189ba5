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
    /// the thousand, and an array answers without hashing a day. `recorded` says which hold
    /// anything (records, not optionals: each day's record is then filled in place).
    private let days: [DayRecord]
    private let recorded: [Bool]
    public let firstDay: Day?
    public let lastDay: Day?

    public init(_ history: History) {
        // The span first, then each day's record in its place: no dictionary of days to hash.
        var span: (first: Day, last: Day)?
        func see(_ day: Day) { span = span.map { (Swift.min($0.first, day), Swift.max($0.last, day)) } ?? (day, day) }
        for t in history.exerciseSummary?.days ?? [] { see(t.date) }
        for e in history.exercises { see(e.date) }
        for r in history.runs { see(r.date) }
        for c in history.checkIns { see(c.date) }
        firstDay = span?.first
        lastDay = span?.last
        guard let (first, last) = span else {
            days = []
            recorded = []
            return
        }
        var days = [DayRecord](repeating: DayRecord(), count: last - first + 1)
        var recorded = [Bool](repeating: false, count: days.count)
        for t in history.exerciseSummary?.days ?? [] {
            days[t.date - first].add(t)
            recorded[t.date - first] = true
        }
        for e in history.exercises {
            days[e.date - first].add(e)
            recorded[e.date - first] = true
        }
        for r in history.runs {
            days[r.date - first].add(r)
            recorded[r.date - first] = true
        }
        for c in history.checkIns {
            days[c.date - first].checkIn = c
            recorded[c.date - first] = true
        }
        self.days = days
        self.recorded = recorded
    }

    /// The days with something recorded.
    public var records: [Day: DayRecord] {
        guard let firstDay else { return [:] }
        var records: [Day: DayRecord] = [:]
        for offset in days.indices where recorded[offset] { records[firstDay + offset] = days[offset] }
        return records
    }

    /// The offset of `day` in `days` when something was recorded on it.
    private func offset(of day: Day) -> Int? {
        guard let firstDay else { return nil }
        let offset = day - firstDay
        return offset >= 0 && offset < days.count && recorded[offset] ? offset : nil
    }

    /// What was recorded on `day`; nil for a day with nothing.
    public func record(on day: Day) -> DayRecord? { offset(of: day).map { days[$0] } }

    public subscript(day: Day) -> DayRecord { record(on: day) ?? DayRecord() }

    /// The morning pain of the check-in made on `day`, read in place: the baseline asks for a
    /// week of mornings for every day of years, and a copy of each day's record costs more.
    public func morningPain(on day: Day) -> Int? { offset(of: day).flatMap { days[$0].checkIn?.morningPain } }

    /// The morning check-in that reports on `day` (made the day after).
    public func nextMorning(after day: Day) -> CheckIn? { offset(of: day + 1).flatMap { days[$0].checkIn } }
}

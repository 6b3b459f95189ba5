/// The exercise entries of the days before `before`, reduced to what the rules read of a past day:
/// its totals, and the loads each exercise was done with. Years of sets then evaluate from a few
/// thousand values instead of every entry; the store builds the same thing in SQL.
public struct ExerciseSummary: Sendable, Equatable {
    /// The first day whose entries are not summarised.
    public var before: Day
    /// One per day with entries, in day order.
    public var days: [ExerciseDayTotal]
    /// Each exercise's loads on each side in the order used, a load kept from one entry to the next
    /// of the same exercise and side being one element; ordered by exercise, side (none first), day.
    public var loads: [LoadUsed]

    public init(before: Day, days: [ExerciseDayTotal], loads: [LoadUsed]) {
        self.before = before; self.days = days; self.loads = loads
    }
}

/// One day's exercise entries added up.
public struct ExerciseDayTotal: Sendable, Equatable {
    public var date: Day
    public var entries: Int
    /// Repetitions plus seconds held (`ExerciseEntry.volume`); `holdSeconds` says how much is holds.
    public var volume: Int
    /// The seconds held of the day's hold exercises.
    public var holdSeconds: Int
    /// The repetitions of the day's other exercises.
    public var reps: Int { volume - holdSeconds }
    public var maxPainDuring: Int?
    public var maxPainAfter: Int?
    /// The sum and the number of "pain after" scores given, for means over weeks.
    public var painAfterSum: Int
    public var painAfterScores: Int
    /// Complete sets logged per exercise and side, as added up here.
    private var addedSets: [SetsDone]
    /// The same as the store keeps them ("id|side|sets" items joined by ";"), read only when a
    /// rule asks: years of summarised days are loaded, a few weeks of them judged.
    private var packedSets: String?

    public init(
        date: Day, entries: Int, volume: Int, holdSeconds: Int = 0, maxPainDuring: Int?, maxPainAfter: Int?,
        painAfterSum: Int = 0, painAfterScores: Int = 0, sets: [SetsDone] = [], packedSets: String? = nil
    ) {
        self.date = date; self.entries = entries; self.volume = volume; self.holdSeconds = holdSeconds
        self.maxPainDuring = maxPainDuring; self.maxPainAfter = maxPainAfter
        self.painAfterSum = painAfterSum; self.painAfterScores = painAfterScores
        self.addedSets = sets
        self.packedSets = packedSets
    }

    /// Complete sets logged per exercise and side (`ExerciseEntry.completeSets`), for judging
    /// whether the day counts as a session.
    public var sets: [SetsDone] {
        guard let packedSets else { return addedSets }
        var all = addedSets
        for item in packedSets.split(separator: ";") {
            let parts = item.split(separator: "|", omittingEmptySubsequences: false)
            guard parts.count == 3, let n = Int(parts[2]) else { continue }
            all.add(SetsDone(exerciseID: String(parts[0]), side: Side(rawValue: String(parts[1])), sets: n))
        }
        return all
    }

    public static func == (a: ExerciseDayTotal, b: ExerciseDayTotal) -> Bool {
        a.date == b.date && a.entries == b.entries && a.volume == b.volume && a.holdSeconds == b.holdSeconds && a.maxPainDuring == b.maxPainDuring
            && a.maxPainAfter == b.maxPainAfter && a.painAfterSum == b.painAfterSum && a.painAfterScores == b.painAfterScores
            && a.sets == b.sets
    }

    /// One entry as a day's total.
    public init(_ e: ExerciseEntry) {
        self.init(
            date: e.date, entries: 1, volume: e.volume, holdSeconds: e.reps == nil ? e.volume : 0, maxPainDuring: e.painDuring,
            maxPainAfter: e.painAfter,
            painAfterSum: e.painAfter ?? 0, painAfterScores: e.painAfter == nil ? 0 : 1,
            sets: [SetsDone(exerciseID: e.exerciseID, side: e.side, sets: e.completeSets)])
    }

    /// Sets of `exerciseID` on `side` (nil: logged without a side).
    public func sets(of exerciseID: String, side: Side?) -> Int {
        sets.reduce(0) { $0 + ($1.exerciseID == exerciseID && $1.side == side ? $1.sets : 0) }
    }

    /// Adds `other`, a total of the same day.
    public mutating func add(_ other: ExerciseDayTotal) {
        entries += other.entries
        volume += other.volume
        holdSeconds += other.holdSeconds
        maxPainDuring = larger(maxPainDuring, other.maxPainDuring)
        maxPainAfter = larger(maxPainAfter, other.maxPainAfter)
        painAfterSum += other.painAfterSum
        painAfterScores += other.painAfterScores
        for done in other.sets { addedSets.add(done) }
    }
}

/// Sets of one exercise on one side (or without a side) on a day.
public struct SetsDone: Sendable, Equatable {
    public var exerciseID: String
    public var side: Side?
    public var sets: Int

    public init(exerciseID: String, side: Side?, sets: Int) { self.exerciseID = exerciseID; self.side = side; self.sets = sets }
}

extension [SetsDone] {
    /// Adds `done`, to the entry of the same exercise and side when there is one.
    public mutating func add(_ done: SetsDone) {
        if let i = firstIndex(where: { $0.exerciseID == done.exerciseID && $0.side == done.side }) { self[i].sets += done.sets } else { append(done) }
    }
}

/// A load an exercise was taken up with on one side (or without a side, for both legs), and the
/// last day it was used before it changed.
public struct LoadUsed: Sendable, Equatable {
    /// The day this load was taken up on this side.
    public var date: Day
    /// The last day it was used before a different load, on or after `date`.
    public var lastUsed: Day
    public var exerciseID: String
    public var side: Side?
    public var loadKg: Double

    public init(date: Day, lastUsed: Day? = nil, exerciseID: String, side: Side? = nil, loadKg: Double) {
        self.date = date; self.lastUsed = lastUsed ?? date; self.exerciseID = exerciseID; self.side = side; self.loadKg = loadKg
    }
}

extension History {
    /// This history with the entries of the days before `day` summarised. The rules give the same
    /// verdicts on any day from `day` on; only the entries of earlier days are gone.
    public func summarisingExercises(before day: Day) -> History {
        precondition(exerciseSummary == nil, "the history is already summarised")
        var h = self
        let earlier = exercises.filter { $0.date < day }
        h.exercises = exercises.filter { $0.date >= day }
        var days: [ExerciseDayTotal] = []
        for e in earlier.sorted(by: { ($0.date, $0.id ?? 0) < ($1.date, $1.id ?? 0) }) {
            if days.last?.date == e.date { days[days.count - 1].add(ExerciseDayTotal(e)) } else { days.append(ExerciseDayTotal(e)) }
        }
        var loads: [LoadUsed] = []
        // The store's order: exercise, side (none first), day, entry.
        let loaded = earlier.filter { $0.loadKg != nil }
            .sorted { ($0.exerciseID, $0.side?.rawValue ?? "", $0.date, $0.id ?? 0) < ($1.exerciseID, $1.side?.rawValue ?? "", $1.date, $1.id ?? 0) }
        for e in loaded { loads.appendOrExtend(LoadUsed(date: e.date, exerciseID: e.exerciseID, side: e.side, loadKg: e.loadKg!)) }
        h.exerciseSummary = ExerciseSummary(before: day, days: days, loads: loads)
        return h
    }

    /// The loads `exerciseID` was done with on `side` before `day`, oldest first, a load kept from
    /// one entry to the next being one element. The same whether the past is summarised or not.
    public func loadsUsed(of exerciseID: String, side: Side?, before day: Day) -> [LoadUsed] {
        var loads = exerciseSummary?.loads.filter { $0.exerciseID == exerciseID && $0.side == side && $0.date < day } ?? []
        let entries = exercises.filter { $0.exerciseID == exerciseID && $0.side == side && $0.loadKg != nil && $0.date < day }
        for e in entries.sorted(by: { ($0.date, $0.id ?? 0) < ($1.date, $1.id ?? 0) }) {
            loads.appendOrExtend(LoadUsed(date: e.date, exerciseID: e.exerciseID, side: e.side, loadKg: e.loadKg!))
        }
        return loads
    }
}

extension [LoadUsed] {
    /// Appends `load`, or extends the last element to its day when that is the same load of the
    /// same exercise and side.
    public mutating func appendOrExtend(_ load: LoadUsed) {
        if let last, last.exerciseID == load.exerciseID, last.side == load.side, last.loadKg == load.loadKg {
            self[count - 1].lastUsed = Swift.max(last.lastUsed, load.lastUsed)
            return
        }
        append(load)
    }
}

/// The larger of two optional values; nil only when both are.
func larger(_ a: Int?, _ b: Int?) -> Int? {
    guard let b else { return a }
    return a.map { max($0, b) } ?? b
}

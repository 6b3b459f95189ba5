/// Sets that ended before their prescription was done: the limits on recording one, how one
/// reads, and how the sets of a day are numbered. One place for each, used by admission, the
/// import check, `history`, the CSV and the clinician report.
extension ExerciseEntry {
    /// The most repetitions per set, and seconds per hold, that one set may record.
    public static let maxReps = Reps.range.upperBound
    public static let maxHoldSeconds = HoldSeconds.range.upperBound

    /// The repetitions (or seconds held) one set of this entry may record: 0 only for a set that
    /// ended early (skipped, or stopped before the first repetition).
    public var doneRange: ClosedRange<Int> {
        (ended == nil ? 1 : 0)...(reps != nil ? Self.maxReps : Self.maxHoldSeconds)
    }

    /// What is wrong with how this entry says its sets ended, a sentence without its final full
    /// stop (the import check places it after a field path); nil when nothing is.
    /// A set that ended early says what was prescribed, and never records more than that.
    public var setEndProblem: String? {
        let unit = reps != nil ? "repetitions" : "seconds"
        switch (ended, planned) {
        case (nil, nil): return nil
        case (nil, let planned?):
            return "planned (\(planned)) is given only for a set that ended early (cut short, skipped or stopped for pain)"
        case (let ended?, nil):
            return "A set \(ended.words) must say what was planned: the \(unit) prescribed per set"
        case (_, let planned?):
            let limit = reps != nil ? Self.maxReps : Self.maxHoldSeconds
            if !(1...limit).contains(planned) { return "planned must be from 1 to \(limit) \(unit), not \(planned)" }
            let done = reps ?? holdSeconds ?? 0
            if done > planned { return "A set records \(done) \(unit) done of \(planned) planned: never more than was planned" }
            return nil
        }
    }

    /// Whether any work was done: a skipped set, or one stopped before its first repetition, was not.
    public var anythingDone: Bool { volume > 0 }

    /// What was done in each set, as a patient reads it: "10 reps", "30 s hold",
    /// "7 of 10 reps, cut short", "skipped (0 of 10 reps)", "4 of 30 s hold, stopped for pain".
    public var doneText: String {
        let done = reps ?? holdSeconds ?? 0
        let unit = reps != nil ? "reps" : "s hold"
        guard let ended else { return "\(done) \(unit)" }
        let amount = planned.map { "\(done) of \($0) \(unit)" } ?? "\(done) \(unit)"
        return ended == .skipped ? "skipped (\(amount))" : "\(amount), \(ended.words)"
    }

    /// The entry's sets numbered from `firstSet`, and what each did: "set 2: 7 of 10 reps, cut
    /// short", "sets 1-3: 3 x 10 reps".
    public func setsText(firstSet: Int) -> String {
        sets == 1 ? "set \(firstSet): \(doneText)" : "sets \(firstSet)-\(firstSet + sets - 1): \(sets) x \(doneText)"
    }
}

extension SetEnd {
    /// "cut short", "skipped", "stopped for pain".
    public var words: String {
        switch self {
        case .cutShort: return "cut short"
        case .skipped: return "skipped"
        case .stoppedForPain: return "stopped for pain"
        }
    }
}

extension Array where Element == ExerciseEntry {
    /// The number of each entry's first set: sets are numbered from 1 on each day for each
    /// exercise and side, in the order logged, as `--sets 3` numbers its sets 1, 2, 3. A set
    /// that ended early keeps its number; the timer saves each set as its own entry.
    public func firstSetNumbers() -> [Int] {
        var setsSoFar: [SetsOfADay: Int] = [:]
        return map { e in
            let key = SetsOfADay(date: e.date, exerciseID: e.exerciseID, side: e.side)
            let first = (setsSoFar[key] ?? 0) + 1
            setsSoFar[key] = first - 1 + Swift.max(1, e.sets)
            return first
        }
    }
}

/// The sets of one exercise on one side (or without a side) on one day, which are numbered together.
private struct SetsOfADay: Hashable {
    let date: Day
    let exerciseID: String
    let side: Side?
}

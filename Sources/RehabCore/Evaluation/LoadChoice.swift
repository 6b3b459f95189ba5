/// The one place that decides the load the plan offers for an exercise on a side (CLINICAL-RULES,
/// "Loads"). Loads are carried per exercise and per side: a side is offered what it lifted, never
/// what the other side lifted.
struct LoadChoice {
    let evaluator: Evaluator
    /// Every red day judged, in order.
    private let redDays: [Day]

    init(evaluator: Evaluator) {
        self.evaluator = evaluator
        redDays = evaluator.zones.compactMap { $0.value.zone == .red ? $0.key : nil }.sorted()
    }

    /// The load for `side` (nil: both legs) on `day`: the last load taken up on that side, or,
    /// when a red day came after that side was last done, the last lower one (the next session
    /// after a red day drops back). The step-back holds until the side is done again, so through
    /// a pause and after the clinician visit: never back at the load that flared. A load used only
    /// on paused days never raises the load (nothing progresses); the load offered, or a lower
    /// one, counts as done.
    func load(of exerciseID: String, side: Side?, on day: Day) -> DayPlan.SideLoad? {
        var taken: [Double] = []
        var lastDone: Day?
        func offered(on day: Day) -> DayPlan.SideLoad? {
            guard let last = taken.last else { return nil }
            if let lastDone, redDay(from: lastDone, before: day), let lower = taken.last(where: { $0 < last }) {
                return DayPlan.SideLoad(side: side, kg: lower, steppedBack: true)
            }
            return DayPlan.SideLoad(side: side, kg: last, steppedBack: false)
        }
        for used in evaluator.history.loadsUsed(of: exerciseID, side: side, before: day) {
            // The days of a kept load are known by their first and last: count it as done up to the
            // last day before the pause it ran into.
            let unpaused = lastUnpausedDay(onOrBefore: used.lastUsed)
            if unpaused < used.date, let now = offered(on: used.date), used.loadKg > now.kg { continue }
            taken.append(used.loadKg)
            lastDone = unpaused < used.date ? used.lastUsed : unpaused
        }
        return offered(on: day)
    }

    /// What a green day's "progress" means for `side` of a loaded exercise, from the load `offered`
    /// on `day`: the load rises only when that side's last session was green including its
    /// next-morning check-in (no check-in never counts as green) and every prescribed set was done
    /// in full; it rises by the program's step when the exercise has one, else the load stays and
    /// the patient judges the rise as before.
    /// Nil when the side has no load yet.
    func progression(of e: Exercise, side: Side?, from offered: DayPlan.SideLoad?, on day: Day) -> (
        load: DayPlan.SideLoad, progresses: Bool, note: String?
    )? {
        // Sessions up to the end of `day`: the evening of a session already waits for its morning.
        guard let used = evaluator.history.loadsUsed(of: e.id, side: side, before: day + 1).last else { return nil }
        let last = used.lastUsed
        if last == day && evaluator.index.nextMorning(after: last) == nil {
            // Done today: the load to repeat is the one just lifted.
            return (DayPlan.SideLoad(side: side, kg: used.loadKg, steppedBack: false), false, "repeat (waiting for tomorrow morning's check-in)")
        }
        guard let offered else { return nil }
        // Last lifted at another load than the plan offers (above it while paused, or below it):
        // that session says nothing about the offered load, which is offered as before.
        guard used.loadKg == offered.kg else { return (offered, true, nil) }
        func hold(_ why: String) -> (DayPlan.SideLoad, Bool, String?) { (offered, false, "repeat (\(why))") }
        if evaluator.index.nextMorning(after: last) == nil {
            if last == day - 1 { return hold("waiting for this morning's check-in") }
            return hold("no check-in the morning after \(last.iso), so that session cannot count as green")
        }
        if let z = evaluator.zones[last], z.zone != .green { return hold("the session on \(last.iso) was \(z.zone.rawValue): \(z.reason)") }
        let fullSets: Int
        if let summary = evaluator.history.exerciseSummary, last < summary.before {
            // A day read as totals: its complete sets (a set cut short is not one).
            fullSets = summary.days.first { $0.date == last }?.sets(of: e.id, side: side) ?? 0
        } else {
            let prescribed = e.reps ?? e.holdSeconds ?? 0
            fullSets = evaluator.history.exercises
                .filter {
                    $0.date == last && $0.exerciseID == e.id && $0.side == side && $0.ended == nil && ($0.reps ?? $0.holdSeconds ?? 0) >= prescribed
                }
                .reduce(0) { $0 + $1.sets }
        }
        if fullSets < e.sets { return hold("the session on \(last.iso) fell short of \(e.prescription)") }
        guard !offered.steppedBack, let step = e.loadStepKg else { return (offered, true, nil) }
        let raised = DayPlan.SideLoad(side: side, kg: offered.kg + step, steppedBack: false, raisedFromKg: offered.kg)
        return (raised, true, "progress: \(raised.kg.compact) kg, up from \(offered.kg.compact) kg")
    }

    /// Whether a day from `start` up to the day before `end` was red.
    private func redDay(from start: Day, before end: Day) -> Bool {
        var low = 0, high = redDays.count
        while low < high {
            let mid = (low + high) / 2
            if redDays[mid] < start { low = mid + 1 } else { high = mid }
        }
        return low < redDays.count && redDays[low] < end
    }

    /// `day`, or the day before the pauses that cover it began.
    private func lastUnpausedDay(onOrBefore day: Day) -> Day {
        var d = day
        while let start = evaluator.pauses.filter({ $0.covers(d) }).map(\.from).min() { d = start - 1 }
        return d
    }
}

extension Day {
    /// The first day whose exercise entries a front end judging this day reads in full (the days
    /// before come as totals): far enough back to see whether the last session of each loaded
    /// exercise had its prescribed repetitions.
    public var firstDayReadInFull: Day { self - 14 }
}

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

/// Facts the screens show that are rules, not drawing: how many sets of an exercise a day has,
/// and the weekly trend of pain after exercise with its zone.
extension Evaluator {
    /// Sets of `exerciseID` done in full on `day`, every side together (a summarised day included).
    public func setsLogged(of exerciseID: String, on day: Day) -> Int {
        index[day].exerciseTotal?.sets.reduce(0) { $0 + ($1.exerciseID == exerciseID ? $1.sets : 0) } ?? 0
    }

    /// Mean pain after exercise per week (Monday to Sunday) from the week of enrolment to the week
    /// of `today`, nil for a week with none logged.
    public func weeklyPainAfter(asOf today: Day) -> [Double?] {
        let start = history.enrolment.start.weekStart
        let weeks = max(1, (today.weekStart - start) / 7 + 1)
        var sums = [Double](repeating: 0, count: weeks), counts = [Int](repeating: 0, count: weeks)
        for (d, record) in index.records {
            guard let total = record.exerciseTotal, total.painAfterScores > 0 else { continue }
            let i = (d - start) / 7
            if d >= start && i < weeks { sums[i] += Double(total.painAfterSum); counts[i] += total.painAfterScores }
        }
        return zip(sums, counts).map { $1 == 0 ? nil : $0 / Double($1) }
    }
}

extension PainZoneRules {
    /// The zone of a mean pain after exercise, by the program's bounds for pain after (older
    /// files: those for pain during).
    public func zone(ofMean mean: Double) -> Zone {
        mean > Double(amberMaxAfter ?? amberMaxDuring) ? .red : mean > Double(greenMaxAfter ?? greenMaxDuring) ? .amber : .green
    }
}

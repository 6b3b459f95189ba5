/// A week whose median morning pain rose against the week before (CLINICAL-RULES, "Week to
/// week"): it holds loads and the gate; enough of them in a row pause the program.
/// The command line's --json encodes it as it is: its property names are keys scripts read.
public struct RisingWeek: Sendable, Equatable, Codable {
    /// The last day of the week (its check-ins are those of `through - days + 1` to `through`).
    public let through: Day
    public let median: Double
    public let previousMedian: Double
    /// Why, in a patient's words.
    public let reason: String
}

enum WeekTrendRule {
    /// The week of `rules.days` days ending on `day`, when its median morning pain is at least
    /// `rules.riseOf` above the week before (each week with enough check-ins to judge).
    static func risingWeek(ending day: Day, _ rules: WeekToWeekRules, in index: DayIndex) -> RisingWeek? {
        // Counted per score, for the medians: the pause rule asks this of every day of years.
        func mornings(ending end: Day) -> MorningTally {
            var tally = MorningTally()
            for d in DayRange(ending: end, count: rules.days) {
                if let pain = index.morningPain(on: d) { tally.add(pain) }
            }
            return tally
        }
        let now = mornings(ending: day)
        guard now.count >= rules.minimumMornings, let m = now.median else { return nil }
        let before = mornings(ending: day - rules.days)
        guard before.count >= rules.minimumMornings, let previous = before.median else { return nil }
        guard m - previous >= Double(rules.riseOf) else { return nil }
        return RisingWeek(
            through: day, median: m, previousMedian: previous,
            reason:
                "morning pain is rising week to week: a median of \(m.painText) over the \(rules.days) days to \(day.iso), up from \(previous.painText) the \(rules.days) days before"
        )
    }

    /// The first day from `start` to `asOf` that ends `risingWeeksToPause` rising weeks in a row,
    /// all of them on or after `start` (weeks are counted afresh after a clinician visit), as a pause.
    static func pause(_ rulesOn: (Day) -> WeekToWeekRules?, in index: DayIndex, from start: Day, asOf: Day) -> Pause? {
        var day = start
        while day <= asOf {
            if let rules = rulesOn(day), day - rules.days * rules.risingWeeksToPause + 1 >= start {
                // The latest week first: most days stop at it.
                var weeks: [RisingWeek] = []
                for back in 0..<rules.risingWeeksToPause {
                    guard let week = risingWeek(ending: day - back * rules.days, rules, in: index) else { break }
                    weeks.append(week)
                }
                if weeks.count == rules.risingWeeksToPause {
                    return Pause(
                        cause: .risingWeeks, kind: .paused, since: day,
                        reason:
                            "\(weeks.count) weeks in a row of rising morning pain (weekly medians \(medians(weeks)), to \(day.iso)): \(PauseRule.advice)"
                    )
                }
            }
            day = day + 1
        }
        return nil
    }

    /// "0, then 1, then 2": the week before the rise, then each rising week (`weeks` latest first).
    private static func medians(_ weeks: [RisingWeek]) -> String {
        ([weeks.last!.previousMedian] + weeks.reversed().map(\.median)).map(\.painText).joined(separator: ", then ")
    }
}

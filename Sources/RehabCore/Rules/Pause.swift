/// Why the program is paused, and whom to see.
public struct Pause: Sendable, Equatable, Codable {
    public enum Cause: String, Codable, Sendable { case redDays = "red-days", redFlag = "red-flag" }
    public let cause: Cause
    public let since: Day
    public let reason: String
    /// Whether exercise should stop altogether (urgent and doctor red flags), not only progression.
    public let stopsExercise: Bool
}

/// An answered red-flag question that no clinician visit has cleared yet.
public struct ActiveRedFlag: Sendable, Equatable, Codable {
    public let id: String
    public let date: Day
    public let level: RedFlagLevel
    public let question: String
    public let advice: String
}

/// The pause rule (too many red days) and the red-flag rule, each lifted by a clinician visit.
enum PauseRule {
    static func lastClearance(_ history: History, asOf: Day) -> Day? {
        history.clearances.filter { $0.date <= asOf }.map(\.date).max()
    }

    static func activeRedFlags(_ program: Program, _ history: History, asOf: Day) -> [ActiveRedFlag] {
        let cleared = lastClearance(history, asOf: asOf)
        var result: [ActiveRedFlag] = []
        var seen = Set<String>()
        for checkIn in history.checkIns.sorted(by: { $0.date > $1.date }) where checkIn.date <= asOf {
            if let cleared, checkIn.date <= cleared { break }
            for id in checkIn.redFlags where seen.insert(id).inserted {
                let flag = program.redFlag(id)
                result.append(ActiveRedFlag(id: id, date: checkIn.date, level: flag?.level ?? .doctor,
                                            question: flag?.question ?? id,
                                            advice: flag?.advice ?? "See a doctor before you continue."))
            }
        }
        return result
    }

    /// The first day on which the red days since the last clinician visit broke the rule.
    static func redDayPause(_ rules: PauseRules, zones: [Day: DayZone], from start: Day, asOf: Day) -> Pause? {
        var reds: [Day] = []
        var day = start
        while day <= asOf {
            if zones[day]?.zone == .red {
                reds.append(day)
                let run = reds.reversed().enumerated().prefix { $0.element == day - $0.offset }.count
                let recent = reds.filter { day - $0 < rules.windowDays }.count
                if run >= rules.consecutiveRedDays {
                    return Pause(cause: .redDays, since: day, reason: "\(run) red days in a row (last on \(day.iso)): see your physiotherapist or doctor before continuing, then record the visit with clear-flags.", stopsExercise: false)
                }
                if recent >= rules.redDaysInWindow {
                    return Pause(cause: .redDays, since: day, reason: "\(recent) red days within \(rules.windowDays) days (last on \(day.iso)): see your physiotherapist or doctor before continuing, then record the visit with clear-flags.", stopsExercise: false)
                }
            }
            day = day + 1
        }
        return nil
    }
}

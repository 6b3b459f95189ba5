/// One day of a week's progress.
public struct WeekDay: Sendable, Equatable, Codable {
    public let date: Day
    public let sessionDone: Bool
    public let painDuring: Int?
    public let painAfter: Int?
    /// Reported the morning after this day.
    public let nextMorningPain: Int?
    public let zone: Zone?
    /// Repetitions plus seconds held.
    public let volume: Int
    public let runMinutes: Int
}

/// A Monday-to-Sunday week: adherence, pain per day, volume, zones.
public struct WeekSummary: Sendable, Equatable {
    public let weekStart: Day
    public let phase: PhaseID
    public let days: [WeekDay]
    public let sessionsDone: Int
    public let sessionsPlanned: Int
    public let outcomeScore: OutcomeScore?

    public var adherencePercent: Int { sessionsPlanned == 0 ? 0 : min(100, sessionsDone * 100 / sessionsPlanned) }
    public var volume: Int { days.reduce(0) { $0 + $1.volume } }
    public var runMinutes: Int { days.reduce(0) { $0 + $1.runMinutes } }
}

extension Evaluator {
    /// The week that contains `day`; days after `asOf` are left empty, not counted as missed.
    public func week(containing day: Day, asOf: Day? = nil) -> WeekSummary {
        let start = day.weekStart
        let phaseID = phase(asOf: start + 6).id
        let inForce = programs.program(on: min(start + 6, asOf ?? start + 6))
        let perWeek = inForce.phase(phaseID == .complete ? .returnToRun : phaseID)?.sessionsPerWeek ?? 0
        let days = DayRange(start, start + 6).map { d -> WeekDay in
            let r = index[d]
            return WeekDay(date: d, sessionDone: r.hasSession, painDuring: r.maxPainDuring ?? r.maxRunPain, painAfter: r.maxPainAfter,
                           nextMorningPain: index.nextMorning(after: d)?.morningPain, zone: zones[d]?.zone,
                           volume: r.volume, runMinutes: r.runMinutes)
        }
        // Only the days of the week already lived (and since enrolment) have sessions planned.
        let last = min(start + 6, asOf ?? start + 6)
        let first = max(start, history.enrolment.start)
        let lived = max(0, last - first + 1)
        let planned = (lived * perWeek + 6) / 7
        let score = history.scores.filter { $0.date <= start + 6 }.max { $0.date < $1.date }
        return WeekSummary(weekStart: start, phase: phaseID, days: days, sessionsDone: days.filter(\.sessionDone).count,
                           sessionsPlanned: planned, outcomeScore: score)
    }
}

/// One day of a week's progress.
/// The command line's --json encodes it as it is: its property names are keys scripts read.
public struct WeekDay: Sendable, Equatable, Codable {
    public let date: Day
    /// The day counts as a session of its phase (see `SessionCredit`).
    public let sessionDone: Bool
    /// Something was logged, whether or not it made a session.
    public let logged: Bool
    /// The program was paused or stopped that day: not a planned session.
    public let paused: Bool
    /// Runs after the ladder that broke a cap, with why.
    public let runFlags: [String]
    public let painDuring: Int?
    public let painAfter: Int?
    /// Reported the morning after this day.
    public let nextMorningPain: Int?
    public let zone: Zone?
    /// Repetitions plus seconds held, kept for the scripts that read it; `reps` and `holdSeconds`
    /// say what it is made of (they are not one amount).
    public let volume: Int
    public let reps: Int
    public let holdSeconds: Int
    public let runMinutes: Int
}

/// The work of some days, per kind: repetitions, time held and time run do not add up.
public struct WorkDone: Sendable, Equatable {
    public var reps = 0
    public var holdSeconds = 0
    public var runMinutes = 0

    public init(reps: Int = 0, holdSeconds: Int = 0, runMinutes: Int = 0) {
        self.reps = reps; self.holdSeconds = holdSeconds; self.runMinutes = runMinutes
    }

    /// "120 reps · 4.5 min held · 20 min run", the kinds done only; "no exercise logged" when none.
    public var text: String {
        var parts: [String] = []
        if reps > 0 { parts.append(counted(reps, "rep")) }
        if holdSeconds > 0 { parts.append("\(Self.minutes(holdSeconds)) min held") }
        if runMinutes > 0 { parts.append("\(runMinutes) min run") }
        return parts.isEmpty ? "no exercise logged" : parts.joined(separator: " · ")
    }

    /// Seconds as minutes to a tenth ("4.5", "12", "0.3").
    static func minutes(_ seconds: Int) -> String {
        let tenths = (seconds * 10 + 30) / 60
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }
}

/// A Monday-to-Sunday week: adherence, pain per day, volume, zones.
public struct WeekSummary: Sendable, Equatable {
    public let weekStart: Day
    public let phase: PhaseID
    public let days: [WeekDay]
    public let sessionsDone: Int
    public let sessionsPlanned: Int
    public let outcomeScore: OutcomeScore?
    /// Set when the week's morning pain (to its Sunday, or to `asOf` in the current week) rose against the week before.
    public let risingWeek: RisingWeek?

    public var sessions: SessionCount { SessionCount(done: sessionsDone, planned: sessionsPlanned) }
    public var adherencePercent: Int { sessions.percent }
    public var volume: Int { days.reduce(0) { $0 + $1.volume } }
    public var runMinutes: Int { days.reduce(0) { $0 + $1.runMinutes } }
    public var work: WorkDone {
        WorkDone(reps: days.reduce(0) { $0 + $1.reps }, holdSeconds: days.reduce(0) { $0 + $1.holdSeconds }, runMinutes: runMinutes)
    }
}

extension Evaluator {
    /// The week that contains `day`; days after `asOf` are left empty, not counted as missed.
    public func week(containing day: Day, asOf: Day? = nil) -> WeekSummary {
        let start = day.weekStart
        let phaseID = phase(asOf: start + 6).id
        let inForce = programs.program(on: min(start + 6, asOf ?? start + 6))
        let perWeek = inForce.phase(phaseID == .complete ? .returnToRun : phaseID)?.sessionsPerWeek ?? 0
        let flags = runCapFlags(through: start + 6)
        let days = DayRange(start, start + 6).map { d -> WeekDay in
            let r = index[d]
            return WeekDay(
                date: d, sessionDone: countsAsSession(d), logged: r.hasSession, paused: pause(on: d) != nil,
                runFlags: flags.filter { $0.date == d }.map { "\($0.minutes) min run: \($0.reason)" },
                painDuring: r.maxPainDuring ?? r.maxRunPain, painAfter: r.maxPainAfter,
                nextMorningPain: index.nextMorning(after: d)?.morningPain, zone: zones[d]?.zone,
                volume: r.volume, reps: r.reps, holdSeconds: r.holdSeconds, runMinutes: r.runMinutes)
        }
        // Only the days of the week already lived (since enrolment, not paused) have sessions planned.
        let last = min(start + 6, asOf ?? start + 6)
        let first = max(start, history.enrolment.start)
        let lived = first > last ? 0 : DayRange(first, last).filter { pause(on: $0) == nil }.count
        let planned = (lived * perWeek + 6) / 7
        let score = history.scores.filter { $0.date <= start + 6 }.max { $0.date < $1.date }
        return WeekSummary(
            weekStart: start, phase: phaseID, days: days, sessionsDone: days.filter(\.sessionDone).count,
            sessionsPlanned: planned, outcomeScore: score, risingWeek: risingWeek(endingOn: last))
    }
}

extension Evaluator {
    /// Runs after the program was completed that broke a maintenance cap, up to `day`.
    public func runCapFlags(through day: Day) -> [RunCapFlag] {
        guard let completed = history.phaseChanges.last(where: { $0.phase == .complete && $0.date <= day })?.date else { return [] }
        return MaintenanceRule(programs.program(on: day).returnToRun, runs: history.runs, from: completed, asOf: day).flags
    }
}

/// A phase gate as it stood on one day: a past week shows the gate of its own last day, not today's.
public struct WeekGate: Sendable, Equatable, Codable {
    public let asOf: Day
    public let phase: PhaseID
    public let criteria: [CriterionResult]
    public var criteriaMet: Int { criteria.filter(\.met).count }

    public init(asOf: Day, phase: PhaseID, criteria: [CriterionResult]) {
        self.asOf = asOf; self.phase = phase; self.criteria = criteria
    }
}

extension Evaluator {
    /// The gate at the end of `week`: its Sunday, or `asOf` while the week is under way.
    public func gate(endOf week: WeekSummary, asOf: Day) -> WeekGate {
        let day = min(week.weekStart + 6, asOf)
        let status = status(asOf: day)
        // The gate's "today" was that day: a past week says so by its date.
        let criteria = status.criteria.map { c -> CriterionResult in
            guard c.id == "settled-today", day < asOf else { return c }
            let when = "\(day.weekdayName) \(day.iso)"
            guard let z = zones[day], z.zone != .green else { return CriterionResult(id: c.id, met: c.met, detail: "\(when) was not amber or red") }
            return CriterionResult(id: c.id, met: c.met, detail: "\(when) was \(z.zone.rawValue) (\(z.reason)): no progression that day")
        }
        return WeekGate(asOf: status.asOf, phase: status.phase, criteria: criteria)
    }
}

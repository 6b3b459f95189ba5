/// Why the program is paused, and whom to see.
public struct Pause: Sendable, Equatable, Codable {
    public enum Cause: String, Codable, Sendable { case redDays = "red-days", redFlag = "red-flag", risingWeeks = "rising-weeks" }
    /// What the patient may still do.
    public enum Kind: String, Codable, Sendable, Comparable {
        /// Too many red days or rising weeks: exercise goes on, nothing progresses.
        case paused
        /// A warning sign that needs a clinician but no urgent care (locking, giving way): keep
        /// exercising, no running, nothing progresses.
        case locked
        /// An urgent or doctor-level warning sign: no exercise and no running until seen.
        case stopped

        private var rank: Int { self == .paused ? 0 : self == .locked ? 1 : 2 }
        public static func < (a: Kind, b: Kind) -> Bool { a.rank < b.rank }
    }
    public let cause: Cause
    public let kind: Kind
    public let since: Day
    public let reason: String

    /// Whether exercise should stop altogether (urgent and doctor red flags), not only progression.
    public var stopsExercise: Bool { kind == .stopped }
    /// Whether running is off (a stop or a lock).
    public var stopsRunning: Bool { kind != .paused }

    /// The first word a patient reads: a stop is not a pause.
    public var headline: String { kind == .stopped ? "STOPPED" : "PAUSED" }
}

extension RedFlagLevel {
    /// A clinician-level sign locks (keep exercising, no running); urgent and doctor ones stop.
    public var pauseKind: Pause.Kind { self == .clinician ? .locked : .stopped }
}

/// An answered red-flag question that no clinician visit has cleared yet.
public struct ActiveRedFlag: Sendable, Equatable, Codable {
    public let id: String
    public let date: Day
    public let level: RedFlagLevel
    public let question: String
    public let advice: String
}

/// The days from `from` on during which a pause held, until the clinician visit that lifted it.
public struct PausePeriod: Sendable, Equatable {
    public let pause: Pause
    public var from: Day { pause.since }
    /// The day of the clinician visit that lifted it (no longer paused that day); nil while it lasts.
    public let liftedOn: Day?

    public func covers(_ day: Day) -> Bool { day >= from && (liftedOn.map { day < $0 } ?? true) }
}

/// The pause rule (too many red days) and the red-flag rule, each lifted by a clinician visit.
enum PauseRule {
    static func lastClearance(_ history: History, asOf: Day) -> Day? {
        history.clearances.filter { $0.date <= asOf }.map(\.date).max()
    }

    /// The first clinician visit on or after `day`.
    private static func clearance(onOrAfter day: Day, in visits: [Day]) -> Day? { visits.first { $0 >= day } }

    static func activeRedFlags(_ programs: ProgramTimeline, _ history: History, asOf: Day) -> [ActiveRedFlag] {
        let cleared = lastClearance(history, asOf: asOf)
        var result: [ActiveRedFlag] = []
        var seen = Set<String>()
        for checkIn in history.checkIns.sorted(by: { $0.date > $1.date }) where checkIn.date <= asOf {
            if let cleared, checkIn.date <= cleared { break }
            for id in checkIn.redFlags where seen.insert(id).inserted {
                result.append(activeFlag(id, on: checkIn.date, programs.program(on: checkIn.date)))
            }
        }
        return result
    }

    private static func activeFlag(_ id: String, on day: Day, _ program: Program) -> ActiveRedFlag {
        let flag = program.redFlag(id)
        return ActiveRedFlag(
            id: id, date: day, level: flag?.level ?? .doctor, question: flag?.question ?? id,
            advice: flag?.advice ?? "See a doctor before you continue.")
    }

    static func pause(for flag: ActiveRedFlag) -> Pause {
        let kind = flag.level.pauseKind
        let what =
            kind == .stopped
            ? "Do no exercise and no running until a clinician has seen you"
            : "No running and no progression until a clinician has seen you"
        return Pause(
            cause: .redFlag, kind: kind, since: flag.date,
            reason: "\(flag.question) \(flag.advice) \(what); then record the visit.")
    }

    /// Every pause of the history, each with the visit that lifted it: red-day pauses (the red days
    /// since the last visit broke the rule) and warning signs answered at check-ins. Each day is
    /// judged by the program in force on it, so a program adopted later never adds or lifts a past pause.
    static func periods(_ programs: ProgramTimeline, _ history: History, index: DayIndex, zones: DayZones, through last: Day) -> [PausePeriod] {
        let visits = Set(history.clearances.map(\.date)).sorted()
        var periods: [PausePeriod] = []
        // Red days are counted afresh after each visit; a visit's own day is never judged for it.
        var from = history.enrolment.start - 1
        for end in visits.map({ $0 - 1 }) + [last] where end >= from {
            if let pause = redDayPause({ programs.program(on: $0).pause }, zones: zones, from: from, asOf: end) {
                periods.append(PausePeriod(pause: pause, liftedOn: clearance(onOrAfter: pause.since, in: visits)))
            }
            if let pause = WeekTrendRule.pause({ programs.program(on: $0).weekToWeek }, in: index, from: from, asOf: end) {
                periods.append(PausePeriod(pause: pause, liftedOn: clearance(onOrAfter: pause.since, in: visits)))
            }
            from = end + 2
        }
        for checkIn in history.checkIns where !checkIn.redFlags.isEmpty {
            let flags = checkIn.redFlags.map { activeFlag($0, on: checkIn.date, programs.program(on: checkIn.date)) }
            let pause = flags.map(pause(for:)).max { $0.kind < $1.kind }!
            let lifted = clearance(onOrAfter: checkIn.date, in: visits)
            if lifted != checkIn.date { periods.append(PausePeriod(pause: pause, liftedOn: lifted)) }
        }
        return periods
    }

    static let advice =
        "see your physiotherapist or doctor before continuing, then record the visit. Until then keep to gentle exercise; nothing progresses."

    /// The first day on which the red days since the last clinician visit broke the rule of the
    /// program in force that day (`rulesOn`).
    static func redDayPause(_ rulesOn: (Day) -> PauseRules, zones: DayZones, from start: Day, asOf: Day) -> Pause? {
        var reds: [Day] = []
        var day = start
        while day <= asOf {
            if zones[day]?.zone == .red {
                reds.append(day)
                let rules = rulesOn(day)
                let run = reds.reversed().enumerated().prefix { $0.element == day - $0.offset }.count
                let recent = reds.filter { day - $0 < rules.windowDays }.count
                if run >= rules.consecutiveRedDays {
                    return Pause(cause: .redDays, kind: .paused, since: day, reason: "\(run) red days in a row (last on \(day.iso)): \(advice)")
                }
                if recent >= rules.redDaysInWindow {
                    return Pause(
                        cause: .redDays, kind: .paused, since: day,
                        reason: "\(recent) red days within \(rules.windowDays) days (last on \(day.iso)): \(advice)")
                }
            }
            day = day + 1
        }
        return nil
    }
}

extension [PausePeriod] {
    /// The pause in force on `day`: the strictest, and of those the latest.
    public func pause(on day: Day) -> Pause? {
        var best: Pause?
        for p in self where p.covers(day) {
            if let b = best, p.pause.kind < b.kind || (p.pause.kind == b.kind && p.from < b.since) { continue }
            best = p.pause
        }
        return best
    }
}

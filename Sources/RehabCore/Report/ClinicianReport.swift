/// What a clinician needs to see about a period of the program, on one page: where the patient
/// stands, how the phases went, adherence per week, pain during / after / next morning, outcome
/// scores, gate tests, and every flag, pause, override and program change. Plain values: the
/// Markdown and HTML renderers only lay it out.
public struct ClinicianReport: Sendable, Equatable {
    public struct ProgramInForce: Sendable, Equatable {
        public let from: Day
        public let id: String
        public let name: String
        public let version: Int
        public let source: String
    }

    /// The verdict on the last day of the period.
    public struct Standing: Sendable, Equatable {
        public let phase: PhaseID
        public let phaseName: String
        public let phaseStart: Day
        public let daysInPhase: Int
        public let criteriaMet: Int
        public let criteriaTotal: Int
        public let unmet: [String]
        public let eligibleToAdvance: Bool
        public let pause: String?
        /// Why loads and the gate are held this week: morning pain rising week to week.
        public let risingWeek: String?
        public let runStage: Int?
    }

    public struct PhaseSpan: Sendable, Equatable {
        public let phase: PhaseID
        public let name: String
        /// The real first and last day of the phase, clipped to the period.
        public let from: Day
        public let to: Day
        public let override: String?
        public var days: Int { to - from + 1 }
    }

    public struct Week: Sendable, Equatable {
        public let start: Day
        public let phase: PhaseID
        public let sessionsDone: Int
        public let sessionsPlanned: Int
        public let green: Int
        public let amber: Int
        public let red: Int
        public let maxPainDuring: Int?
        public let maxPainAfter: Int?
        public let maxMorningPain: Int?
        public let runMinutes: Int
        public var sessions: SessionCount { SessionCount(done: sessionsDone, planned: sessionsPlanned) }
        public var adherencePercent: Int { sessions.percent }
    }

    public struct PainDay: Sendable, Equatable {
        public let date: Day
        /// Worst pain during exercise or running.
        public let during: Int?
        public let after: Int?
        /// Reported the next morning, about this day.
        public let nextMorning: Int?
        public let zone: Zone?
    }

    public struct TestAttempt: Sendable, Equatable {
        public let date: Day
        public let testID: String
        public let name: String
        public let side: Side?
        public let value: Double
        public let unit: String
        public let target: Double?
        public let pain: Int
        /// Target reached at a pain the gate accepts.
        public let passed: Bool
    }

    public enum EventKind: String, Sendable, Equatable {
        case redFlag = "red flag", pause, clinicianVisit = "clinician visit", override, phaseChange = "phase change"
        case programChange = "program", redDay = "red day", runFlag = "run over a cap"
        case stoppedForPain = "stopped for pain"
        /// A check-in or score replaced by a second one for the same day: both are shown.
        case correction

        /// Red days are many and each is also on the pain chart; the rest always earn a line.
        public var isRoutine: Bool { self == .redDay }
    }

    public struct Event: Sendable, Equatable {
        public let date: Day
        public let kind: EventKind
        public let text: String
    }

    /// One exercise (and side) on one day whose sets did not all end as prescribed.
    public struct UnfinishedSets: Sendable, Equatable {
        public let date: Day
        public let exerciseID: String
        public let name: String
        public let side: Side?
        /// Sets done as prescribed that day, beside the ones that were not.
        public let complete: Int
        public let cutShort: Int
        public let skipped: Int
        public let stoppedForPain: Int
        /// "set 2: 7 of 10 reps, cut short; set 3: skipped (0 of 10 reps)".
        public let detail: String
    }

    public struct Outcome: Sendable, Equatable {
        public let name: String
        public let min: Int
        public let max: Int
        public let scores: [OutcomeScore]
        /// The last score before the period, the starting point for comparison.
        public let before: OutcomeScore?
    }

    public struct Totals: Sendable, Equatable {
        public let days: Int
        public let sessionsDone: Int
        public let sessionsPlanned: Int
        public let green: Int
        public let amber: Int
        public let red: Int
        public let runMinutes: Int
        public var sessions: SessionCount { SessionCount(done: sessionsDone, planned: sessionsPlanned) }
        public var adherencePercent: Int { sessions.percent }
    }

    public let from: Day
    public let to: Day
    public let enrolment: Enrolment
    public let programs: [ProgramInForce]
    public let standing: Standing
    public let phases: [PhaseSpan]
    public let weeks: [Week]
    public let pain: [PainDay]
    public let greenMaxDuring: Int
    public let amberMaxDuring: Int
    /// The adherence the current phase's gate asks for, drawn as a line on the weekly chart.
    public let adherenceTarget: Int?
    /// The exercises of the phase in force on the last day, with their dose and how to do them.
    public let exercises: [Exercise]
    /// The plan's load of each exercise on the last day, by exercise id, as the plan words it
    /// (" @ 12 kg left, 6 kg right"); none for an exercise without one.
    public let loads: [String: String]
    /// The plan's dose of each exercise for this patient ("3 x 10, right side (lying on your left)").
    public let doses: [String: String]
    public let outcome: Outcome
    public let tests: [TestAttempt]
    /// Day by day, the exercises with a set cut short, skipped or stopped for pain.
    public let unfinishedSets: [UnfinishedSets]
    public let events: [Event]
    public let totals: Totals
    public let disclaimer: String
}

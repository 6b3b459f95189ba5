/// Everything a patient has recorded, as plain values. The store loads it; the engine reads it.
public struct History: Codable, Sendable, Equatable {
    public var enrolment: Enrolment
    public var exercises: [ExerciseEntry]
    public var runs: [RunEntry]
    public var checkIns: [CheckIn]
    public var tests: [TestResult]
    public var phaseChanges: [PhaseChange]
    public var clearances: [FlagClearance]
    public var scores: [OutcomeScore]
    /// Check-ins and scores replaced by a second one for the same day, kept (see `judgedCheckIns`).
    public var checkInCorrections: [CheckInCorrection]
    public var scoreCorrections: [ScoreCorrection]
    /// The exercise entries of earlier days, summarised; those entries are then not in `exercises`.
    /// Nil when every entry is in `exercises`. See `summarisingExercises(before:)`.
    public var exerciseSummary: ExerciseSummary?

    public init(
        enrolment: Enrolment, exercises: [ExerciseEntry] = [], runs: [RunEntry] = [],
        checkIns: [CheckIn] = [], tests: [TestResult] = [], phaseChanges: [PhaseChange] = [],
        clearances: [FlagClearance] = [], scores: [OutcomeScore] = [], checkInCorrections: [CheckInCorrection] = [],
        scoreCorrections: [ScoreCorrection] = [], exerciseSummary: ExerciseSummary? = nil
    ) {
        self.enrolment = enrolment
        self.exercises = exercises
        self.runs = runs
        self.checkIns = checkIns
        self.tests = tests
        self.phaseChanges = phaseChanges
        self.clearances = clearances
        self.scores = scores
        self.checkInCorrections = checkInCorrections
        self.scoreCorrections = scoreCorrections
        self.exerciseSummary = exerciseSummary
    }

    /// What a patient recorded (the export's parts); the summary is the store's, made on loading.
    private enum CodingKeys: String, CodingKey {
        case enrolment, exercises, runs, checkIns, tests, phaseChanges, clearances, scores, checkInCorrections, scoreCorrections
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            enrolment: try c.decode(Enrolment.self, forKey: .enrolment), exercises: try c.decode([ExerciseEntry].self, forKey: .exercises),
            runs: try c.decode([RunEntry].self, forKey: .runs), checkIns: try c.decode([CheckIn].self, forKey: .checkIns),
            tests: try c.decode([TestResult].self, forKey: .tests), phaseChanges: try c.decode([PhaseChange].self, forKey: .phaseChanges),
            clearances: try c.decode([FlagClearance].self, forKey: .clearances), scores: try c.decode([OutcomeScore].self, forKey: .scores),
            // Exports of version 2 came before corrections were kept.
            checkInCorrections: try c.decodeIfPresent([CheckInCorrection].self, forKey: .checkInCorrections) ?? [],
            scoreCorrections: try c.decodeIfPresent([ScoreCorrection].self, forKey: .scoreCorrections) ?? [])
    }
}

public enum Side: String, Codable, Sendable, CaseIterable {
    case left, right

    public var other: Side { self == .left ? .right : .left }
}

/// Which hip hurts, given at enrolment.
public enum AffectedSide: String, Codable, Sendable, CaseIterable {
    case left, right, both
}

public struct Enrolment: Codable, Sendable, Equatable {
    public var start: Day
    public var side: AffectedSide
    /// Usual morning pain before the program, used until enough check-ins exist. When the patient
    /// did not give one, the early check-ins themselves stand in for it.
    public var baselinePain: Int?
    public init(start: Day, side: AffectedSide, baselinePain: Int?) {
        self.start = start; self.side = side; self.baselinePain = baselinePain
    }
}

/// Sets of one exercise done on one day (on one side, when the exercise is per side).
public struct ExerciseEntry: Codable, Sendable, Equatable {
    public var id: Int64?
    public var date: Day
    public var exerciseID: String
    public var side: Side?
    public var sets: Int
    public var reps: Int?
    public var holdSeconds: Int?
    public var loadKg: Double?
    public var painDuring: Int?
    public var painAfter: Int?
    /// Mean seconds per repetition as measured by the tempo timer, when it was used.
    public var tempoSeconds: Double?
    public var note: String?
    /// How the set ended when less than its prescription was done; nil when it was done as
    /// prescribed (or logged by hand, which records what was done). `reps` / `holdSeconds` then
    /// hold what was really done (0 for a set skipped or not started), `planned` what was prescribed.
    public var ended: SetEnd?
    /// The repetitions (or seconds of hold) per set that were prescribed, when `ended` is set.
    public var planned: Int?

    public init(
        id: Int64? = nil, date: Day, exerciseID: String, side: Side? = nil, sets: Int, reps: Int? = nil,
        holdSeconds: Int? = nil, loadKg: Double? = nil, painDuring: Int? = nil, painAfter: Int? = nil,
        tempoSeconds: Double? = nil, note: String? = nil, ended: SetEnd? = nil, planned: Int? = nil
    ) {
        self.id = id; self.date = date; self.exerciseID = exerciseID; self.side = side; self.sets = sets
        self.reps = reps; self.holdSeconds = holdSeconds; self.loadKg = loadKg; self.painDuring = painDuring
        self.painAfter = painAfter; self.tempoSeconds = tempoSeconds; self.note = note
        self.ended = ended; self.planned = planned
    }

    /// Repetitions, or seconds under tension for a hold: the work really done.
    public var volume: Int { sets * (reps ?? holdSeconds ?? 0) }

    /// Sets done as prescribed: a set cut short, skipped or stopped for pain is not one.
    public var completeSets: Int { ended == nil ? sets : 0 }
}

/// How a set ended when less than its prescription was done.
public enum SetEnd: String, Codable, Sendable, CaseIterable {
    /// Stopped or skipped part-way: some of it was done.
    case cutShort = "cut-short"
    /// Skipped through: nothing of it was done.
    case skipped
    /// The patient could not go on because of pain ("could not do it").
    case stoppedForPain = "stopped-for-pain"
}

public struct RunEntry: Codable, Sendable, Equatable {
    public var id: Int64?
    public var date: Day
    public var stage: Int
    public var minutes: Int
    public var painDuring: Int
    public var note: String?
    public init(id: Int64? = nil, date: Day, stage: Int, minutes: Int, painDuring: Int, note: String? = nil) {
        self.id = id; self.date = date; self.stage = stage; self.minutes = minutes; self.painDuring = painDuring; self.note = note
    }
}

/// The morning report about the day before: pain on waking, limping, warning signs.
public struct CheckIn: Codable, Sendable, Equatable {
    public var date: Day
    public var morningPain: Int
    public var limping: Bool
    public var redFlags: [String]
    public init(date: Day, morningPain: Int, limping: Bool = false, redFlags: [String] = []) {
        self.date = date; self.morningPain = morningPain; self.limping = limping; self.redFlags = redFlags
    }
}

public struct TestResult: Codable, Sendable, Equatable {
    public var id: Int64?
    public var date: Day
    public var testID: String
    public var side: Side?
    public var value: Double
    public var pain: Int
    public init(id: Int64? = nil, date: Day, testID: String, side: Side? = nil, value: Double, pain: Int) {
        self.id = id; self.date = date; self.testID = testID; self.side = side; self.value = value; self.pain = pain
    }
}

/// A move into a phase; `override` holds the clinician's written reason when the gate was not met.
public struct PhaseChange: Codable, Sendable, Equatable {
    public var date: Day
    public var phase: PhaseID
    public var override: String?
    public init(date: Day, phase: PhaseID, override: String? = nil) {
        self.date = date; self.phase = phase; self.override = override
    }
}

/// The patient's record that a clinician has seen them: it lifts red flags and pauses up to its date.
public struct FlagClearance: Codable, Sendable, Equatable {
    public var date: Day
    public var note: String?
    public init(date: Day, note: String? = nil) { self.date = date; self.note = note }
}

public struct OutcomeScore: Codable, Sendable, Equatable {
    public var date: Day
    public var score: Int
    public init(date: Day, score: Int) { self.date = date; self.score = score }
}

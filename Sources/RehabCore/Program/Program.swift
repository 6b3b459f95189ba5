import Foundation

/// A rehabilitation program: every phase, exercise, threshold and stage the engine enforces.
/// The default hip program ships as `Resources/default-program.json`; a clinician may hand the
/// patient another file of the same shape (see `ProgramLoader`).
public struct Program: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var version: Int
    public var disclaimer: String
    public var painZones: PainZoneRules
    public var baseline: BaselineRules
    public var pause: PauseRules
    public var phases: [Phase]
    public var returnToRun: ReturnToRunRules
    public var redFlags: [RedFlag]
    public var outcome: OutcomeMeasure
    /// What makes a day count as a session; nil in older files, which get the default.
    public var sessions: SessionRules?

    /// The session rules in force: the file's, else two thirds of the prescribed sets.
    public var sessionRules: SessionRules { sessions ?? SessionRules() }
    /// Seconds of the get-ready countdown before each exercise and side of a guided session;
    /// nil in older files, which get 10 (time to get down on the floor).
    public var prepareSeconds: Int?
    public var getReadySeconds: Int { prepareSeconds ?? 10 }
    /// The week-to-week rule; nil in older files, which have none.
    public var weekToWeek: WeekToWeekRules?

    public func phase(_ id: PhaseID) -> Phase? { phases.first { $0.id == id } }

    /// The phase that follows `id`, or nil after the last one.
    public func phase(after id: PhaseID) -> Phase? {
        guard let i = phases.firstIndex(where: { $0.id == id }), i + 1 < phases.count else { return nil }
        return phases[i + 1]
    }

    /// Looks an exercise up in the given phase first, then anywhere in the program (alternatives too).
    public func exercise(_ id: String, preferring phase: PhaseID? = nil) -> Exercise? {
        if let phase, let e = self.phase(phase)?.allExercises.first(where: { $0.id == id }) { return e }
        for p in phases { if let e = p.allExercises.first(where: { $0.id == id }) { return e } }
        return nil
    }

    public var allTests: [GateTest] {
        phases.flatMap {
            $0.gate.flatMap { c -> [GateTest] in
                if case .tests(let group) = c { return group.tests } else { return [] }
            }
        }
    }

    public func test(_ id: String) -> GateTest? { allTests.first { $0.id == id } }
    public func redFlag(_ id: String) -> RedFlag? { redFlags.first { $0.id == id } }
}

/// The four phases of the hip program, plus the state after the last gate.
public enum PhaseID: String, Codable, Sendable, CaseIterable {
    case activation, strengthening, multiPlane = "multi-plane", returnToRun = "return-to-run", complete
}

public struct Phase: Codable, Sendable, Equatable {
    public var id: PhaseID
    public var name: String
    public var goal: String
    public var minimumDays: Int
    public var sessionsPerWeek: Int
    public var restSeconds: Int
    public var exercises: [Exercise]
    /// Exercises done only in place of a side-lying one where both hips hurt (see
    /// `Exercise.alternative`); nil in older files.
    public var alternatives: [Exercise]?
    public var gate: [GateCriterion]

    public var allExercises: [Exercise] { exercises + (alternatives ?? []) }

    /// The exercises as a patient with `affected` hips does them: where both hips hurt, a
    /// side-lying exercise gives way to its alternative, so that no one lies on a painful hip.
    public func exercises(for affected: AffectedSide) -> [Exercise] {
        var seen = Set<String>()  // two side-lying exercises may share one alternative
        return exercises.compactMap { e in
            guard affected == .both, e.position == .sideLying else { return e }
            return alternatives?.first { $0.id == e.alternative }
        }.filter { seen.insert($0.id).inserted }
    }
}

/// How the body is placed for an exercise. Side-lying compresses the hip underneath, so a
/// side-lying exercise is done with the painful side up only.
public enum Position: String, Codable, Sendable, CaseIterable {
    case standing, supine, prone, sideLying = "side-lying", kneeling, sitting
}

public enum Sides: String, Codable, Sendable {
    /// Done on each leg separately: logged per side.
    case each
    /// Both legs together (a bridge): logged once.
    case both
}

public struct TempoSegment: Codable, Sendable, Equatable {
    public var cue: String
    public var seconds: Int
    public init(cue: String, seconds: Int) { self.cue = cue; self.seconds = seconds }
}

public struct Exercise: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var how: String
    public var sets: Int
    /// Repetitions per set; nil for a hold.
    public var reps: Int?
    /// Seconds per hold; nil for a repetition exercise.
    public var holdSeconds: Int?
    public var sides: Sides
    /// One repetition as timed segments. A hold without tempo is a single HOLD segment.
    public var tempo: [TempoSegment]?
    public var restSeconds: Int?
    /// Whether the exercise can be loaded (dumbbell, band, kettlebell).
    public var loadable: Bool?
    /// How much "progress" adds to a loaded exercise's load (CLINICAL-RULES, "Loads"); without it
    /// the plan names no new load and the patient's last load is offered as before.
    public var loadStepKg: Double?
    /// nil in older files: done as `sides` says.
    public var position: Position?
    /// For a side-lying exercise: the id of the exercise in the phase's `alternatives` done
    /// instead where both hips hurt.
    public var alternative: String?

    /// The sides a patient with `affected` hips does this exercise on (nil: both legs together).
    /// A side-lying exercise works the leg on top, so only the painful side is done, lying on
    /// the other; with both hips painful, none (`Phase.exercises(for:)` offers the alternative).
    public func sides(for affected: AffectedSide) -> [Side?] {
        guard sides == .each else { return [nil] }
        guard position == .sideLying else { return Side.allCases }
        switch affected {
        case .left: return [.left]
        case .right: return [.right]
        case .both: return []
        }
    }

    public var isHold: Bool { holdSeconds != nil }

    public var segments: [TempoSegment] {
        if let tempo, !tempo.isEmpty { return tempo }
        return [TempoSegment(cue: "hold", seconds: holdSeconds ?? 10)]
    }

    /// "3 x 10", "5 x 10 s hold"; with "each side" when done per leg, "painful side up only" side-lying.
    public var prescription: String {
        let amount = reps.map { "\(sets) x \($0)" } ?? "\(sets) x \(holdSeconds ?? 0) s hold"
        guard sides == .each else { return amount }
        return amount + (position == .sideLying ? ", painful side up only" : " each side")
    }

    /// The prescription for one patient: "3 x 10, right side (lying on your left)" side-lying.
    public func prescription(for affected: AffectedSide) -> String {
        let mine = sides(for: affected)
        guard position == .sideLying, mine.count == 1, let side = mine[0] else { return prescription }
        let amount = reps.map { "\(sets) x \($0)" } ?? "\(sets) x \(holdSeconds ?? 0) s hold"
        return "\(amount), \(side.rawValue) side (lying on your \(side.other.rawValue))"
    }

    /// "5-2-5" for the tempo segments.
    public var tempoText: String { segments.map { String($0.seconds) }.joined(separator: "-") }

    /// What a list says of the pace: "tempo 5-2-5 s"; nothing for a hold without a tempo of its own,
    /// whose prescription ("5 x 30 s hold") already says it.
    public var paceText: String? { isHold && (tempo ?? []).isEmpty ? nil : "tempo \(tempoText) s" }
}

// MARK: - Pain rules

public struct PainZoneRules: Codable, Sendable, Equatable {
    /// Pain during exercise up to this is green.
    public var greenMaxDuring: Int
    /// Pain during exercise up to this is amber; above it is red.
    public var amberMaxDuring: Int
    /// Running pain up to this is green.
    public var runGreenMaxDuring: Int
    /// Running pain up to this is amber; above it is red.
    public var runAmberMaxDuring: Int
    /// Next-morning pain more than this many points above baseline is red.
    public var morningRedAboveBaseline: Int
    public var limpingIsRed: Bool
    /// Pain after exercise up to this is green, up to `amberMaxAfter` amber, above it red. Nil in
    /// older files, which keep their rule: pain after above the pain during is amber.
    public var greenMaxAfter: Int?
    public var amberMaxAfter: Int?
    /// The same for the pain after on a day with a run; nil: the exercise-day bounds.
    public var runGreenMaxAfter: Int?
    public var runAmberMaxAfter: Int?
}

public struct BaselineRules: Codable, Sendable, Equatable {
    /// The baseline is the median next-morning pain of this many days before.
    public var windowDays: Int
    /// With fewer check-ins than this in the window, the enrolment value is used.
    public var minimumMornings: Int
    /// The baseline is never above the enrolment value plus this (a baseline that follows a
    /// worsening tendon up hides the worsening); nil in older files: no cap.
    public var capAboveEnrolment: Int?
}

/// Week to week: the median morning pain of the last `days` days against the `days` before.
public struct WeekToWeekRules: Codable, Sendable, Equatable {
    /// A rise of at least this much makes the week amber: loads held, no gate opens.
    public var riseOf: Int
    public var days: Int
    /// A week with fewer check-ins than this is not compared.
    public var minimumMornings: Int
    /// This many rising weeks in a row pause the program like red days.
    public var risingWeeksToPause: Int
}

public struct PauseRules: Codable, Sendable, Equatable {
    public var consecutiveRedDays: Int
    public var redDaysInWindow: Int
    public var windowDays: Int
}

// MARK: - Sessions

/// When a day's logging counts as a session of its phase (for adherence and the gate).
public struct SessionRules: Codable, Sendable, Equatable {
    /// The share of the day's prescribed sets (each side counted) of the phase's own exercises
    /// that must be logged.
    public var minimumShareOfSets: Share

    public init(minimumShareOfSets: Share = Share(numerator: 2, denominator: 3)) {
        self.minimumShareOfSets = minimumShareOfSets
    }
}

/// A fraction written "2/3" (exact) or as a number from 0 to 1 in a program file.
public struct Share: Codable, Sendable, Equatable, CustomStringConvertible {
    public let numerator: Int
    public let denominator: Int

    public init(numerator: Int, denominator: Int) { self.numerator = numerator; self.denominator = denominator }

    /// "2/3" or "0.75"; nil for anything else, or outside 0-1.
    public init?(text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count == 2, let n = Int(parts[0]), let d = Int(parts[1]), d > 0, n >= 0, n <= d, d <= 1000 {
            self.init(numerator: n, denominator: d)
        } else if parts.count == 1, let v = Double(parts[0]) {
            self.init(value: v)
        } else {
            return nil
        }
    }

    /// A decimal, kept to four places.
    public init?(value: Double) {
        guard value.isFinite, value >= 0, value <= 1 else { return nil }
        self.init(numerator: Int((value * 10_000).rounded()), denominator: 10_000)
    }

    public var value: Double { Double(numerator) / Double(denominator) }

    /// Whether `part` of `whole` reaches this share, in whole numbers so that 2 of 3 is exactly 2/3.
    public func isReached(by part: Int, of whole: Int) -> Bool { part * denominator >= numerator * whole }

    /// The smallest part of `whole` that reaches this share.
    public func needed(of whole: Int) -> Int { (numerator * whole + denominator - 1) / denominator }

    public var description: String { denominator == 10_000 ? String(value) : "\(numerator)/\(denominator)" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let share: Share?
        if let v = try? c.decode(Double.self) { share = Share(value: v) } else { share = Share(text: try c.decode(String.self)) }
        guard let share else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a share such as \"2/3\" or a number from 0 to 1")
        }
        self = share
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if denominator == 10_000 { try c.encode(value) } else { try c.encode(description) }
    }
}

// MARK: - Gates

public struct GateTest: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var unit: String
    public var target: Double
    /// `each`: must be passed on the left and on the right; `both`: once.
    public var sides: Sides
}

public struct TestGroup: Codable, Sendable, Equatable {
    public var maxPain: Int
    /// The test only counts when next morning's pain is not above baseline.
    public var noMorningRise: Bool
    public var tests: [GateTest]
}

public enum GateCriterion: Codable, Sendable, Equatable {
    case adherence(windowDays: Int, minPercent: Int)
    case noRedDays(windowDays: Int)
    case maxPainDuring(windowDays: Int, max: Int)
    case tests(TestGroup)
    case runStageCompleted(stage: Int, times: Int)

    public var id: String {
        switch self {
        case .adherence: return "adherence"
        case .noRedDays: return "no-red-days"
        case .maxPainDuring: return "max-pain-during"
        case .tests: return "tests"
        case .runStageCompleted: return "run-stage-completed"
        }
    }

    private enum Keys: String, CodingKey {
        case type, windowDays, minPercent, max, maxPain, noMorningRise, tests, stage, times
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "adherence":
            self = .adherence(
                windowDays: try c.decode(Int.self, forKey: .windowDays),
                minPercent: try c.decode(Int.self, forKey: .minPercent))
        case "no-red-days":
            self = .noRedDays(windowDays: try c.decode(Int.self, forKey: .windowDays))
        case "max-pain-during":
            self = .maxPainDuring(
                windowDays: try c.decode(Int.self, forKey: .windowDays),
                max: try c.decode(Int.self, forKey: .max))
        case "tests":
            self = .tests(
                TestGroup(
                    maxPain: try c.decode(Int.self, forKey: .maxPain),
                    noMorningRise: try c.decodeIfPresent(Bool.self, forKey: .noMorningRise) ?? false,
                    tests: try c.decode([GateTest].self, forKey: .tests)))
        case "run-stage-completed":
            self = .runStageCompleted(
                stage: try c.decode(Int.self, forKey: .stage),
                times: try c.decode(Int.self, forKey: .times))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: c,
                debugDescription:
                    "unknown criterion type \"\(type)\"; expected adherence, no-red-days, max-pain-during, tests or run-stage-completed")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(id, forKey: .type)
        switch self {
        case .adherence(let w, let p): try c.encode(w, forKey: .windowDays); try c.encode(p, forKey: .minPercent)
        case .noRedDays(let w): try c.encode(w, forKey: .windowDays)
        case .maxPainDuring(let w, let m): try c.encode(w, forKey: .windowDays); try c.encode(m, forKey: .max)
        case .tests(let g):
            try c.encode(g.maxPain, forKey: .maxPain)
            try c.encode(g.noMorningRise, forKey: .noMorningRise)
            try c.encode(g.tests, forKey: .tests)
        case .runStageCompleted(let s, let t): try c.encode(s, forKey: .stage); try c.encode(t, forKey: .times)
        }
    }
}

// MARK: - Return to run

public struct RunStage: Codable, Sendable, Equatable {
    public var stage: Int
    public var walkMinutes: Int
    public var runMinutes: Int
    public var repeats: Int
    /// Walking done once before the running (stages 8-9: 3 min walk, then one run).
    public var warmupWalkMinutes: Int?

    public var totalRunMinutes: Int { runMinutes * repeats }
    /// The longest stretch run without walking: all of it when there is no walking between repeats.
    public var longestRunMinutes: Int { walkMinutes == 0 ? totalRunMinutes : runMinutes }
    /// The whole session, walking included: what a run must last to count for this stage.
    public var totalMinutes: Int { (walkMinutes + runMinutes) * repeats + (warmupWalkMinutes ?? 0) }

    public var description: String {
        if let w = warmupWalkMinutes { return "walk \(w) min, then run \(runMinutes) min" }
        if walkMinutes == 0 { return "run \(runMinutes) min" + (repeats > 1 ? " x \(repeats)" : "") }
        return "walk \(walkMinutes) min / run \(runMinutes) min, x \(repeats)"
    }
}

public struct ReturnToRunRules: Codable, Sendable, Equatable {
    public var stages: [RunStage]
    /// Green runs needed at a stage before the next opens.
    public var greenRunsPerStage: Int
    /// Rest days required between two runs.
    public var restDaysBetweenRuns: Int
    /// After the last stage: a run may be at most this many percent longer than the longest run
    /// of the past `longestRunWindowDays` days.
    public var maxRunIncreasePercent: Int
    public var longestRunWindowDays: Int
    /// Weekly running minutes may rise at most this many percent over the week before.
    public var maxWeeklyIncreasePercent: Int
    /// `program validate` warns when running minutes rise more than this many percent from one
    /// stage to the next, from stage `stageIncreaseFromStage` on (4 to 5, 5 to 6 ...); nil in older
    /// files: 30 and 4.
    public var maxStageIncreasePercent: Int?
    public var stageIncreaseFromStage: Int?
    public var stageIncreaseWarning: (percent: Int, fromStage: Int) { (maxStageIncreasePercent ?? 30, stageIncreaseFromStage ?? 4) }

    public func stage(_ n: Int) -> RunStage? { stages.first { $0.stage == n } }
    public var lastStage: Int { stages.map(\.stage).max() ?? 0 }
}

// MARK: - Red flags and outcome

public enum RedFlagLevel: String, Codable, Sendable {
    /// Go to urgent care today; the program stops.
    case urgent
    /// See a doctor before any more running or hopping; the program stops.
    case doctor
    /// Not an emergency, but progression pauses until a clinician has been seen.
    case clinician
}

public struct RedFlag: Codable, Sendable, Equatable {
    public var id: String
    public var question: String
    public var level: RedFlagLevel
    public var advice: String
}

public struct OutcomeMeasure: Codable, Sendable, Equatable {
    public var name: String
    public var min: Int
    public var max: Int
    /// The score is asked for again after this many days.
    public var everyDays: Int
    /// A phase gate whose other criteria are met asks for a score recorded within this many days;
    /// nil in older files, whose gates do not ask.
    public var gateWithinDays: Int?

    /// What the questionnaire is and where its total comes from: the program records only the
    /// total, never the questionnaire's items.
    public static func whereToGetIt(_ name: String) -> String {
        name == "VISA-G"
            ? "VISA-G is a published questionnaire on gluteal tendon pain and function, scored 0-100; your clinician or the published questionnaire gives the total"
            : "your clinician or the published \(name) questionnaire gives the total"
    }
}

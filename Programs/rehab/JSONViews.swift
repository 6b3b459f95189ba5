import RehabCore

/// The JSON shapes of the command line: a contract for scripts, so names change only with care.
struct StatusJSON: Encodable {
    struct Criterion: Encodable { let id: String; let met: Bool; let detail: String }
    struct Test: Encodable { let id: String; let name: String; let side: String?; let target: Double; let unit: String }
    struct Flag: Encodable { let id: String; let date: String; let level: String; let advice: String }
    struct ZoneEntry: Encodable { let date: String; let zone: String?; let reason: String? }
    struct RunStage: Encodable { let stage: Int; let greenRuns: Int; let greenRunsNeeded: Int; let runs: [RunVerdictJSON] }
    struct RunVerdictJSON: Encodable { let date: String; let stage: Int; let minutes: Int; let outcome: String; let reason: String }
    struct RunFlag: Encodable { let date: String; let minutes: Int; let reason: String }
    struct Override: Encodable { let date: String; let phase: String; let reason: String }
    struct Visit: Encodable { let date: String; let note: String? }
    struct ProgramInForce: Encodable { let id: String; let name: String; let version: Int; let source: String; let since: String }

    let asOf: String
    let phase: String
    let phaseName: String
    let phaseStart: String
    let daysInPhase: Int
    let eligibleToAdvance: Bool
    let criteria: [Criterion]
    let requiredTests: [Test]
    let paused: Bool
    /// "paused" (red days), "locked" (keep exercising, no running) or "stopped" (no exercise).
    let pauseKind: String?
    let pauseReason: String?
    let redFlags: [Flag]
    let overrides: [Override]
    let clinicianVisits: [Visit]
    let runFlags: [RunFlag]
    let zones: [ZoneEntry]
    let runStage: RunStage?
    let outcomeDue: Bool
    /// The program in force on `asOf`, with where it came from and since when.
    let program: ProgramInForce?

    init(_ s: Status, program: Program, source: String? = nil, since: Day? = nil) {
        self.program = source.map { ProgramInForce(id: program.id, name: program.name, version: program.version, source: $0,
                                                   since: (since ?? s.asOf).iso) }
        asOf = s.asOf.iso
        phase = s.phase.rawValue
        phaseName = program.phase(s.phase)?.name ?? "Complete"
        phaseStart = s.phaseStart.iso
        daysInPhase = s.daysInPhase
        eligibleToAdvance = s.eligibleToAdvance
        criteria = s.criteria.map { Criterion(id: $0.id, met: $0.met, detail: $0.detail) }
        requiredTests = s.requiredTests.map { Test(id: $0.id, name: $0.name, side: $0.side?.rawValue, target: $0.target, unit: $0.unit) }
        paused = s.paused
        pauseKind = s.pause?.kind.rawValue
        pauseReason = s.pause?.reason
        overrides = s.overrides.map { Override(date: $0.date.iso, phase: $0.phase.rawValue, reason: $0.override ?? "") }
        clinicianVisits = s.clinicianVisits.map { Visit(date: $0.date.iso, note: $0.note) }
        runFlags = s.runFlags.map { RunFlag(date: $0.date.iso, minutes: $0.minutes, reason: $0.reason) }
        redFlags = s.redFlags.map { Flag(id: $0.id, date: $0.date.iso, level: $0.level.rawValue, advice: $0.advice) }
        zones = s.recentZones.map { ZoneEntry(date: $0.date.iso, zone: $0.zone?.rawValue, reason: $0.reason) }
        runStage = s.runProgress.map { RunStage(stage: $0.currentStage, greenRuns: $0.greens(at: $0.currentStage),
                                                greenRunsNeeded: program.returnToRun.greenRunsPerStage,
                                                // The latest runs, with what each earned: a status, not the whole log.
                                                runs: $0.verdicts.suffix(10).map { RunVerdictJSON(date: $0.date.iso, stage: $0.stage, minutes: $0.minutes,
                                                                                       outcome: $0.outcome.rawValue, reason: $0.reason) }) }
        outcomeDue = s.outcomeDue
    }
}

struct PlanJSON: Encodable {
    struct Item: Encodable {
        let id: String
        let name: String
        let sets: Int
        let reps: Int?
        let holdSeconds: Int?
        let sides: String
        let tempo: [TempoSegment]
        let restSeconds: Int
        let advice: String
        let loadKg: Double?
        let done: Bool
        let doneSides: [String]
        /// How to do it, from the program file.
        let how: String
    }
    struct Run: Encodable {
        let stage: Int
        let description: String
        /// What to log as --minutes: the whole outing, walking included (what it must last to count).
        let runMinutes: Int
        /// The running part of the stage.
        let runningMinutes: Int
        let greenRuns: Int
        let greenRunsNeeded: Int
        let allowedToday: Bool
        let note: String
    }
    let date: String
    let phase: String
    let daysInPhase: Int
    let stopped: Bool
    let message: String?
    let exercises: [Item]
    let run: Run?

    init(_ s: Status) {
        let p = s.plan
        date = p.date.iso
        phase = s.phase.rawValue
        daysInPhase = s.daysInPhase
        stopped = p.stopped
        message = p.message
        exercises = p.items.map {
            Item(id: $0.exercise.id, name: $0.exercise.name, sets: $0.exercise.sets, reps: $0.exercise.reps,
                 holdSeconds: $0.exercise.holdSeconds, sides: $0.exercise.sides.rawValue, tempo: $0.exercise.segments,
                 restSeconds: $0.restSeconds, advice: $0.advice.rawValue, loadKg: $0.loadKg, done: $0.doneToday,
                 doneSides: $0.doneSides.map(\.rawValue), how: $0.exercise.how)
        }
        run = p.run.map { Run(stage: $0.stage, description: $0.description, runMinutes: $0.runMinutes, runningMinutes: $0.runningMinutes,
                              greenRuns: $0.greenRunsAtStage,
                              greenRunsNeeded: $0.greenRunsNeeded, allowedToday: $0.allowedToday, note: $0.note) }
    }
}

struct WeekJSON: Encodable {
    struct DayEntry: Encodable {
        let date: String
        let weekday: String
        let sessionDone: Bool
        let logged: Bool
        let paused: Bool
        let runFlags: [String]
        let painDuring: Int?
        let painAfter: Int?
        let nextMorningPain: Int?
        let zone: String?
        let volume: Int
        let runMinutes: Int
    }
    let weekStart: String
    let phase: String
    let sessionsDone: Int
    let sessionsPlanned: Int
    /// "2 of 3 planned sessions", or "6 sessions (3 planned)".
    let sessions: String
    let adherencePercent: Int
    let volume: Int
    let runMinutes: Int
    let outcomeScore: Int?
    let days: [DayEntry]

    init(_ w: WeekSummary) {
        weekStart = w.weekStart.iso
        phase = w.phase.rawValue
        sessionsDone = w.sessionsDone
        sessionsPlanned = w.sessionsPlanned
        sessions = w.sessions.text
        adherencePercent = w.adherencePercent
        volume = w.volume
        runMinutes = w.runMinutes
        outcomeScore = w.outcomeScore?.score
        days = w.days.map {
            DayEntry(date: $0.date.iso, weekday: $0.date.weekdayName, sessionDone: $0.sessionDone, logged: $0.logged, paused: $0.paused,
                     runFlags: $0.runFlags, painDuring: $0.painDuring,
                     painAfter: $0.painAfter, nextMorningPain: $0.nextMorningPain, zone: $0.zone?.rawValue,
                     volume: $0.volume, runMinutes: $0.runMinutes)
        }
    }
}

import RehabCore

/// The JSON shapes of the command line: a contract for scripts, so names change only with care.
/// Where the engine's own type already has the shape (`CriterionResult`, `RequiredTest`, `ZoneDay`,
/// `RunVerdict`, `RunCapFlag`, `FlagClearance`, `DayPlan.RunToday`, `WeekDay`), it is encoded as
/// it is: renaming one of their properties renames a key here.
struct StatusJSON: Encodable {
    struct Flag: Encodable { let id: String; let date: String; let level: String; let advice: String }
    struct RunStage: Encodable { let stage: Int; let greenRuns: Int; let greenRunsNeeded: Int; let runs: [RunVerdict] }
    struct Override: Encodable { let date: String; let phase: String; let reason: String }
    struct ProgramInForce: Encodable { let id: String; let name: String; let version: Int; let source: String; let since: String }

    let asOf: String
    let phase: String
    let phaseName: String
    let phaseStart: String
    let daysInPhase: Int
    let eligibleToAdvance: Bool
    let criteria: [CriterionResult]
    let requiredTests: [RequiredTest]
    let paused: Bool
    /// "paused" (red days), "locked" (keep exercising, no running) or "stopped" (no exercise).
    let pauseKind: String?
    let pauseReason: String?
    /// The week to `asOf` when its morning pain rose against the week before (loads held, no gate opens).
    let risingWeek: RisingWeek?
    let redFlags: [Flag]
    let overrides: [Override]
    let clinicianVisits: [FlagClearance]
    let runFlags: [RunCapFlag]
    let zones: [ZoneDay]
    let runStage: RunStage?
    let outcomeDue: Bool
    /// The program in force on `asOf`, with where it came from and since when.
    let program: ProgramInForce?

    init(_ s: Status, program: Program, source: String? = nil, since: Day? = nil) {
        self.program = source.map {
            ProgramInForce(
                id: program.id, name: program.name, version: program.version, source: $0,
                since: (since ?? s.asOf).iso)
        }
        asOf = s.asOf.iso
        phase = s.phase.rawValue
        phaseName = program.phase(s.phase)?.name ?? "Complete"
        phaseStart = s.phaseStart.iso
        daysInPhase = s.daysInPhase
        eligibleToAdvance = s.eligibleToAdvance
        criteria = s.criteria
        requiredTests = s.requiredTests
        paused = s.paused
        pauseKind = s.pause?.kind.rawValue
        pauseReason = s.pause?.reason
        risingWeek = s.risingWeek
        overrides = s.overrides.map { Override(date: $0.date.iso, phase: $0.phase.rawValue, reason: $0.override ?? "") }
        clinicianVisits = s.clinicianVisits
        runFlags = s.runFlags
        redFlags = s.redFlags.map { Flag(id: $0.id, date: $0.date.iso, level: $0.level.rawValue, advice: $0.advice) }
        zones = s.recentZones
        runStage = s.runProgress.map {
            RunStage(
                stage: $0.currentStage, greenRuns: $0.greens(at: $0.currentStage),
                greenRunsNeeded: program.returnToRun.greenRunsPerStage,
                // The latest runs, with what each earned: a status, not the whole log.
                runs: Array($0.verdicts.suffix(10)))
        }
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
        /// The sides this patient does a one-legged exercise on: a side-lying one only with the painful side up.
        let sidesToDo: [String]?
        /// The prescription in words for this patient ("3 x 10, right side (lying on your left)").
        let dose: String
        let tempo: [TempoSegment]
        let restSeconds: Int
        let advice: String
        /// Why the load is held, or the load it rises to: "repeat (waiting for tomorrow morning's check-in)".
        let adviceNote: String?
        /// The load of an exercise done with both legs.
        let loadKg: Double?
        /// The loads of a one-legged exercise, by side ("left", "right"): carried apart.
        let loadsKg: [String: Double]?
        let done: Bool
        let doneSides: [String]
        /// How to do it, from the program file.
        let how: String
    }
    let date: String
    let phase: String
    let daysInPhase: Int
    let stopped: Bool
    let message: String?
    let exercises: [Item]
    let run: DayPlan.RunToday?

    init(_ s: Status) {
        let p = s.plan
        date = p.date.iso
        phase = s.phase.rawValue
        daysInPhase = s.daysInPhase
        stopped = p.stopped
        message = p.message
        exercises = p.items.map {
            Item(
                id: $0.exercise.id, name: $0.exercise.name, sets: $0.exercise.sets, reps: $0.exercise.reps,
                holdSeconds: $0.exercise.holdSeconds, sides: $0.exercise.sides.rawValue,
                sidesToDo: $0.exercise.sides == .each ? $0.sides.compactMap { $0?.rawValue } : nil, dose: $0.prescription,
                tempo: $0.exercise.segments,
                restSeconds: $0.restSeconds, advice: $0.advice.rawValue, adviceNote: $0.adviceNote, loadKg: $0.loadKg(on: nil),
                loadsKg: $0.exercise.sides == .each
                    ? Dictionary(uniqueKeysWithValues: $0.loads.compactMap { l in l.side.map { ($0.rawValue, l.kg) } }) : nil,
                done: $0.doneToday,
                doneSides: $0.doneSides.map(\.rawValue), how: $0.exercise.how)
        }
        run = p.run
    }
}

struct WeekJSON: Encodable {
    /// A day as the engine encodes it, with the weekday's name added.
    struct DayEntry: Encodable {
        let day: WeekDay

        func encode(to encoder: Encoder) throws {
            try day.encode(to: encoder)
            var added = encoder.container(keyedBy: JSONKey.self)
            try added.encode(day.date.weekdayName, forKey: "weekday")
        }
    }
    let weekStart: String
    let phase: String
    let sessionsDone: Int
    let sessionsPlanned: Int
    /// "2 of 3 planned sessions", or "6 sessions (3 planned)".
    let sessions: String
    let adherencePercent: Int
    /// Repetitions plus seconds held, as before; `reps` and `holdSeconds` say what it is made of.
    let volume: Int
    let reps: Int
    let holdSeconds: Int
    let runMinutes: Int
    /// "30 reps · 1.5 min held · 20 min run", as the Week screen says it.
    let work: String
    let outcomeScore: Int?
    let risingWeek: RisingWeek?
    let days: [DayEntry]
    /// The phase gate as it stood at the end of the week (its Sunday, or the day asked in the week under way).
    let gate: WeekGate

    init(_ w: WeekSummary, gate: WeekGate) {
        weekStart = w.weekStart.iso
        phase = w.phase.rawValue
        sessionsDone = w.sessionsDone
        sessionsPlanned = w.sessionsPlanned
        sessions = w.sessions.text
        adherencePercent = w.adherencePercent
        volume = w.volume
        reps = w.work.reps
        holdSeconds = w.work.holdSeconds
        runMinutes = w.runMinutes
        work = w.work.text
        self.gate = gate
        outcomeScore = w.outcomeScore?.score
        risingWeek = w.risingWeek
        days = w.days.map(DayEntry.init)
    }
}

// Each view encodes itself with the one key type its engine types use (`JSONKey` says why); the
// keys are its property names, nil ones left out, as synthesized `Encodable` would write them.

extension StatusJSON {
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(asOf, forKey: "asOf")
        try c.encode(phase, forKey: "phase")
        try c.encode(phaseName, forKey: "phaseName")
        try c.encode(phaseStart, forKey: "phaseStart")
        try c.encode(daysInPhase, forKey: "daysInPhase")
        try c.encode(eligibleToAdvance, forKey: "eligibleToAdvance")
        try c.encode(criteria, forKey: "criteria")
        try c.encode(requiredTests, forKey: "requiredTests")
        try c.encode(paused, forKey: "paused")
        try c.encodeIfPresent(pauseKind, forKey: "pauseKind")
        try c.encodeIfPresent(pauseReason, forKey: "pauseReason")
        try c.encodeIfPresent(risingWeek, forKey: "risingWeek")
        try c.encode(redFlags, forKey: "redFlags")
        try c.encode(overrides, forKey: "overrides")
        try c.encode(clinicianVisits, forKey: "clinicianVisits")
        try c.encode(runFlags, forKey: "runFlags")
        try c.encode(zones, forKey: "zones")
        try c.encodeIfPresent(runStage, forKey: "runStage")
        try c.encode(outcomeDue, forKey: "outcomeDue")
        try c.encodeIfPresent(program, forKey: "program")
    }
}

extension StatusJSON.Flag {
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(id, forKey: "id")
        try c.encode(date, forKey: "date")
        try c.encode(level, forKey: "level")
        try c.encode(advice, forKey: "advice")
    }
}

extension StatusJSON.RunStage {
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(stage, forKey: "stage")
        try c.encode(greenRuns, forKey: "greenRuns")
        try c.encode(greenRunsNeeded, forKey: "greenRunsNeeded")
        try c.encode(runs, forKey: "runs")
    }
}

extension StatusJSON.Override {
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(date, forKey: "date")
        try c.encode(phase, forKey: "phase")
        try c.encode(reason, forKey: "reason")
    }
}

extension StatusJSON.ProgramInForce {
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(id, forKey: "id")
        try c.encode(name, forKey: "name")
        try c.encode(version, forKey: "version")
        try c.encode(source, forKey: "source")
        try c.encode(since, forKey: "since")
    }
}

extension PlanJSON {
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(date, forKey: "date")
        try c.encode(phase, forKey: "phase")
        try c.encode(daysInPhase, forKey: "daysInPhase")
        try c.encode(stopped, forKey: "stopped")
        try c.encodeIfPresent(message, forKey: "message")
        try c.encode(exercises, forKey: "exercises")
        try c.encodeIfPresent(run, forKey: "run")
    }
}

extension PlanJSON.Item {
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(id, forKey: "id")
        try c.encode(name, forKey: "name")
        try c.encode(sets, forKey: "sets")
        try c.encodeIfPresent(reps, forKey: "reps")
        try c.encodeIfPresent(holdSeconds, forKey: "holdSeconds")
        try c.encode(sides, forKey: "sides")
        try c.encodeIfPresent(sidesToDo, forKey: "sidesToDo")
        try c.encode(dose, forKey: "dose")
        try c.encode(tempo, forKey: "tempo")
        try c.encode(restSeconds, forKey: "restSeconds")
        try c.encode(advice, forKey: "advice")
        try c.encodeIfPresent(adviceNote, forKey: "adviceNote")
        try c.encodeIfPresent(loadKg, forKey: "loadKg")
        try c.encodeIfPresent(loadsKg, forKey: "loadsKg")
        try c.encode(done, forKey: "done")
        try c.encode(doneSides, forKey: "doneSides")
        try c.encode(how, forKey: "how")
    }
}

extension WeekJSON {
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(weekStart, forKey: "weekStart")
        try c.encode(phase, forKey: "phase")
        try c.encode(sessionsDone, forKey: "sessionsDone")
        try c.encode(sessionsPlanned, forKey: "sessionsPlanned")
        try c.encode(sessions, forKey: "sessions")
        try c.encode(adherencePercent, forKey: "adherencePercent")
        try c.encode(volume, forKey: "volume")
        try c.encode(reps, forKey: "reps")
        try c.encode(holdSeconds, forKey: "holdSeconds")
        try c.encode(runMinutes, forKey: "runMinutes")
        try c.encode(work, forKey: "work")
        try c.encodeIfPresent(outcomeScore, forKey: "outcomeScore")
        try c.encodeIfPresent(risingWeek, forKey: "risingWeek")
        try c.encode(days, forKey: "days")
        try c.encode(gate, forKey: "gate")
    }
}

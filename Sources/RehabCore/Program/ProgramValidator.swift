/// Checks the meaning of a decoded program: the things JSON types cannot say. Every problem is
/// collected, so a clinician fixes a file in one pass.
enum ProgramValidator {
    /// Every problem, with its field path; `ProgramLoader.check` adds the lines.
    static func problems(_ p: Program) -> [JSONIssue] {
        var c = Checker()
        c.painZones(p.painZones)
        c.positive(p.baseline.windowDays, "baseline.windowDays", max: 60)
        c.positive(p.baseline.minimumMornings, "baseline.minimumMornings", max: p.baseline.windowDays)
        if let cap = p.baseline.capAboveEnrolment { c.pain(cap, "baseline.capAboveEnrolment") }
        if let w = p.weekToWeek {
            c.positive(w.riseOf, "weekToWeek.riseOf", max: 10)
            c.positive(w.days, "weekToWeek.days", max: 30)
            c.positive(w.minimumMornings, "weekToWeek.minimumMornings", max: w.days)
            c.positive(w.risingWeeksToPause, "weekToWeek.risingWeeksToPause", max: 12)
        }
        c.positive(p.pause.consecutiveRedDays, "pause.consecutiveRedDays", max: 60)
        c.positive(p.pause.redDaysInWindow, "pause.redDaysInWindow", max: p.pause.windowDays)
        c.positive(p.pause.windowDays, "pause.windowDays", max: 60)
        if p.sessionRules.minimumShareOfSets.numerator == 0 {
            c.fail("sessions.minimumShareOfSets", "must be above 0: with 0, a day with nothing logged would count as a session")
        }

        if let prepare = p.prepareSeconds, PrepareSeconds(prepare) == nil {
            c.fail("prepareSeconds", "must be from 0 (start at once) to 120 seconds")
        }

        let order: [PhaseID] = [.activation, .strengthening, .multiPlane, .returnToRun]
        if p.phases.map(\.id) != order {
            c.fail("phases", "must list the phases activation, strengthening, multi-plane and return-to-run, in that order")
        }
        var testIDs = Set<String>()
        for (i, phase) in p.phases.enumerated() {
            c.phase(phase, at: "phases[\(i)]", program: p, testIDs: &testIDs)
        }
        c.returnToRun(p.returnToRun)
        // Without a single warning sign, check-in could never stop the program: a file that lost its list is refused.
        if p.redFlags.isEmpty { c.fail("redFlags", "must list at least one red-flag question; the default program's list is a starting point") }
        var flagIDs = Set<String>()
        for (i, f) in p.redFlags.enumerated() {
            c.identifier(f.id, "redFlags[\(i)].id")
            if !flagIDs.insert(f.id).inserted { c.fail("redFlags[\(i)].id", "\"\(f.id)\" appears twice") }
            c.nonEmpty(f.question, "redFlags[\(i)].question")
            c.nonEmpty(f.advice, "redFlags[\(i)].advice")
        }
        if p.outcome.min >= p.outcome.max { c.fail("outcome.max", "must be above outcome.min (\(p.outcome.min)), not \(p.outcome.max)") }
        c.positive(p.outcome.everyDays, "outcome.everyDays", max: 365)
        if let days = p.outcome.gateWithinDays { c.positive(days, "outcome.gateWithinDays", max: 365) }
        c.nonEmpty(p.id, "id")
        c.nonEmpty(p.name, "name")
        if p.version < 1 { c.fail("version", "must be 1 or more, not \(p.version)") }
        return c.problems
    }

    /// What a program must meet to be adopted now but a program already in force, saved before
    /// these rules, is not held to (its patients keep it): a run ladder that never goes backwards.
    static func adoptionProblems(_ p: Program) -> [JSONIssue] {
        var c = Checker()
        for (i, pair) in zip(p.returnToRun.stages, p.returnToRun.stages.dropFirst()).enumerated() {
            let at = "returnToRun.stages[\(i + 1)]"
            let (before, stage) = pair
            if stage.totalRunMinutes < before.totalRunMinutes {
                c.fail(
                    "\(at).runMinutes",
                    "makes stage \(stage.stage) \(stage.totalRunMinutes) min of running, less than stage \(before.stage)'s \(before.totalRunMinutes): the ladder must never go backwards"
                )
            }
            if stage.longestRunMinutes < before.longestRunMinutes {
                c.fail(
                    "\(at).runMinutes",
                    "makes stage \(stage.stage)'s longest run \(stage.longestRunMinutes) min, shorter than stage \(before.stage)'s \(before.longestRunMinutes): the ladder must never go backwards"
                )
            }
        }
        return c.problems
    }

    /// What a clinician should look at again, though the program can be used.
    static func warnings(_ p: Program) -> [JSONIssue] {
        var c = Checker()
        let limit = p.returnToRun.stageIncreaseWarning
        for (i, pair) in zip(p.returnToRun.stages, p.returnToRun.stages.dropFirst()).enumerated() where pair.0.stage >= limit.fromStage {
            let (before, stage) = pair
            guard before.totalRunMinutes > 0, stage.totalRunMinutes * 100 > before.totalRunMinutes * (100 + limit.percent) else { continue }
            let rise = (stage.totalRunMinutes - before.totalRunMinutes) * 100 / before.totalRunMinutes
            c.fail(
                "returnToRun.stages[\(i + 1)].runMinutes",
                "raises running from \(before.totalRunMinutes) min (stage \(before.stage)) to \(stage.totalRunMinutes) min, \(rise) % more; from stage \(limit.fromStage) on a step of more than \(limit.percent) % is a big jump"
            )
        }
        return c.problems
    }

    static func isIdentifier(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 64 && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

private struct Checker {
    var problems: [JSONIssue] = []

    mutating func fail(_ at: String, _ problem: String) { problems.append(JSONIssue(line: nil, path: at, problem: problem)) }

    mutating func pain(_ value: Int, _ at: String) {
        if let refusal = PainScore.refusal(of: value) { fail(at, refusal) }
    }

    mutating func positive(_ value: Int, _ at: String, max: Int = 10_000) {
        if value < 1 || value > max { fail(at, "must be from 1 to \(max), not \(value)") }
    }

    mutating func range(_ value: Int, _ r: ClosedRange<Int>, _ at: String) {
        if !r.contains(value) { fail(at, "must be from \(r.lowerBound) to \(r.upperBound), not \(value)") }
    }

    mutating func identifier(_ id: String, _ at: String) {
        if !ProgramValidator.isIdentifier(id) { fail(at, "must be lowercase letters, digits and dashes, not \"\(id)\"") }
    }

    mutating func nonEmpty(_ text: String, _ at: String) {
        if text.allSatisfy(\.isWhitespace) { fail(at, "must not be empty") }
    }

    mutating func painZones(_ z: PainZoneRules) {
        pain(z.greenMaxDuring, "painZones.greenMaxDuring")
        pain(z.amberMaxDuring, "painZones.amberMaxDuring")
        pain(z.runGreenMaxDuring, "painZones.runGreenMaxDuring")
        pain(z.runAmberMaxDuring, "painZones.runAmberMaxDuring")
        if z.amberMaxDuring < z.greenMaxDuring {
            fail("painZones.amberMaxDuring", "must not be below greenMaxDuring (\(z.greenMaxDuring)), not \(z.amberMaxDuring)")
        }
        if z.runAmberMaxDuring < z.runGreenMaxDuring {
            fail("painZones.runAmberMaxDuring", "must not be below runGreenMaxDuring (\(z.runGreenMaxDuring)), not \(z.runAmberMaxDuring)")
        }
        pain(z.morningRedAboveBaseline, "painZones.morningRedAboveBaseline")
        afterBounds(z.greenMaxAfter, z.amberMaxAfter, "")
        afterBounds(z.runGreenMaxAfter, z.runAmberMaxAfter, "run")
    }

    /// Pain-after bounds come in pairs, amber not below green.
    private mutating func afterBounds(_ green: Int?, _ amber: Int?, _ prefix: String) {
        let g = prefix.isEmpty ? "greenMaxAfter" : prefix + "GreenMaxAfter", a = prefix.isEmpty ? "amberMaxAfter" : prefix + "AmberMaxAfter"
        switch (green, amber) {
        case (nil, nil): return
        case (let green?, let amber?):
            pain(green, "painZones.\(g)")
            pain(amber, "painZones.\(a)")
            if amber < green { fail("painZones.\(a)", "must not be below \(g) (\(green)), not \(amber)") }
        default: fail("painZones.\(green == nil ? g : a)", "is needed with \(green == nil ? a : g): give both or neither")
        }
    }

    mutating func phase(_ phase: Phase, at: String, program p: Program, testIDs: inout Set<String>) {
        range(phase.minimumDays, 0...365, "\(at).minimumDays")
        positive(phase.sessionsPerWeek, "\(at).sessionsPerWeek", max: 7)
        positive(phase.restSeconds, "\(at).restSeconds", max: 900)
        nonEmpty(phase.name, "\(at).name")
        if phase.exercises.isEmpty { fail("\(at).exercises", "must list at least one exercise") }
        var ids = Set<String>()
        let listed =
            phase.exercises.enumerated().map { ("\(at).exercises[\($0.offset)]", $0.element) }
            + (phase.alternatives ?? []).enumerated().map { ("\(at).alternatives[\($0.offset)]", $0.element) }
        for (ea, e) in listed {
            self.position(of: e, at: ea, in: phase)
            identifier(e.id, "\(ea).id")
            if !ids.insert(e.id).inserted { fail("\(ea).id", "\"\(e.id)\" appears twice in this phase") }
            nonEmpty(e.name, "\(ea).name")
            positive(e.sets, "\(ea).sets", max: 20)
            switch (e.reps, e.holdSeconds) {
            case (let reps?, nil): positive(reps, "\(ea).reps", max: 100)
            case (nil, let hold?): positive(hold, "\(ea).holdSeconds", max: 300)
            default: fail(ea, "needs exactly one of reps or holdSeconds")
            }
            if e.holdSeconds == nil && (e.tempo ?? []).isEmpty {
                fail("\(ea).tempo", "is needed for a repetition exercise: a list of segments such as { \"cue\": \"lower\", \"seconds\": 5 }")
            }
            if (e.tempo ?? []).count > SessionLimits.segmentsPerRepetition {
                fail("\(ea).tempo", "has \(e.tempo!.count) segments; a repetition has at most \(SessionLimits.segmentsPerRepetition)")
            }
            for (k, s) in (e.tempo ?? []).enumerated() {
                positive(s.seconds, "\(ea).tempo[\(k)].seconds", max: 120)
                nonEmpty(s.cue, "\(ea).tempo[\(k)].cue")
            }
            if let r = e.restSeconds { positive(r, "\(ea).restSeconds", max: 900) }
            if let step = e.loadStepKg {
                if !(step > 0 && step <= 50) { fail("\(ea).loadStepKg", "must be more than 0 and at most 50 kg, not \(step.compact)") }
                if e.loadable != true { fail("\(ea).loadStepKg", "needs \"loadable\": true (a step raises a logged load)") }
            }
            let repetition = e.segments.reduce(0) { $0 + $1.seconds }
            if repetition > SessionLimits.repetitionSeconds {
                fail(
                    "\(ea).tempo",
                    "makes one repetition last \(repetition) s; a repetition (or a hold) lasts at most \(SessionLimits.repetitionSeconds) s")
            }
        }
        let day = phase.exercises.reduce(0) { $0 + SessionLimits.seconds(of: $1, restSeconds: phase.restSeconds, prepareSeconds: p.getReadySeconds) }
        if day > SessionLimits.sessionSeconds {
            fail(
                "\(at).exercises",
                "make a day's session last \(day / 60) minutes; a session lasts at most \(SessionLimits.sessionSeconds / 60) minutes")
        }
        for (j, criterion) in phase.gate.enumerated() {
            let ga = "\(at).gate[\(j)]"
            switch criterion {
            case .adherence(let w, let pct):
                positive(w, "\(ga).windowDays", max: 90)
                positive(pct, "\(ga).minPercent", max: 100)
            case .noRedDays(let w): positive(w, "\(ga).windowDays", max: 90)
            case .maxPainDuring(let w, let m): positive(w, "\(ga).windowDays", max: 90); pain(m, "\(ga).max")
            case .tests(let group):
                pain(group.maxPain, "\(ga).maxPain")
                if group.tests.isEmpty { fail("\(ga).tests", "must list at least one test") }
                for (k, t) in group.tests.enumerated() {
                    identifier(t.id, "\(ga).tests[\(k)].id")
                    if !testIDs.insert(t.id).inserted { fail("\(ga).tests[\(k)].id", "\"\(t.id)\" is used by another test") }
                    nonEmpty(t.name, "\(ga).tests[\(k)].name")
                    if !(t.target > 0 && t.target < 100_000) {
                        fail("\(ga).tests[\(k)].target", "must be a positive number below 100000, not \(t.target)")
                    }
                }
            case .runStageCompleted(let stage, let times):
                if p.returnToRun.stage(stage) == nil {
                    fail("\(ga).stage", "must name a return-to-run stage (1 to \(p.returnToRun.lastStage)); there is no stage \(stage)")
                }
                positive(times, "\(ga).times", max: 20)
            }
        }
    }

    /// No one lies on a painful hip: a side-lying exercise is done per side (painful side up) and
    /// names a standing or lying-on-the-back exercise for when both hips hurt.
    mutating func position(of e: Exercise, at ea: String, in phase: Phase) {
        if e.position == .sideLying {
            if e.sides != .each {
                fail("\(ea).sides", "must be \"each\": a side-lying exercise works the leg on top, the painful one, lying on the other")
            }
            if e.alternative == nil {
                fail(
                    "\(ea).alternative",
                    "is needed for a side-lying exercise: the id of an exercise in this phase's alternatives, done instead where both hips hurt")
            }
        }
        guard let id = e.alternative else { return }
        guard e.position == .sideLying else {
            fail("\(ea).alternative", "is only for a side-lying exercise (\"position\": \"side-lying\")"); return
        }
        let names = (phase.alternatives ?? []).map(\.id)
        guard let alternative = phase.alternatives?.first(where: { $0.id == id }) else {
            fail(
                "\(ea).alternative",
                "\"\(id)\" is not in this phase's alternatives" + (names.isEmpty ? " (the phase lists none)" : " (\(names.joined(separator: ", ")))"))
            return
        }
        if alternative.position == .sideLying {
            fail("\(ea).alternative", "\"\(id)\" is side-lying too; where both hips hurt the alternative must be done standing or on the back")
        }
    }

    mutating func returnToRun(_ r: ReturnToRunRules) {
        if r.stages.isEmpty { fail("returnToRun.stages", "must list at least one stage") }
        for (i, s) in r.stages.enumerated() {
            let at = "returnToRun.stages[\(i)]"
            if s.stage != i + 1 { fail("\(at).stage", "must be \(i + 1): stages are numbered 1, 2, 3 ... in order, not \(s.stage)") }
            range(s.walkMinutes, 0...60, "\(at).walkMinutes")
            positive(s.runMinutes, "\(at).runMinutes", max: 300)
            positive(s.repeats, "\(at).repeats", max: 20)
            if let w = s.warmupWalkMinutes { range(w, 0...60, "\(at).warmupWalkMinutes") }
        }
        positive(r.greenRunsPerStage, "returnToRun.greenRunsPerStage", max: 20)
        range(r.restDaysBetweenRuns, 0...6, "returnToRun.restDaysBetweenRuns")
        range(r.maxRunIncreasePercent, 0...100, "returnToRun.maxRunIncreasePercent")
        positive(r.longestRunWindowDays, "returnToRun.longestRunWindowDays", max: 365)
        range(r.maxWeeklyIncreasePercent, 0...100, "returnToRun.maxWeeklyIncreasePercent")
        if let pct = r.maxStageIncreasePercent { range(pct, 0...100, "returnToRun.maxStageIncreasePercent") }
        if let from = r.stageIncreaseFromStage { positive(from, "returnToRun.stageIncreaseFromStage", max: 20) }
    }
}

/// How long what a program asks can last, so that a timed session stays a session: a file that
/// validates can always be paced (a repetition of 5,000 segments once made the timer ask for 1.9 GB).
public enum SessionLimits {
    public static let segmentsPerRepetition = 8
    /// One repetition, or one hold.
    public static let repetitionSeconds = 300
    /// A day of one phase: every exercise, each side, with its rests and get-ready countdowns.
    public static let sessionSeconds = 4 * 3600

    /// An exercise done as prescribed, each side, with its rests and its get-ready countdowns.
    static func seconds(of e: Exercise, restSeconds: Int, prepareSeconds: Int) -> Int {
        let sides = e.sides == .each ? 2 : 1
        let repetition = e.segments.reduce(0) { $0 + $1.seconds }
        let sets = e.sets * sides
        return sets * (e.reps ?? 1) * repetition + max(0, sets - 1) * (e.restSeconds ?? restSeconds) + sides * prepareSeconds
    }
}

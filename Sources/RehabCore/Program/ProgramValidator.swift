/// Checks the meaning of a decoded program: the things JSON types cannot say.
enum ProgramValidator {
    static func validate(_ p: Program) throws(ProgramError) {
        func fail(_ at: String, _ problem: String) throws(ProgramError) { throw ProgramError(location: at, problem: problem) }
        func pain(_ value: Int, _ at: String) throws(ProgramError) {
            if !(0...10).contains(value) { try fail(at, "must be a pain score from 0 to 10, not \(value)") }
        }
        func positive(_ value: Int, _ at: String, max: Int = 10_000) throws(ProgramError) {
            if value < 1 || value > max { try fail(at, "must be from 1 to \(max), not \(value)") }
        }

        try pain(p.painZones.greenMaxDuring, "painZones.greenMaxDuring")
        try pain(p.painZones.amberMaxDuring, "painZones.amberMaxDuring")
        try pain(p.painZones.runGreenMaxDuring, "painZones.runGreenMaxDuring")
        try pain(p.painZones.runAmberMaxDuring, "painZones.runAmberMaxDuring")
        if p.painZones.amberMaxDuring < p.painZones.greenMaxDuring {
            try fail("painZones.amberMaxDuring", "must not be below greenMaxDuring")
        }
        if p.painZones.runAmberMaxDuring < p.painZones.runGreenMaxDuring {
            try fail("painZones.runAmberMaxDuring", "must not be below runGreenMaxDuring")
        }
        try pain(p.painZones.morningRedAboveBaseline, "painZones.morningRedAboveBaseline")
        try positive(p.baseline.windowDays, "baseline.windowDays", max: 60)
        try positive(p.baseline.minimumMornings, "baseline.minimumMornings", max: p.baseline.windowDays)
        try positive(p.pause.consecutiveRedDays, "pause.consecutiveRedDays", max: 60)
        try positive(p.pause.redDaysInWindow, "pause.redDaysInWindow", max: p.pause.windowDays)
        try positive(p.pause.windowDays, "pause.windowDays", max: 60)

        let order: [PhaseID] = [.activation, .strengthening, .multiPlane, .returnToRun]
        if p.phases.map(\.id) != order {
            try fail("phases", "must list the phases activation, strengthening, multi-plane and return-to-run, in that order")
        }
        var testIDs = Set<String>()
        for (i, phase) in p.phases.enumerated() {
            let at = "phases[\(i)]"
            if phase.minimumDays < 0 || phase.minimumDays > 365 { try fail("\(at).minimumDays", "must be from 0 to 365, not \(phase.minimumDays)") }
            try positive(phase.sessionsPerWeek, "\(at).sessionsPerWeek", max: 7)
            try positive(phase.restSeconds, "\(at).restSeconds", max: 900)
            if phase.exercises.isEmpty { try fail("\(at).exercises", "must list at least one exercise") }
            var ids = Set<String>()
            for (j, e) in phase.exercises.enumerated() {
                let ea = "\(at).exercises[\(j)]"
                if !isIdentifier(e.id) { try fail("\(ea).id", "must be lowercase letters, digits and dashes, not \"\(e.id)\"") }
                if !ids.insert(e.id).inserted { try fail("\(ea).id", "\"\(e.id)\" appears twice in this phase") }
                try positive(e.sets, "\(ea).sets", max: 20)
                switch (e.reps, e.holdSeconds) {
                case (let reps?, nil): try positive(reps, "\(ea).reps", max: 100)
                case (nil, let hold?): try positive(hold, "\(ea).holdSeconds", max: 300)
                default: try fail(ea, "needs exactly one of reps or holdSeconds")
                }
                if e.holdSeconds == nil && (e.tempo ?? []).isEmpty { try fail("\(ea).tempo", "is needed for a repetition exercise") }
                for (k, s) in (e.tempo ?? []).enumerated() {
                    try positive(s.seconds, "\(ea).tempo[\(k)].seconds", max: 120)
                    if s.cue.isEmpty { try fail("\(ea).tempo[\(k)].cue", "must not be empty") }
                }
                if let r = e.restSeconds { try positive(r, "\(ea).restSeconds", max: 900) }
            }
            for (j, criterion) in phase.gate.enumerated() {
                let ga = "\(at).gate[\(j)]"
                switch criterion {
                case .adherence(let w, let pct):
                    try positive(w, "\(ga).windowDays", max: 90)
                    if !(1...100).contains(pct) { try fail("\(ga).minPercent", "must be from 1 to 100, not \(pct)") }
                case .noRedDays(let w): try positive(w, "\(ga).windowDays", max: 90)
                case .maxPainDuring(let w, let m): try positive(w, "\(ga).windowDays", max: 90); try pain(m, "\(ga).max")
                case .tests(let group):
                    try pain(group.maxPain, "\(ga).maxPain")
                    for (k, t) in group.tests.enumerated() {
                        if !isIdentifier(t.id) { try fail("\(ga).tests[\(k)].id", "must be lowercase letters, digits and dashes, not \"\(t.id)\"") }
                        if !testIDs.insert(t.id).inserted { try fail("\(ga).tests[\(k)].id", "\"\(t.id)\" is used by another test") }
                        if !(t.target > 0 && t.target < 100_000) { try fail("\(ga).tests[\(k)].target", "must be a positive number") }
                    }
                case .runStageCompleted(let stage, let times):
                    if p.returnToRun.stage(stage) == nil { try fail("\(ga).stage", "there is no return-to-run stage \(stage)") }
                    try positive(times, "\(ga).times", max: 20)
                }
            }
        }
        let stages = p.returnToRun.stages
        if stages.isEmpty { try fail("returnToRun.stages", "must list at least one stage") }
        for (i, s) in stages.enumerated() {
            if s.stage != i + 1 { try fail("returnToRun.stages[\(i)].stage", "must be \(i + 1): stages are numbered 1, 2, 3 ... in order") }
            try positive(s.runMinutes, "returnToRun.stages[\(i)].runMinutes", max: 300)
            try positive(s.repeats, "returnToRun.stages[\(i)].repeats", max: 20)
        }
        try positive(p.returnToRun.greenRunsPerStage, "returnToRun.greenRunsPerStage", max: 20)
        if p.returnToRun.restDaysBetweenRuns < 0 || p.returnToRun.restDaysBetweenRuns > 6 {
            try fail("returnToRun.restDaysBetweenRuns", "must be from 0 to 6")
        }
        var flagIDs = Set<String>()
        for (i, f) in p.redFlags.enumerated() {
            if !isIdentifier(f.id) { try fail("redFlags[\(i)].id", "must be lowercase letters, digits and dashes, not \"\(f.id)\"") }
            if !flagIDs.insert(f.id).inserted { try fail("redFlags[\(i)].id", "\"\(f.id)\" appears twice") }
        }
        if p.outcome.min >= p.outcome.max { try fail("outcome.max", "must be above outcome.min") }
        try positive(p.outcome.everyDays, "outcome.everyDays", max: 365)
    }

    static func isIdentifier(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 64 && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

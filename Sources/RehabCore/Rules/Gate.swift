/// Judges each exit criterion of a phase with a sentence that says why.
struct GateEvaluation {
    let program: Program
    let evaluator: Evaluator
    let phase: Phase
    let start: Day
    let asOf: Day
    let runProgress: RunProgress?
    private(set) var requiredTests: [RequiredTest] = []

    init(program: Program, evaluator: Evaluator, phase: Phase, start: Day, asOf: Day, runProgress: RunProgress?) {
        self.program = program; self.evaluator = evaluator; self.phase = phase
        self.start = start; self.asOf = asOf; self.runProgress = runProgress
        for criterion in phase.gate {
            if case .tests(let group) = criterion { requiredTests += missingTests(group).map(\.test) }
        }
    }

    /// Windows end today when today already counts as a session, else yesterday: a morning not
    /// yet logged is not a miss.
    private var windowEnd: Day { evaluator.countsAsSession(asOf) ? asOf : asOf - 1 }

    func results() -> [CriterionResult] {
        var results: [CriterionResult] = []
        if phase.minimumDays > 0 {
            let days = asOf - start + 1
            results.append(
                CriterionResult(
                    id: "minimum-days", met: days >= phase.minimumDays,
                    detail: days >= phase.minimumDays
                        ? "\(days) days in this phase (at least \(phase.minimumDays))"
                        : "Day \(days) of at least \(phase.minimumDays) in this phase"))
        }
        for criterion in phase.gate {
            switch criterion {
            case .adherence(let windowDays, let minPercent): results.append(adherence(windowDays, minPercent))
            case .noRedDays(let windowDays): results.append(noRedDays(windowDays))
            case .maxPainDuring(let windowDays, let max): results.append(maxPain(windowDays, max))
            case .tests(let group): results.append(tests(group))
            case .runStageCompleted(let stage, let times): results.append(runStage(stage, times))
            }
        }
        results.append(notAmberToday())
        if results.allSatisfy(\.met), let score = outcomeScore() { results.append(score) }
        return results
    }

    /// Once everything else is met the gate asks for a recent outcome score (nil when the program's
    /// gates do not ask): the clinician sees how the patient rates the hip at each step.
    private func outcomeScore() -> CriterionResult? {
        let outcome = program.outcome
        guard let within = outcome.gateWithinDays else { return nil }
        let recent = evaluator.history.scores.filter { $0.date <= asOf && asOf - $0.date < within }.max { $0.date < $1.date }
        if let recent {
            return CriterionResult(
                id: "outcome-score", met: true,
                detail: "\(outcome.name) score \(recent.score) recorded on \(recent.date.iso) (within \(within) days)")
        }
        return CriterionResult(
            id: "outcome-score", met: false,
            detail: "\(outcome.name) score needed: none recorded in the last \(within) days")
    }

    /// Sessions that count over the last `windowDays` days of the phase that were not paused:
    /// paused days are left out of the window (it reaches further back), not counted as missed.
    private func adherence(_ windowDays: Int, _ minPercent: Int) -> CriterionResult {
        var days: [Day] = []
        var paused = 0
        var day = windowEnd
        while days.count < windowDays && day >= start {
            if evaluator.pause(on: day) == nil { days.append(day) } else { paused += 1 }
            day = day - 1
        }
        let count = SessionCount(
            done: days.filter { evaluator.countsAsSession($0) }.count,
            planned: max(1, (days.count * phase.sessionsPerWeek + 6) / 7))
        let leftOut = paused > 0 ? ", \(counted(paused, "paused day")) left out" : ""
        // The first day of a phase, before anything is logged, has no window yet: nothing is missed.
        guard !days.isEmpty else {
            return CriterionResult(
                id: "adherence", met: false,
                detail: "No sessions recorded yet in this phase\(leftOut) (needs \(minPercent) % over \(lastDays(windowDays)))")
        }
        return CriterionResult(
            id: "adherence", met: count.percent >= minPercent,
            detail: "\(count.text) in \(lastDays(days.count))\(leftOut) (\(count.percent) %, needs \(minPercent) %)")
    }

    private func noRedDays(_ windowDays: Int) -> CriterionResult {
        let window = DayRange(ending: asOf, count: windowDays)
        let reds = window.filter { evaluator.zones[$0]?.zone == .red }
        if let last = reds.last {
            return CriterionResult(
                id: "no-red-days", met: false,
                detail: "\(counted(reds.count, "red day")) in \(lastDays(windowDays)), the last on \(last.iso): \(evaluator.zones[last]!.reason)")
        }
        return CriterionResult(id: "no-red-days", met: true, detail: "No red day in \(lastDays(windowDays))")
    }

    private func maxPain(_ windowDays: Int, _ max: Int) -> CriterionResult {
        // Today's pain counts as soon as anything is logged today.
        let window = DayRange(ending: evaluator.index[asOf].hasSession ? asOf : asOf - 1, count: windowDays)
        let pains = window.compactMap { evaluator.index[$0].maxPainDuring }
        // Nothing recorded is not a pain within the limit: the criterion waits for a session.
        guard let worst = pains.max() else {
            let logged = window.contains { evaluator.index[$0].hasSession }
            return CriterionResult(
                id: "max-pain-during", met: false,
                detail: logged
                    ? "No pain during exercise given in \(lastDays(windowDays)) (limit \(max)): give it when you log"
                    : "No sessions recorded in \(lastDays(windowDays)) (pain during must stay \(max) or less)")
        }
        return CriterionResult(
            id: "max-pain-during", met: worst <= max,
            detail: "Highest pain during exercise in \(lastDays(windowDays)): \(worst) (limit \(max))")
    }

    private struct Missing { let test: RequiredTest; let why: String }

    /// Each test and side of the group not yet passed in this phase, with why.
    private func missingTests(_ group: TestGroup) -> [Missing] {
        var missing: [Missing] = []
        // A test taken while the program was paused or stopped does not count.
        let results = evaluator.history.tests.filter { $0.date >= start && $0.date <= asOf && evaluator.pause(on: $0.date) == nil }
        for test in group.tests {
            let sides: [Side?] = test.sides == .each ? [.left, .right] : [nil]
            for side in sides {
                let tries = results.filter { $0.testID == test.id && (side == nil || $0.side == side) }
                let passing = tries.filter { $0.value >= test.target && $0.pain <= group.maxPain }
                var why = tries.isEmpty ? "missing" : passing.isEmpty ? "not yet passed" : ""
                if group.noMorningRise, !passing.isEmpty, !passing.contains(where: { morningHeld($0.date) }) {
                    why =
                        passing.contains(where: { evaluator.index.nextMorning(after: $0.date) == nil })
                        ? "waiting for the next-morning check-in" : "pain rose the next morning"
                }
                if !why.isEmpty {
                    missing.append(
                        Missing(test: RequiredTest(id: test.id, name: test.name, side: side, target: test.target, unit: test.unit), why: why))
                }
            }
        }
        return missing
    }

    private func morningHeld(_ day: Day) -> Bool {
        guard let morning = evaluator.index.nextMorning(after: day) else { return false }
        return Double(morning.morningPain) <= evaluator.painRule(on: day).baseline(for: day, in: evaluator.index)
    }

    private func tests(_ group: TestGroup) -> CriterionResult {
        let total = group.tests.reduce(0) { $0 + ($1.sides == .each ? 2 : 1) }
        let missing = missingTests(group)
        if missing.isEmpty {
            return CriterionResult(id: "tests", met: true, detail: "All \(total) required tests passed at pain \(group.maxPain) or less")
        }
        let first = missing[0]
        let sideText = first.test.side.map { " \($0.rawValue) side" } ?? ""
        let more = missing.count > 1 ? " (and \(missing.count - 1) more)" : ""
        return CriterionResult(
            id: "tests", met: false,
            detail: "\(total - missing.count) of \(total) required tests done: \(first.test.name.lowercased())\(sideText) \(first.why)\(more)")
    }

    private func runStage(_ stage: Int, _ times: Int) -> CriterionResult {
        let p = runProgress ?? RunProgress()
        let greens = p.currentStage >= stage ? p.greens(at: stage) : 0
        if greens >= times {
            return CriterionResult(id: "run-stage-completed", met: true, detail: "Stage \(stage) completed green \(greens) times")
        }
        if p.currentStage < stage {
            return CriterionResult(
                id: "run-stage-completed", met: false,
                detail: "At stage \(p.currentStage) of \(stage); stage \(stage) must be run green \(times) times")
        }
        return CriterionResult(id: "run-stage-completed", met: false, detail: "Stage \(stage) run green \(greens) of \(times) times")
    }

    private func notAmberToday() -> CriterionResult {
        if let z = evaluator.zones[asOf], z.zone != .green {
            return CriterionResult(
                id: "settled-today", met: false,
                detail: "Today is \(z.zone.rawValue) (\(z.reason)): no progression today")
        }
        return CriterionResult(id: "settled-today", met: true, detail: "Today is not amber or red")
    }
}

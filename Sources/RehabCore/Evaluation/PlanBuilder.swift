/// Builds one day's plan from the phase, the last judged day and the run ladder.
struct PlanBuilder {
    let evaluator: Evaluator
    let phase: PhaseID
    let asOf: Day
    let pause: Pause?
    let runProgress: RunProgress?

    func plan() -> DayPlan {
        if let pause, pause.stopsExercise {
            return DayPlan(date: asOf, items: [], run: nil, message: "Stopped: \(pause.reason)", stopped: true)
        }
        let program = evaluator.program
        let phaseForExercises = phase == .complete ? PhaseID.returnToRun : phase
        let exercises = program.phase(phaseForExercises)?.exercises ?? []
        let rest = program.phase(phaseForExercises)?.restSeconds ?? 60
        // The verdict on the last judged day before today decides today's load.
        let previous = evaluator.latestZone(onOrBefore: asOf - 1, notBefore: asOf - 7)
        let advice: DayPlan.LoadAdvice
        var message: String?
        switch previous?.1.zone {
        case .red?:
            advice = .stepBack
            message = "Last session (\(previous!.0.iso)) was red: \(previous!.1.reason). Drop back to your previous load today."
        case .amber?:
            advice = .repeatLoad
            message = "Last session (\(previous!.0.iso)) was amber: \(previous!.1.reason). Repeat the same load today."
        default:
            advice = .progress
        }
        if let pause { message = "Progression paused: \(pause.reason)" }

        let today = evaluator.index[asOf].exercises
        let items = exercises.map { e -> DayPlan.Item in
            let done = today.filter { $0.exerciseID == e.id }
            return DayPlan.Item(exercise: e, restSeconds: e.restSeconds ?? rest, advice: advice,
                                loadKg: e.loadable == true ? load(for: e.id, advice: advice) : nil,
                                doneSides: done.compactMap(\.side), doneToday: isDone(e, done))
        }
        return DayPlan(date: asOf, items: items, run: runToday(), message: message, stopped: false)
    }

    private func isDone(_ e: Exercise, _ entries: [ExerciseEntry]) -> Bool {
        if e.sides == .each {
            let sides = Set(entries.compactMap(\.side))
            return sides.contains(.left) && sides.contains(.right) || entries.contains { $0.side == nil }
        }
        return !entries.isEmpty
    }

    /// The last load used; on a step-back, the load used before it when it was lower.
    private func load(for exerciseID: String, advice: DayPlan.LoadAdvice) -> Double? {
        let loads = evaluator.history.loads(of: exerciseID, before: asOf)
        guard let last = loads.last else { return nil }
        if advice == .stepBack, let lower = loads.last(where: { $0 < last }) { return lower }
        return last
    }

    private func runToday() -> DayPlan.RunToday? {
        guard let p = runProgress, let stage = evaluator.program.returnToRun.stage(p.currentStage) else { return nil }
        let rules = evaluator.program.returnToRun
        let ranToday = !evaluator.index[asOf].runs.isEmpty
        var allowed = true
        var note = "Run stage \(stage.stage): \(stage.description)."
        if let last = p.lastRunDay, last < asOf, asOf - last <= rules.restDaysBetweenRuns {
            allowed = false
            note = "Rest from running today (last run \(last.iso)); do the strength exercises instead."
        } else if ranToday {
            note = "Run logged today. " + note
        }
        if phase == .complete {
            let caps = ReturnToRunRule.maintenanceCaps(rules, runs: evaluator.history.runs, asOf: asOf)
            note = "Maintenance: keep any single run to \(caps.runMinutes) min or less"
                + (caps.weekMinutes.map { ", and this week's running to \($0) min" } ?? "") + "."
            return DayPlan.RunToday(stage: stage.stage, description: stage.description, runMinutes: caps.runMinutes,
                                    greenRunsAtStage: p.greens(at: stage.stage), greenRunsNeeded: rules.greenRunsPerStage,
                                    allowedToday: allowed, note: note)
        }
        return DayPlan.RunToday(stage: stage.stage, description: stage.description, runMinutes: stage.totalRunMinutes,
                                greenRunsAtStage: p.greens(at: stage.stage), greenRunsNeeded: rules.greenRunsPerStage,
                                allowedToday: allowed, note: note)
    }
}

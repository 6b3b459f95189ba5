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
        let affected = evaluator.history.enrolment.side
        let exercises = program.phase(phaseForExercises)?.exercises(for: affected) ?? []
        let rest = program.phase(phaseForExercises)?.restSeconds ?? 60
        // The verdict on the last judged day before today decides today's load.
        let previous = evaluator.latestZone(onOrBefore: asOf - 1, notBefore: asOf - 7)
        var advice: DayPlan.LoadAdvice
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
        if advice != .stepBack, let rising = evaluator.risingWeek(endingOn: asOf) {
            advice = .repeatLoad
            message = (message.map { $0 + " " } ?? "") + "Loads held: \(rising.reason). Repeat the same load; no phase opens until it settles."
        }
        if let pause {
            advice = .hold
            message = "Progression paused: \(pause.reason)"
        }

        let today = evaluator.index[asOf].exercises
        let choice = LoadChoice(evaluator: evaluator)
        let items = exercises.map { e -> DayPlan.Item in
            // A set with nothing done (skipped, or stopped before its first repetition) ticks nothing.
            let done = today.filter { $0.exerciseID == e.id && $0.anythingDone }
            let sides = e.sides(for: affected)
            let offered = e.loadable == true ? sides.map { ($0, choice.load(of: e.id, side: $0, on: asOf)) } : []
            var loads = offered.compactMap(\.1)
            let steppedBack = advice != .hold && loads.contains { $0.steppedBack }
            var itemAdvice = steppedBack ? .stepBack : advice
            var note: String?
            // Each side progresses on its own record; the item progresses when any side does.
            let verdicts = itemAdvice == .progress ? offered.compactMap { choice.progression(of: e, side: $0.0, from: $0.1, on: asOf) } : []
            if !verdicts.isEmpty {
                loads = verdicts.map(\.load)
                if !verdicts.contains(where: \.progresses) { itemAdvice = .repeatLoad }
                let notes = zip(loads, verdicts).map { l, v in (l.side, v.note ?? (v.progresses ? "progress" : "repeat")) }
                if verdicts.contains(where: { $0.note != nil }) {
                    note =
                        Set(notes.map(\.1)).count == 1
                        ? notes[0].1
                        : notes.map { ($0.0.map { "\($0.rawValue): " } ?? "") + $0.1 }.joined(separator: "; ")
                }
            }
            return DayPlan.Item(
                exercise: e, sides: sides, prescription: e.prescription(for: affected), restSeconds: e.restSeconds ?? rest,
                advice: itemAdvice, adviceNote: note, loads: loads, doneSides: done.compactMap(\.side),
                doneToday: isDone(e, sides: sides, done))
        }
        if message == nil, items.contains(where: { $0.advice == .stepBack }) {
            message = "Some loads stay stepped back: a red day came after you last did them, so their next session is at the previous load."
        }
        return DayPlan(date: asOf, items: items, run: runToday(), message: message, stopped: false)
    }

    private func isDone(_ e: Exercise, sides: [Side?], _ entries: [ExerciseEntry]) -> Bool {
        if e.sides == .each {
            let done = Set(entries.compactMap(\.side))
            return sides.allSatisfy { $0.map(done.contains) ?? false } || entries.contains { $0.side == nil }
        }
        return !entries.isEmpty
    }

    private func runToday() -> DayPlan.RunToday? {
        guard let p = runProgress, let stage = evaluator.program.returnToRun.stage(p.currentStage) else { return nil }
        let rules = evaluator.program.returnToRun
        let ranToday = !evaluator.index[asOf].runs.isEmpty
        var allowed = true
        var runMinutes = stage.totalMinutes, runningMinutes = stage.totalRunMinutes
        var note = "Run stage \(stage.stage): \(stage.description), \(stage.totalMinutes) min in all."
        if phase == .complete {
            let caps = MaintenanceRule(rules, runs: evaluator.history.runs, from: maintenanceStart, asOf: asOf).caps(on: asOf)
            runMinutes = caps.nextRunMinutes
            runningMinutes = caps.nextRunMinutes
            note =
                "Maintenance: any single run \(caps.runMinutes) min or less"
                + (caps.weekMinutes.map { ", and this week's running \($0) min or less (\(caps.weekSoFar) min so far)" } ?? "") + "."
            if caps.nextRunMinutes == 0 {
                allowed = false
                note = "This week's running allowance (\(caps.weekMinutes ?? 0) min) is used up: rest from running until Monday."
            }
        }
        if let pause, pause.stopsRunning {
            allowed = false
            note = "No running while the program is \(pause.headline.lowercased()): \(pause.reason)"
        } else if let last = p.lastRunDay, last < asOf, asOf - last <= rules.restDaysBetweenRuns {
            allowed = false
            note = "Rest from running today (last run \(last.iso)); do the strength exercises instead."
        } else if ranToday {
            note = "Run logged today. " + note
        }
        if let waiting = p.pending.last {
            note += " The run on \(waiting.date.iso) is pending: it counts once next morning's check-in shows no flare."
        }
        return DayPlan.RunToday(
            stage: stage.stage, description: stage.description, runMinutes: runMinutes, runningMinutes: runningMinutes,
            greenRuns: p.greens(at: stage.stage), greenRunsNeeded: rules.greenRunsPerStage,
            allowedToday: allowed, note: note)
    }

    /// The day the program was completed (maintenance began).
    private var maintenanceStart: Day {
        evaluator.history.phaseChanges.last { $0.phase == .complete && $0.date <= asOf }?.date ?? asOf
    }
}

import Foundation
import ArgumentParser
import RehabCore
import RehabStore

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Where you are: phase, gate criteria, pauses, red flags and recent pain zones.")

    @OptionGroup var judged: JudgedDayOptions

    func run() throws {
        let day = judged.day, patient = try judged.patient(judging: day)
        let s = patient.evaluator.status(asOf: day)
        let inForce = patient.programs.period(on: day)
        if judged.json { return try printJSON(StatusJSON(s, program: inForce.program, source: inForce.source, since: inForce.from)) }
        let name = inForce.program.phase(s.phase)?.name ?? "Complete"
        print("\(name) phase, day \(s.daysInPhase) (since \(s.phaseStart.iso))")
        print(
            "Program: \"\(inForce.program.name)\" version \(inForce.program.version), from \(inForce.source), in force since \(max(inForce.from, patient.history.enrolment.start).iso)"
        )
        let followed = patient.programs.current.program
        if let revised = ProgramLoader.revisedDefault(for: followed) {
            print(
                "A revised default program exists (version \(revised.version); you follow version \(followed.version)). "
                    + "To switch to it from a day you choose: \(ProgramLoader.switchToDefault).")
        }
        if let pause = s.pause {
            print("\(pause.headline): \(pause.reason)")
            print(ClearFlagsCommand.howToRecord)
        }
        if let rising = s.risingWeek { print("LOADS HELD: \(rising.reason); no phase opens until it settles.") }
        if let run = s.runProgress, s.phase == .returnToRun {
            print("Run stage \(run.currentStage): \(run.greens(at: run.currentStage)) of \(inForce.program.returnToRun.greenRunsPerStage) green runs")
            for v in run.verdicts.suffix(5) where v.outcome != .credited {
                print(
                    "  run \(v.date.iso) (stage \(v.stage), \(v.minutes) min): \(v.outcome == .pending ? "pending" : v.outcome == .steppedBack ? "stepped back" : "did not count"), \(v.reason)"
                )
            }
        }
        for flag in s.runFlags.suffix(5) { print("FLAGGED run \(flag.date.iso) (\(flag.minutes) min): \(flag.reason)") }
        for o in s.overrides { print("Override on \(o.date.iso) into this phase: \(o.override ?? "")") }
        for v in s.clinicianVisits { print("Clinician seen on \(v.date.iso)" + (v.note.map { ": \($0)" } ?? "")) }
        let marks = s.recentZones.map { $0.zone.map { String($0.rawValue.first!).uppercased() } ?? "." }.joined()
        print("Last 14 days: \(marks)   (G green, A amber, R red, . nothing logged)")
        if !s.criteria.isEmpty {
            print("Gate: \(s.criteriaMet) of \(s.criteria.count) criteria met")
            for c in s.criteria { print("  [\(c.met ? "x" : " ")] \(c.detail)") }
        }
        for t in s.requiredTests {
            print("  still to pass: \(t.id)\(t.side.map { " --side \($0.rawValue)" } ?? "") (\(t.target.compact) \(t.unit))")
        }
        if s.outcomeDue {
            print("Your \(inForce.program.outcome.name) score is due: rehab score\(dayOption("--date", day)) --score N")
            print("  (\(OutcomeMeasure.whereToGetIt(inForce.program.outcome.name)))")
        }
        print(
            s.eligibleToAdvance
                ? "Ready to advance: rehab advance\(dayOption("--as-of", day))"
                : s.phase == .complete ? "Program complete: keep to the maintenance caps." : "Not ready to advance yet.")
    }
}

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Today's exercises (sets, reps or holds, tempo, sides) or today's run stage.")

    @OptionGroup var judged: JudgedDayOptions

    func run() throws {
        let day = judged.day, patient = try judged.patient(judging: day)
        let s = patient.evaluator.status(asOf: day)
        if judged.json { return try printJSON(PlanJSON(s)) }
        // Named as the program in force that day gave it: a later switch does not rename a past day.
        let name = patient.programs.program(on: day).phase(s.phase)?.name ?? "Maintenance"
        print("\(day.iso) \(day.weekdayName): \(name), day \(s.daysInPhase)")
        if let message = s.plan.message { print(message) }
        if let run = s.plan.run { print(run.note) }
        for item in s.plan.items {
            let e = item.exercise
            print(
                "  [\(item.doneToday ? "x" : " ")] \(e.id.padding(toLength: 26, withPad: " ", startingAt: 0)) \(item.prescription)\(item.loadText), tempo \(e.tempoText) s, rest \(item.restSeconds) s"
            )
            if let note = item.adviceNote { print("      " + note) }
            // How to do it, wrapped under the line: the program file's words for the exercise.
            for line in e.how.wrapped(width: 72) { print("      " + line) }
        }
    }
}

struct WeekCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "week",
        abstract: "The week (Monday to Sunday) containing a day: adherence, pain per day, work done per kind, zones, and the gate at the week's end.")

    @OptionGroup var judged: JudgedDayOptions

    func run() throws {
        let day = judged.day, patient = try judged.patient(judging: day)
        let w = patient.evaluator.week(containing: day, asOf: day)
        let gate = patient.evaluator.gate(endOf: w, asOf: day)
        if judged.json { return try printJSON(WeekJSON(w, gate: gate)) }
        print("Week of \(w.weekStart.iso): \(w.sessions.text) (\(w.adherencePercent) %); \(w.work.text)")
        func n(_ v: Int?) -> String { v.map(String.init) ?? "-" }
        let header = ["day", "done", "during", "after", "morning", "zone"]
        let rows = w.days.map { d in
            [
                "\(d.date.weekdayName) \(d.date.iso)", d.paused ? "paused" : d.sessionDone ? "yes" : d.logged ? "part" : "no", n(d.painDuring),
                n(d.painAfter),
                n(d.nextMorningPain), d.zone?.rawValue ?? "-"
            ]
        }
        for line in alignedColumns([header] + rows) { print(line) }
        for d in w.days { for flag in d.runFlags { print("FLAGGED \(d.date.iso): \(flag)") } }
        if let rising = w.risingWeek { print("Loads held: \(rising.reason).") }
        if let score = w.outcomeScore { print("\(patient.programs.program(on: score.date).outcome.name): \(score.score) (\(score.date.iso))") }
        print(
            "Gate on \(gate.asOf.weekdayName) \(gate.asOf.iso): \(gate.criteriaMet) of \(counted(gate.criteria.count, "criterion", plural: "criteria")) met"
        )
        for c in gate.criteria { print("  [\(c.met ? "x" : " ")] \(c.detail)") }
    }
}

struct AdvanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advance",
        abstract: "Move to the next phase when its gate is met (exit 3 and the unmet criteria otherwise).",
        discussion:
            "A clinician may advance a patient whose gate is not met with --override and a written reason; it is kept in the history. An override never lifts a red flag or a pause: record the clinician visit with clear-flags first."
    )

    @OptionGroup var data: DataOptions
    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day the next phase starts (default: today).", valueName: Day.valueName)) var asOf:
        Day?
    @Option(help: ArgumentHelp("Clinician override: why the patient may advance although the gate is not met.", valueName: "reason"))
    var override: String?

    func validate() throws {
        guard let override else { return }
        if override.trimmingCharacters(in: .whitespacesAndNewlines).count < 10 {
            throw UserError("--override needs a written reason of at least 10 characters.")
        }
        // The same cap as a note: a reason is read by a clinician, not a place for a file.
        if override.count > Admission.maxNoteLength {
            throw UserError("--override is too long (over \(Admission.maxNoteLength) characters); a short reason is enough.")
        }
    }

    func run() throws {
        let day = asOf ?? localToday()
        let patient = try data.load()
        try patient.checkJudged(day)
        let s = patient.evaluator.status(asOf: day)
        // The same judgement as the full-screen program's `a`: the next phase, the gate, no pause.
        let next = patient.program.phaseID(after: s.phase) ?? .complete
        let change = PhaseChange(date: day, phase: next, override: s.eligibleToAdvance ? nil : override)
        _ = try patient.admit(.phaseChange(change))
        try patient.store.add(change)
        let name = patient.program.phase(next)?.name ?? "Complete"
        print(
            next == .complete
                ? "Program complete on \(day.iso). Keep to the maintenance running caps."
                : "Advanced to the \(name.lowercased()) phase on \(day.iso)" + (s.eligibleToAdvance ? "." : " (clinician override recorded)."))
    }
}

/// The day option of a command to type next: nothing for today, which is what a day left out means.
func dayOption(_ option: String, _ day: Day) -> String { day == localToday() ? "" : " \(option) \(day.iso)" }

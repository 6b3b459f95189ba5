import ArgumentParser
import RehabCore
import RehabStore

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Record exercise sets, or a run, done on a day. Repeat it for each exercise and side.",
        discussion: """
        Exercise:  rehab log --date 2026-03-02 --exercise glute-bridge --sets 3 --reps 10 --pain-during 2
        Per side:  rehab log --date 2026-03-02 --exercise clamshell --side left --sets 3 --reps 10
        Hold:      rehab log --date 2026-03-02 --exercise static-abduction-lying --side right --sets 5 --hold-seconds 10
        Run:       rehab log --date 2026-05-02 --run-stage 1 --minutes 20 --pain-during 1
        `rehab plan` lists the exercise ids of your phase.
        """)

    @OptionGroup var data: DataOptions
    @Option(help: ArgumentHelp("The day it was done.", valueName: "YYYY-MM-DD")) var date: String
    @Option(help: "Exercise id, as listed by `rehab plan`.") var exercise: String?
    @Option(help: "left or right, for an exercise done one leg at a time.") var side: String?
    @Option(help: "Number of sets.") var sets: Int?
    @Option(help: "Repetitions per set.") var reps: Int?
    @Option(name: .customLong("hold-seconds"), help: "Seconds per hold, for a hold exercise.") var holdSeconds: Int?
    @Option(name: .customLong("load-kg"), help: "Added load in kilograms.") var loadKg: Double?
    @Option(name: .customLong("pain-during"), help: "Worst pain during the exercise or run, 0-10.") var painDuring: Int?
    @Option(name: .customLong("pain-after"), help: "Pain after the exercise, 0-10.") var painAfter: Int?
    @Option(help: "A short note.") var note: String?
    @Option(name: .customLong("run-stage"), help: "Return-to-run stage of a run (1-10).") var runStage: Int?
    @Option(help: "Minutes of a run, walking included.") var minutes: Int?

    func run() throws {
        let day = try parseDay(date)
        try checkPain(painDuring, "--pain-during")
        try checkPain(painAfter, "--pain-after")
        if let note, note.count > 2000 { throw UserError("--note is too long (over 2000 characters).") }
        let session = try data.load()
        try session.checkInProgram(day)
        if runStage != nil {
            try logRun(day, session)
        } else {
            try logExercise(day, session)
        }
    }

    private func logExercise(_ day: Day, _ session: Session) throws {
        guard let exercise else { throw UserError("Give --exercise ID for exercise sets, or --run-stage N --minutes M for a run.") }
        if minutes != nil { throw UserError("--minutes belongs to a run; give --run-stage too, or leave it out.") }
        let phase = session.evaluator.phase(asOf: day).id
        guard let e = session.program.exercise(exercise, preferring: phase) else {
            let ids = session.program.phase(phase == .complete ? .returnToRun : phase)?.exercises.map(\.id) ?? []
            throw UserError("Unknown exercise \"\(exercise)\"; this phase's exercises are: \(ids.joined(separator: ", ")).")
        }
        guard let sets else { throw UserError("Give --sets N (how many sets of \(e.name.lowercased()) you did).") }
        try checkRange(sets, 1...50, "--sets")
        let side = try parseSide(side)
        if e.sides == .each, side == nil {
            throw UserError("\(e.name) is done one leg at a time: add --side left or --side right.")
        }
        if e.sides == .both, side != nil {
            throw UserError("\(e.name) is done with both legs together: leave out --side.")
        }
        switch (reps, holdSeconds) {
        case (nil, nil):
            throw UserError(e.isHold ? "Give --hold-seconds N for \(e.name.lowercased())." : "Give --reps N for \(e.name.lowercased()).")
        case (_?, _?):
            throw UserError("Give either --reps or --hold-seconds, not both.")
        default: break
        }
        try checkRange(reps, 1...500, "--reps")
        try checkRange(holdSeconds, 1...600, "--hold-seconds", " seconds")
        if let loadKg, !(loadKg >= 0 && loadKg <= 500) {
            throw UserError("--load-kg must be from 0 to 500, not \(loadKg.compact).")
        }
        let entry = ExerciseEntry(date: day, exerciseID: e.id, side: side, sets: sets, reps: reps, holdSeconds: holdSeconds,
                                  loadKg: loadKg, painDuring: painDuring, painAfter: painAfter, note: note)
        try session.store.add([entry])
        let amount = reps.map { "\(sets) x \($0)" } ?? "\(sets) x \(holdSeconds!) s"
        print("Logged \(e.name.lowercased())\(side.map { " (\($0.rawValue))" } ?? ""): \(amount) on \(day.iso).")
        if let p = painDuring, p > session.program.painZones.amberMaxDuring {
            warn("pain \(p) during exercise makes this a red day: next session drops back to your previous load.")
        }
    }

    private func logRun(_ day: Day, _ session: Session) throws {
        if exercise != nil || sets != nil || reps != nil || holdSeconds != nil {
            throw UserError("A run takes --run-stage, --minutes and --pain-during only; log exercises separately.")
        }
        let rules = session.program.returnToRun
        guard let stage = runStage, rules.stage(stage) != nil else {
            throw UserError("--run-stage must be from 1 to \(rules.lastStage), not \(runStage!).")
        }
        guard let minutes else { throw UserError("Give --minutes M: how long the run took, walking included.") }
        try checkRange(minutes, 1...600, "--minutes", " minutes")
        guard let painDuring else { throw UserError("Give --pain-during N: your worst pain while running, 0-10.") }
        if painAfter != nil { throw UserError("--pain-after is for exercises; report next-morning pain with `rehab checkin`.") }
        let status = session.evaluator.status(asOf: day)
        guard status.phase == .returnToRun || status.phase == .complete else {
            throw UserError("Running opens in the return-to-run phase; you are in the \(status.phase.rawValue) phase on \(day.iso).")
        }
        if let current = status.runProgress?.currentStage, status.phase == .returnToRun, stage > current {
            throw UserError("Stage \(stage) is not open yet: your current stage is \(current). Run stage \(current) green \(rules.greenRunsPerStage) times to open the next.")
        }
        if status.pause?.stopsExercise == true {
            throw UserError("The program is stopped: \(status.pause!.reason)")
        }
        try session.store.add(RunEntry(date: day, stage: stage, minutes: minutes, painDuring: painDuring, note: note))
        print("Logged run stage \(stage): \(minutes) min at pain \(painDuring) on \(day.iso).")
        if let plan = status.plan.run, !plan.allowedToday { warn(plan.note) }
        if status.phase == .complete {
            let caps = ReturnToRunRule.maintenanceCaps(rules, runs: session.history.runs, asOf: day)
            if minutes > caps.runMinutes { warn("this run is longer than the \(caps.runMinutes) min cap (10 % over your longest recent run).") }
        }
    }
}

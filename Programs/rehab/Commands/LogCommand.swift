import ArgumentParser
import RehabCore
import RehabStore

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Record exercise sets, or a run, done on a day. Repeat it for each exercise and side.",
        discussion: """
        Exercise:  rehab log --date 2026-03-02 --exercise glute-bridge --sets 3 --reps 10 --pain-during 2
        Per side:  rehab log --date 2026-03-02 --exercise hip-hitch --side left --sets 3 --reps 10
        Hold:      rehab log --date 2026-03-02 --exercise static-abduction-lying --side right --sets 5 --hold-seconds 10
        Run:       rehab log --date 2026-05-02 --run-stage 1 --minutes 20 --pain-during 1
        `rehab plan` lists the exercise ids of your phase.
        """)

    @OptionGroup var data: DataOptions
    @Option(name: .customLong("date"), help: ArgumentHelp("The day it was done.", valueName: Day.valueName)) var day: Day
    @Option(help: "Exercise id, as listed by `rehab plan`.", completion: Completions.exercises) var exercise: String?
    @Option(help: ArgumentHelp("left or right, for an exercise done one leg at a time.", valueName: Side.valueName)) var side: Side?
    @Option(help: "Number of sets.") var sets: Int?
    @Option(help: "Repetitions per set.") var reps: Int?
    @Option(name: .customLong("hold-seconds"), help: "Seconds per hold, for a hold exercise.") var holdSeconds: Int?
    @Option(name: .customLong("load-kg"), help: "Added load in kilograms (digits and a decimal point).", transform: StrictDecimal.parse) var loadKg: StrictDecimal?
    @Option(name: .customLong("pain-during"), help: "Worst pain during the exercise or run, 0-10.") var painDuring: Int?
    @Option(name: .customLong("pain-after"), help: "Pain after the exercise, 0-10.") var painAfter: Int?
    @Option(help: "A short note.") var note: String?
    @Option(name: .customLong("run-stage"), help: "Return-to-run stage of a run (1-10).") var runStage: Int?
    @Option(help: "Minutes of a run, walking included.") var minutes: Int?

    /// Which options belong together: an exercise's or a run's.
    func validate() throws {
        if runStage != nil {
            if exercise != nil || sets != nil || reps != nil || holdSeconds != nil || loadKg != nil {
                throw UserError("A run takes --run-stage, --minutes and --pain-during only; log exercises separately.")
            }
            if minutes == nil { throw UserError("Give --minutes M: how long the run took, walking included.") }
            if painDuring == nil { throw UserError("Give --pain-during N: your worst pain while running, 0-10.") }
            if painAfter != nil { throw UserError("--pain-after is for exercises; report next-morning pain with `rehab checkin`.") }
        } else {
            guard let exercise else { throw UserError("Give --exercise ID for exercise sets, or --run-stage N --minutes M for a run.") }
            if minutes != nil { throw UserError("--minutes belongs to a run; give --run-stage too, or leave it out.") }
            if sets == nil { throw UserError("Give --sets N (how many sets of \(exercise) you did).") }
        }
    }

    func run() throws {
        let session = try data.load()
        if let runStage, let minutes, let painDuring {
            try logRun(RunEntry(date: day, stage: runStage, minutes: minutes, painDuring: painDuring, note: note), session)
        } else if let exercise, let sets {
            try logExercise(exercise, sets, session)
        }
    }

    private func logExercise(_ exercise: String, _ sets: Int, _ session: Session) throws {
        let entry = ExerciseEntry(date: day, exerciseID: exercise, side: side, sets: sets, reps: reps,
                                  holdSeconds: holdSeconds, loadKg: loadKg?.value, painDuring: painDuring, painAfter: painAfter, note: note)
        let notes = try session.admit(.exercise(entry))
        try session.store.add([entry])
        let name = session.program.exercise(entry.exerciseID)?.name.lowercased() ?? entry.exerciseID
        let amount = reps.map { "\(sets) x \($0)" } ?? "\(sets) x \(holdSeconds ?? 0) s"
        print("Logged \(name)\(entry.side.map { " (\($0.rawValue))" } ?? ""): \(amount) on \(day.iso).")
        notes.forEach(warn)
    }

    private func logRun(_ run: RunEntry, _ session: Session) throws {
        let notes = try session.admit(.run(run))
        try session.store.add(run)
        print("Logged run stage \(run.stage): \(run.minutes) min at pain \(run.painDuring) on \(day.iso).")
        notes.forEach(warn)
    }
}

import ArgumentParser
import Foundation
import RehabCore
import RehabStore

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Record exercise sets, or a run, done on a day: one exercise, or the whole of today's plan at once.",
        discussion: """
            Examples:
              The day's plan:  rehab log --plan --pain-during 1 --pain-after 1
              Part of it:      rehab log --plan --exercise glute-bridge --exercise clamshell --pain-during 1
              One was worse:   rehab log --plan --pain-during 1 --pain glute-bridge=4/2
              Try first:       rehab log --plan --dry-run
              Exercise:        rehab log --exercise glute-bridge --sets 3 --reps 10 --pain-during 2
              Per side:        rehab log --exercise hip-hitch --side left --sets 3 --reps 10
              Hold:            rehab log --exercise static-abduction-lying --side right --sets 5 --hold-seconds 10
              Run:             rehab log --run-stage 1 --minutes 20 --pain-during 1
              Another day:     rehab log --date 2026-03-02 --exercise glute-bridge --sets 3 --reps 10

            --plan records the sets, repetitions or holds and loads the plan prescribes for each exercise \
            and side not yet logged that day, each judged as a single `rehab log` would be; if one is \
            refused, nothing is saved. `rehab plan` lists the exercise ids of your phase.
            """)

    @OptionGroup var data: DataOptions
    @Option(name: .customLong("date"), help: ArgumentHelp("The day it was done (default: today).", valueName: Day.valueName)) var date: Day?
    var day: Day { date ?? localToday() }
    @Flag(help: "Record the day's plan as prescribed: every exercise not yet logged that day, or those named with --exercise.")
    var plan = false
    @Option(
        help: "Exercise id, as listed by `rehab plan` (with --plan it may be repeated, and part of an id is enough).",
        completion: Completions.exercises) var exercise: [String] = []
    @Option(help: ArgumentHelp("left or right, for an exercise done one leg at a time.", valueName: Side.valueName)) var side: Side?
    @Option(help: "Number of sets.") var sets: Int?
    @Option(help: "Repetitions per set.") var reps: Int?
    @Option(name: .customLong("hold-seconds"), help: "Seconds per hold, for a hold exercise.") var holdSeconds: Int?
    @Option(name: .customLong("load-kg"), help: "Added load in kilograms (digits and a decimal point).", transform: StrictDecimal.parse) var loadKg:
        StrictDecimal?
    @Option(name: .customLong("pain-during"), help: ArgumentHelp("Worst pain during the exercise or run.", valueName: PainScore.valueName))
    var painDuring: PainScore?
    @Option(name: .customLong("pain-after"), help: ArgumentHelp("Pain after the exercise.", valueName: PainScore.valueName)) var painAfter: PainScore?
    @Option(
        name: .customLong("pain"),
        help: ArgumentHelp(
            "With --plan: one exercise's own pain during (and after), for example glute-bridge=4 or glute-bridge=4/2.",
            valueName: "id=during[/after]"), transform: PainOverride.parse)
    var painOverrides: [PainOverride] = []
    @Option(help: "A short note.") var note: String?
    @Option(name: .customLong("run-stage"), help: "Return-to-run stage of a run (1-10).") var runStage: Int?
    @Option(help: "Minutes of a run, walking included.") var minutes: Int?
    @Flag(name: .customLong("dry-run"), help: "Show what would be saved and what it would earn; save nothing.") var dryRun = false
    @Flag(help: "Print one JSON object (exercises only).") var json = false

    /// Which options belong together: the plan's, an exercise's or a run's.
    func validate() throws {
        if plan {
            if runStage != nil || minutes != nil { throw UserError("--plan records exercises; log a run on its own with --run-stage and --minutes.") }
            if sets != nil || reps != nil || holdSeconds != nil || loadKg != nil || side != nil {
                throw UserError(
                    "--plan records the plan's own sets, repetitions, sides and loads; to log something else, log that exercise on its own (without --plan)."
                )
            }
            return
        }
        if !painOverrides.isEmpty { throw UserError("--pain ID=N goes with --plan; for one exercise give --pain-during and --pain-after.") }
        if exercise.count > 1 { throw UserError("Give one --exercise per log, or add --plan to log several exercises of the plan at once.") }
        if runStage != nil {
            if !exercise.isEmpty || sets != nil || reps != nil || holdSeconds != nil || loadKg != nil {
                throw UserError("A run takes --run-stage, --minutes and --pain-during only; log exercises separately.")
            }
            if minutes == nil { throw UserError("Give --minutes M: how long the run took, walking included.") }
            if painDuring == nil { throw UserError("Give --pain-during N: your worst pain while running, 0-10.") }
            if painAfter != nil { throw UserError("--pain-after is for exercises; report next-morning pain with `rehab checkin`.") }
            if dryRun || json { throw UserError("--dry-run and --json are for exercises; a run is logged on its own.") }
        } else {
            guard let exercise = exercise.first else {
                throw UserError("Give --plan for the day's plan, --exercise ID for one exercise's sets, or --run-stage N --minutes M for a run.")
            }
            if minutes != nil { throw UserError("--minutes belongs to a run; give --run-stage too, or leave it out.") }
            if sets == nil { throw UserError("Give --sets N (how many sets of \(exercise) you did).") }
        }
    }

    func run() throws {
        let day = self.day
        let patient = try data.load()
        if let runStage, let minutes, let painDuring {
            try logRun(RunEntry(date: day, stage: runStage, minutes: minutes, painDuring: painDuring.value, note: note), patient)
        } else if plan {
            let chosen = try PlannedEntries(
                plan: patient.evaluator.status(asOf: day).plan, named: exercise, painDuring: painDuring?.value,
                painAfter: painAfter?.value, overrides: painOverrides, note: note)
            try record(chosen.entries, skipped: chosen.skipped, patient)
        } else if let exercise = exercise.first, let sets {
            let entry = ExerciseEntry(
                date: day, exerciseID: exercise, side: side, sets: sets, reps: reps,
                holdSeconds: holdSeconds, loadKg: loadKg?.value, painDuring: painDuring?.value, painAfter: painAfter?.value, note: note)
            try record([entry], skipped: [], patient)
        }
    }

    /// Judges each entry as a single log would, with the ones before it counted (so each says
    /// what it earns on top of them), then saves them all in one transaction, or none.
    private func record(_ entries: [ExerciseEntry], skipped: [PlannedEntries.Skipped], _ patient: PatientData) throws {
        var judging = patient
        var logged: [LoggedExercise] = []
        for entry in entries {
            let name = patient.program.exercise(entry.exerciseID)?.name.lowercased() ?? entry.exerciseID
            let notes: [String]
            do { notes = try judging.admit(.exercise(entry)) } catch let refusal as UserError where plan {
                throw UserError(
                    "Nothing was logged: \(name)\(entry.side.map { " (\($0.rawValue))" } ?? ""): \(refusal.description)", exitCode: refusal.exitCode)
            }
            judging = judging.adding(entry)
            logged.append(LoggedExercise(entry: entry, name: name, notes: notes))
        }
        if !dryRun, !entries.isEmpty { try patient.store.add(entries) }
        if json { return try printJSON(LogJSON(date: day.iso, dryRun: dryRun, logged: logged, skipped: skipped)) }
        if !plan, let one = logged.first {
            print("\(dryRun ? "Would log" : "Logged") \(one.title): \(one.amount) on \(day.iso).\(dryRun ? " Nothing was saved." : "")")
            one.notes.forEach(warn)
            return
        }
        if logged.isEmpty {
            print(
                skipped.isEmpty ? "Nothing to log on \(day.iso)." : "Nothing left to log on \(day.iso): every exercise asked for is already logged.")
        } else {
            print(dryRun ? "Would log on \(day.iso) (dry run: nothing was saved):" : "Logged on \(day.iso):")
        }
        // A note every entry got (the program is paused, say) is said once, after them.
        let common = logged.count > 1 ? logged.dropFirst().reduce(Set(logged[0].notes)) { $0.intersection($1.notes) } : []
        for one in logged {
            print("  \(one.title): \(one.amount)\(one.loadText)\(one.painText)")
            for note in one.notes where !common.contains(note) { print("    " + note) }
        }
        for note in logged.first?.notes ?? [] where common.contains(note) { print(note) }
        if !logged.isEmpty { for s in skipped { print("  \(s.title): \(s.reason)") } }
    }

    private func logRun(_ run: RunEntry, _ patient: PatientData) throws {
        let notes = try patient.admit(.run(run))
        try patient.store.add(run)
        print("Logged run stage \(run.stage): \(run.minutes) min at pain \(run.painDuring) on \(day.iso).")
        notes.forEach(warn)
    }
}

/// One exercise entry of a `log`, with what admission said it earns.
struct LoggedExercise: Encodable {
    let entry: ExerciseEntry
    let name: String
    let notes: [String]

    var title: String { name + (entry.side.map { " (\($0.rawValue))" } ?? "") }
    var amount: String { entry.reps.map { "\(entry.sets) x \($0)" } ?? "\(entry.sets) x \(entry.holdSeconds ?? 0) s" }
    var loadText: String { entry.loadKg.map { " @ \($0.compact) kg" } ?? "" }
    var painText: String {
        [entry.painDuring.map { "pain \($0) during" }, entry.painAfter.map { "\($0) after" }].compactMap { $0 }
            .map { ", " + $0 }.joined()
    }

    enum CodingKeys: String, CodingKey { case exercise, name, side, sets, reps, holdSeconds, loadKg, painDuring, painAfter, notes }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(entry.exerciseID, forKey: .exercise)
        try c.encode(name, forKey: .name)
        try c.encode(entry.side?.rawValue, forKey: .side)
        try c.encode(entry.sets, forKey: .sets)
        try c.encode(entry.reps, forKey: .reps)
        try c.encode(entry.holdSeconds, forKey: .holdSeconds)
        try c.encode(entry.loadKg, forKey: .loadKg)
        try c.encode(entry.painDuring, forKey: .painDuring)
        try c.encode(entry.painAfter, forKey: .painAfter)
        try c.encode(notes, forKey: .notes)
    }
}

struct LogJSON: Encodable {
    let date: String
    /// True when nothing was saved.
    let dryRun: Bool
    let logged: [LoggedExercise]
    let skipped: [PlannedEntries.Skipped]
}

/// `--pain glute-bridge=4` or `--pain glute-bridge=4/2`: one exercise's pain during (and after)
/// in a `log --plan`. The ranges are the admission's to check, as for any entry.
struct PainOverride: Sendable, Equatable {
    let exercise: String
    let during: Int
    let after: Int?

    static func parse(_ text: String) throws -> PainOverride {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        let values = parts.count == 2 ? parts[1].split(separator: "/", omittingEmptySubsequences: false).map { Int($0) } : []
        guard parts.count == 2, !parts[0].isEmpty, (1...2).contains(values.count), let during = values[0], values.count == 1 || values[1] != nil
        else {
            throw ValidationError("write ID=DURING or ID=DURING/AFTER, for example glute-bridge=4 or glute-bridge=4/2")
        }
        return PainOverride(exercise: parts[0], during: during, after: values.count == 2 ? values[1] : nil)
    }
}

/// The entries `log --plan` records: the day's plan items (or those named), each side not yet
/// logged that day, at the plan's dose and load, with the pain given.
struct PlannedEntries {
    struct Skipped: Encodable {
        let exercise: String
        let side: String?
        let reason: String
        var title: String { exercise + (side.map { " (\($0))" } ?? "") }
    }

    var entries: [ExerciseEntry] = []
    var skipped: [Skipped] = []

    init(plan: DayPlan, named: [String], painDuring: Int?, painAfter: Int?, overrides: [PainOverride], note: String?) throws {
        if plan.stopped {
            throw UserError("Nothing was logged: \(plan.message ?? "the program is stopped.") \(ClearFlagsCommand.howToRecord)", exitCode: 3)
        }
        if plan.items.isEmpty {
            throw UserError(
                "The plan of \(plan.date.iso) has no exercises to log"
                    + (plan.run.map { " (\($0.note)); log a run with --run-stage and --minutes." } ?? "."))
        }
        let ids = plan.items.map(\.exercise.id)
        let chosen = try named.isEmpty ? ids : named.map { try Self.find($0, in: ids, "--exercise") }
        var pains: [String: PainOverride] = [:]
        for o in overrides {
            let id = try Self.find(o.exercise, in: ids, "--pain")
            guard chosen.contains(id) else { throw UserError("--pain \(o.exercise)=... names \(id), which is not among the exercises being logged.") }
            pains[id] = o
        }
        for item in plan.items where chosen.contains(item.exercise.id) {
            let e = item.exercise
            for side in item.sides {
                let done = side.map { item.doneSides.contains($0) } ?? item.doneToday
                if done {
                    skipped.append(Skipped(exercise: e.id, side: side?.rawValue, reason: "already logged on \(plan.date.iso), left out"))
                    continue
                }
                let pain = pains[e.id]
                entries.append(
                    ExerciseEntry(
                        date: plan.date, exerciseID: e.id, side: side, sets: e.sets, reps: e.reps, holdSeconds: e.holdSeconds,
                        loadKg: item.loadKg(on: side), painDuring: pain?.during ?? painDuring,
                        painAfter: pain?.after ?? painAfter, note: note))
            }
        }
    }

    /// The plan's exercise a word names: its id, or the only id that contains it.
    static func find(_ word: String, in ids: [String], _ option: String) throws -> String {
        if ids.contains(word) { return word }
        let matches = ids.filter { $0.contains(word.lowercased()) }
        if matches.count == 1 { return matches[0] }
        throw UserError(
            matches.isEmpty
                ? "\(option) \(word) is not in the day's plan; its exercises are: \(ids.joined(separator: ", "))."
                : "\(option) \(word) could be \(matches.joined(separator: " or ")); give the whole id.")
    }
}

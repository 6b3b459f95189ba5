import ArgumentParser
import RehabCore
import RehabStore

struct CheckInCommand: ParsableCommand {
    // The red-flag list is read from the program only when this command is named: parsing any other
    // command must not pay for decoding the program file.
    static let configuration: CommandConfiguration = {
        let named = CommandLine.arguments.dropFirst().contains("checkin")
        let flags = named ? ProgramLoader.defaultProgram().redFlags : []
        let list = flags.map { "  \($0.id.padding(toLength: 26, withPad: " ", startingAt: 0)) \($0.question)" }.joined(separator: "\n")
        return CommandConfiguration(
            commandName: "checkin",
            abstract: "Report how the hip feels this morning, about yesterday's session.",
            discussion: """
                A second check-in for the same morning replaces the first, which is kept in your record; a warning sign \
                once answered stands until a clinician visit is recorded (clear-flags), whatever a later check-in says.

                Red-flag ids for --red-flag (any of them stops the program and says whom to see):
                \(list)
                These are the default program's; another program may ask more (an id it does not know is refused \
                with the list of yours).
                """)
    }()

    @OptionGroup var data: DataOptions
    @Option(name: .customLong("date"), help: ArgumentHelp("This morning's date (default: today).", valueName: Day.valueName)) var date: Day?
    var day: Day { date ?? localToday() }
    @Option(name: .customLong("morning-pain"), help: ArgumentHelp("Pain on getting up.", valueName: PainScore.valueName)) var morningPain: PainScore
    @Flag(help: "You are limping this morning.") var limping = false
    @Option(name: .customLong("red-flag"), parsing: .upToNextOption, help: "Warning signs you have (ids listed below).")
    var redFlags: [String] = []

    func run() throws {
        let patient = try data.load()
        let unique = redFlags.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let checkIn = CheckIn(date: day, morningPain: morningPain.value, limping: limping, redFlags: unique)
        _ = try patient.admit(.checkIn(checkIn))
        let saved = try patient.store.save(checkIn)
        switch saved {
        case .saved: print("Checked in on \(day.iso): \(checkIn.answers).")
        case .unchanged: print("The check-in of \(day.iso) was already saved with these answers (\(checkIn.answers)); nothing changed.")
        case .corrected(let kept):
            print(
                "Replaced the check-in of \(day.iso): \(checkIn.answers). The one it replaces (\(kept.replaced.answers),"
                    + " saved \(Correction.text(kept.recordedAt))) is kept in your record and shown to your clinician.")
        }
        let after = try data.load().evaluator
        // What the rules now go by for this morning: a warning sign or what the program acted on is never corrected away.
        let judged = after.index[day].checkIn ?? checkIn
        if case .corrected(let kept) = saved {
            if judged.morningPain > checkIn.morningPain || judged.limping != checkIn.limping {
                print(
                    "The program had already acted on the first answer, so this morning still counts as \(CheckIn(date: day, morningPain: judged.morningPain, limping: judged.limping).answers):"
                        + " a correction never undoes a red day, a step-back or a pause.")
            }
            for id in kept.replaced.redFlags where !unique.contains(id) {
                print("The warning sign answered earlier still stands until a clinician has seen you: \(patient.program.redFlag(id)?.question ?? id)")
            }
        }
        if let zone = after.zones[day - 1] {
            print("Yesterday (\((day - 1).iso)) is \(zone.zone.rawValue): \(zone.reason).")
        }
        // A stop (urgent or doctor) ends all exercise; a lock keeps exercise but not running.
        for id in judged.redFlags {
            let flag = after.programs.program(on: day).redFlag(id)
            print(
                flag?.level.pauseKind == .locked
                    ? "PAUSED: \(flag!.advice) Keep to comfortable exercise; no running until a clinician has seen you."
                    : "STOP: \(flag?.advice ?? "See a doctor.") Do no exercise and no running until a clinician has seen you.")
        }
        if !judged.redFlags.isEmpty { print(ClearFlagsCommand.howToRecord) }
    }
}

struct ClearFlagsCommand: ParsableCommand {
    /// How the command line records the visit that lifts a pause or a warning sign (the engine's
    /// advice says only "record the visit": each front end says how).
    static let howToRecord =
        "When a clinician has seen you, record it with: rehab clear-flags --seen-clinician (add --date YYYY-MM-DD if the visit was not today)"

    static let configuration = CommandConfiguration(
        commandName: "clear-flags",
        abstract: "Record that a clinician has seen you, which lifts red flags and pauses up to that day.")

    @OptionGroup var data: DataOptions
    @Option(name: .customLong("date"), help: ArgumentHelp("The day you were seen (default: today).", valueName: Day.valueName)) var date: Day?
    var day: Day { date ?? localToday() }
    @Flag(name: .customLong("seen-clinician"), help: "Confirms that a doctor or physiotherapist has examined you.") var seenClinician = false
    @Option(help: "What the clinician said.") var note: String?

    func validate() throws {
        if let note, note.count > 2000 { throw UserError("--note is too long (over 2000 characters).") }
        guard seenClinician else {
            throw UserError("Red flags are lifted only after a clinician has seen you: add --seen-clinician to confirm.")
        }
    }

    func run() throws {
        let patient = try data.load()
        _ = try patient.admit(.clinicianSeen(FlagClearance(date: day, note: note)))
        let before = patient.evaluator.status(asOf: day)
        try patient.store.add(FlagClearance(date: day, note: note))
        if before.pause == nil && before.redFlags.isEmpty {
            print("Recorded the clinician visit on \(day.iso); there was no pause or red flag to lift.")
        } else {
            print("Recorded the clinician visit on \(day.iso); the program resumes.")
        }
    }
}

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Record a gate test result (for example single-leg stance for 30 s).",
        discussion: "`rehab status` lists the tests your phase still needs, with their ids and targets.")

    @OptionGroup var data: DataOptions
    @Option(name: .customLong("date"), help: ArgumentHelp("The day of the test (default: today).", valueName: Day.valueName)) var date: Day?
    var day: Day { date ?? localToday() }
    @Option(help: "Test id, as listed by `rehab status`.", completion: Completions.tests) var name: String
    @Option(help: ArgumentHelp("left or right, for a test done on each leg.", valueName: Side.valueName)) var side: Side?
    @Option(
        help: "The result: seconds, repetitions, minutes or hops, as the test counts (digits, with a decimal point if needed).",
        transform: StrictDecimal.parse)
    var value: StrictDecimal
    @Option(help: ArgumentHelp("Pain during the test.", valueName: PainScore.valueName)) var pain: PainScore

    func run() throws {
        let patient = try data.load()
        let result = TestResult(date: day, testID: name, side: side, value: value.value, pain: pain.value)
        let notes = try patient.admit(.test(result))
        try patient.store.add(result)
        // The engine's verdict says whether it counts, and why not ("does not count: pain 3 is above 2").
        print("Recorded " + (notes.first ?? "\(name) on \(day.iso)."))
    }
}

struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Record your outcome questionnaire total (VISA-G, 0-100, higher is better).")

    @OptionGroup var data: DataOptions
    @Option(name: .customLong("date"), help: ArgumentHelp("The day you filled it in (default: today).", valueName: Day.valueName)) var date: Day?
    var day: Day { date ?? localToday() }
    @Option(help: "The questionnaire's total score.") var score: Int

    func run() throws {
        let patient = try data.load()
        let o = patient.program.outcome
        _ = try patient.admit(.score(OutcomeScore(date: day, score: score)))
        switch try patient.store.save(OutcomeScore(date: day, score: score)) {
        case .saved: print("Recorded \(o.name) \(score) on \(day.iso).")
        case .unchanged: print("\(o.name) \(score) on \(day.iso) was already recorded; nothing changed.")
        case .corrected(let kept):
            print(
                "Replaced the \(o.name) score of \(day.iso): \(score). The one it replaces (\(kept.replaced.score),"
                    + " saved \(Correction.text(kept.recordedAt))) is kept in your record and shown to your clinician.")
        }
    }
}

import ArgumentParser
import Foundation
import RehabCore
import RehabStore

struct ProgramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "program",
        abstract: "List the built-in programs, show the one in force, check a program file, or switch programs.",
        discussion: "The file format, with a full example, is described in docs/program-format.md; each built-in program in docs/programs/.",
        subcommands: [List.self, Show.self, Validate.self, Use.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the built-in programs: where the pain usually is and what each is for.",
            discussion: """
                rehab does not diagnose: a physiotherapist or doctor should confirm which program fits your pain. \
                Start on one with `rehab init --program ID`, or switch with `rehab program use ID --from DAY`. \
                Each program, with its sources and where their evidence is weak, is described in docs/programs/ID.md.
                """)
        // The data is only read to mark the program in force; a list without data (or with data it cannot read) is still the list.
        @OptionGroup var data: DataOptions
        @Flag(help: "Print the list as JSON: each program's id, name, version, pain area, purpose and whether it is the one in force.")
        var json = false

        struct Item: Encodable {
            let id: String, name: String, version: Int, painArea: String, purpose: String, isDefault: Bool, inForce: Bool
        }

        func run() throws {
            let standard = BuiltInPrograms.standard.id
            // The built-in program whose text is the one in force today (not one a clinician adjusted).
            let inForce = try? data.openStore(.readOnly).programText()?.text
            if json {
                return try printJSON(
                    BuiltInPrograms.all.map {
                        Item(
                            id: $0.id, name: $0.program.name, version: $0.program.version, painArea: $0.painArea, purpose: $0.purpose,
                            isDefault: $0.id == standard, inForce: $0.text == inForce)
                    })
            }
            let width = BuiltInPrograms.all.map(\.id.count).max() ?? 0
            print("Built-in programs. \(BuiltInPrograms.clinicianConfirms)")
            for p in BuiltInPrograms.all {
                let marks = [p.id == standard ? "the default" : nil, p.text == inForce ? "yours, in force" : nil].compactMap { $0 }
                let said = marks.isEmpty ? "" : " (\(marks.joined(separator: "; ")))"
                print("  \(p.id.padding(toLength: width, withPad: " ", startingAt: 0))  \(p.summary)\(said)")
            }
            print("Start with `rehab init --program ID` (without it: \(standard)); switch with `rehab program use ID --from DAY`.")
            print(BuiltInPrograms.warningSignsFirst)
            print(BuiltInPrograms.referredPainAdvice)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the program in force: since when, its thresholds, phases, exercises, gates and run stages.",
            discussion: "With --json it prints the program as a program file: a starting point for an adjusted one.")
        @OptionGroup var data: DataOptions
        @Flag(help: "Print the program in force as a program file (JSON).") var json = false

        func run() throws {
            // No data yet is fine (this is what `rehab init` would use); data that cannot be read is an error.
            var store: RehabStore?
            do { store = try data.openStore(.readOnly) } catch StoreError.notInitialised { store = nil }
            if let opened = store, try opened.programs().isEmpty { store = nil }  // created, never enrolled
            let timeline = try store.map { try PatientData.timeline(in: $0) } ?? ProgramTimeline(ProgramLoader.defaultProgram())
            let program = timeline.current.program
            if json { return try printJSON(program) }
            if store == nil {
                print("No rehab data in \(data.directory) yet: this is the built-in program, which `rehab init` starts with.")
            } else {
                let c = timeline.current
                print("In force since \(c.from.iso): \"\(program.name)\" (id \(program.id), version \(program.version)), from \(c.source).")
                for (i, p) in timeline.periods.enumerated().dropLast().reversed() {
                    print(
                        "Before that, \(p.from.iso) to \((timeline.periods[i + 1].from - 1).iso): \"\(p.program.name)\" version \(p.program.version), from \(p.source)."
                    )
                }
            }
            ProgramText.describe(program).forEach { print($0) }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a program file and list every error with its line, field and what is expected.",
            discussion:
                "Exit 0 when the file can be used, 1 when it has errors (listed on stderr). Warnings (a big step in the run ladder) do not stop a file being used."
        )
        @Argument(help: "The program file.", completion: .file(extensions: ["json"])) var file: String
        // Accepted like everywhere else so scripts can pass it uniformly; checking a file reads no data.
        @OptionGroup var data: DataOptions
        @Flag(help: "Print one JSON object: valid, and each error's line, column, path and problem.") var json = false

        struct Report: Encodable {
            struct Issue: Encodable { let line: Int?; let column: Int?; let path: String?; let problem: String }
            let file: String
            let valid: Bool
            let errors: [Issue]
            let warnings: [Issue]
        }

        func run() throws {
            let bytes = try readUserFile(file, "the program file", limit: ProgramLoader.maxFileBytes)
            let check = ProgramLoader.check(bytes)
            if json {
                let issue = { (i: JSONIssue) in Report.Issue(line: i.line, column: i.column, path: i.path, problem: i.problem) }
                try printJSON(Report(file: file, valid: check.isValid, errors: check.issues.map(issue), warnings: check.warnings.map(issue)))
                // The answer is already printed: exit 1 without a second message.
                if !check.isValid { Foundation.exit(1) }
                return
            }
            guard let program = check.program, check.isValid else {
                let count = check.issues.count
                var lines = ["rehab: \(file.escapingControls()) has \(counted(count, "error")):"]
                lines += check.issues.map { "  \($0.location): \($0.problem)" }
                FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
                Foundation.exit(1)
            }
            let exercises = Set(program.phases.flatMap { $0.exercises.map(\.id) }).count
            print(
                "\(file): valid. \"\(program.name)\" version \(program.version): \(program.phases.count) phases, \(exercises) exercises, "
                    + "\(program.allTests.count) gate tests, \(program.returnToRun.stages.count) run stages, \(program.redFlags.count) red flags.")
            if !check.warnings.isEmpty {
                let count = check.warnings.count
                print("\(counted(count, "warning")) (the file can be used; worth a second look):")
                check.warnings.forEach { print("  \($0.location): \($0.problem)") }
            }
        }
    }

    struct Use: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Follow a built-in program or a program file from your clinician, from a given day on; your history is kept.",
            discussion: """
                The file is checked first (as `rehab program validate` does); nothing changes unless it is valid. \
                The switch is recorded: `rehab status`, `rehab program show` and `rehab report` show which program \
                applied when. Days before --from keep the zones the earlier program gave them.
                """)
        @Argument(
            help:
                "A built-in program's id (`rehab program list`; `\(ProgramLoader.defaultProgramName)` is the default) or a program file (a file named like an id: ./ID).",
            completion: Completions.programs) var file: String
        @OptionGroup var data: DataOptions
        @Option(name: .customLong("from"), help: ArgumentHelp("The first day the new program applies to.", valueName: Day.valueName)) var day: Day

        func run() throws {
            let (text, program, isBuiltIn) = try ProgramFiles.resolve(file)
            // A built-in program is recorded by its name, as `rehab init` records it; a file by its full path.
            let source = isBuiltIn ? file : URL(fileURLWithPath: file).standardizedFileURL.path
            let patient = try data.load()
            let current = patient.programs.current
            if day < patient.history.enrolment.start {
                throw UserError("--from \(day.iso) is before your program started (\(patient.history.enrolment.start.iso)).")
            }
            if program == current.program {
                print("That program is already in force (since \(current.from.iso), from \(current.source)); nothing changed.")
                return
            }
            if day < current.from {
                throw UserError(
                    "--from \(day.iso) is before the program in force took effect (\(current.from.iso)); a new program can only apply from that day on."
                )
            }
            try patient.store.adoptProgram(text: text, source: source, on: day)
            print(
                "From \(day.iso) you follow \"\(program.name)\" version \(program.version) (\(source)),"
                    + " instead of \"\(current.program.name)\" version \(current.program.version), in force since \(current.from.iso).")
            print("Your history is kept; days before \(day.iso) keep the zones the earlier program gave them.")
            let changes = ProgramChanges.between(current.program, program)
            if !changes.isEmpty {
                print("What changed:")
                for line in changes.prefix(15) { print("  \(line)") }
                if changes.count > 15 { print("  and \(changes.count - 15) more; `rehab program show` lists the whole program.") }
            }
        }
    }
}

/// The program in words, for `program show`.
enum ProgramText {
    static func describe(_ p: Program) -> [String] {
        let z = p.painZones
        var lines = [
            "",
            "Pain zones (0-10): green to \(z.greenMaxDuring) during exercise (\(z.runGreenMaxDuring) running), amber to \(z.amberMaxDuring) (\(z.runAmberMaxDuring) running), red above;"
                + " next morning red when more than \(z.morningRedAboveBaseline) above the usual (median of \(p.baseline.windowDays) mornings)\(z.limpingIsRed ? "; limping is red" : "").",
            z.greenMaxAfter.map {
                "Pain after: green to \($0), amber to \(z.amberMaxAfter ?? $0)"
                    + (z.runGreenMaxAfter.map { " (run days: green to \($0), amber to \(z.runAmberMaxAfter ?? $0))" } ?? "") + ", red above."
            }
                ?? "Pain after above the pain during is amber.",
            "Pause: \(p.pause.consecutiveRedDays) red days in a row, or \(p.pause.redDaysInWindow) within \(p.pause.windowDays) days, until a clinician is seen."
        ]
        if let cap = p.baseline.capAboveEnrolment { lines.insert("The usual morning pain is never taken above the enrolment value + \(cap).", at: 3) }
        if let w = p.weekToWeek {
            lines.append(
                "Week to week: a median morning pain over \(w.days) days \(w.riseOf) or more above the \(w.days) days before holds loads and gates; \(w.risingWeeksToPause) such weeks in a row pause."
            )
        }
        for (i, phase) in p.phases.enumerated() {
            lines.append("")
            lines.append("\(i + 1). \(phase.name): \(phase.goal)")
            lines.append("   at least \(phase.minimumDays) days, \(phase.sessionsPerWeek) sessions a week, rest \(phase.restSeconds) s between sets")
            for e in phase.exercises { lines.append("   - \(e.id): \(e.prescription), tempo \(e.tempoText) s") }
            for e in phase.alternatives ?? [] {
                lines.append("   - \(e.id) (instead of a side-lying exercise where both hips hurt): \(e.prescription), tempo \(e.tempoText) s")
            }
            lines.append("   gate:" + (phase.gate.isEmpty ? " none" : ""))
            for c in phase.gate { lines.append("     * " + gate(c)) }
        }
        lines.append("")
        lines.append(
            "Return-to-run stages (each \(counted(p.returnToRun.greenRunsPerStage, "time")) green, \(counted(p.returnToRun.restDaysBetweenRuns, "rest day")) between runs):"
        )
        for s in p.returnToRun.stages { lines.append("  \(s.stage). \(s.description)") }
        lines.append("")
        lines.append(
            "\(p.redFlags.count) red-flag questions at check-in; outcome: \(p.outcome.name) (\(p.outcome.min)-\(p.outcome.max)) every \(p.outcome.everyDays) days"
                + (p.outcome.gateWithinDays.map { ", and at each gate one from the last \($0) days" } ?? "") + ".")
        return lines
    }

    static func gate(_ c: GateCriterion) -> String {
        switch c {
        case .adherence(let w, let pct): return "at least \(pct) % of planned sessions done in the last \(w) days"
        case .noRedDays(let w): return "no red day in the last \(w) days"
        case .maxPainDuring(let w, let m): return "pain during exercise at most \(m) in the last \(w) days"
        case .tests(let g):
            let tests = g.tests.map { "\($0.id) \($0.target.compact) \($0.unit)\($0.sides == .each ? " each side" : "")" }
            return "tests at pain \(g.maxPain) or less\(g.noMorningRise ? ", no rise next morning" : ""): " + tests.joined(separator: "; ")
        case .runStageCompleted(let stage, let times): return "run stage \(stage) green \(times) times"
        }
    }
}

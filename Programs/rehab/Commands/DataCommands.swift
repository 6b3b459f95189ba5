import ArgumentParser
import Foundation
import RehabCore
import RehabStore

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Everything logged, day by day, with each day's zone.")

    @OptionGroup var data: DataOptions
    @Option(help: ArgumentHelp("First day to show.", valueName: "YYYY-MM-DD")) var from: String?
    @Option(help: ArgumentHelp("Last day to show.", valueName: "YYYY-MM-DD")) var to: String?
    @Flag(help: "Print one JSON object.") var json = false

    struct DayJSON: Encodable {
        let date: String
        let zone: String?
        let zoneReason: String?
        let exercises: [ExerciseEntry]
        let runs: [RunEntry]
        let checkIn: CheckIn?
        let tests: [TestResult]
    }
    struct HistoryJSON: Encodable { let from: String?; let to: String?; let days: [DayJSON] }

    func run() throws {
        let first = try from.map { try parseDay($0, "--from") }
        let last = try to.map { try parseDay($0, "--to") }
        if let first, let last, last < first { throw UserError("--to \(last.iso) is before --from \(first.iso).") }
        let session = try data.load()
        let h = session.history
        var days = Set(h.exercises.map(\.date)).union(h.runs.map(\.date)).union(h.checkIns.map(\.date)).union(h.tests.map(\.date))
        days = days.filter { day in (first.map { day >= $0 } ?? true) && (last.map { day <= $0 } ?? true) }
        let index = session.evaluator.index
        let testsByDay = Dictionary(grouping: h.tests, by: \.date)
        let rows = days.sorted().map { d in
            DayJSON(date: d.iso, zone: session.evaluator.zones[d]?.zone.rawValue, zoneReason: session.evaluator.zones[d]?.reason,
                    exercises: index[d].exercises, runs: index[d].runs, checkIn: index[d].checkIn, tests: testsByDay[d] ?? [])
        }
        if json { return try printJSON(HistoryJSON(from: first?.iso, to: last?.iso, days: rows)) }
        if rows.isEmpty { print("Nothing logged in that period."); return }
        for day in rows {
            print("\(day.date) \(day.zone.map { "[\($0)]" } ?? "")")
            if let c = day.checkIn {
                print("  check-in: morning pain \(c.morningPain)\(c.limping ? ", limping" : "")\(c.redFlags.isEmpty ? "" : ", red flags: " + c.redFlags.joined(separator: ", "))")
            }
            for e in day.exercises {
                let amount = e.reps.map { "\(e.sets) x \($0)" } ?? "\(e.sets) x \(e.holdSeconds ?? 0) s"
                print("  \(e.exerciseID)\(e.side.map { " (\($0.rawValue))" } ?? ""): \(amount)\(e.loadKg.map { " @ \($0.compact) kg" } ?? "")"
                      + "\(e.painDuring.map { ", pain \($0)" } ?? "")\(e.painAfter.map { ", after \($0)" } ?? "")\(e.note.map { " - \($0)" } ?? "")")
            }
            for r in day.runs { print("  run stage \(r.stage): \(r.minutes) min, pain \(r.painDuring)") }
            for t in day.tests { print("  test \(t.testID)\(t.side.map { " (\($0.rawValue))" } ?? ""): \(t.value.compact), pain \(t.pain)") }
        }
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export your data for a clinician or a spreadsheet: csv (one row per set) or json (everything).")

    @OptionGroup var data: DataOptions
    @Option(help: "csv or json.") var format: String
    @Option(help: ArgumentHelp("Write to this file (created private, 0600) instead of stdout.", valueName: "file")) var out: String?

    func run() throws {
        guard format == "csv" || format == "json" else { throw UserError("--format must be csv or json, not \"\(format)\".") }
        let session = try data.load()
        let bytes: Data
        if format == "csv" {
            bytes = Data(CSVExport.text(session.history).utf8)
        } else {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let source = (try? session.store.programText())??.source ?? "default"
            bytes = try encoder.encode(ExportDocument(history: session.history, programSource: source)) + Data("\n".utf8)
        }
        guard let out else { FileHandle.standardOutput.write(bytes); return }
        if FileManager.default.fileExists(atPath: out) { throw UserError("\(out) already exists; choose another name or remove it first.") }
        guard FileManager.default.createFile(atPath: out, contents: bytes, attributes: [.posixPermissions: 0o600]) else {
            throw UserError("Cannot write \(out); check the folder exists and is writable.")
        }
        print("Exported \(format.uppercased()) to \(out).")
    }
}

struct ProgramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "program",
        abstract: "Show the program in force, or check a program file.",
        subcommands: [Show.self, Validate.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the phases, exercises and gates of your program.")
        @OptionGroup var data: DataOptions
        @Flag(help: "Print the program as JSON.") var json = false

        func run() throws {
            let program = (try? data.openStore()).flatMap { try? Session.program(in: $0) } ?? ProgramLoader.defaultProgram()
            if json { return try printJSON(program) }
            print(program.name)
            for (i, phase) in program.phases.enumerated() {
                print("\n\(i + 1). \(phase.name): \(phase.goal)")
                print("   at least \(phase.minimumDays) days, \(phase.sessionsPerWeek) sessions a week")
                for e in phase.exercises { print("   - \(e.id): \(e.prescription), tempo \(e.tempoText) s") }
            }
            print("\nReturn-to-run stages:")
            for s in program.returnToRun.stages { print("  \(s.stage). \(s.description)") }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a program file and say exactly where any error is.")
        @Argument(help: "The program file.") var file: String
        // Accepted like everywhere else so scripts can pass it uniformly; checking a file reads no data.
        @OptionGroup var data: DataOptions

        func run() throws {
            _ = try ProgramFiles.read(file)
            print("\(file): valid.")
        }
    }
}

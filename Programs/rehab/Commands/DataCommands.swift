import ArgumentParser
import Foundation
import RehabCore
import RehabStore

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Everything logged, day by day, with each day's zone.")

    @OptionGroup var data: DataOptions
    @Option(help: ArgumentHelp("First day to show.", valueName: Day.valueName)) var from: Day?
    @Option(help: ArgumentHelp("Last day to show.", valueName: Day.valueName)) var to: Day?
    @Flag(help: "Print one JSON object.") var json = false

    struct DayJSON: Encodable {
        let date: String
        let zone: String?
        let zoneReason: String?
        let exercises: [ExerciseEntry]
        let runs: [RunEntry]
        /// The check-in as last saved; the rules may go by more (see `CheckInCorrection`).
        let checkIn: CheckIn?
        /// Check-ins of this morning replaced by a later one, kept with when.
        let checkInCorrections: [CheckInCorrection]
        let tests: [TestResult]
        let score: OutcomeScore?
        let scoreCorrections: [ScoreCorrection]
    }
    struct HistoryJSON: Encodable { let from: String?; let to: String?; let days: [DayJSON] }

    func validate() throws { try checkOrder(from, to) }

    func run() throws {
        let first = from, last = to
        let patient = try data.load(.readOnly)
        let h = patient.history
        var days = Set(h.exercises.map(\.date)).union(h.runs.map(\.date)).union(h.checkIns.map(\.date)).union(h.tests.map(\.date))
            .union(h.scores.map(\.date))
        days = days.filter { day in (first.map { day >= $0 } ?? true) && (last.map { day <= $0 } ?? true) }
        let index = patient.evaluator.index
        let testsByDay = Dictionary(grouping: h.tests, by: \.date)
        let checkIns = Dictionary(h.checkIns.map { ($0.date, $0) }, uniquingKeysWith: { a, _ in a })
        let scores = Dictionary(h.scores.map { ($0.date, $0) }, uniquingKeysWith: { a, _ in a })
        let checkInCorrections = Dictionary(grouping: h.checkInCorrections, by: \.replaced.date)
        let scoreCorrections = Dictionary(grouping: h.scoreCorrections, by: \.replaced.date)
        let rows = days.sorted().map { d in
            DayJSON(
                date: d.iso, zone: patient.evaluator.zones[d]?.zone.rawValue, zoneReason: patient.evaluator.zones[d]?.reason,
                exercises: index[d].exercises, runs: index[d].runs, checkIn: checkIns[d], checkInCorrections: checkInCorrections[d] ?? [],
                tests: testsByDay[d] ?? [], score: scores[d], scoreCorrections: scoreCorrections[d] ?? [])
        }
        if json { return try printJSON(HistoryJSON(from: first?.iso, to: last?.iso, days: rows)) }
        if rows.isEmpty { print("Nothing logged in that period."); return }
        for day in rows {
            print("\(day.date) \(day.zone.map { "[\($0)]" } ?? "")")
            if let c = day.checkIn { print("  check-in: \(c.answers)") }
            for k in day.checkInCorrections {
                print(
                    "    replaced: \(k.replaced.answers), saved \(Correction.text(k.recordedAt)), replaced \(Correction.text(k.correctedAt))"
                        + (k.actedOn ? " (the program had acted on it: it still counts)" : ""))
            }
            for (e, firstSet) in zip(day.exercises, day.exercises.firstSetNumbers()) {
                print(
                    "  \(e.exerciseID)\(e.side.map { " (\($0.rawValue))" } ?? ""): \(e.setsText(firstSet: firstSet))\(e.loadKg.map { " @ \($0.compact) kg" } ?? "")"
                        + "\(e.painDuring.map { ", pain \($0)" } ?? "")\(e.painAfter.map { ", after \($0)" } ?? "")\(e.note.map { " - \($0)" } ?? "")"
                )
            }
            for r in day.runs { print("  run stage \(r.stage): \(r.minutes) min, pain \(r.painDuring)") }
            if let score = day.score { print("  score: \(score.score)") }
            for k in day.scoreCorrections {
                print("    replaced: \(k.replaced.score), saved \(Correction.text(k.recordedAt)), replaced \(Correction.text(k.correctedAt))")
            }
            for t in day.tests { print("  test \(t.testID)\(t.side.map { " (\($0.rawValue))" } ?? ""): \(t.value.compact), pain \(t.pain)") }
        }
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export your data for a clinician or a spreadsheet: csv (one row per set) or json (everything, read back by `rehab import`).")

    @OptionGroup var data: DataOptions
    @Option(help: "csv or json.", completion: .list(["csv", "json"])) var format: String = "json"
    @Option(help: ArgumentHelp("Write to this file (created private, 0600) instead of stdout.", valueName: "file"), completion: Completions.files)
    var out: String?

    func validate() throws {
        guard format == "csv" || format == "json" else { throw UserError("--format must be csv or json, not \"\(format)\".") }
    }

    func run() throws {
        if let out { try checkOutputPath(out) }
        let patient = try data.load(.readOnly)
        let bytes: Data
        if format == "csv" {
            bytes = Data(CSVExport.text(patient.history).utf8)
        } else {
            bytes = try ExportDocument(history: patient.history, programs: try patient.store.programs()).encoded()
        }
        guard let out else { FileHandle.standardOutput.write(bytes); return }
        if FileManager.default.fileExists(atPath: out) { throw UserError("\(out) already exists; choose another name or remove it first.") }
        try writeNewPrivateFile(out, bytes)
        print("Exported \(format.uppercased()) to \(out).")
    }
}

import ArgumentParser
import Foundation
import RehabCore
import RehabStore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read back a `rehab export --format json` file, into an empty data folder or alongside your data.",
        discussion: """
            Into an empty --data-dir it rebuilds the data exactly (export it again and you get the same file). \
            Into existing data it adds the file's entries, but refuses when any of them is already there \
            unless --merge is given, which skips those. A file from another enrolment, or a check-in or \
            score that differs from the one saved for the same day, is always refused. Everything is added \
            in one transaction: on any refusal nothing is written.
            """)

    @OptionGroup var data: DataOptions
    @Argument(help: "The JSON export file.", completion: Completions.files) var file: String
    @Flag(help: "Skip entries already in your data and add the rest.") var merge = false

    func run() throws {
        let bytes = try readUserFile(file, "the export file", limit: ImportLimits.maxFileBytes)
        let doc: ExportDocument
        do { doc = try ExportDocument.read(bytes, today: DayWindow.today) } catch { throw UserError(error.description) }

        let database = data.directory + "/rehab.sqlite"
        let existed = FileManager.default.fileExists(atPath: database)
        let folderExisted = FileManager.default.fileExists(atPath: data.directory)
        let summary: ImportSummary
        do {
            summary = try RehabStore(directory: data.directory, create: true).importDocument(doc, merge: merge)
        } catch {
            // A database made just for this import and left empty is removed, so a failure writes nothing.
            if !existed {
                for suffix in ["", "-wal", "-shm"] { unlink(database + suffix) }
                unlink(TodayFile.path(in: data.directory))
            }
            if !folderExisted { rmdir(data.directory) }
            if let refusal = error as? ImportError { throw UserError(refusal.description) }
            throw error
        }
        let kinds = [
            ("exercise entries", "exercise entry"), ("runs", "run"), ("check-ins", "check-in"), ("tests", "test"),
            ("phase changes", "phase change"), ("clinician visits", "clinician visit"), ("scores", "score"), ("corrections", "correction"),
            ("programs", "program")
        ]
        let parts = kinds.compactMap { plural, one in
            summary.added[plural].flatMap { $0 == 0 ? nil : "\($0) \($0 == 1 ? one : plural)" }
        }
        if parts.isEmpty {
            print("Nothing new in \(file): its \(summary.skipped) entries are all in your data already.")
        } else {
            print("Imported \(parts.joined(separator: ", ")) from \(file) into \(data.directory).")
            if summary.skipped > 0 { print("Skipped \(summary.skipped) entries already in your data.") }
        }
    }
}

import ArgumentParser
import Foundation
import RehabStore

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy your data into one file (private, 0600), checked before it is kept.",
        discussion: """
            The copy is consistent even while the full-screen program or a script is saving: it is made \
            with SQLite's backup API, then checked with an integrity check, and only then appears under \
            the name you gave. Keep it somewhere other than this computer's disk. Bring it back with \
            `rehab restore FILE`.
            """)

    @OptionGroup var data: DataOptions
    @Option(help: ArgumentHelp("The file to write.", valueName: "file"), completion: Completions.files) var out: String
    @Flag(help: "Replace the file if it already exists.") var force = false

    func run() throws {
        guard !out.isEmpty else { throw UserError("--out needs a file name.") }
        try checkOutputPath(out, replacing: force, forceHint: true)
        let store = try data.openStore()
        try store.backup(to: out, replacing: force)
        let h = try store.history()
        print("Backed up your data (program started \(h.enrolment.start.iso), \(h.exercises.count) exercise entries) to \(out); integrity check ok.")
    }
}

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace your data with a backup made by `rehab backup`, keeping the current data as a safety copy.",
        discussion: """
            The backup is checked first (it opens, passes an integrity check, comes from this or an older \
            rehab, and holds an enrolment); if it does not, nothing changes. The current database is kept \
            in the data folder as rehab-before-restore-<date>-<time>.sqlite. Close the full-screen program \
            before restoring: restore waits up to 10 s for other rehab commands to finish, then refuses \
            while another rehab still has the data open.
            """)

    @OptionGroup var data: DataOptions
    @Argument(help: ArgumentHelp("The backup file.", valueName: "file"), completion: Completions.files) var file: String

    func run() throws {
        guard !file.isEmpty else { throw UserError("Give the backup file to restore.") }
        switch FileKind(of: file) {
        case .regularFile: break
        case .absent: throw UserError("\(file) does not exist; give the path of a file made by `rehab backup`.")
        case let kind: throw UserError("\(file) is \(kind.words), not a regular file; give the path of a file made by `rehab backup`.")
        }
        let report = try RehabStore.restore(from: file, into: data.directory)
        print("Restored \(file): program started \(report.enrolmentStart), \(report.exerciseEntries) exercise entries.")
        if let copy = report.safetyCopy { print("Your previous data is kept in \(copy).") }
    }
}

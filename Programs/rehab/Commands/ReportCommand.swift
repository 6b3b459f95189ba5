import ArgumentParser
import Foundation
import RehabCore
import RehabStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "A one-page summary for your clinician: phases, adherence, pain, scores, gate tests, flags and overrides.",
        discussion: """
        md is Markdown, readable as plain text. html is one self-contained file with inline charts \
        (no scripts, nothing fetched from anywhere) that prints on one A4 page. Example:
          rehab report --from 2026-03-02 --to 2026-05-24 --format html --out report.html
        """)

    @OptionGroup var data: DataOptions
    @Option(help: ArgumentHelp("First day of the report (default: the day the program started).", valueName: "YYYY-MM-DD")) var from: String?
    @Option(help: ArgumentHelp("Last day of the report.", valueName: "YYYY-MM-DD")) var to: String
    @Option(help: "md or html.") var format: String = "md"
    @Option(help: ArgumentHelp("Write to this new file (created private, 0600) instead of stdout.", valueName: "file")) var out: String?

    func run() throws {
        guard format == "md" || format == "html" else { throw UserError("--format must be md or html, not \"\(format)\".") }
        let last = try parseDay(to, "--to")
        let first = try from.map { try parseDay($0, "--from") }
        if let first, last < first { throw UserError("--to \(last.iso) is before --from \(first.iso).") }
        if let out { try checkOutputPath(out) }
        let session = try data.load(.readOnly)
        let start = session.history.enrolment.start
        if last < start { throw UserError("--to \(last.iso) is before your program started (\(start.iso)); there is nothing to report.") }
        let report = ClinicianReport(evaluator: session.evaluator, from: first ?? start, to: last)
        let text = format == "md" ? MarkdownReport.render(report) : HTMLReport.render(report)
        guard let out else { FileHandle.standardOutput.write(Data(text.utf8)); return }
        try writeNewPrivateFile(out, Data(text.utf8))
        print("Wrote the report of \(report.from.iso) to \(report.to.iso) to \(out).")
    }
}

/// Creates `path` (0600) and writes `data`; refuses to replace a file that exists.
func writeNewPrivateFile(_ path: String, _ data: Data) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard fd >= 0 else {
        if errno == EEXIST { throw UserError("\(path) already exists; choose another name or remove it first.") }
        throw UserError("Cannot write \(path) (\(String(cString: strerror(errno)))); check the folder exists and is writable.")
    }
    let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    do { try handle.write(contentsOf: data) } catch {
        unlink(path)
        throw UserError("Cannot write \(path): \(error.localizedDescription).")
    }
}

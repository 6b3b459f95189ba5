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
              rehab report --format html --out report.html
              rehab report --from 2026-03-02 --to 2026-05-24 --format html --out spring.html
            """)

    @OptionGroup var data: DataOptions
    @Option(help: ArgumentHelp("First day of the report (default: the day the program started).", valueName: Day.valueName)) var from: Day?
    @Option(help: ArgumentHelp("Last day of the report (default: today).", valueName: Day.valueName)) var to: Day?
    @Option(help: "md or html.", completion: .list(["md", "html"])) var format: String = "md"
    @Option(help: ArgumentHelp("Write to this new file (created private, 0600) instead of stdout.", valueName: "file"), completion: Completions.files)
    var out: String?

    func validate() throws {
        guard format == "md" || format == "html" else { throw UserError("--format must be md or html, not \"\(format)\".") }
        try checkOrder(from, to)
    }

    func run() throws {
        let first = from, last = to ?? localToday()
        if let out { try checkOutputPath(out) }
        let patient = try data.load(.readOnly)
        let start = patient.history.enrolment.start
        if last < start { throw UserError("--to \(last.iso) is before your program started (\(start.iso)); there is nothing to report.") }
        try DayWindow.judged(start: start).check(last, "--to")
        let report = ClinicianReport(evaluator: patient.evaluator, from: first ?? start, to: last)
        let text = format == "md" ? MarkdownReport.render(report) : HTMLReport.render(report)
        // On stdout, like every text line: control characters from the records shown escaped.
        guard let out else { print(text, terminator: ""); return }
        try writeNewPrivateFile(out, Data(text.utf8))
        print("Wrote the report of \(report.from.iso) to \(report.to.iso) to \(out).")
    }
}

/// Creates `path` (0600) and writes `data`; refuses to replace a file that exists.
func writeNewPrivateFile(_ path: String, _ data: Data) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard fd >= 0 else { throw writeFailure(path, errno: errno) }
    defer { close(fd) }
    // Plain write(2), so that a full disk is known as ENOSPC and said so.
    let failed: Int32? = data.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 { if errno == EINTR { continue }; return errno }
            offset += n
        }
        return fsync(fd) == 0 || errno == EINVAL ? nil : errno
    }
    if let failed {
        unlink(path)
        throw writeFailure(path, errno: failed)
    }
}

/// A failed write of `path` in one sentence, by what the patient can do about it: a full disk or
/// a read-only one is the data's problem (exit 2), a missing folder or a wrong name theirs (exit 1).
func writeFailure(_ path: String, errno code: Int32) -> UserError {
    switch code {
    case EEXIST: return UserError("\(path) already exists; choose another name or remove it first.")
    case ENOSPC, EDQUOT: return UserError("Cannot write \(path): the disk is full; free some space and try again. Nothing was written.", exitCode: 2)
    case EROFS: return UserError("Cannot write \(path): the disk is read-only. Nothing was written.", exitCode: 2)
    case EIO: return UserError("Cannot write \(path): the disk reported an input/output error. Nothing was written.", exitCode: 2)
    case EACCES, EPERM: return UserError("Cannot write \(path): permission denied; choose a folder you can write to.")
    default: return UserError("Cannot write \(path) (\(String(cString: strerror(code)))); check the folder exists and is writable.")
    }
}

import ArgumentParser
import Foundation
import RehabCore
import RehabStore

/// A mistake the user can fix, said in one sentence; `exitCode` tells scripts what kind.
struct UserError: Error, CustomStringConvertible {
    let description: String
    var exitCode: Int32 = 1
    init(_ message: String, exitCode: Int32 = 1) { description = message; self.exitCode = exitCode }
}

extension RehabCommand {
    /// Parses, runs, and turns every failure into one line on stderr and a non-zero exit.
    static func runAndExit() {
        do {
            var command = try parseAsRoot(try dataDirAfterCommand(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch let error as UserError {
            // A rule refusal (exit 3) may list its reasons one per line; everything else is one line.
            fail(error.description, keepingLines: error.exitCode == 3, exitCode: error.exitCode)
        } catch let error as StoreError {
            fail(error.description, exitCode: 2)
        } catch {
            // --help and --version end here too, with exit 0 and their text on stdout.
            if exitCode(for: error) == .success { exit(withError: error) }
            fail(usageMessage(for: error), exitCode: 1)
        }
    }

    /// `rehab --data-dir DIR init ...`: the folder given before a command applies to that command.
    /// ArgumentParser reads a command's options only after its name, so the option moves there;
    /// given on both sides with different folders, neither wins and the line is refused.
    static func dataDirAfterCommand(_ args: [String]) throws -> [String] {
        let folder: String, rest: ArraySlice<String>
        if args.first == "--data-dir", args.count > 1 {
            folder = args[1]; rest = args.dropFirst(2)
        } else if let first = args.first, first.hasPrefix("--data-dir=") {
            folder = String(first.dropFirst("--data-dir=".count)); rest = args.dropFirst()
        } else {
            return args
        }
        guard let command = rest.first else { return args }
        if command == "help" { return Array(rest) }   // help reads no data
        // Not a command: the full-screen program's options (it takes --data-dir itself), or a mistake.
        guard configuration.subcommands.contains(where: { $0.configuration.commandName == command }) else { return args }
        let options = rest.prefix { $0 != "--" }   // after "--" everything is a value
        var later: String?
        for (i, word) in zip(options.indices, options) {
            if word == "--data-dir", i + 1 < options.endIndex { later = options[i + 1] }
            if word.hasPrefix("--data-dir=") { later = String(word.dropFirst("--data-dir=".count)) }
        }
        if let later {
            guard later == folder else {
                throw UserError("--data-dir is given twice, \(folder) before `\(command)` and \(later) after it; give it once.")
            }
            return Array(rest)
        }
        return Array(options) + ["--data-dir", folder] + rest.dropFirst(options.count)
    }

    /// A command-line mistake as one sentence, pointing at the help of the command concerned.
    static func usageMessage(for error: Error) -> String {
        var text = message(for: error).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        if text.isEmpty { text = "The command line could not be understood" }
        if !text.hasSuffix(".") && !text.hasSuffix("?") { text += "." }
        let full = fullMessage(for: error)
        if let see = full.range(of: "See '"), let help = full[see.upperBound...].split(separator: "'").first {
            text += " See `\(help)`."
        }
        return text
    }

    static func fail(_ message: String, keepingLines: Bool = false, exitCode: Int32) -> Never {
        FileHandle.standardError.write(Data("rehab: \(printable(message, keepingLines: keepingLines))\n".utf8))
        Foundation.exit(exitCode)
    }

    /// What `fail` prints: one line (see `oneLine`), and short even when it quotes a huge value.
    static func printable(_ message: String, keepingLines: Bool = false) -> String {
        let line = oneLine(message, keepingLines: keepingLines)
        guard line.count > 600 else { return line }
        return String(line.prefix(300)) + " [...] " + String(line.suffix(200))
    }
}

/// Shows control characters (from a typed value, a file name) escaped, so an error message is
/// one line and cannot move the cursor or recolour the terminal.
func oneLine(_ text: String, keepingLines: Bool = false) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\n" where keepingLines: out.unicodeScalars.append(scalar)
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            let v = scalar.value
            let unsafe = scalar.properties.generalCategory == .control   // C0, DEL and C1 (ESC, NEL)
                || v == 0x2028 || v == 0x2029                              // line and paragraph separators
                || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)  // bidi overrides
            if unsafe { out += "\\u{\(String(v, radix: 16, uppercase: true))}" } else { out.unicodeScalars.append(scalar) }
        }
    }
    return out
}

/// `--data-dir`, shared by every command.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Folder holding your data (default: $REHAB_HOME, else $XDG_DATA_HOME/rehab, else ~/.local/share/rehab).", valueName: "dir"))
    var dataDir: String?

    var directory: String { dataDir ?? RehabStore.defaultDirectory() }

    func openStore(_ access: RehabStore.Access = .readWrite) throws -> RehabStore {
        try RehabStore(directory: directory, access: access)
    }

    /// The store, the programs followed and the engine over the whole history. Commands that only
    /// read say `.readOnly`: they open faster and can never change the file. Commands that judge
    /// one day say which (`judging`): the entries of earlier days then load as day totals, which
    /// gives the same verdicts on that day from far less reading.
    func load(_ access: RehabStore.Access = .readWrite, judging day: Day? = nil) throws -> Session {
        let store = try openStore(access)
        let programs = try Session.timeline(in: store)
        let history = try store.history(summarisingBefore: day)
        return Session(store: store, program: programs.current.program, programs: programs, history: history,
                       evaluator: Evaluator(programs: programs, history: history))
    }
}

struct Session {
    let store: RehabStore
    /// The program in force now (the latest adopted).
    let program: Program
    /// Every program followed, each from the day it was adopted.
    let programs: ProgramTimeline
    let history: History
    let evaluator: Evaluator

    static func timeline(in store: RehabStore) throws -> ProgramTimeline {
        do { return try store.programTimeline() } catch let e as SavedProgramUnreadable {
            throw UserError(e.description, exitCode: 2)
        }
    }

    static func program(in store: RehabStore) throws -> Program {
        guard let stored = try store.programText() else { return ProgramLoader.defaultProgram() }
        do { return try ProgramLoader.load(Data(stored.text.utf8)) } catch {
            throw UserError("The program saved in your data (\(stored.source)) no longer loads: \(error)", exitCode: 2)
        }
    }

    /// What the engine says of `entry` (`Admission`): its notes, or its refusal as a UserError.
    func admit(_ entry: Entry) throws -> [String] {
        switch Admission.judge(entry, by: evaluator, today: localToday()) {
        case .success(let admitted): return admitted.notes
        case .failure(let refusal): throw UserError(refusal.sentence(naming: \.option), exitCode: refusal.exitCode)
        }
    }

    /// Refuses a day before enrolment: nothing can be logged before the program started.
    func checkInProgram(_ day: Day, what: String = "log") throws {
        if day < history.enrolment.start {
            throw UserError("\(day.iso) is before your program started (\(history.enrolment.start.iso)); nothing to \(what) then.")
        }
    }
}

/// Today on this computer's calendar.
func localToday() -> Day { Day.today(in: .current, at: Date()) }

extension EntryField {
    /// The option that gives this value.
    var option: String {
        switch self {
        case .date: return "--date"
        case .exercise: return "--exercise"
        case .side: return "--side"
        case .sets: return "--sets"
        case .reps: return "--reps"
        case .holdSeconds: return "--hold-seconds"
        case .loadKg: return "--load-kg"
        case .painDuring: return "--pain-during"
        case .painAfter: return "--pain-after"
        case .note: return "--note"
        case .runStage: return "--run-stage"
        case .minutes: return "--minutes"
        case .test: return "--name"
        case .value: return "--value"
        case .pain: return "--pain"
        case .morningPain: return "--morning-pain"
        case .redFlag: return "--red-flag"
        case .score: return "--score"
        }
    }
}

// MARK: - Argument checks, each failing with one sentence

func parseDay(_ text: String, _ option: String = "--date") throws -> Day {
    guard let day = Day(iso: text) else {
        let looksRight = text.count == 10 && text.split(separator: "-").count == 3
        throw UserError(looksRight ? "\(option) \(text) is not a date on the calendar."
                                   : "\(option) \(text) is not a date; use YYYY-MM-DD, for example 2026-03-14.")
    }
    return day
}

func checkPain(_ value: Int?, _ option: String) throws {
    if let value, !(0...10).contains(value) {
        throw UserError("\(option) must be a pain score from 0 (none) to 10 (worst imaginable), not \(value).")
    }
}

func checkRange(_ value: Int?, _ range: ClosedRange<Int>, _ option: String, _ unit: String = "") throws {
    if let value, !range.contains(value) {
        throw UserError("\(option) must be from \(range.lowerBound) to \(range.upperBound)\(unit), not \(value).")
    }
}

func parseSide(_ text: String?) throws -> Side? {
    guard let text else { return nil }
    guard let side = Side(rawValue: text.lowercased()) else { throw UserError("--side must be left or right, not \"\(text)\".") }
    return side
}

// MARK: - Output

func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}

/// Rows of text in columns, each as wide as its widest cell, two spaces apart: the widths are
/// worked out here once, so a header row always lines up with the rows under it.
func alignedColumns(_ rows: [[String]]) -> [String] {
    var widths: [Int] = []
    for row in rows {
        for (i, cell) in row.enumerated() {
            if i < widths.count { widths[i] = max(widths[i], cell.count) } else { widths.append(cell.count) }
        }
    }
    return rows.map { row in
        var line = row.enumerated().map { i, cell in cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
            .joined(separator: "  ")
        while line.last == " " { line.removeLast() }
        return line
    }
}

func warn(_ message: String) {
    FileHandle.standardError.write(Data("rehab: note: \(message)\n".utf8))
}

extension Double {
    /// "12.5", or "12" for a whole number.
    var compact: String { self == rounded() && abs(self) < 1e12 ? String(Int(self)) : String(self) }
}

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
            let words = Array(CommandLine.arguments.dropFirst())
            var command = try dayCommand(words) ?? parseAsRoot(try dataDirAfterCommand(words))
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

    /// status, plan and week, which scripts and status bars run all day, read by hand when
    /// written plainly (`JudgedDayOptions(words:)`): the argument parser costs more than judging
    /// the day. Anything else (help, a mistake, another spelling) goes to the parser, which words
    /// it as ever.
    static func dayCommand(_ words: [String]) -> (any ParsableCommand)? {
        guard let options = JudgedDayOptions(words: words.dropFirst()) else { return nil }
        switch words.first {
        case "status": var command = StatusCommand(); command.judged = options; return command
        case "plan": var command = PlanCommand(); command.judged = options; return command
        case "week": var command = WeekCommand(); command.judged = options; return command
        default: return nil
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
        if let sentence = explainedRefusal(message(for: error)) { return sentence }
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

    /// "The value 'V' is invalid for '--option <name>'" for a type that explains its refusals: its sentence.
    static func explainedRefusal(_ message: String) -> String? {
        let prefix = "The value '", middle = "' is invalid for '"
        guard message.hasPrefix(prefix), let split = message.range(of: middle, options: .backwards) else { return nil }
        let value = String(message[message.index(message.startIndex, offsetBy: prefix.count)..<split.lowerBound])
        let rest = message[split.upperBound...]
        guard let open = rest.range(of: " <"), let close = rest.range(of: ">'", range: open.upperBound..<rest.endIndex) else { return nil }
        let option = String(rest[..<open.lowerBound]), valueName = String(rest[open.upperBound..<close.lowerBound])
        return explainedArguments.first { $0.valueName == valueName }?.refusal(of: value, for: option)
    }

    static func fail(_ message: String, keepingLines: Bool = false, exitCode: Int32) -> Never {
        FileHandle.standardError.write(Data("rehab: \(printable(message, keepingLines: keepingLines))\n".utf8))
        Foundation.exit(exitCode)
    }

    /// What `fail` prints: one line (see `String.escapingControls`), and short even when it quotes a huge value.
    static func printable(_ message: String, keepingLines: Bool = false) -> String {
        let line = message.escapingControls(keepingLines: keepingLines)
        guard line.count > 600 else { return line }
        return String(line.prefix(300)) + " [...] " + String(line.suffix(200))
    }
}

/// `--data-dir`, shared by every command.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Folder holding your data (default: $REHAB_HOME, else $XDG_DATA_HOME/rehab, else ~/.local/share/rehab).", valueName: "dir"), completion: .directory)
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
        let history = try store.history(summarisingBefore: day?.firstDayReadInFull)
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
        do { return try ProgramLoader.load(Data(stored.text.utf8), alreadyAdopted: true) } catch {
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

    /// The same data with `entry` added (not saved), judged again: how the next entry of a
    /// `log --plan` is judged with the ones before it counted.
    func adding(_ entry: ExerciseEntry) -> Session {
        var more = history
        more.exercises.append(entry)
        return Session(store: store, program: program, programs: programs, history: more,
                       evaluator: Evaluator(programs: programs, history: more))
    }

    /// Refuses a day to judge (`--as-of`) before the program starts or more than a year ahead.
    func checkJudged(_ day: Day, _ option: String = "--as-of") throws {
        let start = history.enrolment.start
        if day < start { throw UserError("\(option) \(day.iso) is before your program starts, on \(start.iso); give a day from then on.") }
        try DayWindow.judged(start: start).check(day, option)
    }
}

/// Today on this computer's calendar (its time zone, `TZ` included): the one place the command
/// line reads the clock for a day, so every date option left out means the same day.
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

/// Every text line a command prints goes through here (it shadows `Swift.print` in this module):
/// a note or a program name could carry terminal escapes (ESC ] 52 sets the clipboard, ESC [ 2J
/// clears the screen), so control characters are shown escaped, as in error messages. JSON goes
/// out through `printJSON`, whose encoder already escapes them, byte for byte unchanged.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator)
    Swift.print(text.escapingControls(keepingLines: true, keepingTabs: true), terminator: terminator)
}

// MARK: - Argument checks, each failing with one sentence

/// The days a command accepts. A mistyped year (2926 for 2026) is refused with the window in the
/// message, instead of being judged day by day over centuries of empty calendar.
struct DayWindow {
    let first: Day
    let last: Day
    /// How the window reads in a message, for example "a year from today".
    let lastMeaning: String
    let firstMeaning: String

    static var today: Day { localToday() }

    /// Any day a command may name: a program starts at most ten years back, and nothing is
    /// planned or judged more than a year ahead.
    static func sane(today: Day = today) -> DayWindow {
        DayWindow(first: today - 3653, last: today + 366, lastMeaning: "a year from today", firstMeaning: "ten years ago")
    }

    /// Days a command judges or reports on (`--as-of`, `--to`): from the program's start.
    static func judged(start: Day, today: Day = today) -> DayWindow {
        DayWindow(first: start, last: today + 366, lastMeaning: "a year from today", firstMeaning: "the day your program started")
    }

    var sentence: String { "from \(first.iso) (\(firstMeaning)) to \(last.iso) (\(lastMeaning))" }

    func contains(_ day: Day) -> Bool { day >= first && day <= last }

    func check(_ day: Day, _ option: String) throws {
        if !contains(day) { throw UserError("\(option) \(day.iso) is outside the days rehab accepts here: \(sentence).") }
    }
}

/// A `YYYY-MM-DD` argument within the sane window (see `DayWindow.sane`), or the sentence saying
/// why not (see `Day.refusal`).
func parseDay(_ text: String, _ option: String = "--date") throws -> Day {
    guard let day = Day(iso: text) else {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let looksRight = text.count == 10 && parts.count == 3
        // A real date of a year Day does not count (0001-01-01, 9999-12-31) is outside the window, not off the calendar.
        if looksRight, let year = Int(parts[0]), !(1900...2999).contains(year), parts[0].allSatisfy(\.isASCII),
           let month = Int(parts[1]), let dayOfMonth = Int(parts[2]), (1...12).contains(month), (1...31).contains(dayOfMonth) {
            throw UserError("\(option) \(text) is outside the days rehab accepts: \(DayWindow.sane().sentence).")
        }
        throw UserError(looksRight ? "\(option) \(text) is not a date on the calendar."
                                   : "\(option) \(text) is not a date; use YYYY-MM-DD, for example 2026-03-14.")
    }
    let sane = DayWindow.sane()
    if !sane.contains(day) { throw UserError("\(option) \(text) is outside the days rehab accepts: \(sane.sentence).") }
    return day
}

/// A decimal number option read strictly: digits with an optional decimal point ("12", "2.5",
/// ".5"), nothing else. Swift's `Double("0x10")` is 16 and `Double("1e3")` is 1000: a patient
/// typing that meant neither, so both are refused rather than logged as kilograms.
struct StrictDecimal: ExpressibleByArgument, Sendable, Equatable {
    let value: Double

    init(_ value: Double) { self.value = value }

    init?(argument: String) {
        let digits = argument.filter { $0 != "." }
        guard !digits.isEmpty, digits.count <= 12, argument.filter({ $0 == "." }).count <= 1,
              digits.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }), let value = Double(argument) else { return nil }
        self.value = value
    }

    static var defaultCompletionKind: CompletionKind { .default }

    /// For `@Option(transform:)`: the refusal says what is expected, not only that it is invalid.
    static func parse(_ text: String) throws -> StrictDecimal {
        guard let value = StrictDecimal(argument: text) else {
            throw ValidationError("write a plain decimal number such as 12.5 (digits and at most one point)")
        }
        return value
    }
}

/// `--from` and `--to` in order.
func checkOrder(_ first: Day?, _ last: Day?) throws {
    if let first, let last, last < first { throw UserError("--to \(last.iso) is before --from \(first.iso).") }
}

/// A typed value refused in its type's words, naming the option: "--sets must be from 1 to 50, not 0."
func check<Value: EntryValue>(_ type: Value.Type, _ value: Value.Raw?, _ option: String) throws {
    if let refusal = type.refusal(of: value) { throw UserError("\(option) \(refusal).") }
}

func checkRange(_ value: Int?, _ range: ClosedRange<Int>, _ option: String) throws {
    if let refusal = EntryLimit.refusal(of: value, in: range) { throw UserError("\(option) \(refusal).") }
}

// MARK: - Values the argument parser reads

/// A value type read by the argument parser that says, in one sentence naming the option, why a
/// value was refused. ArgumentParser itself can only say "The value 'X' is invalid for '--date
/// <YYYY-MM-DD>'": `RehabCommand.usageMessage` replaces that by this sentence.
protocol ExplainedArgument: ExpressibleByArgument {
    /// The value name the options of this type show in their usage (`<YYYY-MM-DD>`).
    static var valueName: String { get }
    static func refusal(of text: String, for option: String) -> String
}

/// Every type whose refusals `usageMessage` explains, by value name.
let explainedArguments: [any ExplainedArgument.Type] = [Day.self, Side.self, AffectedSide.self, PainScore.self]

/// A `YYYY-MM-DD` day within the sane window (`DayWindow.sane`); each command then checks its
/// own, narrower window.
extension Day: ExplainedArgument {
    public init?(argument: String) {
        guard let day = try? parseDay(argument) else { return nil }
        self = day
    }

    public var defaultValueDescription: String { iso }
    static var valueName: String { "YYYY-MM-DD" }

    static func refusal(of text: String, for option: String) -> String {
        do { _ = try parseDay(text, option); return "\(option) \(text) is not a date." } catch { return "\(error)" }
    }
}

/// `left` or `right`, in any case.
extension Side: ExplainedArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
    static var valueName: String { "left|right" }
    static func refusal(of text: String, for option: String) -> String { "\(option) must be left or right, not \"\(text)\"." }
}

/// A pain score, refused in the score's own words (`PainScore.wanted`).
extension PainScore: ExplainedArgument {
    public init?(argument: String) {
        guard let score = try? Self.parse(argument).get() else { return nil }
        self = score
    }

    static var valueName: String { span }

    static func refusal(of text: String, for option: String) -> String {
        if case .failure(let refusal) = parse(text) { return "\(option) \(refusal.sentence)." }
        return "\(option) \(text) is not a pain score."
    }
}

/// `left`, `right` or `both`, in any case: the hip that hurts.
extension AffectedSide: ExplainedArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
    static var valueName: String { "left|right|both" }
    static func refusal(of text: String, for option: String) -> String { "\(option) must be left, right or both, not \"\(text)\"." }
}

/// `--data-dir`, `--as-of` and `--json`, shared by the commands that judge one day and can print JSON.
struct JudgedDayOptions: ParsableArguments {
    @OptionGroup var data: DataOptions
    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day to judge (for week: a day in the week; default: today).", valueName: Day.valueName))
    var asOf: Day?
    @Flag(help: "Print one JSON object.") var json = false

    var day: Day { asOf ?? localToday() }

    /// The data read for judging `day` (earlier days as totals), after checking the day is one to judge.
    func session(judging day: Day) throws -> Session {
        let session = try data.load(.readOnly, judging: day)
        try session.checkJudged(day)
        return session
    }
}

extension JudgedDayOptions {
    /// `--as-of DAY` (else today), `--json` and `--data-dir DIR`, each at most once and in any
    /// order, read without the parser; nil for any other word or a day `parseDay` refuses.
    init?(words: ArraySlice<String>) {
        var day: Day?, json = false, folder: String?
        var words = words.makeIterator()
        while let word = words.next() {
            switch word {
            case "--as-of" where day == nil:
                guard let value = words.next(), let parsed = try? parseDay(value, "--as-of") else { return nil }
                day = parsed
            case "--json" where !json: json = true
            case "--data-dir" where folder == nil:
                guard let value = words.next(), !value.hasPrefix("-") else { return nil }
                folder = value
            default: return nil
            }
        }
        // Set from outside an initializer: inside one, Swift would make each wrapper afresh
        // (an unparsed definition) instead of giving it the value.
        self = Self.made(day: day, json: json, folder: folder)
    }

    private static func made(day: Day?, json: Bool, folder: String?) -> JudgedDayOptions {
        var data = DataOptions()
        data.dataDir = folder
        var options = JudgedDayOptions()
        options.data = data
        options.asOf = day
        options.json = json
        return options
    }
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
    FileHandle.standardError.write(Data("rehab: note: \(message.escapingControls())\n".utf8))
}


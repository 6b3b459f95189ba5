import ArgumentParser
import Foundation
import RehabCore
import RehabStore

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
            let month = Int(parts[1]), let dayOfMonth = Int(parts[2]), (1...12).contains(month), (1...31).contains(dayOfMonth)
        {
            throw UserError("\(option) \(text) is outside the days rehab accepts: \(DayWindow.sane().sentence).")
        }
        throw UserError(
            looksRight
                ? "\(option) \(text) is not a date on the calendar."
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
            digits.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }), let value = Double(argument)
        else { return nil }
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

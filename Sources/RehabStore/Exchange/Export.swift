import Foundation
import RehabCore

/// The full JSON export: everything needed to rebuild the history elsewhere, including the text
/// of every program followed. `rehab import` reads it back; export, import into an empty folder
/// and export again gives the same bytes. The history's parts (enrolment, exercises, runs ...)
/// stand at the top level of the file, beside the format, the version and the programs, and are
/// read as `doc.exercises` and so on.
@dynamicMemberLookup
public struct ExportDocument: Codable, Sendable, Equatable {
    public static let formatName = "rehab-export"
    /// 2: the programs' texts and adoption days replace version 1's bare `programSource`.
    /// 3: the check-ins and scores replaced by a correction (`checkInCorrections`, `scoreCorrections`).
    public static let currentVersion = 3
    /// The oldest version `rehab import` reads: a version 2 file simply has no corrections.
    public static let oldestReadVersion = 2

    public var format = ExportDocument.formatName
    public var version = ExportDocument.currentVersion
    public var programs: [AdoptedProgram]
    public var history: History

    public init(history: History, programs: [AdoptedProgram]) {
        self.history = history
        self.history.exerciseSummary = nil
        self.programs = programs
    }

    public subscript<Value>(dynamicMember part: WritableKeyPath<History, Value>) -> Value {
        get { history[keyPath: part] }
        set { history[keyPath: part] = newValue }
    }

    private enum Keys: String, CodingKey { case format, version, programs }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        format = try c.decode(String.self, forKey: .format)
        version = try c.decode(Int.self, forKey: .version)
        programs = try c.decode([AdoptedProgram].self, forKey: .programs)
        history = try History(from: decoder)
    }

    public func encode(to encoder: Encoder) throws {
        try history.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(format, forKey: .format)
        try c.encode(version, forKey: .version)
        try c.encode(programs, forKey: .programs)
    }

    /// Pretty-printed with sorted keys and a final newline: stable bytes for the same data.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}

/// CSV for spreadsheets: one row per set (and one per run), RFC 4180 quoting, CRLF line ends.
/// A set that ended early shows what was done in reps / hold_seconds, what was prescribed in
/// planned, and how it ended (cut-short, skipped, stopped-for-pain) in ended; both are empty
/// for a set done as prescribed.
public enum CSVExport {
    public static let header = [
        "date", "kind", "exercise", "side", "set", "reps", "hold_seconds", "load_kg",
        "pain_during", "pain_after", "run_stage", "minutes", "note", "planned", "ended"
    ]

    public static func rows(_ h: History) -> [[String]] {
        func n<T>(_ v: T?) -> String { v.map { "\($0)" } ?? "" }
        var rows: [(Day, Int, [String])] = []
        for (i, (e, first)) in zip(h.exercises, h.exercises.firstSetNumbers()).enumerated() {
            for set in first..<(first + max(1, e.sets)) {
                rows.append(
                    (
                        e.date, i,
                        [
                            e.date.iso, "exercise", text(e.exerciseID), n(e.side?.rawValue), String(set), n(e.reps),
                            n(e.holdSeconds), n(e.loadKg), n(e.painDuring), n(e.painAfter), "", "", text(e.note ?? ""),
                            n(e.planned), n(e.ended?.rawValue)
                        ]
                    ))
            }
        }
        for (i, r) in h.runs.enumerated() {
            rows.append(
                (
                    r.date, h.exercises.count + i,
                    [
                        r.date.iso, "run", "", "", "", "", "", "", String(r.painDuring), "",
                        String(r.stage), String(r.minutes), text(r.note ?? ""), "", ""
                    ]
                ))
        }
        return rows.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }

    public static func text(_ h: History) -> String {
        ([header] + rows(h)).map { $0.map(quote).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A text cell a spreadsheet must not run as a formula (CSV injection, as OWASP describes it):
    /// text beginning with = + - @, a tab or a carriage return gets a leading single quote, which
    /// spreadsheets show as text. Numeric columns are never passed here; rehab has no CSV import,
    /// so the quote stays in the file (the JSON export keeps every note exactly).
    static func text(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return cell }
        return "'" + cell
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

import Foundation
import GRDB
import RehabCore

// The engine's types as database records, one per table (GRDB's recommended practice): each
// table's columns are named once, here, for every write (the commands' and `importDocument`'s)
// and for the reads that do not take the raw fast path (`RawRows`). Most records are Codable;
// the few columns named otherwise than their property (the schema is older than the names) are
// renamed by the records' column strategies. The enrolment (a fixed id), the check-in (its red
// flags as one text) and the exercise entry (thousands per import) are encoded by hand.

extension Day: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { iso.databaseValue }

    /// A stored `YYYY-MM-DD`; day 0 (1970-01-01) for a text that is not one, as `RawRow.day` reads it.
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Day? {
        String.fromDatabaseValue(dbValue).map { Day(iso: $0) ?? Day(ordinal: 0) }
    }
}

extension Side: DatabaseValueConvertible {}
extension AffectedSide: DatabaseValueConvertible {}
extension PhaseID: DatabaseValueConvertible {}
extension SetEnd: DatabaseValueConvertible {}

extension AdoptedProgram: FetchableRecord, PersistableRecord {
    public static var databaseTableName: String { "program" }
}

/// Years of entries are imported at once: written by hand, the encoding is several times faster
/// than through Codable.
extension ExerciseEntry: PersistableRecord {
    public static var databaseTableName: String { "exerciseEntry" }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["date"] = date
        container["exerciseId"] = exerciseID
        container["side"] = side
        container["sets"] = sets
        container["reps"] = reps
        container["holdSeconds"] = holdSeconds
        container["loadKg"] = loadKg
        container["painDuring"] = painDuring
        container["painAfter"] = painAfter
        container["tempoSeconds"] = tempoSeconds
        container["note"] = note
        container["ended"] = ended
        container["planned"] = planned
    }
}

extension RunEntry: FetchableRecord, PersistableRecord {
    public static var databaseTableName: String { "runEntry" }
}

extension TestResult: FetchableRecord, PersistableRecord {
    public static var databaseTableName: String { "testResult" }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .renaming(["testID": "testId"]) }
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .renaming(["testId": "testID"]) }
}

extension PhaseChange: FetchableRecord, PersistableRecord {
    public static var databaseTableName: String { "phaseChange" }
}

extension FlagClearance: FetchableRecord, PersistableRecord {
    public static var databaseTableName: String { "flagClearance" }
}

extension OutcomeScore: FetchableRecord, PersistableRecord {
    public static var databaseTableName: String { "outcomeScore" }
}

/// The single enrolment row (id 1), whose first day is the column `startDate`.
extension Enrolment: FetchableRecord, PersistableRecord {
    public static var databaseTableName: String { "enrolment" }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = 1
        container["startDate"] = start
        container["side"] = side
        container["baselinePain"] = baselinePain
    }

    public init(row: Row) {
        self.init(start: row["startDate"], side: AffectedSide(rawValue: row["side"] ?? "") ?? .both, baselinePain: row["baselinePain"])
    }
}

/// A check-in's red flags are stored as one text, "id,id" (read back by `RehabStore.history`).
extension CheckIn: PersistableRecord {
    public static var databaseTableName: String { "checkIn" }

    public func encode(to container: inout PersistenceContainer) {
        container["date"] = date
        container["morningPain"] = morningPain
        container["limping"] = limping
        container["redFlags"] = redFlags.joined(separator: ",")
    }
}

/// A replaced check-in, its red flags as one text like the check-in's.
extension CheckInCorrection: PersistableRecord {
    public static var databaseTableName: String { "checkInCorrection" }

    public func encode(to container: inout PersistenceContainer) {
        container["date"] = replaced.date
        container["morningPain"] = replaced.morningPain
        container["limping"] = replaced.limping
        container["redFlags"] = replaced.redFlags.joined(separator: ",")
        container["recordedAt"] = recordedAt
        container["correctedAt"] = correctedAt
        container["actedOn"] = actedOn
    }

    init(row: Row) {
        let flags: String = row["redFlags"]
        self.init(
            replaced: CheckIn(
                date: row["date"], morningPain: row["morningPain"], limping: row["limping"],
                redFlags: flags.isEmpty ? [] : flags.split(separator: ",").map(String.init)),
            recordedAt: row["recordedAt"], correctedAt: row["correctedAt"], actedOn: row["actedOn"])
    }
}

extension ScoreCorrection: PersistableRecord {
    public static var databaseTableName: String { "scoreCorrection" }

    public func encode(to container: inout PersistenceContainer) {
        container["date"] = replaced.date
        container["score"] = replaced.score
        container["recordedAt"] = recordedAt
        container["correctedAt"] = correctedAt
    }

    init(row: Row) {
        self.init(replaced: OutcomeScore(date: row["date"], score: row["score"]), recordedAt: row["recordedAt"], correctedAt: row["correctedAt"])
    }
}

private struct ColumnKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension DatabaseColumnEncodingStrategy {
    /// Property names to column names; the other properties keep their names.
    static func renaming(_ columns: [String: String]) -> Self { .custom { columns[$0.stringValue] ?? $0.stringValue } }
}

extension DatabaseColumnDecodingStrategy {
    /// Column names to property names; the other columns keep their names.
    static func renaming(_ properties: [String: String]) -> Self { .custom { ColumnKey(stringValue: properties[$0] ?? $0) } }
}

/// A record as saved: with the moment it was saved, which every table keeps.
private struct Stamped<Record: PersistableRecord>: PersistableRecord {
    static var databaseTableName: String { Record.databaseTableName }
    let record: Record
    let createdAt: Date

    func encode(to container: inout PersistenceContainer) throws {
        try record.encode(to: &container)
        container["createdAt"] = createdAt
    }
}

extension PersistableRecord {
    /// Inserts the record, saved at `savedAt` (its `createdAt`); `replacing` a row with the same
    /// key (a day's check-in or score). Returns the row id.
    @discardableResult
    func insert(_ db: Database, savedAt: Date, replacing: Bool = false) throws -> Int64 {
        try Stamped(record: self, createdAt: savedAt).insert(db, onConflict: replacing ? .replace : nil)
        return db.lastInsertedRowID
    }

    /// This record's values for `columns` (NULL for a column it leaves out), for comparing with saved rows.
    func values(_ columns: [String]) throws -> [DatabaseValue] {
        let all = try databaseDictionary
        return columns.map { all[$0] ?? .null }
    }

    /// The table's columns that hold what was recorded: all but the id and the moment of saving.
    static func recordedColumns(_ db: Database) throws -> [String] {
        try db.columns(in: databaseTableName).map(\.name).filter { $0 != "id" && $0 != "createdAt" }
    }
}

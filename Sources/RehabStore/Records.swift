import Foundation
import GRDB
import RehabCore

// The engine's types as database records: each says its table and columns once, here, for every
// write (`RehabStore`'s commands and `importDocument`) and for the reads that do not need the raw
// fast path (`RawRows`). Columns are explicit rather than derived from Codable: the JSON export
// names some fields differently (`exerciseID` is the column `exerciseId`), and days are stored as
// `YYYY-MM-DD` text.

extension Enrolment: FetchableRecord, PersistableRecord {
    public static var databaseTableName: String { "enrolment" }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = 1
        container["startDate"] = start.iso
        container["side"] = side.rawValue
        container["baselinePain"] = baselinePain
    }

    public init(row: Row) {
        self.init(start: Day(stored: row["startDate"]), side: AffectedSide(rawValue: row["side"]) ?? .both, baselinePain: row["baselinePain"])
    }
}

extension AdoptedProgram: FetchableRecord, PersistableRecord {
    public static var databaseTableName: String { "program" }

    public func encode(to container: inout PersistenceContainer) {
        container["adoptedOn"] = adoptedOn.iso
        container["source"] = source
        container["text"] = text
    }

    public init(row: Row) { self.init(adoptedOn: Day(stored: row["adoptedOn"]), source: row["source"], text: row["text"]) }
}

extension ExerciseEntry: PersistableRecord {
    public static var databaseTableName: String { "exerciseEntry" }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["date"] = date.iso
        container["exerciseId"] = exerciseID
        container["side"] = side?.rawValue
        container["sets"] = sets
        container["reps"] = reps
        container["holdSeconds"] = holdSeconds
        container["loadKg"] = loadKg
        container["painDuring"] = painDuring
        container["painAfter"] = painAfter
        container["tempoSeconds"] = tempoSeconds
        container["note"] = note
    }
}

extension RunEntry: FetchableRecord, PersistableRecord {
    public static var databaseTableName: String { "runEntry" }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["date"] = date.iso
        container["stage"] = stage
        container["minutes"] = minutes
        container["painDuring"] = painDuring
        container["note"] = note
    }

    public init(row: Row) {
        self.init(id: row["id"], date: Day(stored: row["date"]), stage: row["stage"], minutes: row["minutes"], painDuring: row["painDuring"],
                  note: row["note"])
    }
}

extension CheckIn: PersistableRecord {
    public static var databaseTableName: String { "checkIn" }

    public func encode(to container: inout PersistenceContainer) {
        container["date"] = date.iso
        container["morningPain"] = morningPain
        container["limping"] = limping
        container["redFlags"] = redFlags.joined(separator: ",")
    }
}

extension TestResult: FetchableRecord, PersistableRecord {
    public static var databaseTableName: String { "testResult" }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["date"] = date.iso
        container["testId"] = testID
        container["side"] = side?.rawValue
        container["value"] = value
        container["pain"] = pain
    }

    public init(row: Row) {
        self.init(id: row["id"], date: Day(stored: row["date"]), testID: row["testId"], side: (row["side"] as String?).flatMap(Side.init),
                  value: row["value"], pain: row["pain"])
    }
}

extension PhaseChange: FetchableRecord, PersistableRecord {
    public static var databaseTableName: String { "phaseChange" }

    public func encode(to container: inout PersistenceContainer) {
        container["date"] = date.iso
        container["phase"] = phase.rawValue
        container["override"] = override
    }

    public init(row: Row) {
        self.init(date: Day(stored: row["date"]), phase: PhaseID(rawValue: row["phase"]) ?? .activation, override: row["override"])
    }
}

extension FlagClearance: FetchableRecord, PersistableRecord {
    public static var databaseTableName: String { "flagClearance" }

    public func encode(to container: inout PersistenceContainer) {
        container["date"] = date.iso
        container["note"] = note
    }

    public init(row: Row) { self.init(date: Day(stored: row["date"]), note: row["note"]) }
}

extension OutcomeScore: FetchableRecord, PersistableRecord {
    public static var databaseTableName: String { "outcomeScore" }

    public func encode(to container: inout PersistenceContainer) {
        container["date"] = date.iso
        container["score"] = score
    }

    public init(row: Row) { self.init(date: Day(stored: row["date"]), score: row["score"]) }
}

extension Day {
    /// A stored `YYYY-MM-DD`; day 0 (1970-01-01) for a value that is not one, as `RawRow.day` reads it.
    init(stored text: String) { self = Day(iso: text) ?? Day(ordinal: 0) }
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

    /// This record's values for `columns`, as `DatabaseValue`s, for comparing with saved rows.
    func values(_ columns: [String]) throws -> [DatabaseValue] {
        let all = try databaseDictionary
        return columns.map { all[$0] ?? .null }
    }
}

import Foundation
import GRDB
import RehabCore

/// How many records an import added, and how many it skipped because they were already there.
public struct ImportSummary: Sendable, Equatable {
    public var added: [String: Int] = [:]
    public var skipped = 0
    public var addedTotal: Int { added.values.reduce(0, +) }
}

extension RehabStore {
    /// Adds an export's records in one transaction. Without `merge`, a record already present
    /// refuses the whole import; with it, records already present are skipped. A check-in or score
    /// that differs from the one saved for the same day always refuses: neither may be lost.
    /// Record ids are kept when free, so an import into an empty folder exports back identically.
    public func importDocument(_ doc: ExportDocument, merge: Bool) throws -> ImportSummary {
        // Judged on a read first, so a refused import never opens the file for writing; judged
        // again in the write's transaction, as the data may have changed in between.
        if let refusal = try read({ db in try ImportPlan(doc, existing: db).refusal(merge: merge) }) { throw refusal }
        let outcome: Result<ImportSummary, ImportError> = try write { db in
            var plan = try ImportPlan(doc, existing: db)
            if let refusal = plan.refusal(merge: merge) { return .failure(refusal) }
            try plan.apply(db)
            return .success(plan.summary)
        }
        return try outcome.get()
    }
}

/// The records of a document that are new to the database, found inside the import's transaction.
private struct ImportPlan {
    let doc: ExportDocument
    var enrolmentIsNew = false
    var otherPatient: String?
    var programs: [AdoptedProgram] = []
    var exercises: [ExerciseEntry] = []
    var runs: [RunEntry] = []
    var checkIns: [CheckIn] = []
    var tests: [TestResult] = []
    var phaseChanges: [PhaseChange] = []
    var clearances: [FlagClearance] = []
    var scores: [OutcomeScore] = []
    var checkInCorrections: [CheckInCorrection] = []
    var scoreCorrections: [ScoreCorrection] = []
    var duplicates: [String] = []
    var conflict: String?
    /// A program of the file that would change days your data has already judged.
    var lateProgram: String?
    var summary = ImportSummary()

    init(_ doc: ExportDocument, existing db: Database) throws {
        self.doc = doc
        if let saved = try Enrolment.fetchOne(db, key: 1) {
            let e = doc.enrolment
            if saved != e {
                otherPatient = "yours started \(saved.start.iso) (\(saved.side.rawValue) side), the file's \(e.start.iso) (\(e.side.rawValue) side)"
            }
        } else {
            enrolmentIsNew = true
        }
        // Programs are not entries: an identical one is skipped silently, never counted as a duplicate.
        programs = try Self.new(doc.programs, db) { _ in nil }
        if !enrolmentIsNew { lateProgram = try Self.lateProgram(programs, db) }
        exercises = try Self.new(doc.exercises, db, duplicates: &duplicates) { "\($0.exerciseID) on \($0.date.iso)" }
        runs = try Self.new(doc.runs, db, duplicates: &duplicates) { "the run on \($0.date.iso)" }
        tests = try Self.new(doc.tests, db, duplicates: &duplicates) { "test \($0.testID) on \($0.date.iso)" }
        phaseChanges = try Self.new(doc.phaseChanges, db, duplicates: &duplicates) { "the move to \($0.phase.rawValue) on \($0.date.iso)" }
        clearances = try Self.new(doc.clearances, db, duplicates: &duplicates) { "the clinician visit on \($0.date.iso)" }
        // Kept corrections come with the check-in or score that replaced them: one already kept is skipped silently.
        checkInCorrections = try Self.new(doc.checkInCorrections, db) { _ in nil }
        scoreCorrections = try Self.new(doc.scoreCorrections, db) { _ in nil }
        // One check-in per morning and one score per day: the same is a duplicate, a different one a conflict.
        let savedCheckIns = try Row.fetchAll(db, sql: "SELECT date, morningPain, limping, redFlags FROM checkIn")
        let checkInByDate = Dictionary(
            savedCheckIns.map { (row: Row) -> (String, String) in
                let date: String = row[0], pain: Int = row[1], limping: Bool = row[2], flags: String = row[3]
                return (date, "\(pain)/\(limping)/\(flags)")
            }, uniquingKeysWith: { a, _ in a })
        for c in doc.checkIns {
            guard let saved = checkInByDate[c.date.iso] else { checkIns.append(c); continue }
            if saved == "\(c.morningPain)/\(c.limping)/\(c.redFlags.joined(separator: ","))" {
                duplicates.append("the check-in of \(c.date.iso)")
            } else if conflict == nil {
                conflict = "The file's check-in of \(c.date.iso) differs from the one already saved for that morning"
            }
        }
        let savedScores = Dictionary(
            try Row.fetchAll(db, sql: "SELECT date, score FROM outcomeScore").map { (row: Row) -> (String, Int) in (row[0], row[1]) },
            uniquingKeysWith: { a, _ in a })
        for s in doc.scores {
            guard let saved = savedScores[s.date.iso] else { scores.append(s); continue }
            if saved == s.score {
                duplicates.append("the score of \(s.date.iso)")
            } else if conflict == nil {
                conflict = "The file's outcome score of \(s.date.iso) (\(s.score)) differs from the one already saved (\(saved))"
            }
        }
    }

    /// The rule of `rehab program use`, for a program arriving in a file: it may not take effect
    /// before the program in force, nor on or before a day your data already holds, whose zones
    /// (and any pause they caused) were judged by the program then in force.
    static func lateProgram(_ programs: [AdoptedProgram], _ db: Database) throws -> String? {
        guard let first = programs.min(by: { $0.adoptedOn < $1.adoptedOn }) else { return nil }
        let inForce = try String.fetchOne(db, sql: "SELECT MAX(adoptedOn) FROM program")
        let lastDay = try String.fetchOne(
            db,
            sql: """
                SELECT MAX(d) FROM (SELECT MAX(date) AS d FROM exerciseEntry UNION ALL SELECT MAX(date) FROM runEntry
                UNION ALL SELECT MAX(date) FROM checkIn UNION ALL SELECT MAX(date) FROM testResult UNION ALL SELECT MAX(date) FROM phaseChange
                UNION ALL SELECT MAX(date) FROM flagClearance UNION ALL SELECT MAX(date) FROM outcomeScore)
                """)
        let what = "The file's program from \(first.source) takes effect on \(first.adoptedOn.iso)"
        if let inForce, first.adoptedOn.iso < inForce {
            return "\(what), before the program in force took effect (\(inForce))"
        }
        if let lastDay, first.adoptedOn.iso <= lastDay {
            return "\(what), but your data already holds days up to \(lastDay) judged by the program in force"
        }
        return nil
    }

    func refusal(merge: Bool) -> ImportError? {
        if let otherPatient { return .otherPatient(otherPatient) }
        if let lateProgram { return .programChange(lateProgram) }
        if let conflict { return .conflict(conflict) }
        if !merge, let first = duplicates.first { return .duplicates(count: duplicates.count, first: first) }
        if enrolmentIsNew && doc.programs.isEmpty { return .invalid("it lists no program") }
        return nil
    }

    mutating func apply(_ db: Database) throws {
        let now = Date()
        if enrolmentIsNew { try doc.enrolment.insert(db, savedAt: now) }
        for p in programs { try p.insert(db, savedAt: now) }
        for var e in exercises {
            e.id = try Self.freeID(e.id, ExerciseEntry.self, db)
            try e.insert(db, savedAt: now)
        }
        for var r in runs {
            r.id = try Self.freeID(r.id, RunEntry.self, db)
            try r.insert(db, savedAt: now)
        }
        for c in checkIns { try c.insert(db, savedAt: now) }
        for var t in tests {
            t.id = try Self.freeID(t.id, TestResult.self, db)
            try t.insert(db, savedAt: now)
        }
        for c in phaseChanges { try c.insert(db, savedAt: now) }
        for c in clearances { try c.insert(db, savedAt: now) }
        for s in scores { try s.insert(db, savedAt: now) }
        for k in checkInCorrections { try k.insert(db, savedAt: now) }
        for k in scoreCorrections { try k.insert(db, savedAt: now) }
        summary.added = [
            "exercise entries": exercises.count, "runs": runs.count, "check-ins": checkIns.count, "tests": tests.count,
            "phase changes": phaseChanges.count, "clinician visits": clearances.count, "scores": scores.count,
            "programs": programs.count, "corrections": checkInCorrections.count + scoreCorrections.count
        ]
        summary.skipped = duplicates.count
    }

    /// The record's own id when no row has it yet; else nil, and SQLite picks a new one.
    static func freeID<R: TableRecord>(_ id: Int64?, _ record: R.Type, _ db: Database) throws -> Int64? {
        guard let id else { return nil }
        // A cached statement: compiled once, not once per record (years of entries are thousands).
        let statement = try db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM \(R.databaseTableName) WHERE id = ?)")
        return try Bool.fetchOne(statement, arguments: [id]) == true ? nil : id
    }

    /// The records not saved yet. A record counts as saved when a row holds the same values in
    /// every column but the id, each row standing for one record; `describe` names a record found
    /// saved, in `duplicates` (nil: skipped without a word).
    static func new<R: PersistableRecord>(_ records: [R], _ db: Database, duplicates: inout [String], describe: (R) -> String?) throws -> [R] {
        guard !records.isEmpty else { return [] }
        let columns = try R.recordedColumns(db)
        func key(_ values: [DatabaseValue]) -> String { values.map(text).joined(separator: "\u{1F}") }
        var saved: [String: Int] = [:]
        let sql = "SELECT \(columns.map { "\"\($0)\"" }.joined(separator: ", ")) FROM \(R.databaseTableName)"
        for row in try Row.fetchAll(db, sql: sql) { saved[key(columns.indices.map { row[$0] }), default: 0] += 1 }
        // Into an empty table (an import into a new folder) every record is new.
        if saved.isEmpty { return records }
        var fresh: [R] = []
        for record in records {
            let k = key(try record.values(columns))
            if let n = saved[k], n > 0 {
                saved[k] = n - 1
                if let what = describe(record) { duplicates.append(what) }
            } else {
                fresh.append(record)
            }
        }
        return fresh
    }

    static func new<R: PersistableRecord>(_ records: [R], _ db: Database, describe: (R) -> String?) throws -> [R] {
        var ignored: [String] = []
        return try new(records, db, duplicates: &ignored, describe: describe)
    }

    /// One canonical text per value, the same whether it comes from SQLite or from Swift.
    static func text(_ v: DatabaseValue) -> String {
        switch v.storage {
        case .null: return "\u{0}"
        case .int64(let i): return String(i)
        case .double(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .string(let s): return s
        case .blob(let b): return b.base64EncodedString()
        }
    }
}

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
    var duplicates: [String] = []
    var conflict: String?
    /// A program of the file that would change days your data has already judged.
    var lateProgram: String?
    var summary = ImportSummary()

    init(_ doc: ExportDocument, existing db: Database) throws {
        self.doc = doc
        if let row = try Row.fetchOne(db, sql: "SELECT startDate, side, baselinePain FROM enrolment WHERE id = 1") {
            let start: String = row[0], side: String = row[1], baseline: Int? = row[2]
            let e = doc.enrolment
            if start != e.start.iso || side != e.side.rawValue || baseline != e.baselinePain {
                otherPatient = "yours started \(start) (\(side) side), the file's \(e.start.iso) (\(e.side.rawValue) side)"
            }
        } else {
            enrolmentIsNew = true
        }
        func keys(_ sql: String) throws -> [String: Int] {
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: sql) {
                counts[(0..<row.count).map { Self.text(row[$0] as DatabaseValue) }.joined(separator: "\u{1F}"), default: 0] += 1
            }
            return counts
        }
        // Programs are not entries: an identical one is skipped silently, never counted as a duplicate.
        var programKeys = try keys("SELECT adoptedOn, source, text FROM program")
        for p in doc.programs where !Self.take([p.adoptedOn.iso, p.source, p.text], from: &programKeys) { programs.append(p) }
        if !enrolmentIsNew { lateProgram = try Self.lateProgram(programs, db) }

        var exerciseKeys = try keys("SELECT date, exerciseId, side, sets, reps, holdSeconds, loadKg, painDuring, painAfter, tempoSeconds, note FROM exerciseEntry")
        for e in doc.exercises {
            let key = [e.date.iso, e.exerciseID, Self.text(e.side?.rawValue), Self.text(e.sets), Self.text(e.reps), Self.text(e.holdSeconds),
                       Self.text(e.loadKg), Self.text(e.painDuring), Self.text(e.painAfter), Self.text(e.tempoSeconds), Self.text(e.note)]
            if Self.take(key, from: &exerciseKeys) { duplicates.append("\(e.exerciseID) on \(e.date.iso)") } else { exercises.append(e) }
        }
        var runKeys = try keys("SELECT date, stage, minutes, painDuring, note FROM runEntry")
        for r in doc.runs {
            let key = [r.date.iso, Self.text(r.stage), Self.text(r.minutes), Self.text(r.painDuring), Self.text(r.note)]
            if Self.take(key, from: &runKeys) { duplicates.append("the run on \(r.date.iso)") } else { runs.append(r) }
        }
        var testKeys = try keys("SELECT date, testId, side, value, pain FROM testResult")
        for t in doc.tests {
            let key = [t.date.iso, t.testID, Self.text(t.side?.rawValue), Self.text(t.value), Self.text(t.pain)]
            if Self.take(key, from: &testKeys) { duplicates.append("test \(t.testID) on \(t.date.iso)") } else { tests.append(t) }
        }
        var phaseKeys = try keys("SELECT date, phase, override FROM phaseChange")
        for c in doc.phaseChanges {
            if Self.take([c.date.iso, c.phase.rawValue, Self.text(c.override)], from: &phaseKeys) {
                duplicates.append("the move to \(c.phase.rawValue) on \(c.date.iso)")
            } else { phaseChanges.append(c) }
        }
        var clearanceKeys = try keys("SELECT date, note FROM flagClearance")
        for c in doc.clearances {
            if Self.take([c.date.iso, Self.text(c.note)], from: &clearanceKeys) { duplicates.append("the clinician visit on \(c.date.iso)") } else { clearances.append(c) }
        }
        // One check-in per morning and one score per day: the same is a duplicate, a different one a conflict.
        let savedCheckIns = try Row.fetchAll(db, sql: "SELECT date, morningPain, limping, redFlags FROM checkIn")
        let checkInByDate = Dictionary(savedCheckIns.map { (row: Row) -> (String, String) in
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
        let savedScores = Dictionary(try Row.fetchAll(db, sql: "SELECT date, score FROM outcomeScore").map { (row: Row) -> (String, Int) in (row[0], row[1]) },
                                     uniquingKeysWith: { a, _ in a })
        for s in doc.scores {
            guard let saved = savedScores[s.date.iso] else { scores.append(s); continue }
            if saved == s.score { duplicates.append("the score of \(s.date.iso)") } else if conflict == nil {
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
        let lastDay = try String.fetchOne(db, sql: """
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
        if enrolmentIsNew {
            let e = doc.enrolment
            try db.execute(sql: "INSERT INTO enrolment (id, startDate, side, baselinePain, createdAt) VALUES (1, ?, ?, ?, ?)",
                           arguments: [e.start.iso, e.side.rawValue, e.baselinePain, now])
        }
        for p in programs {
            try db.execute(sql: "INSERT INTO program (adoptedOn, source, text, createdAt) VALUES (?, ?, ?, ?)",
                           arguments: [p.adoptedOn.iso, p.source, p.text, now])
        }
        // Cached statements: compiled once, not once per record (years of entries are thousands).
        for e in exercises {
            try db.cachedStatement(sql: """
                INSERT INTO exerciseEntry (id, date, exerciseId, side, sets, reps, holdSeconds, loadKg, painDuring, painAfter, tempoSeconds, note, createdAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [try Self.freeID(e.id, "exerciseEntry", db), e.date.iso, e.exerciseID, e.side?.rawValue, e.sets, e.reps,
                                 e.holdSeconds, e.loadKg, e.painDuring, e.painAfter, e.tempoSeconds, e.note, now])
        }
        for r in runs {
            try db.cachedStatement(sql: "INSERT INTO runEntry (id, date, stage, minutes, painDuring, note, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .execute(arguments: [try Self.freeID(r.id, "runEntry", db), r.date.iso, r.stage, r.minutes, r.painDuring, r.note, now])
        }
        for c in checkIns {
            try db.cachedStatement(sql: "INSERT INTO checkIn (date, morningPain, limping, redFlags, createdAt) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [c.date.iso, c.morningPain, c.limping, c.redFlags.joined(separator: ","), now])
        }
        for t in tests {
            try db.cachedStatement(sql: "INSERT INTO testResult (id, date, testId, side, value, pain, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .execute(arguments: [try Self.freeID(t.id, "testResult", db), t.date.iso, t.testID, t.side?.rawValue, t.value, t.pain, now])
        }
        for c in phaseChanges {
            try db.cachedStatement(sql: "INSERT INTO phaseChange (date, phase, override, createdAt) VALUES (?, ?, ?, ?)")
                .execute(arguments: [c.date.iso, c.phase.rawValue, c.override, now])
        }
        for c in clearances {
            try db.cachedStatement(sql: "INSERT INTO flagClearance (date, note, createdAt) VALUES (?, ?, ?)")
                .execute(arguments: [c.date.iso, c.note, now])
        }
        for s in scores {
            try db.cachedStatement(sql: "INSERT INTO outcomeScore (date, score, createdAt) VALUES (?, ?, ?)")
                .execute(arguments: [s.date.iso, s.score, now])
        }
        summary.added = ["exercise entries": exercises.count, "runs": runs.count, "check-ins": checkIns.count, "tests": tests.count,
                         "phase changes": phaseChanges.count, "clinician visits": clearances.count, "scores": scores.count,
                         "programs": programs.count]
        summary.skipped = duplicates.count
    }

    /// The record's own id when no row has it yet; else nil, and SQLite picks a new one.
    static func freeID(_ id: Int64?, _ table: String, _ db: Database) throws -> Int64? {
        guard let id else { return nil }
        return try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM \(table) WHERE id = ?)"), arguments: [id]) == true ? nil : id
    }

    /// Removes one occurrence of `key` from the saved records; true when it was there.
    static func take(_ parts: [String], from counts: inout [String: Int]) -> Bool {
        let key = parts.joined(separator: "\u{1F}")
        guard let n = counts[key], n > 0 else { return false }
        counts[key] = n - 1
        return true
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

    static func text<T>(_ v: T?) -> String {
        guard let v else { return "\u{0}" }
        switch v {
        case let d as Double: return d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case let b as Bool: return b ? "1" : "0"
        default: return "\(v)"
        }
    }
}

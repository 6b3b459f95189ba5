import Foundation
import GRDB
import RehabCore

/// What the commands and the full-screen program save: each action one transaction, each record
/// written by its conformance (Records.swift).
extension RehabStore {
    /// Enrols the patient with the program text they will follow, in one transaction.
    public func enrol(_ e: Enrolment, programText: String, source: String) throws(StoreError) {
        let dir = directory
        // Judged on a read first: a refused `init` never opens the file for writing.
        if try enrolment() != nil { throw .alreadyInitialised(dir) }
        try write { db in
            if try Enrolment.fetchCount(db) > 0 { throw StoreError.alreadyInitialised(dir) }
            let now = Date()
            try e.insert(db, savedAt: now)
            try AdoptedProgram(adoptedOn: e.start, source: source, text: programText).insert(db, savedAt: now)
        }
    }

    public func adoptProgram(text: String, source: String, on day: Day) throws(StoreError) {
        try write { db in try AdoptedProgram(adoptedOn: day, source: source, text: text).insert(db, savedAt: Date()) }
    }

    /// Saves new entries (any id they carry is ignored: SQLite gives each its own); returns their ids.
    @discardableResult
    public func add(_ entries: [ExerciseEntry]) throws(StoreError) -> [Int64] {
        try write { db in try entries.map { try $0.withoutID.insert(db, savedAt: Date()) } }
    }

    /// Replaces the pain scores of entries already saved (the "pain after" given later in the day).
    public func updatePain(entryIDs: [Int64], painDuring: Int?, painAfter: Int?) throws(StoreError) {
        try write { db in
            for id in entryIDs {
                try db.execute(
                    sql: "UPDATE exerciseEntry SET painDuring = COALESCE(?, painDuring), painAfter = COALESCE(?, painAfter) WHERE id = ?",
                    arguments: [painDuring, painAfter, id])
            }
        }
    }

    public func deleteExerciseEntry(id: Int64) throws(StoreError) {
        try write { db in _ = try ExerciseEntry.deleteOne(db, key: id) }
    }

    public func add(_ r: RunEntry) throws(StoreError) {
        var r = r
        r.id = nil
        try write { [r] db in try r.insert(db, savedAt: Date()) }
    }

    /// Saves the morning check-in. A second one for the same morning replaces the first, which is
    /// kept as a correction, with whether the program had acted on it (`Correction.actedOn`), judged
    /// on the calendar of `timeZone`.
    @discardableResult
    public func save(_ c: CheckIn, at now: Date = Date(), in timeZone: TimeZone = .current) throws(StoreError) -> DaySave<CheckInCorrection> {
        try write { db in
            guard let saved = try Row.fetchOne(db, sql: "SELECT * FROM checkIn WHERE date = ?", arguments: [c.date]) else {
                try c.insert(db, savedAt: now)
                return .saved
            }
            let flags: String = saved["redFlags"]
            let replaced = CheckIn(
                date: c.date, morningPain: saved["morningPain"], limping: saved["limping"],
                redFlags: flags.isEmpty ? [] : flags.split(separator: ",").map(String.init))
            if replaced == c { return .unchanged }
            let recordedAt: Date = saved["createdAt"]
            let kept = CheckInCorrection(
                replaced: replaced, recordedAt: Correction.wholeSecond(recordedAt), correctedAt: Correction.wholeSecond(now),
                actedOn: Correction.actedOn(
                    recordedOn: .today(in: timeZone, at: recordedAt), correctedOn: .today(in: timeZone, at: now),
                    recordedSince: try Self.recordedSince(recordedAt, exceptCheckInOf: c.date, db)))
            try kept.insert(db, savedAt: now)
            try c.insert(db, savedAt: now, replacing: true)
            return .corrected(kept)
        }
    }

    /// Whether anything was recorded after `instant`, other than the check-in of `morning` itself.
    /// Moments are stored to the millisecond, so one saved in the same millisecond counts as after:
    /// in doubt, the program had acted (the safer reading keeps what it acted on).
    static func recordedSince(_ instant: Date, exceptCheckInOf morning: Day, _ db: Database) throws -> Bool {
        let tables = ["exerciseEntry", "runEntry", "testResult", "phaseChange", "flagClearance", "outcomeScore"]
        let later =
            tables.map { "EXISTS(SELECT 1 FROM \($0) WHERE createdAt >= :at)" }
            + ["EXISTS(SELECT 1 FROM checkIn WHERE createdAt >= :at AND date <> :morning)"]
        return try Bool.fetchOne(db, sql: "SELECT " + later.joined(separator: " OR "), arguments: ["at": instant, "morning": morning]) ?? false
    }

    public func add(_ t: TestResult) throws(StoreError) {
        var t = t
        t.id = nil
        try write { [t] db in try t.insert(db, savedAt: Date()) }
    }

    public func add(_ c: PhaseChange) throws(StoreError) {
        try write { db in try c.insert(db, savedAt: Date()) }
    }

    public func add(_ c: FlagClearance) throws(StoreError) {
        try write { db in try c.insert(db, savedAt: Date()) }
    }

    /// Saves an outcome score. A second one for the same day replaces the first, which is kept.
    @discardableResult
    public func save(_ s: OutcomeScore) throws(StoreError) -> DaySave<ScoreCorrection> {
        try write { db in
            let now = Date()
            guard let saved = try Row.fetchOne(db, sql: "SELECT score, createdAt FROM outcomeScore WHERE date = ?", arguments: [s.date]) else {
                try s.insert(db, savedAt: now)
                return .saved
            }
            let replaced = OutcomeScore(date: s.date, score: saved["score"])
            if replaced == s { return .unchanged }
            let kept = ScoreCorrection(
                replaced: replaced, recordedAt: Correction.wholeSecond(saved["createdAt"]), correctedAt: Correction.wholeSecond(now))
            try kept.insert(db, savedAt: now)
            try s.insert(db, savedAt: now, replacing: true)
            return .corrected(kept)
        }
    }
}

/// What saving a day's check-in or score did.
public enum DaySave<Kept: Sendable & Equatable>: Sendable, Equatable {
    /// The first for that day.
    case saved
    /// The same as the one already saved: nothing changed.
    case unchanged
    /// It replaced the one saved before, which is kept as this correction.
    case corrected(Kept)
}

extension ExerciseEntry {
    var withoutID: ExerciseEntry {
        var copy = self
        copy.id = nil
        return copy
    }
}

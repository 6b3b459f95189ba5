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
                try db.execute(sql: "UPDATE exerciseEntry SET painDuring = COALESCE(?, painDuring), painAfter = COALESCE(?, painAfter) WHERE id = ?",
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

    /// Saves the morning check-in; a second one on the same day replaces the first. Returns whether it replaced one.
    @discardableResult
    public func save(_ c: CheckIn) throws(StoreError) -> Bool {
        try write { db in
            let existed = try CheckIn.exists(db, key: c.date.iso)
            try c.insert(db, savedAt: Date(), replacing: true)
            return existed
        }
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

    public func save(_ s: OutcomeScore) throws(StoreError) {
        try write { db in try s.insert(db, savedAt: Date(), replacing: true) }
    }
}

extension ExerciseEntry {
    var withoutID: ExerciseEntry {
        var copy = self
        copy.id = nil
        return copy
    }
}

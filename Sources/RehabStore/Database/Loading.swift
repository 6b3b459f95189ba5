import Foundation
import GRDB
import RehabCore

/// Reading the patient's data back: the enrolment, the program in force, and the whole history
/// (the exercise entries and check-ins, years of rows, through `RawRows`).
extension RehabStore {
    public func enrolment() throws(StoreError) -> Enrolment? {
        try read { db in try Self.enrolment(db) }
    }

    /// The enrolment row through the C API: a record fetched by key first reads the table's
    /// schema, which costs a day command more than the rest of its small tables together.
    static func enrolment(_ db: Database) throws -> Enrolment? {
        var enrolment: Enrolment?
        try db.forEachRawRow("SELECT startDate, side, baselinePain FROM enrolment WHERE id = 1") { r in
            enrolment = Enrolment(
                start: r.day(0), side: r.optionalText(1).flatMap(AffectedSide.init(rawValue:)) ?? .both, baselinePain: r.optionalInt(2))
        }
        return enrolment
    }

    /// The text of the program in force (the latest adopted; of two on one day, the later saved).
    public func programText() throws(StoreError) -> (text: String, source: String)? {
        try read { db in
            try AdoptedProgram.order(Column("adoptedOn").desc, Column("id").desc).fetchOne(db).map { ($0.text, $0.source) }
        }
    }

    /// The whole history in one read transaction, so it is a consistent snapshot. With `cut`, the
    /// exercise entries before it come summarised (`History.summarisingExercises(before:)`, from
    /// the totals the database keeps): what a command judging `cut` or later needs, read fast.
    public func history(summarisingBefore cut: Day? = nil) throws(StoreError) -> History {
        // A file from before the per-day totals is read whole and summarised here: not migrated by a read.
        if let cut, !hasDayTotals, writer.withLock({ $0 == nil }) { return try history().summarisingExercises(before: cut) }
        let dir = directory
        return try read { db in try Self.history(db, summarisingBefore: cut, directory: dir) }
    }

    /// The history as `history(summarisingBefore:)` reads it, inside a transaction of the caller's.
    static func history(_ db: Database, summarisingBefore cut: Day?, directory dir: String) throws -> History {
        guard let enrolment = try Self.enrolment(db) else { throw StoreError.notInitialised(dir) }
        var h = History(enrolment: enrolment)
        var ids = StringTable()
        // A file from before v5, read as it is, has no set ends: its sets were all complete.
        let hasSetEnds = db.has(table: "exerciseEntry", column: "ended")
        let columns =
            "id, date, exerciseId, side, sets, reps, holdSeconds, loadKg, painDuring, painAfter, tempoSeconds, note, "
            + (hasSetEnds ? "ended, planned" : "NULL, NULL")
        func readEntries(_ sql: String, _ arguments: StatementArguments = []) throws {
            // Through SQLite's C API: years of sets load without a Row or a String per value.
            try db.forEachRawRow(sql, arguments: arguments) { r in
                let side = r.bytes(3)
                h.exercises.append(
                    ExerciseEntry(
                        id: r.int64(0), date: r.day(1), exerciseID: ids.string(r.bytes(2)),
                        side: same(side, "left") ? .left : same(side, "right") ? .right : nil,
                        sets: r.int(4), reps: r.optionalInt(5), holdSeconds: r.optionalInt(6), loadKg: r.optionalDouble(7),
                        painDuring: r.optionalInt(8), painAfter: r.optionalInt(9), tempoSeconds: r.optionalDouble(10),
                        note: r.optionalText(11), ended: r.optionalText(12).flatMap(SetEnd.init(rawValue:)),
                        planned: r.optionalInt(13)))
            }
        }
        if let cut {
            let from: StatementArguments = [cut.iso]
            try readEntries("SELECT \(columns) FROM exerciseEntry WHERE date >= ? ORDER BY date, id", from)
            var summary = ExerciseSummary(before: cut, days: [], loads: [])
            try db.forEachRawRow(
                "SELECT date, entries, volume, maxPainDuring, maxPainAfter, painAfterSum, painAfterScores, sets, holdSeconds FROM exerciseDay WHERE date < ? ORDER BY date",
                arguments: from
            ) { r in
                summary.days.append(
                    ExerciseDayTotal(
                        date: r.day(0), entries: r.int(1), volume: r.int(2), holdSeconds: r.int(8), maxPainDuring: r.optionalInt(3),
                        maxPainAfter: r.optionalInt(4), painAfterSum: r.int(5), painAfterScores: r.int(6),
                        packedSets: r.optionalText(7)))
            }
            if try db.hasRows("loadRunStale") {
                // Runs left stale by a change made outside rehab: the loads from every loaded set.
                try db.forEachRawRow(Self.loadsBeforeFromEntriesSQL, arguments: from) { r in
                    summary.loads.appendOrExtend(LoadUsed(date: r.day(2), exerciseID: ids.string(r.bytes(0)), side: r.side(1), loadKg: r.double(3)))
                }
            } else {
                try db.forEachRawRow(Self.loadsBeforeSQL, arguments: from) { r in
                    summary.loads.append(
                        LoadUsed(date: r.day(2), lastUsed: r.day(3), exerciseID: ids.string(r.bytes(0)), side: r.side(1), loadKg: r.double(4)))
                }
            }
            h.exerciseSummary = summary
        } else {
            h.exercises.reserveCapacity(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM exerciseEntry") ?? 0)
            // Read in insertion order (a plain table scan), then put in day order: entries are
            // almost always logged in day order, so that is usually just a check.
            try readEntries("SELECT \(columns) FROM exerciseEntry ORDER BY id")
            if !h.exercises.indices.dropFirst().allSatisfy({ h.exercises[$0 - 1].date <= h.exercises[$0].date }) {
                h.exercises.sort { ($0.date, $0.id ?? 0) < ($1.date, $1.id ?? 0) }
            }
        }
        // The smaller tables through the C API too: decoding a record through Codable costs more in
        // the runtime's type lookups than the rows themselves.
        // Runs and check-ins in the order they were saved (a plain table scan, not a look-up in
        // the table for each row of a day index), then put in day order: usually just a check.
        try db.forEachRawRow("SELECT id, date, stage, minutes, painDuring, note FROM runEntry ORDER BY id") { r in
            h.runs.append(RunEntry(id: r.int64(0), date: r.day(1), stage: r.int(2), minutes: r.int(3), painDuring: r.int(4), note: r.optionalText(5)))
        }
        if !h.runs.indices.dropFirst().allSatisfy({ h.runs[$0 - 1].date <= h.runs[$0].date }) {
            h.runs.sort { ($0.date, $0.id ?? 0) < ($1.date, $1.id ?? 0) }
        }
        try db.forEachRawRow("SELECT date, morningPain, limping, redFlags FROM checkIn ORDER BY rowid") { r in
            let flags = r.bytes(3)
            h.checkIns.append(
                CheckIn(
                    date: r.day(0), morningPain: r.int(1), limping: r.int(2) != 0,
                    redFlags: flags.isEmpty ? [] : flags.split(separator: UInt8(ascii: ",")).map { String(decoding: $0, as: UTF8.self) }))
        }
        if !h.checkIns.indices.dropFirst().allSatisfy({ h.checkIns[$0 - 1].date < h.checkIns[$0].date }) { h.checkIns.sort { $0.date < $1.date } }
        try db.forEachRawRow("SELECT id, date, testId, side, value, pain FROM testResult ORDER BY date, id") { r in
            h.tests.append(
                TestResult(id: r.int64(0), date: r.day(1), testID: ids.string(r.bytes(2)), side: r.side(3), value: r.double(4), pain: r.int(5)))
        }
        try db.forEachRawRow("SELECT date, phase, override FROM phaseChange ORDER BY date, id") { r in
            guard let phase = r.optionalText(1).flatMap(PhaseID.init(rawValue:)) else {
                throw StoreError.failed("a phase change on \(r.day(0).iso) names no phase rehab knows (\(r.optionalText(1) ?? "none"))")
            }
            h.phaseChanges.append(PhaseChange(date: r.day(0), phase: phase, override: r.optionalText(2)))
        }
        try db.forEachRawRow("SELECT date, note FROM flagClearance ORDER BY date, id") { r in
            h.clearances.append(FlagClearance(date: r.day(0), note: r.optionalText(1)))
        }
        try db.forEachRawRow("SELECT date, score FROM outcomeScore ORDER BY date") { r in
            h.scores.append(OutcomeScore(date: r.day(0), score: r.int(1)))
        }
        // A file from before v6 (read, not migrated, by a command that only reads) has none.
        // Corrections are rare: GRDB's rows (and their first use, a few hundred thousand
        // instructions of type look-ups) only for a table that has some.
        if db.has(table: CheckInCorrection.databaseTableName) {
            if try db.hasRows(CheckInCorrection.databaseTableName) {
                h.checkInCorrections = try Row.fetchAll(db, sql: "SELECT * FROM checkInCorrection ORDER BY date, correctedAt, id").map(
                    CheckInCorrection.init(row:))
            }
            if try db.hasRows(ScoreCorrection.databaseTableName) {
                h.scoreCorrections = try Row.fetchAll(db, sql: "SELECT * FROM scoreCorrection ORDER BY date, correctedAt, id").map(
                    ScoreCorrection.init(row:))
            }
        }
        return h
    }

    /// The loads used before a day, per exercise and side, from the runs the database keeps
    /// (v10, `Schema.loadRunTriggers`) in the order of their key, without a sort. A run still in
    /// use that day ends at its last use before it, found in the index exerciseEntrySideLoads.
    static let loadsBeforeSQL = """
        SELECT exerciseId, side, date,
            CASE WHEN lastUsed < ?1 THEN lastUsed ELSE (
                SELECT MAX(e.date) FROM exerciseEntry e
                WHERE e.exerciseId = r.exerciseId AND e.side IS NULLIF(r.side, '') AND e.loadKg IS NOT NULL AND e.date < ?1) END,
            loadKg
        FROM loadRun r WHERE date < ?1 ORDER BY exerciseId, side, run
        """

    /// The same from every loaded set, in the order of the index exerciseEntrySideLoads (v7).
    static let loadsBeforeFromEntriesSQL =
        "SELECT exerciseId, side, date, loadKg FROM exerciseEntry WHERE loadKg IS NOT NULL AND date < ? ORDER BY exerciseId, side, date, id"
}

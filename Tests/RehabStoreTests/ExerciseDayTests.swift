import Foundation
import GRDB
import Testing
@testable import RehabCore
@testable import RehabStore

/// The per-day totals the database keeps (table `exerciseDay`, kept by triggers) must always give
/// the summary the engine would make itself from every entry.
@Suite struct ExerciseDayTests {
    let start = Day(iso: "2026-01-05")!

    func folder() -> String { NSTemporaryDirectory() + "rehab-days-" + UUID().uuidString + "/data" }

    func enrolled(in directory: String? = nil) throws -> RehabStore {
        let store = try RehabStore(directory: directory ?? folder(), create: true)
        try store.enrol(Enrolment(start: start, side: .left, baselinePain: 2), programText: ProgramLoader.defaultProgramText()!, source: "default")
        return store
    }

    /// A data folder holding `entries`, closed so a test can take its file back to an older schema;
    /// the history as this release reads it.
    func closedFolder(holding entries: [ExerciseEntry]) throws -> (folder: String, history: History) {
        let dir = folder()
        let store = try enrolled(in: dir)
        try store.add(entries)
        let history = try store.history()
        try store.close()
        return (dir, history)
    }

    /// Entries over 30 days, a few a day, with loads that change and repeat, holds, missing pains
    /// and sets that ended early.
    func entries(seed: UInt64) -> [ExerciseEntry] {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var result: [ExerciseEntry] = []
        for d in 0..<30 where next(5) > 0 {
            for id in ["split-squat", "goblet-squat", "side-plank"] where next(3) > 0 {
                let hold = id == "side-plank"
                let ended = next(4) == 0 ? SetEnd.allCases[next(3)] : nil
                let done = ended == .skipped ? 0 : ended == nil ? 8 : 5
                result.append(
                    ExerciseEntry(
                        date: start + d, exerciseID: id, side: next(2) == 0 ? .left : nil, sets: 1 + next(3),
                        reps: hold ? nil : done, holdSeconds: hold ? done * 2 : nil, loadKg: hold ? nil : Double(10 + next(3)) * 2.5,
                        painDuring: next(3) == 0 ? nil : next(7), painAfter: next(2) == 0 ? nil : next(7),
                        ended: ended, planned: ended == nil ? nil : hold ? 20 : 8))
            }
        }
        return result
    }

    /// A patient whose first half of `entries(seed:)` was logged in day order and the rest late
    /// (an older day after newer ones), the summaries checked after each; the first half's ids, and the entries.
    func loggedInOrderThenLate(
        seed: UInt64, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (store: RehabStore, ids: [Int64], all: [ExerciseEntry]) {
        let store = try enrolled()
        let all = entries(seed: seed)
        let ids = try store.add(Array(all.prefix(all.count / 2)))
        try expectSummariesAgree(store, sourceLocation: sourceLocation)
        try store.add(Array(all.suffix(from: all.count / 2).reversed()))
        try expectSummariesAgree(store, sourceLocation: sourceLocation)
        return (store, ids, all)
    }

    func expectSummariesAgree(_ store: RehabStore, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let full = try store.history()
        for cut in [start - 1, start, start + 7, start + 15, start + 29, start + 40] {
            #expect(
                try store.history(summarisingBefore: cut) == full.summarisingExercises(before: cut),
                "cut \(cut.iso)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: 0..<5)
    func totalsFollowEveryChangeToAnEntry(seed: Int) throws {
        let (store, ids, _) = try loggedInOrderThenLate(seed: UInt64(seed) + 1)
        try store.updatePain(entryIDs: Array(ids.prefix(5)), painDuring: 9, painAfter: nil)
        try expectSummariesAgree(store)
        for id in ids.prefix(12) where id % 2 == 0 { try store.deleteExerciseEntry(id: id) }
        try expectSummariesAgree(store)
        let summary = try #require(try store.history(summarisingBefore: start + 40).exerciseSummary)
        #expect(summary.days.reduce(0) { $0 + $1.entries } == (try store.history().exercises.count))
    }

    @Test func setsThatEndedEarlyAreKeptAndTheTotalsCountOnlyCompleteSetsButAllTheWork() throws {
        let store = try enrolled()
        let day = [
            ExerciseEntry(date: start, exerciseID: "clamshell", side: .left, sets: 1, reps: 10),
            ExerciseEntry(date: start, exerciseID: "clamshell", side: .left, sets: 1, reps: 7, ended: .cutShort, planned: 10),
            ExerciseEntry(date: start, exerciseID: "clamshell", side: .left, sets: 1, reps: 4, painDuring: 6, ended: .stoppedForPain, planned: 10),
            ExerciseEntry(date: start, exerciseID: "glute-bridge", sets: 1, reps: 0, ended: .skipped, planned: 10)
        ]
        try store.add(day)
        #expect(try store.history().exercises.map(\.withoutID) == day)
        let total = try #require(try store.history(summarisingBefore: start + 1).exerciseSummary?.days.first)
        #expect(total.sets(of: "clamshell", side: .left) == 1)
        #expect(total.sets(of: "glute-bridge", side: nil) == 0)
        #expect(total.volume == 21)
        try expectSummariesAgree(store)
    }

    @Test func aDatabaseFromBeforeSetEndsKeepsEveryRowAndIsUpdatedByTheFirstWrite() throws {
        let (dir, expected) = try closedFolder(holding: entries(seed: 5).filter { $0.ended == nil })
        // Take the file back to the schema of v4 (the release before set ends), entries kept.
        let queue = try DatabaseQueue(path: dir + "/rehab.sqlite")
        try queue.write { db in
            try db.execute(
                sql: """
                    DROP TRIGGER exerciseDayAfterInsert; DROP TRIGGER exerciseDayAfterDelete; DROP TRIGGER exerciseDayAfterUpdate;
                    ALTER TABLE exerciseEntry DROP COLUMN ended; ALTER TABLE exerciseEntry DROP COLUMN planned;
                    ALTER TABLE exerciseDay DROP COLUMN holdSeconds;
                    \(Schema.recountTriggers(withSets: true, countingEnds: false, withHolds: false))
                    DELETE FROM grdb_migrations WHERE identifier IN ('v5-set-ends', 'v8-hold-seconds')
                    """)
        }
        try queue.close()
        let before = FileManager.default.contents(atPath: dir + "/rehab.sqlite")
        let reader = try RehabStore(directory: dir, access: .readOnly)
        #expect(try reader.history() == expected)
        #expect(try reader.history(summarisingBefore: start + 20) == expected.summarisingExercises(before: start + 20))
        try reader.close()
        #expect(FileManager.default.contents(atPath: dir + "/rehab.sqlite") == before, "reading changed the file")
        // The first write migrates: every row is still there, and a set that ended early can be saved.
        let writer = try RehabStore(directory: dir)
        let cut = ExerciseEntry(date: start + 30, exerciseID: "clamshell", side: .left, sets: 1, reps: 3, ended: .cutShort, planned: 10)
        try writer.add([cut])
        #expect(try writer.history().exercises.map(\.withoutID) == expected.exercises.map(\.withoutID) + [cut])
        try expectSummariesAgree(writer)
        try writer.close()
    }

    /// The week shows repetitions and seconds held apart: the database's totals keep them apart too.
    @Test func theTotalsKeepSecondsHeldApartFromRepetitions() throws {
        let store = try enrolled()
        try store.add([
            ExerciseEntry(date: start, exerciseID: "clamshell", side: .left, sets: 3, reps: 10),
            ExerciseEntry(date: start, exerciseID: "side-plank", side: .left, sets: 2, holdSeconds: 30)
        ])
        let total = try #require(try store.history(summarisingBefore: start + 1).exerciseSummary?.days.first)
        #expect(total.reps == 30 && total.holdSeconds == 60 && total.volume == 90)
        try expectSummariesAgree(store)
    }

    @Test func aDayLeftWithNoEntriesLosesItsTotals() throws {
        let store = try enrolled()
        let ids = try store.add([ExerciseEntry(date: start, exerciseID: "glute-bridge", sets: 3, reps: 10, painDuring: 2)])
        #expect(try store.history(summarisingBefore: start + 1).exerciseSummary?.days.count == 1)
        try store.deleteExerciseEntry(id: ids[0])
        #expect(try store.history(summarisingBefore: start + 1).exerciseSummary?.days == [])
    }

    @Test func aDatabaseFromBeforeTheTotalsIsReadAsItIsAndUpdatedByTheFirstWrite() throws {
        let (dir, expected) = try closedFolder(holding: entries(seed: 99))
        // Take the file back to the schema of the previous release, entries kept.
        let queue = try DatabaseQueue(path: dir + "/rehab.sqlite")
        try queue.write { db in
            try db.execute(
                sql: """
                    DROP TRIGGER exerciseDayAfterInsert; DROP TRIGGER exerciseDayAfterDelete; DROP TRIGGER exerciseDayAfterUpdate;
                    DROP INDEX exerciseEntrySideLoads; DROP TABLE exerciseDay;
                    DELETE FROM grdb_migrations WHERE identifier IN ('v3-exercise-days', 'v4-exercise-day-sets', 'v7-side-loads', 'v8-hold-seconds')
                    """)
        }
        try queue.close()
        let before = FileManager.default.contents(atPath: dir + "/rehab.sqlite")
        // Reading answers from the older schema and never migrates it, even when opened to write.
        for access in [RehabStore.Access.readOnly, .readWrite] {
            let store = try RehabStore(directory: dir, access: access)
            #expect(try store.history() == expected)
            #expect(try store.history(summarisingBefore: start + 20) == expected.summarisingExercises(before: start + 20))
            try store.close()
            #expect(FileManager.default.contents(atPath: dir + "/rehab.sqlite") == before, "\(access) changed the file")
        }
        // The first write brings it up to date.
        let writer = try RehabStore(directory: dir)
        try writer.add([ExerciseEntry(date: start + 30, exerciseID: "glute-bridge", sets: 1, reps: 5)])
        try writer.close()
        let updated = try RehabStore(directory: dir, access: .readOnly)
        #expect(updated.hasDayTotals)
        #expect(try updated.history(summarisingBefore: start + 40).exerciseSummary?.days.isEmpty == false)
    }

    @Test func aStoreOpenedForReadingNeverWrites() throws {
        let first = try enrolled()
        try first.add(entries(seed: 7))
        let expected = try first.history()
        try first.close()
        let path = first.path
        try DatabaseQueue(path: path).close()  // the last connection to close folds the log into the file
        let before = FileManager.default.contents(atPath: path)
        let reader = try RehabStore(directory: first.directory, access: .readOnly)
        #expect(try reader.history() == expected)
        #expect(throws: StoreError.self) { try reader.add(RunEntry(date: start, stage: 1, minutes: 10, painDuring: 0)) }
        try reader.close()
        #expect(FileManager.default.contents(atPath: path) == before)
        #expect(try RehabStore(directory: first.directory).history() == expected)
    }

    /// Years of sets: the loads of the summarised past come from the runs kept, in their key's
    /// order, a run still in use found in the loads' index.
    @Test func theLoadsPerSideAreReadFromTheirRunsWithoutASort() throws {
        let store = try enrolled()
        try store.add(entries(seed: 3))
        let plan = try DatabaseQueue(path: store.path).read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + RehabStore.loadsBeforeSQL, arguments: [start.iso]).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("SCAN r") }, "\(plan)")
        #expect(plan.contains { $0.contains("COVERING INDEX exerciseEntrySideLoads") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
    }

    /// The runs of loads the database keeps (v10, by triggers) follow every kind of write: entries
    /// logged in day order and late, changed and moved by hand in sqlite3, deleted, imported into
    /// an empty folder and restored from a backup; each time the summary read from them is the
    /// one made from every entry.
    @Test(arguments: 0..<3)
    func theLoadRunsFollowEveryKindOfWrite(seed: Int) throws {
        let (store, ids, all) = try loggedInOrderThenLate(seed: UInt64(seed) + 11)
        let queue = try DatabaseQueue(path: store.path)
        try queue.write { db in
            try db.execute(sql: "UPDATE exerciseEntry SET loadKg = 40 WHERE id = ?", arguments: [ids[3]])
            try db.execute(sql: "UPDATE exerciseEntry SET side = 'right', date = ? WHERE id = ?", arguments: [(start + 2).iso, ids[5]])
            try db.execute(sql: "UPDATE exerciseEntry SET exerciseId = 'goblet-squat', loadKg = NULL WHERE id = ?", arguments: [ids[7]])
            try db.execute(sql: "UPDATE exerciseEntry SET loadKg = 12.5 WHERE id = ?", arguments: [ids[ids.count - 1]])
        }
        try queue.close()
        // Changed outside rehab: the runs of those exercises are stale, and read from the sets.
        #expect(try staleRuns(store) > 0)
        try expectSummariesAgree(store)
        for id in ids.prefix(12) where id % 3 == 0 { try store.deleteExerciseEntry(id: id) }
        // Counted again by rehab's next write, in its transaction.
        #expect(try staleRuns(store) == 0)
        try expectSummariesAgree(store)
        // Many sets logged late in one write (a merged import): one count at the end of it.
        try store.add(all.map { ExerciseEntry(date: $0.date, exerciseID: $0.exerciseID, side: $0.side, sets: 1, reps: 5, loadKg: $0.loadKg) })
        #expect(try staleRuns(store) == 0)
        try expectSummariesAgree(store)

        let copy = try RehabStore(directory: folder(), create: true)
        let exported = try ExportDocument(history: try store.history(), programs: try store.programs()).encoded()
        _ = try copy.importDocument(try ExportDocument.read(exported), merge: false)
        try expectSummariesAgree(copy)

        let backup = NSTemporaryDirectory() + "rehab-runs-" + UUID().uuidString + ".sqlite"
        try store.backup(to: backup)
        try copy.close()
        _ = try RehabStore.restore(from: backup, into: copy.directory)
        let restored = try RehabStore(directory: copy.directory)
        try expectSummariesAgree(restored)
        try restored.add([ExerciseEntry(date: start + 31, exerciseID: "split-squat", sets: 1, reps: 8, loadKg: 99)])
        try expectSummariesAgree(restored)
    }

    func staleRuns(_ store: RehabStore) throws -> Int {
        try DatabaseQueue(path: store.path).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM loadRunStale") ?? 0 }
    }

    /// A file from before the runs (v9) is read as it is, whole, and the first write fills them.
    @Test func aDatabaseFromBeforeTheLoadRunsIsFilledByTheFirstWrite() throws {
        let (dir, expected) = try closedFolder(holding: entries(seed: 21))
        let queue = try DatabaseQueue(path: dir + "/rehab.sqlite")
        try queue.write { db in
            try db.execute(
                sql: """
                    DROP TRIGGER loadRunAfterLatestInsert; DROP TRIGGER loadRunAfterEarlierInsert;
                    DROP TRIGGER loadRunAfterDelete; DROP TRIGGER loadRunAfterUpdate; DROP TABLE loadRun; DROP TABLE loadRunStale;
                    DELETE FROM grdb_migrations WHERE identifier = 'v10-load-runs'
                    """)
        }
        try queue.close()
        let reader = try RehabStore(directory: dir, access: .readOnly)
        #expect(try reader.history(summarisingBefore: start + 20) == expected.summarisingExercises(before: start + 20))
        try reader.close()
        let writer = try RehabStore(directory: dir)
        try writer.add([ExerciseEntry(date: start + 30, exerciseID: "split-squat", sets: 1, reps: 8, loadKg: 30)])
        try expectSummariesAgree(writer)
        let runs = try DatabaseQueue(path: dir + "/rehab.sqlite").read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM loadRun") }
        #expect((runs ?? 0) > 0)
    }
}

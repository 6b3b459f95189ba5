import Foundation
import GRDB
import Testing
@testable import RehabCore
@testable import RehabStore

private func tempDir() -> String {
    let dir = NSTemporaryDirectory() + "rehab-store-" + UUID().uuidString
    return dir + "/data"
}

private func mode(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? NSNumber)?.intValue ?? -1
}

private let start = Day(iso: "2026-01-05")!

private func enrolled() throws -> RehabStore {
    let store = try RehabStore(directory: tempDir(), create: true)
    try store.enrol(Enrolment(start: start, side: .left, baselinePain: 2), programText: ProgramLoader.defaultProgramText()!, source: "default")
    return store
}

@Suite struct StoreTests {
    @Test func everythingRoundTrips() throws {
        let store = try enrolled()
        try store.add([
            ExerciseEntry(
                date: start, exerciseID: "clamshell", side: .left, sets: 3, reps: 10, loadKg: 2.5,
                painDuring: 2, painAfter: 3, tempoSeconds: 12.1, note: "felt, \"fine\"")
        ])
        try store.add(RunEntry(date: start + 1, stage: 1, minutes: 20, painDuring: 1, note: nil))
        #expect(try store.save(CheckIn(date: start + 1, morningPain: 2, limping: true, redFlags: ["night-pain"])) == .saved)
        guard case .corrected(let kept) = try store.save(CheckIn(date: start + 1, morningPain: 1)) else {
            Issue.record("a second check-in for the morning is a correction"); return
        }
        #expect(kept.replaced == CheckIn(date: start + 1, morningPain: 2, limping: true, redFlags: ["night-pain"]))
        try store.add(TestResult(date: start, testID: "single-leg-stance", side: .right, value: 31.5, pain: 1))
        try store.add(PhaseChange(date: start + 14, phase: .strengthening, override: "physio agreed"))
        try store.add(FlagClearance(date: start + 2, note: "GP"))
        try store.save(OutcomeScore(date: start, score: 64))

        let reopened = try RehabStore(directory: store.directory)
        let h = try reopened.history()
        #expect(h.enrolment == Enrolment(start: start, side: .left, baselinePain: 2))
        #expect(h.exercises.count == 1)
        let e = h.exercises[0]
        #expect(e.exerciseID == "clamshell" && e.side == .left && e.sets == 3 && e.reps == 10 && e.loadKg == 2.5)
        #expect(e.painDuring == 2 && e.painAfter == 3 && e.tempoSeconds == 12.1 && e.note == "felt, \"fine\"")
        #expect(h.runs.map(\.minutes) == [20])
        #expect(h.checkIns == [CheckIn(date: start + 1, morningPain: 1)])
        #expect(h.checkInCorrections == [kept])
        #expect(h.tests.first?.value == 31.5)
        #expect(h.phaseChanges == [PhaseChange(date: start + 14, phase: .strengthening, override: "physio agreed")])
        #expect(h.clearances.first?.note == "GP")
        #expect(h.scores == [OutcomeScore(date: start, score: 64)])
    }

    /// A typo fixed at once replaces; a correction on a later day, or after anything else was recorded, comes after the program acted.
    @Test func aCorrectionIsActedOnWhenSavedOnALaterDayOrAfterAnythingElse() throws {
        let store = try enrolled()
        let utc = TimeZone(identifier: "UTC")!
        func actedOn(_ saved: DaySave<CheckInCorrection>) -> Bool? { if case .corrected(let k) = saved { k.actedOn } else { nil } }
        try store.save(CheckIn(date: start + 1, morningPain: 7), in: utc)
        #expect(actedOn(try store.save(CheckIn(date: start + 1, morningPain: 1), in: utc)) == false)
        try store.save(CheckIn(date: start + 2, morningPain: 6), in: utc)
        try store.add([ExerciseEntry(date: start + 2, exerciseID: "glute-bridge", sets: 3, reps: 10)])
        #expect(actedOn(try store.save(CheckIn(date: start + 2, morningPain: 1), in: utc)) == true)
        let saved = Date()
        try store.save(CheckIn(date: start + 3, morningPain: 6), at: saved, in: utc)
        #expect(actedOn(try store.save(CheckIn(date: start + 3, morningPain: 1), at: saved + 86_400, in: utc)) == true)
        #expect(try store.save(CheckIn(date: start + 3, morningPain: 1)) == .unchanged)
        #expect(try store.history().checkInCorrections.map(\.actedOn) == [false, true, true])
    }

    @Test func filesArePrivate() throws {
        let store = try enrolled()
        try store.add([ExerciseEntry(date: start, exerciseID: "glute-bridge", sets: 3, reps: 10)])
        #expect(mode(store.directory) == 0o700)
        #expect(mode(store.path) == 0o600)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: store.path + suffix) {
            #expect(mode(store.path + suffix) == 0o600)
        }
        let copy = store.directory + "/../backup.sqlite"
        try store.backup(to: copy)
        #expect(mode(copy) == 0o600)
        #expect(try RehabStore(directory: store.directory).integrityCheck() == "ok")
    }

    @Test func enrollingTwiceKeepsTheFirst() throws {
        let store = try enrolled()
        #expect(throws: StoreError.alreadyInitialised(store.directory)) {
            try store.enrol(Enrolment(start: start + 5, side: .right, baselinePain: nil), programText: "{}", source: "x")
        }
        #expect(try store.enrolment()?.start == start)
    }

    @Test func missingDatabaseIsNotCreatedByAccident() {
        let dir = tempDir()
        #expect(throws: StoreError.notInitialised(dir)) { try RehabStore(directory: dir) }
        #expect(!FileManager.default.fileExists(atPath: dir))
    }

    @Test func garbageFileIsReportedAndLeftUntouched() throws {
        let dir = tempDir()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let garbage = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        FileManager.default.createFile(atPath: dir + "/rehab.sqlite", contents: garbage)
        do {
            _ = try RehabStore(directory: dir)
            Issue.record("opened a garbage file")
        } catch {
            guard case .damaged = error else { Issue.record("wrong error \(error)"); return }
            #expect(error.description.contains("damaged"))
        }
        #expect(FileManager.default.contents(atPath: dir + "/rehab.sqlite") == garbage)
    }

    @Test func newerSchemaIsRefused() throws {
        let store = try enrolled()
        let queue = try DatabaseQueue(path: store.path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        #expect(throws: StoreError.newerSchema(store.path)) { try RehabStore(directory: store.directory) }
    }

    @Test func migrationsCreateTheSchemaOnce() throws {
        let store = try enrolled()
        _ = try RehabStore(directory: store.directory)
        let queue = try DatabaseQueue(path: store.path)
        let applied = try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(
            applied == [
                "v1", "v2-day-indexes", "v3-exercise-days", "v4-exercise-day-sets", "v5-set-ends", "v6-corrections", "v7-side-loads",
                "v8-hold-seconds", "v9-today-glance", "v10-load-runs"
            ])
    }

    @Test func twoWritersLoseNothing() async throws {
        let store = try enrolled()
        let other = try RehabStore(directory: store.directory)
        await withTaskGroup(of: Void.self) { group in
            for (i, s) in [store, other].enumerated() {
                group.addTask {
                    for n in 0..<50 {
                        _ = try? s.add([ExerciseEntry(date: start + n, exerciseID: "glute-bridge", sets: 1, reps: 10 + i)])
                    }
                }
            }
        }
        #expect(try store.history().exercises.count == 100)
    }

    @Test func csvQuotesPerRFC4180() throws {
        var h = History(enrolment: Enrolment(start: start, side: .left, baselinePain: 1))
        h.exercises = [ExerciseEntry(date: start, exerciseID: "clamshell", side: .left, sets: 2, reps: 10, note: "sore, \"a bit\"")]
        let text = CSVExport.text(h)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == CSVExport.header.joined(separator: ","))
        #expect(lines[1] == "2026-01-05,exercise,clamshell,left,1,10,,,,,,,\"sore, \"\"a bit\"\"\",,")
        #expect(lines[2].hasPrefix("2026-01-05,exercise,clamshell,left,2,"))
        #expect(lines.count == 4)  // header, two sets, trailing empty after the final CRLF
    }
}

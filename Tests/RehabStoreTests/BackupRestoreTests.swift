import Foundation
import GRDB
import Testing
@testable import RehabCore
@testable import RehabStore

/// Backups, restores and damaged files at the storage level. The same behaviours through the
/// `rehab` binary, with other processes, full disks and read-only folders, are in EndToEndTests.
@Suite struct BackupRestoreTests {
    let start = Day(iso: "2026-01-05")!

    func folder() -> String { NSTemporaryDirectory() + "rehab-backup-" + UUID().uuidString }

    func enrolled(_ directory: String, entries: Int = 3, note: String = "before") throws -> RehabStore {
        let store = try RehabStore(directory: directory, create: true)
        try store.enrol(Enrolment(start: start, side: .right, baselinePain: 1), programText: ProgramLoader.defaultProgramText()!, source: "default")
        for n in 0..<entries { try store.add([ExerciseEntry(date: start + n, exerciseID: "glute-bridge", sets: 3, reps: 10, note: "\(note) \(n)")]) }
        return store
    }

    func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? NSNumber)?.intValue ?? -1
    }

    func notes(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(
            path: path,
            configuration: {
                var c = Configuration(); c.readonly = true; return c
            }())
        defer { try? queue.close() }
        return try queue.read { db in try String.fetchAll(db, sql: "SELECT note FROM exerciseEntry ORDER BY id") }
    }

    func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// Files in a folder other than the database's own (-wal, -shm).
    func strayFiles(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix("rehab.sqlite") }.sorted()
    }

    @Test func aBackupIsOneCheckedPrivateFileThatRefusesToOverwrite() throws {
        let dir = folder()
        let store = try enrolled(dir + "/data")
        let out = dir + "/backup.sqlite"
        try store.backup(to: out)
        #expect(mode(out) == 0o600)
        #expect(!FileManager.default.fileExists(atPath: out + "-wal"))
        // Byte 18 of the header is 1 for a rollback-journal file, 2 for WAL: the copy stands alone.
        #expect(bytes(out)?[18] == 1)
        #expect(try notes(out) == ["before 0", "before 1", "before 2"])
        #expect(try strayFiles(dir) == ["backup.sqlite", "data"])

        try store.add([ExerciseEntry(date: start + 5, exerciseID: "glute-bridge", sets: 1, reps: 5, note: "after")])
        #expect(throws: StoreError.exists(out)) { try store.backup(to: out) }
        #expect(try notes(out).count == 3)
        try store.backup(to: out, replacing: true)
        #expect(try notes(out).last == "after")
        #expect(mode(out) == 0o600)
        #expect(try strayFiles(dir) == ["backup.sqlite", "data"], "no temporary file is left beside the backup")
    }

    @Test func aBackupNeverReplacesTheLiveDatabase() throws {
        let store = try enrolled(folder() + "/data")
        let before = bytes(store.path)
        for target in [store.path, store.path + "-wal", store.directory + "/./rehab.sqlite"] where FileManager.default.fileExists(atPath: target) {
            #expect(throws: StoreError.self) { try store.backup(to: target, replacing: true) }
        }
        #expect(bytes(store.path) == before)
        #expect(try store.history().exercises.count == 3)
    }

    @Test func aBackupIsConsistentWhileAnotherConnectionWrites() throws {
        let dir = folder()
        let store = try enrolled(dir + "/data", entries: 0)
        let writer = try RehabStore(directory: store.directory)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var writeError: Error?
        Thread.detachNewThread {
            do {
                for n in 0..<300 {
                    try writer.add([ExerciseEntry(date: Day(iso: "2026-01-05")! + n % 50, exerciseID: "clamshell", side: .left, sets: 1, reps: n + 1)]
                    )
                }
            } catch { writeError = error }
            done.signal()
        }
        var copies: [String] = []
        for n in 0..<8 {
            let out = dir + "/copy-\(n).sqlite"
            try store.backup(to: out)
            copies.append(out)
        }
        done.wait()
        #expect(writeError == nil)
        for copy in copies {
            // Each copy is a snapshot: reps 1...k with no gap, whatever k was at that moment.
            let queue = try DatabaseQueue(path: copy)
            let reps = try queue.read { db in try Int.fetchAll(db, sql: "SELECT reps FROM exerciseEntry ORDER BY id") }
            #expect(reps == Array(0..<reps.count).map { $0 + 1 })
            #expect(try queue.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
        }
    }

    @Test func restoreKeepsASafetyCopyAndReplacesTheData() throws {
        let dir = folder()
        let store = try enrolled(dir + "/data")
        let backup = dir + "/backup.sqlite"
        try store.backup(to: backup)
        try store.add([ExerciseEntry(date: start + 9, exerciseID: "glute-bridge", sets: 1, reps: 5, note: "after the backup")])
        let data = store.directory
        // restore needs the database closed in this process too (see ExclusiveUse).
        try store.close()

        let report = try RehabStore.restore(from: backup, into: data)
        #expect(report.exerciseEntries == 3)
        #expect(report.enrolmentStart == "2026-01-05")
        let copy = try #require(report.safetyCopy)
        #expect(copy.hasPrefix(data + "/rehab-before-restore-") && copy.hasSuffix(".sqlite"))
        #expect(try notes(copy).last == "after the backup", "the safety copy holds what was there before")
        #expect(try notes(data + "/rehab.sqlite").count == 3)
        for file in [copy, data + "/rehab.sqlite"] { #expect(mode(file) == 0o600, "\(file)") }
        #expect(mode(data) == 0o700)
        #expect(try strayFiles(data) == [URL(fileURLWithPath: copy).lastPathComponent])
        #expect(try RehabStore(directory: data).integrityCheck() == "ok")
    }

    /// A crash leaves committed entries in the write-ahead log only. Restoring over such a database
    /// keeps those entries in the safety copy, and the old log is never replayed onto the new file.
    @Test func restoreOverAStaleWriteAheadLog() throws {
        let dir = folder()
        let running = try enrolled(dir + "/running", entries: 4, note: "only in the log")
        // Copy the files of a live database, as a crash would leave them: the entries are in -wal.
        let crashed = dir + "/crashed"
        try FileManager.default.createDirectory(atPath: crashed, withIntermediateDirectories: true)
        for suffix in ["", "-wal"] { try FileManager.default.copyItem(atPath: running.path + suffix, toPath: crashed + "/rehab.sqlite" + suffix) }
        #expect((RehabStore.size(crashed + "/rehab.sqlite-wal") ?? 0) > 0, "the scenario needs a non-empty log")
        let backup = dir + "/backup.sqlite"
        try enrolled(dir + "/other", entries: 1, note: "from the backup").backup(to: backup)

        let report = try RehabStore.restore(from: backup, into: crashed)
        #expect(try notes(crashed + "/rehab.sqlite") == ["from the backup 0"])
        #expect(try RehabStore(directory: crashed).history().exercises.map(\.note) == ["from the backup 0"])
        let copy = try #require(report.safetyCopy)
        #expect(try notes(copy) == (0..<4).map { "only in the log \($0)" })
        #expect(!FileManager.default.fileExists(atPath: copy + "-wal"), "the safety copy is folded into one file")
    }

    /// A backup taken as a raw copy of a live database (file plus its -wal) is restored whole.
    @Test func restoreReadsABackupsWriteAheadLog() throws {
        let dir = folder()
        let running = try enrolled(dir + "/running", entries: 2, note: "in the log")
        let raw = dir + "/raw.sqlite"
        for suffix in ["", "-wal"] { try FileManager.default.copyItem(atPath: running.path + suffix, toPath: raw + suffix) }
        let target = dir + "/new-machine/data"
        let report = try RehabStore.restore(from: raw, into: target)
        #expect(report.safetyCopy == nil)
        #expect(report.exerciseEntries == 2)
        #expect(mode(target) == 0o700)
        #expect(mode(target + "/rehab.sqlite") == 0o600)
    }

    @Test func restoreRefusesUnusableFilesAndChangesNothing() throws {
        let dir = folder()
        let store = try enrolled(dir + "/data")
        try store.close()
        let live = dir + "/data/rehab.sqlite"
        let good = dir + "/good.sqlite"
        try RehabStore(directory: dir + "/data").backup(to: good)
        let before = bytes(live)

        var candidates: [(String, String)] = []
        func make(_ name: String, _ contents: Data) throws -> String {
            let path = dir + "/" + name
            try contents.write(to: URL(fileURLWithPath: path))
            return path
        }
        let goodBytes = try #require(bytes(good))
        candidates.append((try make("garbage.sqlite", Data((0..<9000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) })), "not a SQLite database"))
        candidates.append((try make("empty.sqlite", Data()), "it is empty"))
        candidates.append((try make("truncated.sqlite", goodBytes.prefix(goodBytes.count / 2)), "damaged"))
        candidates.append((try make("header-only.sqlite", goodBytes.prefix(100)), "not a SQLite database"))
        var flipped = goodBytes
        for i in stride(from: 4096 * 3 + 10, to: min(flipped.count, 4096 * 6), by: 7) { flipped[i] ^= 0x5A }
        candidates.append((try make("flipped.sqlite", flipped), "cannot be restored"))

        let newer = dir + "/newer.sqlite"
        try FileManager.default.copyItem(atPath: good, toPath: newer)
        try DatabaseQueue(path: newer).write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')") }
        candidates.append((newer, "newer version of rehab"))

        let unenrolled = dir + "/unenrolled.sqlite"
        try FileManager.default.copyItem(atPath: good, toPath: unenrolled)
        try DatabaseQueue(path: unenrolled).write { db in try db.execute(sql: "DELETE FROM enrolment") }
        candidates.append((unenrolled, "no enrolment"))

        let foreign = dir + "/foreign.sqlite"
        try DatabaseQueue(path: foreign).write { db in try db.execute(sql: "CREATE TABLE notes (text TEXT)") }
        candidates.append((foreign, "no rehab data"))

        for (candidate, reason) in candidates {
            do {
                _ = try RehabStore.restore(from: candidate, into: dir + "/data")
                Issue.record("\(candidate) was restored")
            } catch {
                guard case .notABackup = error else { Issue.record("\(candidate): \(error)"); continue }
                #expect(error.description.contains(reason), "\(candidate): \(error.description)")
                #expect(!error.description.contains("\n"))
            }
            #expect(bytes(live) == before, "\(candidate) changed the current database")
            #expect(try strayFiles(dir + "/data") == [], "\(candidate) left files behind")
        }
        #expect(try RehabStore(directory: dir + "/data").history().exercises.count == 3)
    }

    // MARK: Opening damaged files

    @Test func damagedFilesAreReportedAndNeverWritten() throws {
        let dir = folder()
        let good = try enrolled(dir + "/good")
        let backup = dir + "/good.sqlite"
        try good.backup(to: backup)
        let original = try #require(bytes(backup))
        var cases: [(String, Data, String)] = [
            ("empty", Data(), "empty"),
            ("header only", original.prefix(100), "damaged"),
            ("half", original.prefix(original.count / 2), "damaged"),
            ("one page short", original.prefix(original.count - 4096), "damaged"),
            ("zeros", Data(count: 16384), "damaged")
        ]
        var flipped = original
        for i in stride(from: 4096 * 2, to: original.count, by: 13) { flipped[i] ^= 0xFF }
        cases.append(("flipped bits", flipped, "damaged"))
        for (name, contents, message) in cases {
            let data = dir + "/" + name.replacingOccurrences(of: " ", with: "-")
            try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
            let file = data + "/rehab.sqlite"
            try contents.write(to: URL(fileURLWithPath: file))
            for create in [false, true] where !(create && contents.isEmpty) {
                do {
                    let store = try RehabStore(directory: data, create: create)
                    _ = try store.history()
                    Issue.record("\(name): opened")
                } catch {
                    #expect(error.description.contains(message), "\(name): \(error.description)")
                    #expect(!error.description.contains("\n"))
                }
                #expect(bytes(file) == contents, "\(name): the file was changed (create: \(create))")
            }
        }
    }

    @Test func anEmptyFileIsFreshForInitOnly() throws {
        let data = folder() + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: data + "/rehab.sqlite", contents: Data())
        #expect(throws: StoreError.damaged(data + "/rehab.sqlite", detail: "the file is empty")) { try RehabStore(directory: data) }
        let store = try RehabStore(directory: data, create: true)
        try store.enrol(Enrolment(start: start, side: .left, baselinePain: nil), programText: "{}", source: "x")
        #expect(try RehabStore(directory: data).enrolment()?.start == start)
    }

    @Test func aNewerSchemaIsRefusedWithoutTouchingTheFile() throws {
        let dir = folder()
        let store = try enrolled(dir + "/data")
        try store.close()
        let queue = try DatabaseQueue(path: dir + "/data/rehab.sqlite")
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        try queue.close()
        let before = bytes(dir + "/data/rehab.sqlite")
        for create in [false, true] {
            #expect(throws: StoreError.newerSchema(dir + "/data/rehab.sqlite")) { try RehabStore(directory: dir + "/data", create: create) }
        }
        #expect(bytes(dir + "/data/rehab.sqlite") == before)
    }
}

@Suite struct DurabilityTests {
    /// WAL with synchronous FULL: a commit is on disk (the log fsynced) before rehab reports it saved.
    @Test func commitsAreSynchronousFull() throws {
        let dir = NSTemporaryDirectory() + "rehab-sync-" + UUID().uuidString
        let store = try RehabStore(directory: dir, create: true)
        let (mode, synchronous) = try store.pool.write { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(mode == "wal")
        #expect(synchronous == 2, "synchronous is \(synchronous.map(String.init) ?? "unknown"), not FULL (2)")
    }
}

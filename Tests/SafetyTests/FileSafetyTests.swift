import Foundation
import TestSupport
import GRDB
import Testing
#if canImport(Glibc)
    import Glibc
#endif

// Issue 11, hostile files and rare races: restore against running commands, folders rehab did
// not make, --out naming a device or a FIFO, inputs that never end, and refusals that must not
// change a single byte.

/// Every file in a folder: name, size, modification time (ns) and bytes. Equal before and after
/// a command means it wrote nothing, not even a header or a companion -wal/-shm file.
struct FolderSnapshot: Equatable, CustomStringConvertible {
    struct Entry: Equatable { let name: String; let size: Int64; let mtime: Int64; let bytes: Data }
    let entries: [Entry]

    init(_ folder: String) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        entries = names.map { name in
            var st = stat()
            lstat(folder + "/" + name, &st)
            return Entry(
                name: name, size: Int64(st.st_size), mtime: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec),
                bytes: FileManager.default.contents(atPath: folder + "/" + name) ?? Data())
        }
    }

    var description: String { entries.map { "\($0.name) (\($0.size) bytes, mtime \($0.mtime))" }.joined(separator: ", ") }
}

extension RehabProcess {
    /// Runs rehab, killing it if it has not ended after `limit` seconds: a hang fails the test
    /// instead of hanging it. The limit is a guard far above the normal time, never a measure.
    func run(_ args: [String], killedAfter limit: Double) throws -> (result: Result, killed: Bool) {
        let running = try start(bytes: args.map { Array($0.utf8) })
        let began = monotonicSeconds()
        while running.alive && monotonicSeconds() - began < limit { usleep(5_000) }
        let killed = running.alive
        if killed { running.kill(SIGKILL) }
        return (running.finish(), killed)
    }

    /// The notes in the live database and in every safety copy restore kept.
    func notesInEveryDatabase() throws -> Set<String> {
        var notes = Set<String>()
        for name in try FileManager.default.contentsOfDirectory(atPath: dataDir) where name.hasSuffix(".sqlite") {
            var config = Configuration()
            config.readonly = true
            let queue = try DatabaseQueue(path: dataDir + "/" + name, configuration: config)
            notes.formUnion(try queue.read { db in try String.fetchAll(db, sql: "SELECT note FROM exerciseEntry WHERE note IS NOT NULL") })
            try queue.close()
        }
        return notes
    }

    /// Temporary files a command left in the data folder.
    func leftovers() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dataDir)) ?? []).filter { $0.contains(".tmp-") }
    }
}

/// Takes a flock on a folder as a rehab process does (shared) or a restore does (exclusive).
final class FolderLock {
    let fd: Int32
    init(_ folder: String, exclusive: Bool) throws {
        fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0, flock(fd, exclusive ? LOCK_EX : LOCK_SH) == 0 else { throw TestFailure("cannot lock \(folder)") }
    }
    func release() { close(fd) }
}

// MARK: 1. Restore while other commands run

@Suite(.serialized) struct RestoreRaceTests {
    /// `log` in a loop while `restore` runs in another: every log confirmed before or after a
    /// restore is in the live database or in a safety copy, and no command meets an I/O error.
    /// (Before the folder lock, about 2-3 % of confirmed entries ended in no file at all.)
    @Test func loggingWhileRestoringLosesNothing() throws {
        let rehab = RehabProcess(label: "restore-race")
        try rehab.enrol()
        let backup = rehab.folder + "/backup.sqlite"
        try #require(try rehab.run(["backup", "--out", backup]).status == 0)
        // A minute under make stress; otherwise a few seconds, bounded by count.
        let logs = stress ? Int.max : 60, restores = stress ? Int.max : 12
        let stressEnd = monotonicSeconds() + 60
        let lock = NSLock()
        nonisolated(unsafe) var confirmed: [String] = []
        nonisolated(unsafe) var failures: [String] = []
        nonisolated(unsafe) var restored = 0
        nonisolated(unsafe) var loggingDone = false
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            var n = 0
            while n < logs && (!stress || monotonicSeconds() < stressEnd) {
                let note = "n\(n)"
                let r = try? rehab.run(rehab.logArguments(note))
                lock.lock()
                if r?.status == 0 { confirmed.append(note) } else { failures.append("log \(note): \(r?.stderr ?? "did not start")") }
                lock.unlock()
                n += 1
            }
            lock.lock(); loggingDone = true; lock.unlock()
        }
        DispatchQueue.global().async(group: group) {
            var n = 0
            while n < restores && !lock.withLock({ loggingDone }) {
                let r = try? rehab.run(["restore", backup])
                lock.lock()
                if r?.status == 0 { restored += 1 } else { failures.append("restore: \(r?.stderr ?? "did not start")") }
                lock.unlock()
                n += 1
            }
        }
        group.wait()
        let found = try rehab.notesInEveryDatabase()
        let lost = Set(confirmed).subtracting(found)
        #expect(lost.isEmpty, "\(lost.count) of \(confirmed.count) confirmed entries are in no file: \(lost.sorted().prefix(5))")
        #expect(failures.isEmpty, "\(failures.count) failed: \(failures.prefix(3))")
        #expect(!failures.contains { $0.contains("input/output") }, "I/O errors")
        #expect(restored > 0, "no restore ran while logging")
        #expect(try rehab.integrityCheck() == ["ok"])
        #expect(rehab.leftovers().isEmpty, "\(rehab.leftovers())")
        print("restore race: \(confirmed.count) confirmed logs, \(restored) restores, \(lost.count) lost, \(failures.count) failures")
        // A minute of restores keeps a safety copy each (some 150 MB): kept only to study a failure.
        if lost.isEmpty && failures.isEmpty { try? FileManager.default.removeItem(atPath: rehab.folder) }
    }

    /// A restore waits for a rehab that has the data open, and a signal while it waits (or
    /// copies) removes its temporary copy of the backup: nothing is left and nothing changed.
    @Test func aSignalDuringRestoreLeavesNoTemporaryFile() throws {
        for signal in [SIGTERM, SIGINT, SIGHUP] {
            let rehab = RehabProcess(label: "restore-signal")
            try rehab.enrol()
            let backup = rehab.folder + "/backup.sqlite"
            try #require(try rehab.run(["backup", "--out", backup]).status == 0)
            try rehab.run(rehab.logArguments("kept"))
            let before = FolderSnapshot(rehab.dataDir)
            // Stands for the full-screen program: it holds the folder while it has the data open.
            let open = try FolderLock(rehab.dataDir, exclusive: false)
            let restore = try rehab.start(bytes: [Array("restore".utf8), Array(backup.utf8)])
            // The restore copies the backup, then waits for the folder: wait for its copy to appear.
            let began = monotonicSeconds()
            while rehab.leftovers().isEmpty && restore.alive && monotonicSeconds() - began < 30 { usleep(1_000) }
            #expect(!rehab.leftovers().isEmpty, "the restore made no temporary copy while the data was open")
            restore.kill(signal)
            let result = restore.finish()
            open.release()
            #expect(result.signal == signal, "signal \(signal): the restore was not waiting: exit \(result.status) \(result.stderr)")
            #expect(rehab.leftovers().isEmpty, "signal \(signal) left \(rehab.leftovers())")
            #expect(FolderSnapshot(rehab.dataDir) == before, "signal \(signal): the data folder changed")
            #expect(try rehab.notes() == ["kept"])
        }
    }

    /// Held past rehab's patience (10 s): the restore says another rehab has the data open.
    @Test(.enabled(if: stress, "waits 10 s; runs under make stress"))
    func aRestoreGivesUpOnDataKeptOpenWithAClearMessage() throws {
        let rehab = RehabProcess(label: "restore-patience")
        try rehab.enrol()
        let backup = rehab.folder + "/backup.sqlite"
        try #require(try rehab.run(["backup", "--out", backup]).status == 0)
        let before = FolderSnapshot(rehab.dataDir)
        let open = try FolderLock(rehab.dataDir, exclusive: false)
        let result = try rehab.run(["restore", backup])
        open.release()
        #expect(result.status == 2 && result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("open in another rehab"), "\(result.stderr)")
        #expect(FolderSnapshot(rehab.dataDir) == before)
    }

    /// A restore that holds the folder past rehab's patience (10 s): one sentence, nothing written.
    @Test(.enabled(if: stress, "waits 10 s; runs under make stress"))
    func aCommandGivesUpOnARestoreThatTakesTooLong() throws {
        let rehab = RehabProcess(label: "restore-too-long")
        try rehab.enrol()
        let before = FolderSnapshot(rehab.dataDir)
        let restoring = try FolderLock(rehab.dataDir, exclusive: true)
        let result = try rehab.run(rehab.logArguments("too late"))
        restoring.release()
        #expect(result.status == 2 && result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("restoring a backup") && result.stderr.contains("try again"), "\(result.stderr)")
        #expect(FolderSnapshot(rehab.dataDir) == before)
    }

    /// While a restore holds the folder, a command waits for it and then uses the restored data.
    @Test func aCommandWaitsForARestoreInProgress() throws {
        let rehab = RehabProcess(label: "restore-wait")
        try rehab.enrol()
        let other = RehabProcess(label: "restore-wait-source")
        try other.enrol(start: "2026-03-01")
        try other.run(other.logArguments("from the backup"))
        try #require(try other.run(["backup", "--out", other.folder + "/b.sqlite"]).status == 0)

        let restoring = try FolderLock(rehab.dataDir, exclusive: true)
        let log = try rehab.start(bytes: rehab.logArguments("after the restore").map { Array($0.utf8) })
        // Without the lock a log is done well within this; with it, it cannot even open the data.
        let began = monotonicSeconds()
        while log.alive && monotonicSeconds() - began < 1 { usleep(5_000) }
        #expect(log.alive, "the log did not wait for the restore")
        // As restore does under the lock: the database is replaced by another file.
        unlink(rehab.database + "-wal")
        #expect(rename(other.folder + "/b.sqlite", rehab.database) == 0)
        restoring.release()
        let result = log.finish()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try rehab.notes() == ["from the backup", "after the restore"])
    }
}

// MARK: 2. Folders rehab did not make

@Suite struct DataFolderTests {
    /// An existing folder that other users can read or write is refused, and its mode is kept
    /// (before: init and import set a 1777 folder, or /, to 0700).
    @Test func aFolderOpenToOthersIsRefusedAndKeepsItsMode() throws {
        let rehab = RehabProcess(label: "folder-mode")
        try rehab.enrol()
        let export = rehab.folder + "/export.json"
        try #require(try rehab.run(["export", "--format", "json", "--out", export]).status == 0)
        for folderMode in [0o1777, 0o755, 0o770] as [mode_t] {
            let folder = rehab.folder + "/shared-\(String(folderMode, radix: 8))"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
            chmod(folder, folderMode)
            for args in [["init", "--start", "2026-03-02"], ["import", export]] {
                let r = try RehabProcess(dataDir: folder).run(args)
                #expect(r.status == 2 && r.stderrLines.count == 1, "\(args) in \(folder): \(r.stderr)")
                #expect(r.stderr.contains("chmod 700 \(folder)") && r.stderr.contains("other users"), "\(r.stderr)")
                #expect(mode(folder) == Int(folderMode), "\(args) changed the folder's mode to \(String(mode(folder), radix: 8))")
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "\(args) wrote into \(folder)")
            }
        }
    }

    /// New folders are 0700, parents included; an existing private folder is used as it is.
    @Test func newFoldersArePrivateAndExistingOnesAreNeverChanged() throws {
        let rehab = RehabProcess(label: "folder-new")
        let nested = rehab.folder + "/a/b/c"
        // Not `RehabProcess(dataDir:)`, which makes the parent folders itself.
        let r = try rehab.start(
            bytes: ["init", "--start", "2026-03-02", "--data-dir", nested].map { Array($0.utf8) }, dataDirArgument: false,
            prefix: ["/bin/sh", "-c", "umask 000; exec \"$0\" \"$@\""]
        ).finish()
        #expect(r.status == 0, "\(r.stderr)")
        for folder in [rehab.folder + "/a", rehab.folder + "/a/b", nested] { #expect(mode(folder) == 0o700, "\(folder)") }
        // Others may pass through (x) but not list or write: allowed, and left as it was.
        let passable = rehab.folder + "/passable"
        try FileManager.default.createDirectory(atPath: passable, withIntermediateDirectories: false)
        chmod(passable, 0o711)
        let init711 = try RehabProcess(dataDir: passable).run(["init", "--start", "2026-03-02"])
        #expect(init711.status == 0, "\(init711.stderr)")
        #expect(mode(passable) == 0o711)
        #expect(mode(passable + "/rehab.sqlite") == 0o600)
    }
}

// MARK: 3. --out naming something that is not a regular file

@Suite struct OutputPathTests {
    @Test func outNeverReplacesAFIFOOrAFolderEvenWithForce() throws {
        let rehab = RehabProcess(label: "out-fifo")
        try rehab.enrol()
        let fifo = rehab.folder + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        let link = rehab.folder + "/link-to-pipe"
        #expect(symlink(fifo, link) == 0)
        let dangling = rehab.folder + "/link-to-nothing"
        #expect(symlink(rehab.folder + "/missing", dangling) == 0)
        for out in [fifo, link, dangling] {
            for args in [
                ["backup", "--out", out, "--force"], ["backup", "--out", out], ["export", "--format", "csv", "--out", out],
                ["report", "--to", "2026-03-05", "--out", out]
            ] {
                let (r, killed) = try rehab.run(args, killedAfter: 30)
                #expect(!killed, "\(args) hung")
                #expect(r.status == 1 && r.stderrLines.count == 1, "\(args): \(r.status) \(r.stderr)")
                #expect(r.stderr.contains("not a regular file") || r.stderr.contains("symbolic link"), "\(args): \(r.stderr)")
            }
        }
        var st = stat()
        #expect(lstat(fifo, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO, "the FIFO was replaced")
        #expect(lstat(link, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK, "the link was replaced")
        #expect(lstat(dangling, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK, "the dangling link was replaced")
        var none = stat()
        #expect(lstat(rehab.folder + "/missing", &none) != 0, "a file appeared where the dangling link points")
        // A regular file is replaced with --force, but not through a symbolic link (rename would
        // replace the link itself).
        let file = rehab.folder + "/old-backup.sqlite"
        try Data("old".utf8).write(to: URL(fileURLWithPath: file))
        let linkToFile = rehab.folder + "/link-to-file"
        #expect(symlink(file, linkToFile) == 0)
        let viaLink = try rehab.run(["backup", "--out", linkToFile, "--force"])
        #expect(viaLink.status == 1 && viaLink.stderr.contains("symbolic link"), "\(viaLink.stderr)")
        #expect(lstat(linkToFile, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK && rehab.fileBytes(file) == Data("old".utf8))
        #expect(try rehab.run(["backup", "--out", file, "--force"]).status == 0)
        #expect(rehab.fileBytes(file)?.prefix(6) == Data("SQLite".utf8))
    }
}

// MARK: 4. Inputs that never end

@Suite struct EndlessInputTests {
    /// A FIFO hangs a reader and /dev/zero never ends: each is refused at once, by what it is
    /// (after symbolic links), with nothing left behind.
    @Test func restoreImportAndProgramFilesRefuseWhatIsNotARegularFile() throws {
        let rehab = RehabProcess(label: "endless")
        try rehab.enrol(logging: "kept")
        let fifo = rehab.folder + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        let zero = rehab.folder + "/zero.sqlite"
        #expect(symlink("/dev/zero", zero) == 0)
        let before = FolderSnapshot(rehab.dataDir)
        for input in [fifo, zero] {
            for args in [
                ["restore", input], ["import", input], ["program", "validate", input],
                ["program", "use", input, "--from", "2026-03-05"], ["init", "--start", "2026-03-02", "--program", input]
            ] {
                let (r, killed) = try rehab.run(args, killedAfter: 30)
                #expect(!killed, "\(args) hung")
                #expect(r.status != 0 && r.stderrLines.count == 1, "\(args): \(r.status) \(r.stderr)")
                #expect(r.stderr.contains("not a regular file"), "\(args): \(r.stderr)")
                #expect(FolderSnapshot(rehab.dataDir) == before, "\(args) changed the data folder")
            }
        }
        // A regular file that is not SQLite is refused by its first bytes, before any copy.
        let text = rehab.folder + "/notes.txt"
        try Data(repeating: 0x41, count: 1 << 20).write(to: URL(fileURLWithPath: text))
        let r = try rehab.run(["restore", text])
        #expect(r.status == 2 && r.stderr.contains("not a SQLite database"), "\(r.stderr)")
        #expect(FolderSnapshot(rehab.dataDir) == before)
    }
}

// MARK: 9. A refused or reading command writes nothing

@Suite struct NothingWrittenTests {
    /// A folder with a few days of data, as rehab leaves it.
    func enrolledFolder(_ label: String) throws -> RehabProcess {
        let rehab = RehabProcess(label: label)
        try rehab.enrol()
        for n in 0..<3 { try rehab.run(rehab.logArguments("day \(n)", date: "2026-03-0\(n + 3)")) }
        try rehab.run(["checkin", "--date", "2026-03-04", "--morning-pain", "1"])
        return rehab
    }

    static let readingCommands: [[String]] = [
        ["status", "--as-of", "2026-03-06"], ["plan", "--as-of", "2026-03-06"], ["week", "--as-of", "2026-03-06"], ["history"],
        ["export", "--format", "csv"], ["export", "--format", "json"], ["report", "--to", "2026-03-06"], ["program", "show"]
    ]

    @Test func refusedAndReadingCommandsLeaveEveryFileAsItWas() throws {
        let rehab = try enrolledFolder("untouched")
        let export = rehab.folder + "/export.json"
        try #require(try rehab.run(["export", "--format", "json", "--out", export]).status == 0)
        let program = rehab.folder + "/program.json"
        try rehab.run(["program", "show", "--json"]).stdout.write(toFile: program, atomically: true, encoding: .utf8)
        let before = FolderSnapshot(rehab.dataDir)
        #expect(before.entries.map(\.name) == ["rehab.sqlite", "rehab.sqlite-today"])
        let refused: [[String]] = [
            ["log", "--date", "2026-03-05", "--exercise", "no-such-exercise", "--sets", "3", "--reps", "10"],
            ["log", "--date", "2026-02-01", "--exercise", "glute-bridge", "--sets", "3", "--reps", "10"],
            ["log", "--date", "2026-03-05", "--exercise", "glute-bridge", "--sets", "3", "--reps", "10", "--pain-during", "11"],
            ["import", export],
            ["init", "--start", "2026-03-02"],
            ["program", "use", program, "--from", "2026-02-01"],
            ["checkin", "--date", "2026-03-05", "--morning-pain", "2", "--red-flag", "no-such-flag"],
            ["backup", "--out", rehab.folder]
        ]
        for args in refused {
            let r = try rehab.run(args)
            #expect(r.status != 0, "\(args) was not refused: \(r.stdout)")
            #expect(FolderSnapshot(rehab.dataDir) == before, "refused \(args) changed the data folder: \(FolderSnapshot(rehab.dataDir))")
        }
        for args in Self.readingCommands + [["backup", "--out", rehab.folder + "/backup.sqlite"]] {
            let r = try rehab.run(args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(FolderSnapshot(rehab.dataDir) == before, "\(args) changed the data folder: \(FolderSnapshot(rehab.dataDir))")
        }
    }

    /// SQLite files of another program are refused by every command and never adopted (before:
    /// switched to WAL and given rehab's tables, even by `status`).
    @Test func aForeignDatabaseIsRefusedAndNeverAdopted() throws {
        let makers: [(String, String)] = [
            ("no tables", "PRAGMA user_version = 7"),
            ("other tables", "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('mine')"),
            (
                "another GRDB app",
                "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY); INSERT INTO grdb_migrations VALUES ('createPlayer'); CREATE TABLE player (id INTEGER PRIMARY KEY)"
            ),
            (
                "rehab's migrations without its tables",
                "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY); INSERT INTO grdb_migrations VALUES ('v1')"
            )
        ]
        for (name, sql) in makers {
            let rehab = RehabProcess(label: "foreign")
            try FileManager.default.createDirectory(atPath: rehab.dataDir, withIntermediateDirectories: true)
            chmod(rehab.dataDir, 0o700)
            let queue = try DatabaseQueue(path: rehab.database)
            try queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
            try queue.close()
            let before = FolderSnapshot(rehab.dataDir)
            for args in Self.readingCommands + [
                rehab.logArguments("x"), ["init", "--start", "2026-03-02"],
                ["checkin", "--date", "2026-03-04", "--morning-pain", "1"],
                ["backup", "--out", rehab.folder + "/backup.sqlite"]
            ] {
                let r = try rehab.run(args)
                #expect(r.status == 2 && r.stderrLines.count == 1, "\(name): \(args): \(r.status) \(r.stderr)")
                #expect(r.stderr.contains("not rehab's"), "\(name): \(args): \(r.stderr)")
                #expect(FolderSnapshot(rehab.dataDir) == before, "\(name): \(args) changed the folder: \(FolderSnapshot(rehab.dataDir))")
            }
        }
    }

    /// A damaged file in WAL mode (as rehab's are) is reported without an empty -wal and a
    /// 32 KB -shm being left beside it.
    @Test func aDamagedDatabaseGetsNoCompanionFiles() throws {
        let rehab = try enrolledFolder("damaged-wal")
        var bytes = try #require(rehab.fileBytes())
        #expect(bytes[18] == 2 && bytes[19] == 2, "the scenario needs a file in WAL mode")
        for i in stride(from: 4096 * 2 + 17, to: bytes.count, by: 29) { bytes[i] ^= 0xA5 }
        try bytes.write(to: URL(fileURLWithPath: rehab.database))
        let before = FolderSnapshot(rehab.dataDir)
        for args in Self.readingCommands + [rehab.logArguments("x"), ["backup", "--out", rehab.folder + "/backup.sqlite"]] {
            let r = try rehab.run(args)
            #expect(r.status == 2 && r.stderrLines.count == 1, "\(args): \(r.status) \(r.stderr)")
            #expect(FolderSnapshot(rehab.dataDir) == before, "\(args) changed the folder: \(FolderSnapshot(rehab.dataDir))")
        }
    }

    /// A database from before the per-day totals: reading commands answer from it as it is; the
    /// first command that writes brings it up to date.
    @Test func anOlderSchemaIsReadWithoutBeingMigrated() throws {
        let rehab = try enrolledFolder("older")
        let expected = try rehab.run(["export", "--format", "json"]).stdout
        let queue = try DatabaseQueue(path: rehab.database)
        try queue.write { db in
            try db.execute(
                sql: """
                    DROP TRIGGER exerciseDayAfterInsert; DROP TRIGGER exerciseDayAfterDelete; DROP TRIGGER exerciseDayAfterUpdate;
                    DROP INDEX exerciseEntrySideLoads; DROP TABLE exerciseDay;
                    DELETE FROM grdb_migrations WHERE identifier IN ('v3-exercise-days', 'v7-side-loads')
                    """)
        }
        try queue.close()
        let before = FolderSnapshot(rehab.dataDir)
        for args in Self.readingCommands {
            let r = try rehab.run(args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(FolderSnapshot(rehab.dataDir) == before, "\(args) changed the folder")
        }
        #expect(try rehab.run(["export", "--format", "json"]).stdout == expected)
        #expect(try rehab.run(rehab.logArguments("written")).status == 0)
        let migrated = try rehab.readOnlyQueue()
        #expect(try migrated.read { db in try db.tableExists("exerciseDay") })
        try migrated.close()
    }
}

import Foundation
import GRDB

/// What `restore` did, for the command to report.
public struct RestoreReport: Sendable, Equatable {
    /// The previous database, kept in the data folder; nil when there was none.
    public let safetyCopy: String?
    public let enrolmentStart: String
    public let exerciseEntries: Int
}

extension RehabStore {
    /// Closes every connection; the store cannot be used afterwards.
    public func close() throws(StoreError) {
        defer { folderLock?.release() }
        let pool = writer.withLock { opened in
            let pool = opened
            opened = nil
            return pool
        }
        try Self.translatingErrors(path) {
            try pool?.close()
            if (reader as AnyObject) !== pool { try reader.close() }
        }
    }

    // MARK: Backup

    /// A consistent copy of the database through SQLite's backup API: one self-contained file,
    /// created 0600, checked with `integrity_check`, and put in place only when complete (written
    /// beside the destination, then linked or renamed onto it), so a failure never leaves half a
    /// backup and `replacing: false` never clobbers a file that appeared meanwhile.
    public func backup(to destination: String, replacing: Bool = false) throws(StoreError) {
        if sameFile(destination, as: [path, path + "-wal", path + "-shm"]) {
            throw .isLiveDatabase(destination)
        }
        switch FileKind(of: destination) {
        case .absent: break
        case .regularFile:
            if !replacing { throw .exists(destination) }
            if FileKind.isSymbolicLink(destination) { throw .notWritable(destination, detail: "it is a symbolic link; give the file itself") }
        // Never replaced, whatever `replacing` says: a device (/dev/null), a FIFO, a folder...
        case let kind: throw .notWritable(destination, detail: "it is \(kind.words), not a regular file")
        }
        let temp = try Self.privateTempFile(near: destination)
        defer { Self.removeDatabaseFiles(temp); TempFiles.unregister(database: temp) }
        try Self.translatingErrors(destination) {
            let target = try DatabaseQueue(path: temp)
            do {
                try Self.retryingWhenBusy { try reader.backup(to: target) }
                try target.writeWithoutTransaction { db in
                    // The copy starts in the live file's WAL mode; make it a single file.
                    try db.execute(sql: "PRAGMA journal_mode = DELETE")
                    let check = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                    if check != ["ok"] { throw StoreError.damaged(path, detail: "the copy failed its integrity check: \(Self.summary(of: check))") }
                }
                try target.close()
            } catch {
                try? target.close()
                throw error
            }
        }
        try Self.syncFile(temp, reportingAs: destination)
        try Self.publish(temp, at: destination, replacing: replacing)
    }

    // MARK: Restore

    /// Replaces the database in `directory` with the backup at `source`, after checking the backup
    /// (a SQLite file, `integrity_check` ok, a schema this rehab knows, an enrolment). The current
    /// database is first kept beside it as `rehab-before-restore-<time>.sqlite`. The new file is
    /// prepared in the data folder and renamed into place, so a crash leaves either the old or the
    /// new database, never a mix. Waits (see `DataFolderLock`) for other rehabs to close the data,
    /// and refuses while one still has it open, or while another program does.
    public static func restore(from source: String, into directory: String, now: Date = Date()) throws(StoreError) -> RestoreReport {
        let live = directory + "/rehab.sqlite"
        // Judged before anything is read: only a regular file (after symbolic links) that starts
        // as a SQLite database. A FIFO or /dev/zero would hang the copy or fill the disk.
        try SQLiteFile.checkHeader(source, failure: { .notABackup(source, detail: $0) })
        if sameFile(source, as: [live]) { throw .notABackup(source, detail: "it is the database in use, not a backup") }
        try DataFolder.prepare(directory, forNewDatabase: !FileManager.default.fileExists(atPath: live))

        // 1. Copy the candidate into the data folder and check the copy (the user's file is only read).
        let candidate = try privateTempFile(near: live)
        defer { removeDatabaseFiles(candidate); TempFiles.unregister(database: candidate) }
        try copyFile(source, to: candidate, reportingAs: source)
        if FileKind(of: source + "-wal") == .regularFile, let walSize = size(source + "-wal"), walSize > 0 {
            try copyFile(source + "-wal", to: candidate + "-wal", reportingAs: source)
        }
        try checkBackup(candidate, describedAs: source)
        try syncFile(candidate, reportingAs: live)

        // 2. Nobody else may have the database open, or be opening it, while it is swapped: every
        //    rehab holds the folder lock shared while it has the data open (see DataFolderLock),
        //    and any other program shows in the -shm file (see ExclusiveUse).
        let folderLock = try DataFolderLock(directory, .exclusive, busy: .inUse(live))
        defer { folderLock?.release() }
        let lock = try ExclusiveUse(database: live)
        defer { lock.release() }

        // 3. Keep the current database (with its write-ahead log) as a safety copy.
        var safetyCopy: String?
        if FileManager.default.fileExists(atPath: live) {
            let copy = try safetyCopyName(in: directory, now: now)
            // Removed by a signal until it is complete, then kept.
            TempFiles.register(database: copy)
            defer { TempFiles.unregister(database: copy) }
            do {
                try copyFile(live, to: copy, reportingAs: copy)
                if let walSize = size(live + "-wal"), walSize > 0 { try copyFile(live + "-wal", to: copy + "-wal", reportingAs: copy) }
                try syncFile(copy, reportingAs: copy)
                if FileManager.default.fileExists(atPath: copy + "-wal") { try syncFile(copy + "-wal", reportingAs: copy) }
            } catch {
                removeDatabaseFiles(copy)
                throw error
            }
            safetyCopy = copy
        }

        // 4. Swap. The old log goes first: its pages belong to the old file and would otherwise be
        //    replayed onto the new one. The -shm index stays; SQLite rebuilds it on next open.
        unlink(live + "-wal")
        unlink(live + "-journal")
        // The verdicts copied for `rehab today` are the old file's (the new one's table has its own).
        unlink(TodayFile.path(in: directory))
        guard rename(candidate, live) == 0 else {
            let e = errno
            throw e == ENOSPC ? .diskFull(live) : .notWritable(directory, detail: String(cString: strerror(e)))
        }
        chmod(live, 0o600)
        syncDirectory(directory)
        lock.release()
        folderLock?.release()

        // 5. Fold the safety copy's log into it so it is one file; a damaged one stays as copied.
        if let safetyCopy, FileManager.default.fileExists(atPath: safetyCopy + "-wal") {
            if let queue = try? DatabaseQueue(path: safetyCopy) {
                _ = try? queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
                try? queue.close()
            }
            for suffix in ["", "-wal", "-shm"] { chmod(safetyCopy + suffix, 0o600) }
        }

        let store = try RehabStore(directory: directory)
        // The backup's own verdicts for `rehab today` may be missing or from another build; the
        // file is restored whatever happens here (without them `today` evaluates in full).
        try? store.renewToday()
        let history = try store.history()
        return RestoreReport(
            safetyCopy: safetyCopy, enrolmentStart: history.enrolment.start.iso,
            exerciseEntries: history.exercises.count)
    }

    /// Opens `file` (a private copy) and checks it is a sound rehab database this version can use;
    /// leaves it as one self-contained file in WAL mode.
    static func checkBackup(_ file: String, describedAs source: String) throws(StoreError) {
        do {
            let queue = try DatabaseQueue(path: file, configuration: configuration())
            defer { try? queue.close() }
            try queue.writeWithoutTransaction { db in
                let check = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                guard check == ["ok"] else {
                    throw StoreError.notABackup(source, detail: "it fails the integrity check (\(summary(of: check)))")
                }
                switch try Schema.standing(of: db) {
                case .noTables, .foreign: throw StoreError.notABackup(source, detail: "it holds no rehab data")
                case .newer: throw StoreError.notABackup(source, detail: "it was written by a newer version of rehab")
                case .current, .older: break
                }
                guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM enrolment") == 1 else {
                    throw StoreError.notABackup(source, detail: "it has no enrolment (no program start)")
                }
                // Put in place in WAL mode, as every rehab database is; closing folds the log in.
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
            throw .notABackup(source, detail: "it is not a SQLite database or is damaged")
        } catch {
            throw translate(error, path: source)
        }
    }

    /// The first finding of an integrity check, on one line.
    static func summary(of check: [String]) -> String {
        let lines = check.flatMap { $0.split(whereSeparator: \.isNewline) }.map { $0.trimmingCharacters(in: .whitespaces) }
        let finding = lines.first { !$0.isEmpty && !$0.hasPrefix("***") } ?? "no answer"
        return finding.count > 120 ? String(finding.prefix(117)) + "..." : finding
    }
}

/// Proof that no other program has the database open, held while it is swapped.
///
/// Every SQLite connection to a WAL database holds a shared lock on one byte of the `-shm` file
/// (the "dead man switch") for as long as it is open. Taking a write lock on that byte fails
/// while any other process has the database open, and while we hold it nobody can open it.
/// POSIX locks belong to the process, so this process must not have the database open itself.
/// It misses a process that has opened the database file but not yet its -shm, so it only
/// guards against programs other than rehab; rehabs are kept out by `DataFolderLock`.
final class ExclusiveUse {
    private var fd: Int32 = -1
    private static let deadManSwitchByte: off_t = 128

    init(database: String) throws(StoreError) {
        let shm = database + "-shm"
        guard FileManager.default.fileExists(atPath: database) else { return }
        // Made if missing and left behind: an index file SQLite resets on the next open. Removing it
        // while another process might be opening it would give the two processes different indexes.
        fd = open(shm, O_RDWR | O_CREAT, 0o600)
        guard fd >= 0 else { throw .notWritable(shm, detail: String(cString: strerror(errno))) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = Self.deadManSwitchByte
        lock.l_len = 1
        if fcntl(fd, F_SETLK, &lock) != 0 {
            close(fd)
            fd = -1
            throw .inUse(database)
        }
    }

    func release() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
    }

    deinit { release() }
}

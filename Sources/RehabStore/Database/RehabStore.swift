import Foundation
import GRDB
import RehabCore
import Synchronization

/// The patient's data on disk: one SQLite database in WAL mode, one transaction per user action.
///
/// An existing file is judged before anything is written to it, and is opened for writing only at
/// the first write: a command that is refused, or only reads, leaves every byte of it as it was.
public final class RehabStore: Sendable {
    /// What a command will do with the data, which decides how much checking opening it takes.
    public enum Access: Sendable {
        /// Checks the whole file (SQLite's `quick_check`) before anything is written to it; the
        /// first write brings an older schema up to date.
        case readWrite
        /// Only reads: no whole-file check (a read cannot harm the file, and SQLite reports any
        /// damage it meets on the way), and the store refuses to write. An older schema is read
        /// as it is, never brought up to date.
        case readOnly
    }

    public let directory: String
    public let path: String
    let access: Access
    /// Reads, on the connection that judged the file.
    let reader: any DatabaseReader
    /// Opened at the first write: opening a pool writes to the file (WAL set-up, migrations).
    let writer: Mutex<DatabasePool?>
    /// False for a file from before the per-day totals (v3), read without them until the writer
    /// opens (which brings the schema up to date).
    let hasDayTotals: Bool
    /// Held shared for the store's life, so a restore never swaps the file under it.
    let folderLock: DataFolderLock?
    /// Each write renews what `rehab today` reads (TodaySnapshot); false for a batch of thousands
    /// of writes (a generated history), whose writes drop it instead: `renewToday()` at the end.
    let keepsToday: Bool

    /// `${REHAB_HOME}`, else `${XDG_DATA_HOME:-$HOME/.local/share}/rehab`. A relative
    /// XDG_DATA_HOME is ignored, as the XDG base directory specification says (it would put the
    /// data wherever the command happens to run).
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        defaultDirectory { environment[$0] }
    }

    /// The same, reading each variable through `variable` (a prompt's `rehab today` uses getenv).
    public static func defaultDirectory(variable: (String) -> String?) -> String {
        if let home = variable("REHAB_HOME"), !home.isEmpty { return home }
        if let xdg = variable("XDG_DATA_HOME"), xdg.hasPrefix("/") { return xdg + "/rehab" }
        let home = variable("HOME").flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/rehab"
    }

    /// Opens the database in `directory`. With `create`, a missing folder is made 0700 (parents
    /// too) and a missing file 0600; an existing folder that other users can open is refused.
    ///
    /// An existing file is judged without writing to it: a SQLite database (its header), holding
    /// rehab's tables, not from a newer rehab, and for `.readWrite` passing `quick_check`. A
    /// damaged, foreign or newer file is reported and never written to.
    public init(directory: String, create: Bool = false, access: Access = .readWrite, keepingToday: Bool = true) throws(StoreError) {
        self.directory = directory
        keepsToday = keepingToday
        path = directory + "/rehab.sqlite"
        self.access = access
        if FileKind(of: directory) == .regularFile { throw .folderIsAFile(directory) }
        if create { try DataFolder.prepare(directory, forNewDatabase: !FileManager.default.fileExists(atPath: path)) }
        folderLock = try DataFolderLock(directory, .shared, busy: .restoring(directory))
        let fresh: Bool
        if !FileManager.default.fileExists(atPath: path) {
            guard create, folderLock != nil else { throw .notInitialised(directory) }
            try Self.makePrivateFile(path, in: directory)
            fresh = true
        } else if case let kind = FileKind(of: path), kind != .regularFile {
            throw .damaged(path, detail: "it is \(kind.words), not a regular file")
        } else if Self.isEmpty(path) {
            // A file of zero bytes holds nothing: `init` may use it; anything else says what happened.
            guard create else { throw .damaged(path, detail: "the file is empty") }
            fresh = true
        } else {
            fresh = false
        }
        if fresh {
            let pool = try Self.openWriter(path)
            reader = pool
            writer = Mutex(pool)
            hasDayTotals = true
        } else {
            let (queue, schema) = try Self.openJudged(path, wholeFile: access == .readWrite)
            reader = queue
            writer = Mutex(nil)
            hasDayTotals = schema == .current
        }
    }

    /// A connection that reads `path`, after judging the file without writing to it.
    private static func openJudged(_ path: String, wholeFile: Bool) throws(StoreError) -> (DatabaseQueue, Schema.Standing) {
        try SQLiteFile.checkHeader(path, failure: { .damaged(path, detail: $0) })
        return try translatingErrors(path) {
            // A log left by a killed process would be folded into the file when the last connection
            // closes; judge such a file in SQLite's read-only mode, which never does that.
            let logToReplay = (size(path + "-wal") ?? 0) > 0
            if logToReplay {
                let judge = try retryingWhenBusy { try DatabaseQueue(path: path, configuration: configuration(readonly: true)) }
                defer { try? judge.close() }
                _ = try retryingWhenBusy { try judge.read { db in try schema(of: db, path: path, checkingWholeFile: wholeFile) } }
            }
            // Not SQLite's read-only mode: that leaves -wal and -shm files behind on closing. This
            // connection only reads (GRDB runs each `read` under `PRAGMA query_only`), so closing
            // it writes nothing to the file and removes the -wal and -shm files it made.
            let queue = try retryingWhenBusy { try DatabaseQueue(path: path, configuration: configuration()) }
            do {
                let state = try retryingWhenBusy {
                    try queue.read { db in try schema(of: db, path: path, checkingWholeFile: wholeFile && !logToReplay) }
                }
                return (queue, state)
            } catch {
                try? queue.close()
                throw error
            }
        }
    }

    /// The pool that writes: WAL mode, every commit synchronous, the schema up to date.
    private static func openWriter(_ path: String) throws(StoreError) -> DatabasePool {
        try translatingErrors(path) {
            let pool = try retryingWhenBusy { try DatabasePool(path: path, configuration: configuration()) }
            // Every commit reaches the disk before rehab says "saved". This must follow the pool's
            // opening: GRDB's WAL set-up sets `synchronous = NORMAL` after `prepareDatabase` runs.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try retryingWhenBusy { try migrate(pool, path: path) }
            // SQLite makes -wal and -shm files with the database's mode; make sure of it anyway.
            for suffix in ["", "-wal", "-shm"] { chmod(path + suffix, 0o600) }
            return pool
        }
    }

    /// The pool that writes, opened at the first call.
    var pool: DatabasePool {
        get throws(StoreError) {
            let path = path
            return try writer.withLock { (opened: inout DatabasePool?) throws(StoreError) -> DatabasePool in
                if let opened { return opened }
                let pool = try Self.openWriter(path)
                opened = pool
                return pool
            }
        }
    }

    static func configuration(readonly: Bool = false) -> Configuration {
        var config = Configuration()
        config.readonly = readonly
        // Another rehab process (the UI and a script) may hold the write lock briefly: wait, don't fail.
        config.busyMode = .timeout(10)
        return config
    }

    /// Zero bytes in the database and nothing in its write-ahead log.
    static func isEmpty(_ path: String) -> Bool {
        func size(_ p: String) -> Int64 { var st = stat(); return stat(p, &st) == 0 ? Int64(st.st_size) : 0 }
        return size(path) == 0 && size(path + "-wal") == 0
    }

    /// How the file's schema stands (`Schema.standing`), refusing another program's file and a
    /// newer rehab's; with `checkingWholeFile`, the file passes `quick_check` first.
    static func schema(of db: Database, path: String, checkingWholeFile: Bool = false) throws -> Schema.Standing {
        if checkingWholeFile {
            let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
            guard check == ["ok"] else { throw StoreError.damaged(path, detail: "integrity check: \(summary(of: check))") }
        }
        let standing = try Schema.standing(of: db)
        switch standing {
        case .noTables: throw StoreError.foreign(path, detail: "it has no tables")
        case .foreign: throw StoreError.foreign(path, detail: "it has no rehab tables")
        case .newer: throw StoreError.newerSchema(path)
        case .current, .older: return standing
        }
    }

    /// The busy timeout covers ordinary waits; this covers the few cases where SQLite reports
    /// "busy" at once, without waiting (a reader meeting a recovery or a log reset). A "busy" that
    /// comes after the full timeout is final. The body is a whole transaction that was rolled
    /// back, so running it again cannot apply anything twice.
    static func retryingWhenBusy<T>(_ body: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            let began = ContinuousClock.now
            do {
                return try body()
            } catch let error as DatabaseError
                where error.resultCode == .SQLITE_BUSY && attempt < 5
                && ContinuousClock.now - began < .seconds(1)
            {
                attempt += 1
                usleep(UInt32(20_000 * attempt))
            }
        }
    }

    private static func makePrivateFile(_ path: String, in directory: String) throws(StoreError) {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd < 0 {
            throw errno == ENOSPC ? .diskFull(path) : .notWritable(directory, detail: String(cString: strerror(errno)))
        }
        _ = Foundation.close(fd)
    }

    private static func migrate(_ pool: DatabasePool, path: String) throws {
        let migrator = Schema.migrator
        if try pool.read(migrator.hasBeenSuperseded) { throw StoreError.newerSchema(path) }
        try migrator.migrate(pool)
    }

    /// Runs `body`; a failure that is not already a StoreError is said as one about `path`.
    static func translatingErrors<T>(_ path: String, _ body: () throws -> T) throws(StoreError) -> T {
        do { return try body() } catch let error as StoreError { throw error } catch { throw translate(error, path: path) }
    }

    static func translate(_ error: Error, path: String) -> StoreError {
        guard let db = error as? DatabaseError else { return .failed("\(error)") }
        // SQLite reports a full disk as SQLITE_FULL only while writing pages; creating or growing
        // its -wal and -shm files fails as an I/O or "cannot open" error instead.
        if [.SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_FULL].contains(db.resultCode), diskIsFull(near: path) { return .diskFull(path) }
        switch db.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .damaged(path, detail: db.message ?? "not a database")
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path)
        case .SQLITE_FULL: return .diskFull(path)
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return .notWritable(path, detail: db.message ?? "read-only")
        case .SQLITE_IOERR: return .failed("disk input/output error on \(path)")
        default: return .failed(db.message ?? "\(db)")
        }
    }

    /// Less than 64 KiB left for this user on the file system holding `path`.
    static func diskIsFull(near path: String) -> Bool {
        var folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var info = statvfs()
        while statvfs(folder, &info) != 0 {
            guard folder != "/" && !folder.isEmpty else { return false }
            folder = URL(fileURLWithPath: folder).deletingLastPathComponent().path
        }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize) < 64 * 1024
    }

    @discardableResult
    func write<T>(_ body: @escaping @Sendable (Database) throws -> T) throws(StoreError) -> T {
        guard access == .readWrite else { throw .failed("the data was opened for reading only") }
        let pool = try pool
        // Every change also renews what `rehab today` reads, in the same transaction (TodaySnapshot),
        // and its copy in a file around the commit (TodayFile).
        let today = TodayFile.Write(directory: directory), keepsToday = keepsToday
        let result = try Self.translatingErrors(path) {
            try Self.retryingWhenBusy {
                try pool.write { db in
                    let result = try body(db)
                    // The kept loads first: what today's verdicts are judged from reads them.
                    try Schema.recountStaleLoadRuns(db)
                    try today.invalidate(keeping: try TodaySnapshot.refresh(db, evaluating: keepsToday))
                    return result
                }
            }
        }
        today.publish(databasePath: path)
        return result
    }

    /// Renews what `rehab today` reads, after writes made with `keepingToday: false`.
    public func renewToday() throws(StoreError) {
        guard access == .readWrite else { return }
        let pool = try pool
        let today = TodayFile.Write(directory: directory)
        try Self.translatingErrors(path) {
            try Self.retryingWhenBusy { try pool.write { db in try today.invalidate(keeping: try TodaySnapshot.refresh(db, evaluating: true)) } }
        }
        today.publish(databasePath: path)
    }

    func read<T>(_ body: @escaping @Sendable (Database) throws -> T) throws(StoreError) -> T {
        try Self.translatingErrors(path) { try Self.retryingWhenBusy { try reader.read(body) } }
    }

    /// Runs SQLite's integrity check; "ok" when the file is sound.
    public func integrityCheck() throws(StoreError) -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "unknown" }
    }
}

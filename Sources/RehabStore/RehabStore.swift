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

    /// `${REHAB_HOME}`, else `${XDG_DATA_HOME:-$HOME/.local/share}/rehab`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let home = environment["REHAB_HOME"], !home.isEmpty { return home }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/rehab" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/rehab"
    }

    /// Opens the database in `directory`. With `create`, a missing folder is made 0700 (parents
    /// too) and a missing file 0600; an existing folder that other users can open is refused.
    ///
    /// An existing file is judged without writing to it: a SQLite database (its header), holding
    /// rehab's tables, not from a newer rehab, and for `.readWrite` passing `quick_check`. A
    /// damaged, foreign or newer file is reported and never written to.
    public init(directory: String, create: Bool = false, access: Access = .readWrite) throws(StoreError) {
        self.directory = directory
        path = directory + "/rehab.sqlite"
        self.access = access
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
    private static func openJudged(_ path: String, wholeFile: Bool) throws(StoreError) -> (DatabaseQueue, SchemaState) {
        try SQLiteFile.checkHeader(path, failure: { .damaged(path, detail: $0) })
        do {
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
        } catch let error as StoreError {
            throw error
        } catch {
            throw translate(error, path: path)
        }
    }

    /// The pool that writes: WAL mode, every commit synchronous, the schema up to date.
    private static func openWriter(_ path: String) throws(StoreError) -> DatabasePool {
        do {
            let pool = try retryingWhenBusy { try DatabasePool(path: path, configuration: configuration()) }
            // Every commit reaches the disk before rehab says "saved". This must follow the pool's
            // opening: GRDB's WAL set-up sets `synchronous = NORMAL` after `prepareDatabase` runs.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try retryingWhenBusy { try migrate(pool, path: path) }
            // SQLite makes -wal and -shm files with the database's mode; make sure of it anyway.
            for suffix in ["", "-wal", "-shm"] { chmod(path + suffix, 0o600) }
            return pool
        } catch let error as StoreError {
            throw error
        } catch {
            throw translate(error, path: path)
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

    enum SchemaState { case older, current }

    /// How the file's schema stands against this rehab's migrations. A file without rehab's
    /// tables, or whose migrations never included rehab's first, is another program's; one with
    /// migrations this rehab does not know comes from a newer rehab.
    static func schema(of db: Database, path: String, checkingWholeFile: Bool = false) throws -> SchemaState {
        if checkingWholeFile {
            let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
            guard check == ["ok"] else { throw StoreError.damaged(path, detail: "integrity check: \(summary(of: check))") }
        }
        let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        guard tables.contains("grdb_migrations"), tables.contains("enrolment") else {
            throw StoreError.foreign(path, detail: tables.isEmpty ? "it has no tables" : "it has no rehab tables")
        }
        let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        let known = Schema.migrator.migrations
        guard applied.contains(known[0]) else { throw StoreError.foreign(path, detail: "it has no rehab tables") }
        if !applied.isSubset(of: Set(known)) { throw StoreError.newerSchema(path) }
        return applied == Set(known) ? .current : .older
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
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempt < 5
                        && ContinuousClock.now - began < .seconds(1) {
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
        let known = Set(migrator.migrations)
        let applied = try pool.read { db -> Set<String> in
            try db.tableExists("grdb_migrations") ? Set(try migrator.appliedIdentifiers(db)) : []
        }
        if !applied.isSubset(of: known) { throw StoreError.newerSchema(path) }
        try migrator.migrate(pool)
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

    func write<T>(_ body: @escaping @Sendable (Database) throws -> T) throws(StoreError) -> T {
        guard access == .readWrite else { throw .failed("the data was opened for reading only") }
        let pool = try pool
        do { return try Self.retryingWhenBusy { try pool.write(body) } } catch let e as StoreError { throw e } catch { throw Self.translate(error, path: path) }
    }

    func read<T>(_ body: @escaping @Sendable (Database) throws -> T) throws(StoreError) -> T {
        do { return try Self.retryingWhenBusy { try reader.read(body) } } catch let e as StoreError { throw e } catch { throw Self.translate(error, path: path) }
    }

    // MARK: Enrolment and program

    public func enrolment() throws(StoreError) -> Enrolment? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM enrolment WHERE id = 1") else { return nil }
            return Enrolment(start: Day(iso: row["startDate"]) ?? Day(ordinal: 0),
                             side: AffectedSide(rawValue: row["side"]) ?? .both, baselinePain: row["baselinePain"])
        }
    }

    /// Enrols the patient with the program text they will follow, in one transaction.
    public func enrol(_ e: Enrolment, programText: String, source: String) throws(StoreError) {
        let dir = directory
        // Judged on a read first: a refused `init` never opens the file for writing.
        if try enrolment() != nil { throw .alreadyInitialised(dir) }
        try write { db in
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM enrolment") ?? 0 > 0 { throw StoreError.alreadyInitialised(dir) }
            try db.execute(sql: "INSERT INTO enrolment (id, startDate, side, baselinePain, createdAt) VALUES (1, ?, ?, ?, ?)",
                           arguments: [e.start.iso, e.side.rawValue, e.baselinePain, Date()])
            try db.execute(sql: "INSERT INTO program (adoptedOn, source, text, createdAt) VALUES (?, ?, ?, ?)",
                           arguments: [e.start.iso, source, programText, Date()])
        }
    }

    /// The text of the program in force (the latest adopted; of two on one day, the later saved).
    public func programText() throws(StoreError) -> (text: String, source: String)? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT text, source FROM program ORDER BY adoptedOn DESC, id DESC LIMIT 1").map { ($0["text"], $0["source"]) }
        }
    }

    public func adoptProgram(text: String, source: String, on day: Day) throws(StoreError) {
        try write { db in
            try db.execute(sql: "INSERT INTO program (adoptedOn, source, text, createdAt) VALUES (?, ?, ?, ?)",
                           arguments: [day.iso, source, text, Date()])
        }
    }

    // MARK: Entries

    @discardableResult
    public func add(_ entries: [ExerciseEntry]) throws(StoreError) -> [Int64] {
        try write { db in
            try entries.map { e in
                try db.execute(sql: """
                    INSERT INTO exerciseEntry (date, exerciseId, side, sets, reps, holdSeconds, loadKg, painDuring, painAfter, tempoSeconds, note, createdAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [e.date.iso, e.exerciseID, e.side?.rawValue, e.sets, e.reps, e.holdSeconds, e.loadKg,
                                     e.painDuring, e.painAfter, e.tempoSeconds, e.note, Date()])
                return db.lastInsertedRowID
            }
        }
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
        try write { db in try db.execute(sql: "DELETE FROM exerciseEntry WHERE id = ?", arguments: [id]) }
    }

    public func add(_ r: RunEntry) throws(StoreError) {
        try write { db in
            try db.execute(sql: "INSERT INTO runEntry (date, stage, minutes, painDuring, note, createdAt) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [r.date.iso, r.stage, r.minutes, r.painDuring, r.note, Date()])
        }
    }

    /// Saves the morning check-in; a second one on the same day replaces the first. Returns whether it replaced one.
    @discardableResult
    public func save(_ c: CheckIn) throws(StoreError) -> Bool {
        try write { db in
            let existed = try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM checkIn WHERE date = ?)", arguments: [c.date.iso]) ?? false
            try db.execute(sql: "INSERT OR REPLACE INTO checkIn (date, morningPain, limping, redFlags, createdAt) VALUES (?, ?, ?, ?, ?)",
                           arguments: [c.date.iso, c.morningPain, c.limping, c.redFlags.joined(separator: ","), Date()])
            return existed
        }
    }

    public func add(_ t: TestResult) throws(StoreError) {
        try write { db in
            try db.execute(sql: "INSERT INTO testResult (date, testId, side, value, pain, createdAt) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [t.date.iso, t.testID, t.side?.rawValue, t.value, t.pain, Date()])
        }
    }

    public func add(_ c: PhaseChange) throws(StoreError) {
        try write { db in
            try db.execute(sql: "INSERT INTO phaseChange (date, phase, override, createdAt) VALUES (?, ?, ?, ?)",
                           arguments: [c.date.iso, c.phase.rawValue, c.override, Date()])
        }
    }

    public func add(_ c: FlagClearance) throws(StoreError) {
        try write { db in
            try db.execute(sql: "INSERT INTO flagClearance (date, note, createdAt) VALUES (?, ?, ?)", arguments: [c.date.iso, c.note, Date()])
        }
    }

    public func save(_ s: OutcomeScore) throws(StoreError) {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO outcomeScore (date, score, createdAt) VALUES (?, ?, ?)",
                           arguments: [s.date.iso, s.score, Date()])
        }
    }

    // MARK: Loading

    /// The whole history in one read transaction, so it is a consistent snapshot. With `cut`, the
    /// exercise entries before it come summarised (`History.summarisingExercises(before:)`, from
    /// the totals the database keeps): what a command judging `cut` or later needs, read fast.
    public func history(summarisingBefore cut: Day? = nil) throws(StoreError) -> History {
        // A file from before the per-day totals is read whole and summarised here: not migrated by a read.
        if let cut, !hasDayTotals, writer.withLock({ $0 == nil }) { return try history().summarisingExercises(before: cut) }
        let dir = directory
        return try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM enrolment WHERE id = 1") else { throw StoreError.notInitialised(dir) }
            func day(_ text: String) -> Day { Day(iso: text) ?? Day(ordinal: 0) }
            let enrolment = Enrolment(start: day(row["startDate"]), side: AffectedSide(rawValue: row["side"]) ?? .both,
                                      baselinePain: row["baselinePain"])
            var h = History(enrolment: enrolment)
            var ids = StringTable()
            let columns = "id, date, exerciseId, side, sets, reps, holdSeconds, loadKg, painDuring, painAfter, tempoSeconds, note"
            func readEntries(_ sql: String, _ arguments: StatementArguments = []) throws {
                // Through SQLite's C API: years of sets load without a Row or a String per value.
                try db.forEachRawRow(sql, arguments: arguments) { r in
                    let side = r.bytes(3)
                    h.exercises.append(ExerciseEntry(id: r.int64(0), date: r.day(1), exerciseID: ids.string(r.bytes(2)),
                                                     side: same(side, "left") ? .left : same(side, "right") ? .right : nil,
                                                     sets: r.int(4), reps: r.optionalInt(5), holdSeconds: r.optionalInt(6), loadKg: r.optionalDouble(7),
                                                     painDuring: r.optionalInt(8), painAfter: r.optionalInt(9), tempoSeconds: r.optionalDouble(10),
                                                     note: r.optionalText(11)))
                }
            }
            if let cut {
                let from: StatementArguments = [cut.iso]
                try readEntries("SELECT \(columns) FROM exerciseEntry WHERE date >= ? ORDER BY date, id", from)
                var summary = ExerciseSummary(before: cut, days: [], loads: [])
                try db.forEachRawRow("SELECT date, entries, volume, maxPainDuring, maxPainAfter, painAfterSum, painAfterScores, sets FROM exerciseDay WHERE date < ? ORDER BY date",
                                     arguments: from) { r in
                    summary.days.append(ExerciseDayTotal(date: r.day(0), entries: r.int(1), volume: r.int(2), maxPainDuring: r.optionalInt(3),
                                                         maxPainAfter: r.optionalInt(4), painAfterSum: r.int(5), painAfterScores: r.int(6),
                                                         packedSets: r.optionalText(7)))
                }
                try db.forEachRawRow("SELECT exerciseId, date, loadKg FROM exerciseEntry WHERE loadKg IS NOT NULL AND date < ? ORDER BY exerciseId, date, id",
                                     arguments: from) { r in
                    summary.loads.appendUnlessRepeat(LoadUsed(date: r.day(1), exerciseID: ids.string(r.bytes(0)), loadKg: r.double(2)))
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
            h.runs = try Row.fetchAll(db, sql: "SELECT id, date, stage, minutes, painDuring, note FROM runEntry ORDER BY date, id").map {
                RunEntry(id: $0[0], date: day($0[1]), stage: $0[2], minutes: $0[3], painDuring: $0[4], note: $0[5])
            }
            try db.forEachRawRow("SELECT date, morningPain, limping, redFlags FROM checkIn ORDER BY date") { r in
                let flags = r.bytes(3)
                h.checkIns.append(CheckIn(date: r.day(0), morningPain: r.int(1), limping: r.int(2) != 0,
                                          redFlags: flags.isEmpty ? [] : flags.split(separator: UInt8(ascii: ",")).map { String(decoding: $0, as: UTF8.self) }))
            }
            h.tests = try Row.fetchAll(db, sql: "SELECT id, date, testId, side, value, pain FROM testResult ORDER BY date, id").map {
                TestResult(id: $0[0], date: day($0[1]), testID: $0[2], side: ($0[3] as String?).flatMap(Side.init), value: $0[4], pain: $0[5])
            }
            h.phaseChanges = try Row.fetchAll(db, sql: "SELECT date, phase, override FROM phaseChange ORDER BY date, id").map {
                PhaseChange(date: day($0[0]), phase: PhaseID(rawValue: $0[1]) ?? .activation, override: $0[2])
            }
            h.clearances = try Row.fetchAll(db, sql: "SELECT date, note FROM flagClearance ORDER BY date, id").map {
                FlagClearance(date: day($0[0]), note: $0[1])
            }
            h.scores = try Row.fetchAll(db, sql: "SELECT date, score FROM outcomeScore ORDER BY date").map {
                OutcomeScore(date: day($0[0]), score: $0[1])
            }
            return h
        }
    }

    /// Runs SQLite's integrity check; "ok" when the file is sound.
    public func integrityCheck() throws(StoreError) -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "unknown" }
    }
}


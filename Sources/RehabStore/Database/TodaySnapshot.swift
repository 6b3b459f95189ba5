import Foundation
import GRDB
import GRDBSQLite
import RehabCore

/// `rehab today` in a shell prompt runs before every prompt: it must answer in less time than
/// starting the engine takes. So every write also saves, in its own transaction, the engine's
/// brief verdict (`TodayGlance`) on today and the next days (`todayGlance` table), copied to a
/// file (`TodayFile`) that `today` reads without opening the database; when the copy cannot be
/// believed, `today` reads one row through SQLite's C API. A row holds only while nothing is
/// written, which every write ensures, and only for the build that wrote it (a new rehab may judge
/// differently). Without a row for the day (no write for days, an older file, another build),
/// `today` evaluates in full: slower, never different.
public enum TodaySnapshot {
    /// Today and the next two days: a prompt opened tomorrow morning still reads a row.
    static let daysAhead = 3

    public enum Reading: Equatable {
        /// No data folder or no database: a prompt shows nothing.
        case noData
        /// Another rehab holds the data (a restore, an exclusive lock): say so rather than wait.
        case busy
        case glance(TodayGlance)
        /// No row for this day and build: evaluate in full.
        case evaluate
    }

    /// Today on this computer's calendar, from the C library's local time: cheap enough for a
    /// prompt, and the one day both the writer and the reader of a row mean.
    public static func localDay() -> Day {
        var now = time(nil), parts = tm()
        guard localtime_r(&now, &parts) != nil,
            let day = Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
        else {
            return Day.today(in: .current, at: Date())
        }
        return day
    }

    /// This executable, as a file: another build (an upgrade, a debug build) reads no row it did not write.
    /// Through the link's target, not the link: a tool that runs rehab (valgrind) answers the
    /// link for it but not a stat of it.
    static let build: String? = {
        var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &target, target.count - 1)
        var st = stat()
        guard length > 0, stat(target, &st) == 0 else { return nil }
        return "\(st.st_dev)-\(st.st_ino)-\(st.st_size)-\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
    }()

    // MARK: Writing

    /// Replaces the saved verdicts by fresh ones, inside the write's transaction. A history the
    /// engine cannot read (a program that no longer loads) leaves none: `today` then says why.
    /// Returns them, for the copy in `TodayFile`.
    @discardableResult
    static func refresh(_ db: Database, evaluating: Bool) throws -> [(Day, TodayGlance)] {
        try db.execute(sql: "DELETE FROM todayGlance")
        guard evaluating, let build, let glances = try? glances(db, from: localDay()) else { return [] }
        let insert = try db.makeStatement(sql: "INSERT INTO todayGlance (day, build, state, done, planned, checkInDue) VALUES (?, ?, ?, ?, ?, ?)")
        for (day, g) in glances {
            try insert.execute(arguments: [day.iso, build, g.state.rawValue, g.done, g.planned, g.checkInDue])
        }
        return glances
    }

    /// The verdicts on `today` and the next days, read as a command judging `today` reads them.
    static func glances(_ db: Database, from today: Day) throws -> [(Day, TodayGlance)] {
        let programs = try RehabStore.timeline(of: RehabStore.programs(db))
        let history = try RehabStore.history(db, summarisingBefore: today.firstDayReadInFull, directory: "")
        let evaluator = Evaluator(programs: programs, history: history)
        return (0..<daysAhead).map { today + $0 }.filter { $0 >= history.enrolment.start }
            .map { ($0, TodayGlance(evaluator, on: $0)) }
    }

    // MARK: Reading

    /// The saved verdict on `day` in `directory`, without waiting more than a few milliseconds
    /// for another rehab, and without anything but the C library and SQLite.
    public static func read(directory: String, on day: Day) -> Reading {
        let folder = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder < 0 { return errno == ENOENT || errno == ENOTDIR ? .noData : .evaluate }
        defer { close(folder) }
        // Shared, as every store holds it; a restore holds it exclusively (see DataFolderLock).
        var naps = 0
        while flock(folder, LOCK_SH | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else { return .evaluate }
            guard naps < 25 else { return .busy }
            naps += 1
            usleep(2_000)
        }
        let path = directory + "/rehab.sqlite"
        var st = stat()
        if stat(path, &st) != 0 { return errno == ENOENT ? .noData : .evaluate }
        if st.st_size == 0 { return .evaluate }
        // The copy in a plain file, unless another program holds the database exclusively (then
        // the table is read, which says "busy" if the hold lasts).
        if let glance = TodayFile.verdict(directory: directory, database: st, on: day), !heldExclusively(path) { return .glance(glance) }
        var connection: OpaquePointer?
        defer { sqlite3_close_v2(connection) }
        // Not SQLite's read-only mode, which leaves -wal and -shm files behind (see RehabStore.openJudged).
        guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let connection else { return .evaluate }
        sqlite3_busy_timeout(connection, 50)
        guard sqlite3_exec(connection, "PRAGMA query_only = 1", nil, nil, nil) == SQLITE_OK else { return busyOr(.evaluate, connection) }
        var statement: OpaquePointer?
        defer { sqlite3_finalize(statement) }
        guard
            sqlite3_prepare_v2(connection, "SELECT build, state, done, planned, checkInDue FROM todayGlance WHERE day = ?", -1, &statement, nil)
                == SQLITE_OK,
            let statement
        else { return busyOr(.evaluate, connection) }
        let iso = day.iso
        sqlite3_bind_text(statement, 1, iso, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        switch sqlite3_step(statement) {
        case SQLITE_ROW:
            guard let build, text(statement, 0) == build, let state = TodayGlance.State(rawValue: text(statement, 1)) else { return .evaluate }
            return .glance(
                TodayGlance(
                    state: state, done: Int(sqlite3_column_int64(statement, 2)),
                    planned: Int(sqlite3_column_int64(statement, 3)), checkInDue: sqlite3_column_int64(statement, 4) != 0))
        case SQLITE_DONE: return .evaluate
        default: return busyOr(.evaluate, connection)
        }
    }

    /// Whether a connection holds the database file exclusively (SQLite's EXCLUSIVE lock: a write
    /// lock on its shared-lock bytes, which ordinary readers and writers in WAL mode hold shared).
    static func heldExclusively(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return true }
        defer { close(fd) }
        // SQLite's lock bytes (os_unix.c): PENDING at 1 GiB, RESERVED after it, then 510 SHARED.
        var lock = flock(l_type: Int16(F_RDLCK), l_whence: Int16(SEEK_SET), l_start: 0x4000_0000, l_len: 512, l_pid: 0)
        guard fcntl(fd, F_GETLK, &lock) == 0 else { return true }
        return lock.l_type != Int16(F_UNLCK)
    }

    private static func busyOr(_ other: Reading, _ connection: OpaquePointer) -> Reading {
        let code = sqlite3_errcode(connection) & 0xff
        return code == SQLITE_BUSY || code == SQLITE_LOCKED ? .busy : other
    }

    private static func text(_ statement: OpaquePointer, _ column: Int32) -> String {
        sqlite3_column_text(statement, column).map { String(cString: $0) } ?? ""
    }
}

import Foundation
import GRDB
import TestSupport
#if canImport(Glibc)
    import Glibc
#endif

typealias TestFailure = TestSupport.TestFailure

extension RehabProcess {
    /// Enrols the patient and logs one glute-bridge entry per note (see `logArguments`).
    func enrol(start: String = "2026-03-02", logging notes: String...) throws {
        let r = try run(["init", "--start", start, "--side", "right", "--baseline-pain", "1"])
        guard r.status == 0 else { throw TestFailure("init failed: \(r.stderr)") }
        for note in notes {
            let logged = try run(logArguments(note))
            guard logged.status == 0 else { throw TestFailure("log failed: \(logged.stderr)") }
        }
    }

    /// Logs one glute-bridge entry identified by its note.
    func logArguments(_ note: String, date: String = "2026-03-03") -> [String] {
        ["log", "--date", date, "--exercise", "glute-bridge", "--sets", "3", "--reps", "10", "--pain-during", "1", "--note", note]
    }

    // MARK: Looking inside the database (in this process, read-only)

    func readOnlyQueue() throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(10)
        return try DatabaseQueue(path: database, configuration: config)
    }

    func integrityCheck() throws -> [String] {
        let queue = try readOnlyQueue()
        defer { try? queue.close() }
        return try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    func notes() throws -> [String] {
        let queue = try readOnlyQueue()
        defer { try? queue.close() }
        return try queue.read { db in try String.fetchAll(db, sql: "SELECT note FROM exerciseEntry WHERE note IS NOT NULL ORDER BY id") }
    }

    func fileBytes(_ path: String? = nil) -> Data? { FileManager.default.contents(atPath: path ?? database) }
}

func mode(_ path: String) -> Int {
    var st = stat()
    return stat(path, &st) == 0 ? Int(st.st_mode & 0o7777) : -1
}

/// Monotonic seconds, for measuring how long commands take (never asserted on).
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

let isRoot = getuid() == 0

/// `make stress` sets REHAB_STRESS=1: the long versions of the crash, concurrency and fuzz loops.
let stress = ProcessInfo.processInfo.environment["REHAB_STRESS"] == "1"

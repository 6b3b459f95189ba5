import Foundation
import TestSupport
import GRDB
import Testing

/// Several `rehab` processes at once, as with two terminals or the full-screen program open while
/// a script logs: no write is lost, and nobody is told the database is locked.
@Suite(.serialized) struct ConcurrencyTests {
    /// Another program's connection, allowed to keep a transaction open between calls.
    var holdingTransactions: Configuration {
        var config = Configuration()
        config.allowsUnsafeTransactions = true
        return config
    }

    @Test func processesLoggingAtOnceLoseNothingAndNeverSeeALock() throws {
        let rehab = RehabProcess(label: "concurrent")
        try rehab.enrol()
        let writers = stress ? 4 : 2, perWriter = stress ? 100 : 25
        let group = DispatchGroup()
        let lock = NSLock()
        nonisolated(unsafe) var failures: [String] = []
        nonisolated(unsafe) var confirmed: [String] = []
        nonisolated(unsafe) var reads = 0
        let began = monotonicSeconds()
        for w in 0..<writers {
            DispatchQueue.global().async(group: group) {
                for n in 0..<perWriter {
                    let note = "writer \(w) entry \(n)"
                    do {
                        // Two writers on the same day, the others on their own days.
                        let r = try rehab.run(rehab.logArguments(note, date: w < 2 ? "2026-03-03" : "2026-03-0\(w + 2)"))
                        lock.lock()
                        if r.status == 0 { confirmed.append(note) } else { failures.append("\(note): exit \(r.status): \(r.stderr)") }
                        lock.unlock()
                    } catch { lock.lock(); failures.append("\(note): \(error)"); lock.unlock() }
                }
            }
        }
        // A reader too: the full-screen program redraws from the database while others write.
        DispatchQueue.global().async(group: group) {
            for _ in 0..<(perWriter / 2) {
                let r = try? rehab.run(["status", "--as-of", "2026-03-05", "--json"])
                lock.lock()
                if r?.status == 0 { reads += 1 } else { failures.append("status: \(r?.stderr ?? "did not start")") }
                lock.unlock()
            }
        }
        group.wait()
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        for failure in failures {
            #expect(!failure.localizedCaseInsensitiveContains("locked") && !failure.localizedCaseInsensitiveContains("busy"))
        }
        let notes = try rehab.notes()
        #expect(confirmed.count == writers * perWriter)
        #expect(Set(notes) == Set(confirmed), "\(Set(confirmed).subtracting(notes).count) confirmed entries missing")
        #expect(notes.count == confirmed.count, "no entry saved twice")
        #expect(try rehab.integrityCheck() == ["ok"])
        print(
            "concurrency: \(writers) processes wrote \(confirmed.count) entries while \(reads) status reads ran, "
                + "\(failures.count) failures, \(Int(monotonicSeconds() - began)) s")
    }

    /// Another program holds the write lock for a while: rehab waits for it instead of failing.
    @Test func aLongWriteByAnotherProgramIsWaitedFor() throws {
        let rehab = RehabProcess(label: "busy")
        try rehab.enrol()
        let other = try DatabaseQueue(path: rehab.database, configuration: holdingTransactions)
        try other.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "UPDATE enrolment SET baselinePain = 2")
        }
        let running = try rehab.start(bytes: rehab.logArguments("waited").map { Array($0.utf8) })
        usleep(1_500_000)
        // Still waiting for the lock (a failing rehab would have exited by now with "busy").
        #expect(running.alive, "rehab did not wait for the other program's write")
        try other.inDatabase { db in try db.execute(sql: "COMMIT") }
        try other.close()
        let result = running.finish()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try rehab.notes() == ["waited"])
        let status = try rehab.run(["export", "--format", "json"])
        #expect(status.stdout.contains("\"baselinePain\" : 2"), "the other program's write is kept too")
    }

    /// Held longer than rehab will wait (10 s): one clear sentence, exit 2, nothing written.
    @Test(.enabled(if: stress, "waits 10 s; runs under make stress"))
    func aLockHeldTooLongGetsAClearMessage() throws {
        let rehab = RehabProcess(label: "busy-long")
        try rehab.enrol()
        let other = try DatabaseQueue(path: rehab.database, configuration: holdingTransactions)
        try other.inDatabase { db in try db.execute(sql: "BEGIN IMMEDIATE; UPDATE enrolment SET baselinePain = 3") }
        let result = try rehab.run(rehab.logArguments("too late"))
        try other.inDatabase { db in try db.execute(sql: "COMMIT") }
        try other.close()
        #expect(result.status == 2)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("busy in another program for too long; try again"), "\(result.stderr)")
        #expect(try rehab.notes().isEmpty)
    }
}

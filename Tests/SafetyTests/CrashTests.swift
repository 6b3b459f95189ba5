import Foundation
import TestSupport
import Testing

/// `rehab log` killed with SIGKILL at random moments, over and over: the database must always
/// open, pass `PRAGMA integrity_check`, and hold every entry whose command had reported success.
/// 20 kills in `make test`; 200 in `make stress` (REHAB_STRESS=1).
@Suite(.serialized) struct CrashSafetyTests {
    /// Notes of the entries in the database, as the `rehab` binary itself reads them.
    func notesThroughTheBinary(_ rehab: RehabProcess) throws -> [String]? {
        let r = try rehab.run(["history", "--json"])
        guard r.status == 0 else { return nil }
        let days = r.json["days"] as? [[String: Any]] ?? []
        return days.flatMap { ($0["exercises"] as? [[String: Any]] ?? []).compactMap { $0["note"] as? String } }
    }

    @Test func killingRehabWhileItSavesNeverLosesAConfirmedEntry() throws {
        let target = stress ? 200 : 20
        let rehab = RehabProcess(label: "crash")
        try rehab.enrol()
        let began = monotonicSeconds()

        // How long one `rehab log` takes here, so the kills can be spread over its whole life.
        var confirmed: [String] = []
        var durations: [Double] = []
        for n in 0..<5 {
            let t = monotonicSeconds()
            let r = try rehab.run(rehab.logArguments("calibration \(n)"))
            durations.append(monotonicSeconds() - t)
            try #require(r.status == 0, "\(r.stderr)")
            confirmed.append("calibration \(n)")
        }
        let typical = durations.sorted()[2]

        var rng = SystemRandomNumberGenerator()
        var kills = 0, committedBeforeKill = 0, completed = 0, attempts = 0, nearCommit = 0, nearCommitAfter = 0
        // A staircase finds the moment the entry is committed: after a kill that came too late (the
        // entry is there) the next one comes earlier, after one too early it comes later. Three in
        // four kills then land right around the write; the others anywhere in the process's life.
        var commitAt = 0.9 * typical
        let step = 0.01 * typical
        while kills < target && attempts < target * 10 {
            attempts += 1
            let note = "entry \(attempts)"
            let running = try rehab.start(bytes: rehab.logArguments(note).map { Array($0.utf8) })
            // Every fifth log runs to the end, so that confirmed entries keep accumulating.
            let aimAtCommit = kills % 4 != 0
            if attempts % 5 != 0 {
                let delay =
                    aimAtCommit
                    ? max(0, commitAt + Double.random(in: (-3 * step)...(3 * step), using: &rng))
                    : Double.random(in: 0...(1.2 * typical), using: &rng)
                usleep(UInt32(delay * 1_000_000))
                running.kill(SIGKILL)
            }
            let result = running.finish()
            if result.signal == 0 {
                #expect(result.status == 0, "an unkilled log failed: \(result.stderr)")
                if result.status == 0 { confirmed.append(note); completed += 1 }
                if aimAtCommit && attempts % 5 != 0 { commitAt -= step }
                continue
            }
            kills += 1
            #expect(result.signal == SIGKILL)

            // The next rehab opens it, and everything confirmed is there, once.
            let notes = try #require(try notesThroughTheBinary(rehab), "rehab could not open the database after kill \(kills)")
            let missing = confirmed.filter { !notes.contains($0) }
            #expect(missing.isEmpty, "after kill \(kills), confirmed entries are missing: \(missing)")
            #expect(Set(notes).count == notes.count, "after kill \(kills), an entry was saved twice")
            let committed = notes.contains(note)
            if committed { committedBeforeKill += 1 }
            if aimAtCommit {
                nearCommit += 1
                if committed { nearCommitAfter += 1 }
                commitAt += committed ? -step : step
            }
            #expect(try rehab.integrityCheck() == ["ok"], "after kill \(kills)")
        }
        #expect(kills == target, "only \(kills) of \(attempts) runs could be killed before they finished")

        let final = try #require(try notesThroughTheBinary(rehab))
        #expect(Set(confirmed).isSubset(of: Set(final)))
        #expect(mode(rehab.dataDir) == 0o700)
        for file in try FileManager.default.contentsOfDirectory(atPath: rehab.dataDir) {
            #expect(mode(rehab.dataDir + "/" + file) == 0o600, "\(file) after the kills")
        }
        print(
            "crash loop: \(kills) kills (\(committedBeforeKill) after the entry was committed, \(kills - committedBeforeKill) before; "
                + "\(nearCommit) aimed at the commit, found at \(Int(commitAt * 1000)) ms: \(nearCommitAfter) just after it, \(nearCommit - nearCommitAfter) just before), "
                + "\(completed) logs completed, \(confirmed.count) confirmed entries all present, integrity ok after every kill; "
                + "one log takes \(Int(typical * 1000)) ms; \(Int(monotonicSeconds() - began)) s in all")
    }
}

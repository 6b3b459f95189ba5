import Foundation
import TestSupport
import Testing
import RehabCore

/// Issue 23, hostile input round two: limits on the files rehab reads, odd environments, one rule
/// for the days an entry may carry. Each goes through the binary. (The sound players, the caches
/// and the signals are in EndToEndTests/HostileSoundTests, which drive a terminal.)
@Suite struct HostileInputRoundTwoTests {
    // MARK: 9. Program files and settings have a size limit, said before reading

    @Test func aHugeProgramFileIsRefusedFromItsSizeBeforeReading() throws {
        let rehab = RehabProcess(label: "round2")
        let big = rehab.folder + "/big.json"
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        #expect(truncate(big, 2 * 1024 * 1024 * 1024) == 0)  // sparse: no disk used
        let started = monotonicSeconds()
        let r = try rehab.run(["program", "validate", big])
        #expect(r.status == 1)
        #expect(
            r.stderr == "rehab: Cannot read the program file \(big): it is 2048 MB, over the 1 MB such a file may be; nothing was read.\n",
            "\(r.stderr)")
        #expect(monotonicSeconds() - started < 30, "it read the file")
        let initialised = try rehab.run(["init", "--start", "2026-03-02", "--side", "right", "--program", big])
        #expect(initialised.status == 1)
        #expect(initialised.stderr.contains("over the 1 MB such a file may be"), "\(initialised.stderr)")
        #expect(!FileManager.default.fileExists(atPath: rehab.database))
    }

    // MARK: 10. A program that validates can always be paced

    @Test func aProgramWhoseSessionCouldNotBePacedIsRefused() throws {
        let rehab = RehabProcess(label: "round2")
        let shown = try rehab.run(["program", "show", "--json"])
        var program = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        var phases = try #require(program["phases"] as? [[String: Any]])
        var exercises = try #require(phases[1]["exercises"] as? [[String: Any]])
        // A seven-day repetition: 5000 segments of 120 s, 100 reps, 20 sets.
        exercises[0]["tempo"] = Array(repeating: ["cue": "lower", "seconds": 120], count: 5000)
        exercises[0]["reps"] = 100
        exercises[0]["sets"] = 20
        phases[1]["exercises"] = exercises
        program["phases"] = phases
        let file = rehab.folder + "/long.json"
        try JSONSerialization.data(withJSONObject: program).write(to: URL(fileURLWithPath: file))
        let r = try rehab.run(["program", "validate", file, "--json"])
        #expect(r.status == 1)
        let problems = ((r.json["errors"] as? [[String: Any]]) ?? []).compactMap { $0["problem"] as? String }
        #expect(problems.contains("has 5000 segments; a repetition has at most 8"), "\(problems)")
        #expect(problems.contains("makes one repetition last 600000 s; a repetition (or a hold) lasts at most 300 s"), "\(problems)")
        #expect(
            problems.contains { $0.hasPrefix("make a day's session last ") && $0.hasSuffix("; a session lasts at most 240 minutes") }, "\(problems)")

        // Within each limit per repetition, a day that would last over four hours is refused too.
        exercises[0]["tempo"] = [["cue": "lower", "seconds": 30], ["cue": "raise", "seconds": 30]]
        phases[1]["exercises"] = exercises
        program["phases"] = phases
        try JSONSerialization.data(withJSONObject: program).write(to: URL(fileURLWithPath: file))
        let day = try rehab.run(["program", "validate", file, "--json"])
        #expect(day.status == 1)
        let dayProblems = ((day.json["errors"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String }
        #expect(dayProblems == ["phases[1].exercises"], "\(day.stdout)")
    }

    @Test func aStandAloneTimerLongerThanASessionIsRefused() throws {
        let rehab = RehabProcess(label: "round2")
        let r = try rehab.run(["timer", "--tempo", "600-600-600-600", "--sets", "50", "--reps", "500"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("a session lasts at most 4 hours"), "\(r.stderr)")
    }

    // Issue 22, item 8: the digits are lower-hold-raise; named segments give another order.
    @Test func aTempoOfNamedSegmentsIsTakenInItsOrderAndABadOneIsExplained() throws {
        #expect(TempoPlan.segments(fromTempo: "raise5,hold2,lower5")?.map(\.cue) == ["raise", "hold", "lower"])
        #expect(TempoPlan.segments(fromTempo: "5-2-5")?.map(\.cue) == ["lower", "hold", "raise"])
        let rehab = RehabProcess(label: "round2")
        for bad in ["raise0,lower5", "raise5,,lower5", "5raise", "raise5-hold2"] {
            let r = try rehab.run(["timer", "--tempo", bad])
            #expect(r.status == 1, "\(bad)")
            #expect(
                r.stderr.contains("or named segments in order, each a word and 1-600 seconds, for example raise5,hold2,lower5"), "\(bad): \(r.stderr)"
            )
        }
        // A good one gets past the tempo (to the terminal check, in a test without one).
        let good = try rehab.run(["timer", "--tempo", "raise5,hold2,lower5"], environment: ["TERM": "xterm"])
        #expect(good.stderr.contains("needs a terminal"), "\(good.stderr)")
    }

    // Issue 22, item 11: the engine's advice names no command; each front end says how to record the visit.
    @Test func aStopSaysHowToRecordTheVisitInTheWordsOfItsFrontEnd() throws {
        let rehab = RehabProcess(label: "round2")
        try rehab.enrol()
        #expect(try rehab.run(["checkin", "--date", "2026-03-03", "--morning-pain", "1", "--red-flag", "night-pain"]).status == 0)
        let status = try rehab.run(["status", "--as-of", "2026-03-03"])
        #expect(status.stdout.contains("then record the visit."), "\(status.stdout)")
        #expect(status.stdout.contains("record it with: rehab clear-flags --seen-clinician"), "\(status.stdout)")
        #expect(!status.stdout.contains("visit with clear-flags"))
    }

    // MARK: 12. A relative XDG_DATA_HOME is ignored

    @Test func aRelativeDataHomeIsIgnoredAsTheXDGSpecificationSays() throws {
        let rehab = RehabProcess(label: "round2")
        let home = rehab.folder + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let env = ["REHAB_HOME": "", "XDG_DATA_HOME": "rel", "HOME": home]
        let r = try rehab.run(["init", "--start", "2026-03-02", "--side", "right"], environment: env, dataDirLast: false)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: home + "/.local/share/rehab/rehab.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: rehab.folder + "/rel"))
        // Run from another folder, the same data is found.
        let status = try rehab.run(["status", "--as-of", "2026-03-03"], environment: env, dataDirLast: false)
        #expect(status.status == 0, "\(status.stderr)")
    }

    // MARK: 13. REHAB_HOME naming the database file says so at once

    @Test func aDataFolderThatIsTheDatabaseFileIsNamedAsSuch() throws {
        let rehab = RehabProcess(label: "round2")
        try rehab.enrol()
        let expected =
            "rehab: \(rehab.database) is a file, but rehab needs the folder that holds its data: set REHAB_HOME (or --data-dir) to a folder, here \(rehab.dataDir).\n"
        for command in [["status", "--as-of", "2026-03-03"], ["init", "--start", "2026-03-02", "--side", "right"]] {
            let r = try rehab.run(command, environment: ["REHAB_HOME": rehab.database], dataDirLast: false)
            #expect(r.status == 2, "\(command): \(r.stderr)")
            #expect(r.stderr == expected, "\(command): \(r.stderr)")
        }
    }
}

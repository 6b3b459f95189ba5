import Foundation
import TestSupport
import Testing

/// `rehab program show / validate / use` through the binary.
@Suite struct ProgramFileTests {
    func write(_ text: String) throws -> String {
        let file = NSTemporaryDirectory() + "rehab-program-\(UUID().uuidString).json"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// The program in force as a file, with `edit` applied to its text.
    func programFile(_ rehab: RehabProcess, _ edit: (String) -> String = { $0 }) throws -> String {
        let shown = try rehab("program show --json")
        #expect(shown.status == 0)
        return try write(edit(shown.stdout))
    }

    @Test func showWithoutDataIsTheBuiltInProgramAndItsJSONIsAValidFile() throws {
        let rehab = RehabProcess()
        let shown = try rehab("program show")
        #expect(shown.status == 0)
        #expect(shown.stdout.hasPrefix("No rehab data in \(rehab.dataDir) yet: this is the built-in program"))
        #expect(shown.stdout.contains("   gate:\n     * at least 80 % of planned sessions done in the last 14 days"))
        let file = try programFile(rehab)
        let validate = try rehab.run(["program", "validate", file])
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout.contains("valid. \"Hip pain in runners: load, strengthen, return to running\" version 2: 4 phases"))
        #expect(!FileManager.default.fileExists(atPath: rehab.dataDir))
    }

    @Test func showRefusesDataItCannotRead() throws {
        let rehab = RehabProcess()
        try FileManager.default.createDirectory(atPath: rehab.dataDir, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: rehab.dataDir + "/rehab.sqlite", contents: Data(repeating: 7, count: 4096))
        let r = try rehab("program show")
        #expect(r.status == 2)
        #expect(r.stderr.contains("damaged"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func validateListsEveryErrorWithItsLine() throws {
        let rehab = RehabProcess()
        let file = try programFile(rehab) {
            $0.replacingOccurrences(of: "\"greenMaxDuring\" : 3", with: "\"greenMaxDuring\" : \"three\"")
                .replacingOccurrences(of: "\"minimumDays\" : 42", with: "\"minimumDays\" : -1")
                .replacingOccurrences(of: "\"limpingIsRed\" : true", with: "\"limpingIsRed\" : true, \"limpingIsRad\" : true")
        }
        let r = try rehab.run(["program", "validate", file])
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "rehab: \(file) has 2 errors:", "\(r.stderr)")
        #expect(lines.count == 3 && lines.dropFirst().allSatisfy { $0.hasPrefix("  line ") }, "\(r.stderr)")
        #expect(r.stderr.contains("(painZones.greenMaxDuring): expected a whole number, found text \"three\""))
        #expect(r.stderr.contains("(painZones.limpingIsRad): is not a field of the pain-zone rules (did you mean \"limpingIsRed\"?)"))
        // The numbers are judged once the structure is right.
        let fixed = try programFile(rehab) { $0.replacingOccurrences(of: "\"minimumDays\" : 42", with: "\"minimumDays\" : -1") }
        let json = try rehab.run(["program", "validate", fixed, "--json"])
        #expect(json.status == 1)
        #expect(json.json["valid"] as? Bool == false)
        #expect(json.stderr.isEmpty, "\(json.stderr)")
        let errors = json.json["errors"] as? [[String: Any]] ?? []
        #expect(errors.count == 1)
        #expect(errors.first?["path"] as? String == "phases[1].minimumDays")
        #expect(errors.first?["problem"] as? String == "must be from 0 to 365, not -1")
        #expect((errors.first?["line"] as? Int ?? 0) > 1)
    }

    @Test func useSwitchesFromADayKeepsTheHistoryAndIsShown() throws {
        let rehab = RehabProcess()
        #expect(try rehab("init --start 2026-03-02 --side right --baseline-pain 1").status == 0)
        for d in 0..<6 {
            #expect(try rehab("log --date \(date(d)) --exercise glute-bridge --sets 3 --reps 10 --pain-during 3").status == 0)
        }
        #expect(try rehab("status --as-of \(date(5)) --json").json["zones"].map { "\($0)" }?.contains("amber") == false)
        let adjusted = try programFile(rehab) {
            $0.replacingOccurrences(of: "\"greenMaxDuring\" : 3", with: "\"greenMaxDuring\" : 2")
                .replacingOccurrences(of: "\"version\" : 2", with: "\"version\" : 3")
        }
        let use = try rehab.run(["program", "use", adjusted, "--from", date(3)])
        #expect(use.status == 0, "\(use.stderr)")
        #expect(use.stdout.contains("From 2026-03-05 you follow"))
        #expect(use.stdout.contains("  painZones.greenMaxDuring: 3 -> 2\n"))

        let status = try rehab("status --as-of \(date(5)) --json").json
        let program = status["program"] as? [String: Any] ?? [:]
        #expect(program["version"] as? Int == 3 && program["since"] as? String == date(3))
        #expect((program["source"] as? String)?.hasSuffix(".json") == true)
        let zones = (status["zones"] as? [[String: Any]] ?? []).suffix(6).map { $0["zone"] as? String }
        #expect(zones == ["green", "green", "green", "amber", "amber", "amber"])
        #expect(try rehab("status --as-of \(date(5))").stdout.contains("version 3, from \(adjusted), in force since \(date(3))"))
        let show = try rehab("program show").stdout
        #expect(show.hasPrefix("In force since \(date(3)): "))
        #expect(show.contains("Before that, \(date(0)) to \(date(2)): "))
        let report = try rehab("report --to \(date(5))").stdout
        #expect(report.contains("**program**: Switched to"))
        #expect(try rehab("history --json").json["days"].map { ($0 as? [Any])?.count } == 6)
        let again = try rehab.run(["program", "use", adjusted, "--from", date(4)])
        #expect(again.status == 0 && again.stdout.hasPrefix("That program is already in force"))
    }

    @Test func aBadSwitchIsRefusedInOneSentenceAndChangesNothing() throws {
        let rehab = RehabProcess()
        #expect(try rehab("init --start 2026-03-02").status == 0)
        let before = try rehab("export --format json").stdout
        let broken = try programFile(rehab) {
            $0.replacingOccurrences(of: "\"sets\" : 3", with: "\"sets\" : 0")
                .replacingOccurrences(of: "\"amberMaxDuring\" : 5", with: "\"amberMaxDuring\" : 2")
        }
        let good = try programFile(rehab) { $0.replacingOccurrences(of: "\"version\" : 2", with: "\"version\" : 3") }
        let cases: [([String], String)] = [
            (["program", "use", broken, "--from", date(1)], "has an error at line "),
            (["program", "use", good, "--from", "2026-03-01"], "is before your program started"),
            (["program", "use", good, "--from", "2026-02-30"], "not a date on the calendar"),
            (["program", "use", good + ".missing", "--from", date(1)], "does not exist")
        ]
        for (args, message) in cases {
            let r = try rehab.run(args)
            #expect(r.status == 1, "\(args)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        }
        let brokenOutput = try rehab.run(["program", "use", broken, "--from", date(1)]).stderr
        #expect(brokenOutput.contains("more; `rehab program validate"))
        #expect(try rehab("export --format json").stdout == before)
        #expect(try rehab.run(["program", "use", good, "--from", date(5)]).status == 0)
        let earlier = try rehab.run(["program", "use", good.replacingOccurrences(of: "x", with: "x"), "--from", date(4)])
        #expect(earlier.status == 0)  // the same program: nothing to do, whatever the day
        let older = try programFile(rehab) { $0.replacingOccurrences(of: "\"version\" : 3", with: "\"version\" : 4") }
        let tooEarly = try rehab.run(["program", "use", older, "--from", date(4)])
        #expect(tooEarly.status == 1 && tooEarly.stderr.contains("before the program in force took effect (\(date(5)))"))
    }

    /// Issue 19 "Existing patients": a patient enrolled on the earlier default keeps it (no past
    /// day is re-judged), is told once that a revised default exists and how to switch, and
    /// `rehab program use default --from DAY` switches to the built-in program from that day.
    @Test func aPatientOnTheEarlierDefaultIsToldOfTheRevisionAndSwitchesFromADay() throws {
        let rehab = RehabProcess()
        // The default program as version 1 shipped it: same id, earlier version, gates without a score.
        var earlier = try JSONSerialization.jsonObject(with: Data(try rehab("program show --json").stdout.utf8)) as? [String: Any] ?? [:]
        let latest = earlier["version"] as? Int ?? 0
        earlier["version"] = latest - 1
        var outcome = earlier["outcome"] as? [String: Any] ?? [:]
        outcome["gateWithinDays"] = nil
        earlier["outcome"] = outcome
        let file = try write(String(decoding: try JSONSerialization.data(withJSONObject: earlier), as: UTF8.self))
        #expect(try rehab.run(["init", "--start", date(0), "--program", file]).status == 0)
        for d in 0..<5 {
            #expect(try rehab("log --date \(date(d)) --exercise glute-bridge --sets 3 --reps 10 --pain-during 1").status == 0)
        }
        let notice =
            "A revised default program exists (version \(latest); you follow version \(latest - 1)). "
            + "To switch to it from a day you choose: rehab program use default --from DAY."
        let before = try rehab("status --as-of \(date(4))").stdout
        #expect(before.components(separatedBy: notice).count == 2, "\(before)")

        let use = try rehab.run(["program", "use", "default", "--from", date(3)])
        #expect(use.status == 0, "\(use.stderr)")
        #expect(
            use.stdout.contains(
                "From \(date(3)) you follow \"Hip pain in runners: load, strengthen, return to running\" version \(latest) (default)"),
            "\(use.stdout)")
        let after = try rehab("status --as-of \(date(4))").stdout
        #expect(after.contains("version \(latest), from default, in force since \(date(3))"), "\(after)")
        #expect(!after.contains("A revised default program exists"))
        let json = try rehab("status --as-of \(date(2)) --json").json["program"] as? [String: Any] ?? [:]
        #expect(json["version"] as? Int == latest - 1)  // the days before the switch keep the program they were judged by
        let report = try rehab("report --to \(date(4))").stdout
        #expect(
            report.contains("**program**: Switched to \"Hip pain in runners: load, strengthen, return to running\" (version \(latest), default)"),
            "\(report)")
        let again = try rehab.run(["program", "use", "default", "--from", date(4)])
        #expect(again.status == 0 && again.stdout.hasPrefix("That program is already in force"))
    }
}

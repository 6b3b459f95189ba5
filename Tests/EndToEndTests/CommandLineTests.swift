import Foundation
import TestSupport
import Testing
import RehabCore

/// The command line end to end: simulated patients drive the real binary.
@Suite struct CommandLineTests {
    /// The activation exercises as logged by hand: id, per side, sets, amount.
    static let activationSession: [(String, Bool, Int, String)] = [
        ("glute-bridge", false, 3, "--reps 10"), ("static-abduction-lying", true, 5, "--hold-seconds 10"),
        ("static-abduction-standing", true, 5, "--hold-seconds 10"), ("hip-hitch", true, 3, "--reps 10"),
        ("hip-circles", true, 2, "--reps 8")
    ]

    /// One full activation session at the given pain, and the next morning's check-in.
    func logDay(_ rehab: RehabProcess, _ offset: Int, pain: Int = 1) throws {
        let d = date(offset)
        for (id, perSide, sets, amount) in Self.activationSession {
            for side in perSide ? ["left", "right"] : [""] {
                let sideArg = side.isEmpty ? "" : " --side \(side)"
                let r = try rehab("log --date \(d) --exercise \(id)\(sideArg) --sets \(sets) \(amount) --pain-during \(pain)")
                #expect(r.status == 0, "\(r.stderr)")
            }
        }
        #expect(try rehab("checkin --date \(date(offset + 1)) --morning-pain 1").status == 0)
    }

    func enrol(_ rehab: RehabProcess) throws {
        let r = try rehab("init --start \(date(0)) --side right --baseline-pain 1")
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func fourteenGoodDaysPassTheActivationGate() throws {
        let rehab = RehabProcess()
        try enrol(rehab)
        for d in 0..<14 { try logDay(rehab, d) }
        for side in ["left", "right"] {
            #expect(try rehab("test --date \(date(13)) --name single-leg-stance --side \(side) --value 32 --pain 1").status == 0)
        }
        #expect(try rehab("score --date \(date(13)) --score 70").status == 0)
        let status = try rehab("status --as-of \(date(13)) --json")
        #expect(status.status == 0)
        #expect(status.json["phase"] as? String == "activation")
        #expect(status.json["daysInPhase"] as? Int == 14)
        #expect(status.json["eligibleToAdvance"] as? Bool == true, "\(status.stdout)")
        #expect((status.json["requiredTests"] as? [Any])?.isEmpty == true)
        #expect((status.json["zones"] as? [[String: Any]])?.count == 14)

        let advance = try rehab("advance --as-of \(date(14))")
        #expect(advance.status == 0, "\(advance.stderr)")
        #expect(try rehab("status --as-of \(date(14)) --json").json["phase"] as? String == "strengthening")
        let plan = try rehab("plan --as-of \(date(14)) --json").json
        let ids = (plan["exercises"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(ids.contains("goblet-squat"))
    }

    /// CLINICAL-RULES "Outcome questionnaire": a gate whose other criteria are met asks for a
    /// VISA-G score when none was recorded in the last 7 days, and opens once one is.
    @Test func theGateAsksForAVISAGScoreOnceEverythingElseIsMet() throws {
        let rehab = RehabProcess()
        try enrol(rehab)
        // A score before the window does not count: the gate wants how the hip is now.
        #expect(try rehab("score --date \(date(2)) --score 55").status == 0)
        for d in 0..<14 { try logDay(rehab, d) }
        for side in ["left", "right"] {
            #expect(try rehab("test --date \(date(13)) --name single-leg-stance --side \(side) --value 32 --pain 1").status == 0)
        }
        let json = try rehab("status --as-of \(date(13)) --json").json
        #expect(json["eligibleToAdvance"] as? Bool == false)
        #expect(json["outcomeDue"] as? Bool == true)
        let criteria = json["criteria"] as? [[String: Any]] ?? []
        let unmet = criteria.filter { $0["met"] as? Bool == false }
        #expect(unmet.compactMap { $0["id"] as? String } == ["outcome-score"], "\(criteria)")
        let text = try rehab("status --as-of \(date(13))").stdout
        #expect(text.contains("  [ ] VISA-G score needed: none recorded in the last 7 days"), "\(text)")
        #expect(text.contains("your clinician or the published questionnaire gives the total"))
        #expect(text.contains("Your VISA-G score is due: rehab score --date \(date(13)) --score N"))
        let refused = try rehab("advance --as-of \(date(14))")
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("VISA-G"), "\(refused.stderr)")

        #expect(try rehab("score --date \(date(8)) --score 68").status == 0)
        let after = try rehab("status --as-of \(date(13)) --json").json
        #expect(after["eligibleToAdvance"] as? Bool == true, "\(after)")
        #expect(after["outcomeDue"] as? Bool == false)
        #expect(try rehab("status --as-of \(date(13))").stdout.contains("  [x] VISA-G score 68 recorded on \(date(8)) (within 7 days)"))
        #expect(try rehab("advance --as-of \(date(14))").status == 0)
    }

    /// The score is asked for only once the rest of the gate is met: an unmet gate lists no score.
    @Test func anUnmetGateDoesNotAskForTheScoreYet() throws {
        let rehab = RehabProcess()
        try enrol(rehab)
        for d in 0..<3 { try logDay(rehab, d) }
        let criteria = try rehab("status --as-of \(date(2)) --json").json["criteria"] as? [[String: Any]] ?? []
        #expect(!criteria.isEmpty && !criteria.contains { $0["id"] as? String == "outcome-score" })
    }

    @Test func painSixKeepsTheGateShut() throws {
        let rehab = RehabProcess()
        try enrol(rehab)
        for d in 0..<14 { try logDay(rehab, d, pain: d == 12 ? 6 : 1) }
        for side in ["left", "right"] {
            try rehab("test --date \(date(13)) --name single-leg-stance --side \(side) --value 32 --pain 1")
        }
        let status = try rehab("status --as-of \(date(13)) --json").json
        #expect(status["eligibleToAdvance"] as? Bool == false)
        let unmet = (status["criteria"] as? [[String: Any]] ?? []).filter { $0["met"] as? Bool == false }.compactMap { $0["id"] as? String }
        #expect(unmet.contains("no-red-days"))
        let advance = try rehab("advance --as-of \(date(14))")
        #expect(advance.status == 3)
        #expect(advance.stderr.contains("red day"))
        #expect(try rehab("status --as-of \(date(14)) --json").json["phase"] as? String == "activation")
    }

    @Test func aRedFlagPausesUntilAClinicianIsSeen() throws {
        let rehab = RehabProcess()
        try enrol(rehab)
        try logDay(rehab, 0)
        let checkin = try rehab("checkin --date \(date(1)) --morning-pain 3 --red-flag cannot-bear-weight")
        #expect(checkin.status == 0)
        #expect(checkin.stdout.contains("urgent care"))
        let status = try rehab("status --as-of \(date(1)) --json").json
        #expect(status["paused"] as? Bool == true)
        #expect((status["pauseReason"] as? String)?.contains("urgent care") == true)
        #expect((status["redFlags"] as? [[String: Any]])?.first?["id"] as? String == "cannot-bear-weight")
        #expect(try rehab("plan --as-of \(date(1)) --json").json["stopped"] as? Bool == true)
        #expect(try rehab("clear-flags --date \(date(2))").status != 0)
        #expect(try rehab("clear-flags --date \(date(2)) --seen-clinician").status == 0)
        #expect(try rehab("status --as-of \(date(2)) --json").json["paused"] as? Bool == false)
    }

    @Test func anOverrideNeedsAReasonAndIsKept() throws {
        let rehab = RehabProcess()
        try enrol(rehab)
        #expect(try rehab.run(["advance", "--as-of", date(3), "--override", "ok"]).status != 0)
        let r = try rehab.run(["advance", "--as-of", date(3), "--override", "Physio assessed strength in clinic"])
        #expect(r.status == 0, "\(r.stderr)")
        let export = try rehab("export --format json")
        #expect(export.stdout.contains("Physio assessed strength in clinic"))
    }

    @Test func badInputGetsOneSentenceAndWritesNothing() throws {
        let rehab = RehabProcess()
        let before = try rehab("log --date 2026-03-02 --exercise glute-bridge --sets 3 --reps 10")
        #expect(before.status != 0)
        #expect(before.stderr.contains("rehab init"))
        try enrol(rehab)
        let cases: [(String, String)] = [
            ("log --date 2026-03-02 --exercise glute-bridge --sets 3 --reps 10 --pain-during 11", "0 (none) to 10"),
            ("log --date 2026-02-30 --exercise glute-bridge --sets 3 --reps 10", "not a date on the calendar"),
            ("log --date 03/02/2026 --exercise glute-bridge --sets 3 --reps 10", "YYYY-MM-DD"),
            ("log --date 2026-03-02 --exercise moonwalk --sets 3 --reps 10", "Unknown exercise \"moonwalk\""),
            ("log --date 2026-03-02 --exercise glute-bridge --sets 3 --reps 501", "--reps must be from 1 to 500"),
            ("log --date 2026-03-02 --exercise glute-bridge --sets 0 --reps 10", "--sets must be from 1 to 50"),
            ("log --date 2026-03-01 --exercise glute-bridge --sets 3 --reps 10", "before your program started"),
            ("log --date 2026-03-02 --exercise hip-hitch --sets 3 --reps 10", "--side is needed"),
            ("test --date 2026-03-02 --name bogus-test --value 3 --pain 0", "Unknown test \"bogus-test\""),
            ("checkin --date 2026-03-03 --morning-pain 2 --red-flag alien-abduction", "Unknown red flag"),
            ("log --date 2026-03-02 --run-stage 1 --minutes 20 --pain-during 1", "return-to-run phase")
        ]
        for (line, message) in cases {
            let r = try rehab(line)
            #expect(r.status != 0, "\(line) was accepted")
            #expect(r.stderr.contains(message), "\(line): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(line): \(r.stderr)")
        }
        let history = try rehab("history --json").json
        #expect((history["days"] as? [Any])?.isEmpty == true)
    }

    @Test func aBrokenProgramFileIsRefusedWithItsLocation() throws {
        let rehab = RehabProcess()
        let file = NSTemporaryDirectory() + "broken-\(UUID().uuidString).json"
        try "{\n  \"id\": \"x\",\n  \"name\": \"x\"\n  \"version\": 1\n}\n".write(toFile: file, atomically: true, encoding: .utf8)
        let r = try rehab.run(["init", "--start", "2026-03-02", "--program", file])
        #expect(r.status != 0)
        #expect(r.stderr.contains("line 4"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: rehab.dataDir + "/rehab.sqlite"))
        let validate = try rehab.run(["program", "validate", file])
        #expect(validate.status != 0 && validate.stderr.contains("line 4"))
    }

    @Test func aCorruptDatabaseIsReportedNotReplaced() throws {
        let rehab = RehabProcess()
        try FileManager.default.createDirectory(atPath: rehab.dataDir, withIntermediateDirectories: true)
        let junk = Data(repeating: 0x42, count: 8192)
        FileManager.default.createFile(atPath: rehab.dataDir + "/rehab.sqlite", contents: junk)
        let r = try rehab("status --as-of 2026-03-02")
        #expect(r.status == 2)
        #expect(r.stderr.contains("damaged"))
        #expect(FileManager.default.contents(atPath: rehab.dataDir + "/rehab.sqlite") == junk)
    }

    @Test func thePlanSaysHowToDoEachExercise() throws {
        let rehab = RehabProcess()
        try enrol(rehab)
        let text = try rehab("plan --as-of \(date(0))").stdout
        #expect(
            text.contains(
                "      On your back, knees bent, hip-width apart. Lift the hips until knees,\n      hips and shoulders line up. Do not let the knees fall in or together."
            ), "\(text)")
        let items = try rehab("plan --as-of \(date(0)) --json").json["exercises"] as? [[String: Any]] ?? []
        #expect(items.first?["how"] as? String == ProgramLoader.defaultProgram().phases[0].exercises[0].how)
    }

    @Test func weekAndExportsDescribeTheLoggedDays() throws {
        let rehab = RehabProcess()
        try enrol(rehab)
        for d in 0..<3 { try logDay(rehab, d, pain: d == 1 ? 4 : 2) }
        let week = try rehab("week --as-of \(date(2)) --json").json
        #expect(week["weekStart"] as? String == "2026-03-02")
        #expect(week["sessionsDone"] as? Int == 3)
        let days = week["days"] as? [[String: Any]] ?? []
        #expect(days.count == 7)
        #expect(days[1]["zone"] as? String == "amber")
        #expect(days[1]["painDuring"] as? Int == 4)
        #expect(days[0]["nextMorningPain"] as? Int == 1)
        // Work per kind, and the gate as it stood on the day asked, as the Week screen shows them.
        let reps = week["reps"] as? Int ?? 0, held = week["holdSeconds"] as? Int ?? 0
        #expect(reps > 0 && held > 0 && week["volume"] as? Int == reps + held)
        #expect((week["work"] as? String)?.hasPrefix("\(reps) reps · ") == true, "\(week)")
        let gate = week["gate"] as? [String: Any]
        #expect(gate?["asOf"] as? String == date(2) && (gate?["criteria"] as? [Any])?.isEmpty == false, "\(week)")
        let text = try rehab("week --as-of \(date(2))").stdout
        #expect(text.contains("\(reps) reps · ") && text.contains("Gate on ") && !text.contains("volume"), "\(text)")
        let csv = try rehab("export --format csv")
        // 3 days x 33 sets (one row each), plus the header and the final line end.
        #expect(csv.stdout.components(separatedBy: "\r\n").count == 3 * 33 + 2)
        let out = rehab.dataDir + "/../export.json"
        #expect(try rehab.run(["export", "--format", "json", "--out", out]).status == 0)
        let mode = (try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
    }

    @Test func weekHeaderLinesUpWithItsColumns() throws {
        let rehab = RehabProcess()
        try enrol(rehab)
        try logDay(rehab, 0, pain: 2)
        #expect(try rehab("checkin --date \(date(1)) --morning-pain 10").status == 0)  // a two-digit value
        let lines = try rehab("week --as-of \(date(1))").stdout.split(separator: "\n").map { Array($0) }
        let header = try #require(lines.firstIndex { String($0).hasPrefix("day ") })
        // Where each header label starts; every row has a value starting at each of those columns.
        let starts = lines[header].indices.filter { $0 == 0 || (lines[header][$0] != " " && lines[header][$0 - 1] == " ") }
        #expect(starts.count == 6, "\(String(lines[header]))")
        let rows = lines[(header + 1)...].prefix(7)
        #expect(rows.count == 7)
        for row in rows {
            let misplaced = starts.filter { !($0 < row.count && row[$0] != " " && ($0 == 0 || row[$0 - 1] == " ")) }
            #expect(misplaced.isEmpty, "no value starts at columns \(misplaced):\n\(String(lines[header]))\n\(String(row))")
        }
    }

    @Test func theDataFolderMayComeBeforeTheCommand() throws {
        let rehab = RehabProcess()
        let r = try rehab.run(["--data-dir", rehab.dataDir, "init", "--start", date(0)], dataDirLast: false)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: rehab.dataDir + "/rehab.sqlite"))
        let status = try rehab.run(["--data-dir=\(rehab.dataDir)", "status", "--as-of", date(1), "--json"], dataDirLast: false)
        #expect(status.json["phase"] as? String == "activation", "\(status.stderr)")
        // The same folder on both sides is fine; two different folders are refused, naming both.
        #expect(try rehab.run(["--data-dir", rehab.dataDir, "week", "--as-of", date(1)]).status == 0)
        let other = rehab.dataDir + "-other"
        let both = try rehab.run(["--data-dir", other, "week", "--as-of", date(1)])
        #expect(both.status == 1)
        #expect(both.stderr.contains("--data-dir is given twice") && both.stderr.contains(other), "\(both.stderr)")
        #expect(!FileManager.default.fileExists(atPath: other))
    }

    @Test func aSecondInitIsBadInputAndChangesNothing() throws {
        let rehab = RehabProcess()
        try enrol(rehab)
        let again = try rehab("init --start \(date(5)) --side left")
        #expect(again.status == 1)
        #expect(again.stderr.contains("already set up in \(rehab.dataDir)"), "\(again.stderr)")
        #expect(again.stderr.contains("another --data-dir") && again.stderr.contains("rehab restore"), "\(again.stderr)")
        #expect(again.stderr.split(separator: "\n").count == 1)
        #expect(try rehab("status --as-of \(date(5)) --json").json["phaseStart"] as? String == date(0))
    }

    @Test func checkinHelpListsTheRedFlags() throws {
        let help = try RehabProcess().run(["checkin", "--help"])
        #expect(help.stdout.contains("cannot-bear-weight"))
        #expect(help.stdout.contains("night-pain"))
    }
}

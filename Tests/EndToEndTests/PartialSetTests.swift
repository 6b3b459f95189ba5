import Foundation
import TestSupport
import Testing

/// Sets that ended before their prescription was done (cut short, skipped, stopped for pain), as
/// the timer saves them, through the binary: what the record says and what they count for.
@Suite struct PartialSetTests {
    /// The activation phase's exercises, sides and doses in the default program.
    static let activation: [(id: String, sides: [String?], sets: Int, reps: Int?, hold: Int?)] = [
        ("glute-bridge", [nil], 3, 10, nil), ("static-abduction-lying", ["left", "right"], 5, nil, 10),
        ("static-abduction-standing", ["left", "right"], 5, nil, 10), ("hip-hitch", ["left", "right"], 3, 10, nil),
        ("hip-circles", ["left", "right"], 2, 8, nil)
    ]

    /// One set as the timer saves it: one entry, `done` of its prescription, `ended` when less.
    static func timerSet(
        _ day: String, _ id: String, side: String?, done: Int, planned: Int, hold: Bool = false,
        ended: String? = nil, painDuring: Int? = nil
    ) -> [String: Any] {
        var e: [String: Any] = ["date": day, "exerciseID": id, "sets": 1, hold ? "holdSeconds" : "reps": done]
        if let side { e["side"] = side }
        if let ended { e["ended"] = ended; e["planned"] = planned }
        if let painDuring { e["painDuring"] = painDuring }
        return e
    }

    /// Every prescribed set of an activation day, each done `share` of its prescription (rounded down).
    static func activationDay(_ day: String, ended: String?, share: (Int) -> Int) -> [[String: Any]] {
        activation.flatMap { x in
            x.sides.flatMap { side in
                (0..<x.sets).map { _ in
                    let planned = x.reps ?? x.hold!
                    return timerSet(day, x.id, side: side, done: share(planned), planned: planned, hold: x.hold != nil, ended: ended)
                }
            }
        }
    }

    /// A patient enrolled on 2026-03-02 whose data then gets `exercises` through `rehab import`.
    static func patient(importing exercises: [[String: Any]]) throws -> (RehabProcess, RehabProcess.Result) {
        let rehab = RehabProcess()
        #expect(try rehab("init --start 2026-03-02 --side left").status == 0)
        var doc = try #require(try JSONSerialization.jsonObject(with: Data(rehab("export --format json").stdout.utf8)) as? [String: Any])
        doc["exercises"] = exercises
        let file = rehab.folder + "/timer-sets.json"
        try JSONSerialization.data(withJSONObject: doc).write(to: URL(fileURLWithPath: file))
        return (rehab, try rehab.run(["import", file]))
    }

    /// Hip hitch on the left: set 1 done, set 2 cut short at 7 of 10, set 3 stopped for pain at 4;
    /// the glute bridge's first set skipped. Then three whole sets on the right.
    static var mixedDay: [[String: Any]] {
        [
            timerSet("2026-03-03", "hip-hitch", side: "left", done: 10, planned: 10),
            timerSet("2026-03-03", "hip-hitch", side: "left", done: 7, planned: 10, ended: "cut-short"),
            timerSet("2026-03-03", "hip-hitch", side: "left", done: 4, planned: 10, ended: "stopped-for-pain", painDuring: 6),
            timerSet("2026-03-03", "glute-bridge", side: nil, done: 0, planned: 10, ended: "skipped"),
            timerSet("2026-03-03", "hip-hitch", side: "right", done: 10, planned: 10),
            timerSet("2026-03-03", "hip-hitch", side: "right", done: 10, planned: 10),
            timerSet("2026-03-03", "hip-hitch", side: "right", done: 10, planned: 10)
        ]
    }

    @Test func historySaysWhatEachSetDidNumberedAsTheCommandLineNumbersThem() throws {
        let (rehab, imported) = try Self.patient(importing: Self.mixedDay)
        #expect(imported.status == 0, "\(imported.stderr)")
        let history = try rehab("history").stdout
        for line in [
            "  hip-hitch (left): set 1: 10 reps", "  hip-hitch (left): set 2: 7 of 10 reps, cut short",
            "  hip-hitch (left): set 3: 4 of 10 reps, stopped for pain, pain 6", "  glute-bridge: set 1: skipped (0 of 10 reps)",
            "  hip-hitch (right): set 1: 10 reps", "  hip-hitch (right): set 2: 10 reps", "  hip-hitch (right): set 3: 10 reps"
        ] {
            #expect(history.components(separatedBy: "\n").contains(line), "missing \"\(line)\" in:\n\(history)")
        }
        // A hand-logged entry of several sets goes on numbering after them.
        #expect(try rehab("log --date 2026-03-03 --exercise hip-hitch --side right --sets 2 --reps 10").status == 0)
        #expect(try rehab("history").stdout.contains("  hip-hitch (right): sets 4-5: 2 x 10 reps\n"))

        let days = try #require(rehab("history --json").json["days"] as? [[String: Any]])
        let sets = try #require(days.first?["exercises"] as? [[String: Any]])
        #expect(sets[1]["ended"] as? String == "cut-short" && sets[1]["planned"] as? Int == 10 && sets[1]["reps"] as? Int == 7)
        #expect(sets[3]["ended"] as? String == "skipped" && sets[3]["reps"] as? Int == 0)
        #expect(sets[0]["ended"] == nil && sets[0]["planned"] == nil)
    }

    @Test func csvHasARowPerSetNumberedWithWhatWasPlannedAndHowItEnded() throws {
        let (rehab, imported) = try Self.patient(importing: Self.mixedDay)
        #expect(imported.status == 0, "\(imported.stderr)")
        let lines = try rehab("export --format csv").stdout.components(separatedBy: "\r\n")
        #expect(lines[0] == "date,kind,exercise,side,set,reps,hold_seconds,load_kg,pain_during,pain_after,run_stage,minutes,note,planned,ended")
        #expect(
            Array(lines[1...7]) == [
                "2026-03-03,exercise,hip-hitch,left,1,10,,,,,,,,,",
                "2026-03-03,exercise,hip-hitch,left,2,7,,,,,,,,10,cut-short",
                "2026-03-03,exercise,hip-hitch,left,3,4,,,6,,,,,10,stopped-for-pain",
                "2026-03-03,exercise,glute-bridge,,1,0,,,,,,,,10,skipped",
                "2026-03-03,exercise,hip-hitch,right,1,10,,,,,,,,,",
                "2026-03-03,exercise,hip-hitch,right,2,10,,,,,,,,,",
                "2026-03-03,exercise,hip-hitch,right,3,10,,,,,,,,,"
            ])
    }

    @Test func theJSONExportCarriesHowSetsEndedAndReadsBackToTheSameBytes() throws {
        let (rehab, imported) = try Self.patient(importing: Self.mixedDay)
        #expect(imported.status == 0, "\(imported.stderr)")
        let first = try rehab("export --format json").stdout
        #expect(first.contains("\"ended\" : \"stopped-for-pain\""))
        // A set done as prescribed carries neither field: older exports stay as they were.
        #expect(first.components(separatedBy: "\"planned\"").count - 1 == 3)
        let file = rehab.folder + "/again.json"
        try first.write(toFile: file, atomically: true, encoding: .utf8)
        let copy = RehabProcess()
        #expect(try copy.run(["import", file]).status == 0)
        #expect(try copy("export --format json").stdout == first)
    }

    @Test func anImportRefusesASetThatEndedEarlyWithoutItsPrescriptionOrWithMoreThanIt() throws {
        let cases: [([String: Any], String)] = [
            (["ended": "cut-short"], "exercises[0]: A set cut short must say what was planned: the repetitions prescribed per set."),
            (["ended": "cut-short", "planned": 5], "exercises[0]: A set records 7 repetitions done of 5 planned: never more than was planned."),
            (["planned": 10], "exercises[0]: planned (10) is given only for a set that ended early"),
            (["ended": "gave-up", "planned": 10], "exercises[0].ended"),
            (["ended": "cut-short", "planned": 2.5], "exercises[0].planned")
        ]
        for (fields, message) in cases {
            var set = Self.timerSet("2026-03-03", "hip-hitch", side: "left", done: 7, planned: 10)
            set.merge(fields) { $1 }
            let (rehab, imported) = try Self.patient(importing: [set])
            #expect(imported.status == 1, "\(fields)")
            #expect(imported.stderr.contains(message), "\(fields): \(imported.stderr)")
            #expect(try rehab("history").stdout == "Nothing logged in that period.\n")
        }
        // A set done as prescribed still needs a repetition; one that ended early may have none.
        let (_, none) = try Self.patient(importing: [Self.timerSet("2026-03-03", "hip-hitch", side: "left", done: 0, planned: 10)])
        #expect(none.status == 1 && none.stderr.contains("exercises[0].reps must be from 1 to 500, not 0"), "\(none.stderr)")
    }

    @Test func setsWithNothingDoneTickNothingAndEarnNoSession() throws {
        let (rehab, imported) = try Self.patient(importing: Self.activationDay("2026-03-02", ended: "skipped", share: { _ in 0 }))
        #expect(imported.status == 0, "\(imported.stderr)")
        let plan = try rehab("plan --as-of 2026-03-02").stdout
        #expect(!plan.contains("[x]") && plan.components(separatedBy: "[ ]").count - 1 == 5, "\(plan)")
        let day = try #require((rehab("week --as-of 2026-03-02 --json").json["days"] as? [[String: Any]])?.first)
        #expect(day["sessionDone"] as? Bool == false && day["volume"] as? Int == 0)
        // What a new entry earns counts the complete sets only: 3 of the 33 prescribed.
        let log = try rehab("log --date 2026-03-02 --exercise glute-bridge --sets 3 --reps 10")
        #expect(log.stderr.contains("note: 2026-03-02: 3 of 33 prescribed sets done in full; 22 make a session."), "\(log.stderr)")
    }

    @Test func setsCutShortCountTheirWorkButNoSession() throws {
        let (rehab, imported) = try Self.patient(importing: Self.activationDay("2026-03-02", ended: "cut-short", share: { $0 / 2 }))
        #expect(imported.status == 0, "\(imported.stderr)")
        let day = try #require((rehab("week --as-of 2026-03-02 --json").json["days"] as? [[String: Any]])?.first)
        // Half of each: 3 x 5 + 10 x 5 + 10 x 5 + 6 x 5 + 4 x 4 repetitions and seconds.
        #expect(day["volume"] as? Int == 161)
        // Repetitions and seconds held are given apart, as the Week screen shows them.
        let reps = try #require(day["reps"] as? Int), held = try #require(day["holdSeconds"] as? Int)
        #expect(reps > 0 && held > 0 && reps + held == 161, "\(day)")
        #expect(day["sessionDone"] as? Bool == false)
        #expect(try rehab("plan --as-of 2026-03-02").stdout.components(separatedBy: "[x]").count - 1 == 5)
        let report = try rehab("report --to 2026-03-08").stdout
        #expect(report.contains("Adherence: 0 of 7 planned sessions"), "\(report)")
        // The same day done whole is a session.
        let (whole, _) = try Self.patient(importing: Self.activationDay("2026-03-02", ended: nil, share: { $0 }))
        #expect((try whole("week --as-of 2026-03-02 --json").json["days"] as? [[String: Any]])?.first?["sessionDone"] as? Bool == true)
    }

    @Test func theReportShowsSetsNotFinishedAndEachSetStoppedForPain() throws {
        let (rehab, imported) = try Self.patient(importing: Self.mixedDay)
        #expect(imported.status == 0, "\(imported.stderr)")
        let md = try rehab("report --to 2026-03-08").stdout
        #expect(md.contains("- Sets not finished: 1 cut short, 1 skipped, 1 stopped for pain (see the flags)"), "\(md)")
        #expect(
            md.contains(
                "| 2026-03-03 | Hip hitch | left | 1 | 1 | 0 | **1** | set 2: 7 of 10 reps, cut short; set 3: 4 of 10 reps, stopped for pain |"),
            "\(md)")
        #expect(md.contains("| 2026-03-03 | Glute bridge | - | 0 | 0 | 1 | 0 | set 1: skipped (0 of 10 reps) |"), "\(md)")
        #expect(!md.contains("| Hip hitch | right |"), "the right side's sets were all done")
        #expect(md.contains("- 2026-03-03 **stopped for pain**: Hip hitch (left), set 3: 4 of 10 reps, stopped for pain, pain 6"), "\(md)")
        let html = try rehab("report --to 2026-03-08 --format html").stdout
        #expect(html.contains("<h2>Sets not finished</h2>"))
        #expect(
            html.contains("<tr class=\"stopped-for-pain\"><td>2026-03-03</td><td><b>stopped for pain</b> Hip hitch (left), set 3: 4 of 10 reps"),
            "\(html)")
        #expect(html.contains("<li class=\"alert\">Sets not finished: 1 cut short, 1 skipped, 1 stopped for pain"))

        let (plain, _) = try Self.patient(importing: Array(Self.mixedDay.suffix(3)))
        let none = try plain("report --to 2026-03-08").stdout
        #expect(none.contains("## Sets not finished\n\nNone in this period: every set logged was done as prescribed."))
        let noneHTML = try plain("report --to 2026-03-08 --format html").stdout
        #expect(!none.contains("- Sets not finished") && !noneHTML.contains("Sets not finished"))
    }
}

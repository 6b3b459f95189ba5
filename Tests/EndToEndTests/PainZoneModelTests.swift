import Foundation
import TestSupport
import Testing

/// The daily pain zone as the pain-monitoring model has it (CLINICAL-RULES, "Pain scale and daily
/// pain zone"), through the binary: pain after with its own bounds, a baseline that cannot follow
/// a worsening tendon up, and morning pain judged week to week.
@Suite struct PainZoneModelTests {
    static let start = "2026-09-07"
    func d(_ offset: Int) -> String { date(offset, from: Self.start) }

    func patient(baseline: Int = 1, program: String? = nil) throws -> RehabProcess {
        let rehab = RehabProcess()
        let r = try rehab.run(
            ["init", "--start", d(0), "--side", "right", "--baseline-pain", "\(baseline)"] + (program.map { ["--program", $0] } ?? []))
        #expect(r.status == 0, "\(r.stderr)")
        return rehab
    }

    func bridge(_ rehab: RehabProcess, _ day: Int, during: Int, after: Int) throws {
        let r = try rehab.run([
            "log", "--date", d(day), "--exercise", "glute-bridge", "--sets", "3", "--reps", "10",
            "--pain-during", "\(during)", "--pain-after", "\(after)"
        ])
        #expect(r.status == 0, "\(r.stderr)")
    }

    func checkIn(_ rehab: RehabProcess, _ day: Int, _ pain: Int) throws {
        let r = try rehab.run(["checkin", "--date", d(day), "--morning-pain", "\(pain)"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    /// The zone of `day` as `status` gives it, with its reason.
    func zone(_ rehab: RehabProcess, _ day: Int, asOf: Int) throws -> (String?, String?) {
        let zones = try rehab.run(["status", "--as-of", d(asOf), "--json"]).json["zones"] as? [[String: Any]] ?? []
        let z = zones.first { $0["date"] as? String == d(day) }
        return (z?["zone"] as? String, z?["reason"] as? String)
    }

    /// The built-in program as a file, edited as JSON.
    func programFile(_ edit: (inout [String: Any]) -> Void) throws -> String {
        let shown = try RehabProcess().run(["program", "show", "--json"])
        var program = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        edit(&program)
        let file = NSTemporaryDirectory() + "rehab-program-\(UUID().uuidString).json"
        try JSONSerialization.data(withJSONObject: program).write(to: URL(fileURLWithPath: file))
        return file
    }

    // MARK: Pain after

    @Test func painAfterHasItsOwnBoundsAndARiseFromDuringIsNotAmberByItself() throws {
        let rehab = try patient()
        try bridge(rehab, 0, during: 0, after: 1)
        try bridge(rehab, 1, during: 0, after: 4)
        try bridge(rehab, 2, during: 2, after: 6)
        for day in 1...3 { try checkIn(rehab, day, 1) }
        #expect(try zone(rehab, 0, asOf: 3).0 == "green")
        let amber = try zone(rehab, 1, asOf: 3)
        #expect(amber.0 == "amber" && amber.1 == "pain after exercise 4 is above 3", "\(amber)")
        let red = try zone(rehab, 2, asOf: 3)
        #expect(red.0 == "red" && red.1 == "pain after exercise 6 is above 5", "\(red)")
    }

    @Test func aProgramFileWithoutTheNewFieldsKeepsTodaysZones() throws {
        let older = try programFile { p in
            var zones = p["painZones"] as! [String: Any]
            for key in ["greenMaxAfter", "amberMaxAfter", "runGreenMaxAfter", "runAmberMaxAfter"] { zones[key] = nil }
            p["painZones"] = zones
            var baseline = p["baseline"] as! [String: Any]
            baseline["capAboveEnrolment"] = nil
            p["baseline"] = baseline
            p["weekToWeek"] = nil
        }
        let rehab = try patient(program: older)
        try bridge(rehab, 0, during: 0, after: 1)
        try checkIn(rehab, 1, 1)
        let z = try zone(rehab, 0, asOf: 1)
        #expect(z.0 == "amber" && z.1 == "pain rose after exercise (0 during, 1 after)", "\(z)")
        // No cap: the baseline follows the mornings up, so a slow rise is never red; no week rule.
        for day in 1...21 { try checkIn(rehab, day, 1 + (day - 1) * 5 / 20) }
        let status = try rehab.run(["status", "--as-of", d(21), "--json"]).json
        #expect(status["paused"] as? Bool == false)
        #expect(status["risingWeek"] == nil)
    }

    // MARK: Baseline cap

    @Test func aSlowlyWorseningPatientIsPausedAndReferred() throws {
        let rehab = try patient(baseline: 1)
        // Morning pain from 1 to 6 over three weeks, exercising gently every day.
        for day in 0...20 {
            try bridge(rehab, day, during: 2, after: 2)
            try checkIn(rehab, day + 1, 1 + day * 5 / 20)
        }
        let status = try rehab.run(["status", "--as-of", d(21)])
        #expect(status.stdout.contains("PAUSED: ") && status.stdout.contains("see your physiotherapist or doctor"), "\(status.stdout)")
        // The usual morning pain stays at the enrolment value + 1: a morning of 4 is red.
        let fourth = try zone(rehab, 12, asOf: 13)
        #expect(fourth.0 == "red" && fourth.1 == "next-morning pain 4 is more than 1 above your usual 2", "\(fourth)")
    }

    // MARK: Week to week

    /// Morning pain 0 in the first week, 1 in the second, 2 in the third: each day's zone stays
    /// within a point of the usual, only the weeks show the rise.
    func risingMornings(_ rehab: RehabProcess, through last: Int) throws {
        for day in 1...last { try checkIn(rehab, day, (day - 1) / 7) }
    }

    @Test func aRisingWeekHoldsLoadsAndTheGate() throws {
        // A phase whose gate is always met, so only the week can hold it.
        let open = try programFile { p in
            var phases = p["phases"] as! [[String: Any]]
            phases[0]["minimumDays"] = 0
            phases[0]["gate"] = [Any]()
            p["phases"] = phases
        }
        let rehab = try patient(baseline: 0, program: open)
        for day in 0...13 { try bridge(rehab, day, during: 1, after: 1) }
        try risingMornings(rehab, through: 14)
        #expect(try zone(rehab, 13, asOf: 14).0 == "green")

        let status = try rehab.run(["status", "--as-of", d(14)])
        #expect(
            status.stdout.contains(
                "LOADS HELD: morning pain is rising week to week: a median of 1 over the 7 days to \(d(14)), up from 0 the 7 days before"),
            "\(status.stdout)")
        #expect(status.stdout.contains("Not ready to advance yet."))
        let json = try rehab.run(["status", "--as-of", d(14), "--json"]).json
        #expect(json["eligibleToAdvance"] as? Bool == false)
        #expect((json["risingWeek"] as? [String: Any])?["median"] as? Double == 1)
        let plan = try rehab.run(["plan", "--as-of", d(14), "--json"]).json
        let advice = (plan["exercises"] as? [[String: Any]] ?? []).map { $0["advice"] as? String }
        #expect(!advice.isEmpty && advice.allSatisfy { $0 == "repeat" }, "\(advice)")
        #expect((plan["message"] as? String)?.contains("Loads held: morning pain is rising week to week") == true, "\(plan)")
        let advance = try rehab.run(["advance", "--as-of", d(14)])
        #expect(advance.status == 3 && advance.stderr.contains("morning pain is rising week to week"), "\(advance.stderr)")
        let week = try rehab.run(["week", "--as-of", d(14)])
        #expect(week.stdout.contains("Loads held: morning pain is rising week to week"), "\(week.stdout)")
        #expect(try rehab.run(["report", "--to", d(14)]).stdout.contains("LOADS HELD: morning pain is rising week to week"))

        // A week of steady mornings lets the gate open again (with the gate's VISA-G score).
        for day in 15...21 { try checkIn(rehab, day, 1) }
        #expect(try rehab.run(["score", "--date", d(20), "--score", "70"]).status == 0)
        #expect(try rehab.run(["status", "--as-of", d(21), "--json"]).json["eligibleToAdvance"] as? Bool == true)
    }

    @Test func twoRisingWeeksInARowPause() throws {
        let rehab = try patient(baseline: 0)
        for day in 0...20 { try bridge(rehab, day, during: 1, after: 1) }
        try risingMornings(rehab, through: 21)
        let zones = try rehab.run(["status", "--as-of", d(21), "--json"]).json["zones"] as? [[String: Any]] ?? []
        #expect(!zones.contains { $0["zone"] as? String == "red" }, "no red day: the weeks alone pause")
        let status = try rehab.run(["status", "--as-of", d(21), "--json"]).json
        #expect(status["paused"] as? Bool == true)
        #expect((status["pauseReason"] as? String)?.hasPrefix("2 weeks in a row of rising morning pain") == true, "\(status)")
        #expect((status["pauseReason"] as? String)?.contains("see your physiotherapist or doctor") == true)
        #expect(try rehab.run(["status", "--as-of", d(14), "--json"]).json["paused"] as? Bool == false)
        // A clinician visit lifts it; the weeks are counted afresh after it.
        #expect(try rehab.run(["clear-flags", "--date", d(22), "--seen-clinician"]).status == 0)
        #expect(try rehab.run(["status", "--as-of", d(22), "--json"]).json["paused"] as? Bool == false)
    }
}

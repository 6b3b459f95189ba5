import Foundation
import TestSupport
import Testing

/// What is recorded is what happened: a correction keeps what it replaced and never erases a
/// warning, and a past day gets one answer whatever program is adopted later. Through the binary.
/// The start is a Monday, long enough ago that no day is in the future.
@Suite struct CorrectionTests {
    static let start = "2026-09-07"
    func d(_ offset: Int) -> String { date(offset, from: Self.start) }

    func patient() throws -> RehabProcess {
        let rehab = RehabProcess(label: "corrections")
        let r = try rehab.run(["init", "--start", d(0), "--side", "right", "--baseline-pain", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        return rehab
    }

    func session(_ rehab: RehabProcess, _ day: Int) throws {
        try ok(rehab, ["log", "--date", d(day), "--exercise", "glute-bridge", "--sets", "3", "--reps", "10", "--pain-during", "1"])
    }

    // MARK: A program switch keeps the past

    /// Red, red (paused from day 2), a clinician visit on day 5; then a more lenient program from day 10.
    /// Every command asked about a past day answers as before the switch.
    @Test func aLaterProgramSwitchGivesPastDaysTheSameAnswer() throws {
        let rehab = try patient()
        for day in [0, 1, 2, 3, 4, 6] { try session(rehab, day) }
        try ok(rehab, ["checkin", "--date", d(1), "--morning-pain", "1"])
        try ok(rehab, ["checkin", "--date", d(2), "--morning-pain", "6"])
        try ok(rehab, ["checkin", "--date", d(3), "--morning-pain", "6"])
        try ok(rehab, ["clear-flags", "--date", d(5), "--seen-clinician"])
        let commands: [[String]] = [
            ["status", "--as-of", d(3), "--json"], ["status", "--as-of", d(3)],
            ["week", "--as-of", d(3), "--json"], ["week", "--as-of", d(3)], ["week", "--as-of", d(6)],
            ["plan", "--as-of", d(3), "--json"], ["plan", "--as-of", d(3)],
            ["report", "--to", d(6)], ["report", "--to", d(3)]
        ]
        let before = try commands.map { try ok(rehab, $0).stdout }
        let week = try ok(rehab, ["week", "--as-of", d(3), "--json"]).json["days"] as? [[String: Any]] ?? []
        #expect(week.map { $0["paused"] as? Bool } == [false, false, true, true, true, false, false], "\(week)")
        #expect(before[7].contains("**pause**: 2 red days in a row"), "\(before[7])")

        let shown = try ok(rehab, ["program", "show", "--json"]).stdout
        let lenient = rehab.folder + "/lenient.json"
        try shown.replacingOccurrences(of: "\"consecutiveRedDays\" : 2", with: "\"consecutiveRedDays\" : 3")
            .replacingOccurrences(of: "\"redDaysInWindow\" : 3", with: "\"redDaysInWindow\" : 4")
            .replacingOccurrences(of: "\"version\" : 2", with: "\"version\" : 3")
            .write(toFile: lenient, atomically: true, encoding: .utf8)
        try ok(rehab, ["program", "use", lenient, "--from", d(10)])

        for (command, earlier) in zip(commands, before) {
            let now = try ok(rehab, command).stdout
            #expect(now == earlier, "\(command.joined(separator: " ")) changed after a later program switch:\n\(earlier)\n---\n\(now)")
        }
    }

    // MARK: Corrections never erase a warning

    func status(_ rehab: RehabProcess, _ day: Int) throws -> [String: Any] { try ok(rehab, ["status", "--as-of", d(day), "--json"]).json }

    func historyDay(_ rehab: RehabProcess, _ day: Int) throws -> [String: Any] {
        let days = try ok(rehab, ["history", "--json"]).json["days"] as? [[String: Any]] ?? []
        return days.first { $0["date"] as? String == d(day) } ?? [:]
    }

    @Test func aSecondCheckInNeverLiftsAWarningSignAndKeepsWhatItReplaced() throws {
        let rehab = try patient()
        try session(rehab, 0)
        #expect(try ok(rehab, ["checkin", "--date", d(1), "--morning-pain", "1", "--red-flag", "night-pain"]).stdout.contains("STOP"))
        let second = try ok(rehab, ["checkin", "--date", d(1), "--morning-pain", "1"])
        #expect(
            second.stdout.contains(
                "Replaced the check-in of \(d(1)): morning pain 1. The one it replaces (morning pain 1, red flags: night-pain, saved "),
            "\(second.stdout)")
        #expect(second.stdout.contains("The warning sign answered earlier still stands until a clinician has seen you"), "\(second.stdout)")
        #expect(second.stdout.contains("STOP: "), "\(second.stdout)")
        // Nor does a later morning without it.
        try ok(rehab, ["checkin", "--date", d(2), "--morning-pain", "1"])
        for day in [1, 2] {
            let s = try status(rehab, day)
            #expect(s["paused"] as? Bool == true && s["pauseKind"] as? String == "stopped", "\(s)")
            #expect((s["redFlags"] as? [[String: Any]])?.map { $0["id"] as? String } == ["night-pain"], "\(s)")
        }
        // The record keeps both, and the clinician sees both.
        let morning = try historyDay(rehab, 1)
        #expect((morning["checkIn"] as? [String: Any])?["redFlags"] as? [String] == [])
        let kept = morning["checkInCorrections"] as? [[String: Any]] ?? []
        #expect(kept.count == 1 && kept.first?["actedOn"] as? Bool == false, "\(morning)")
        #expect((kept.first?["replaced"] as? [String: Any])?["redFlags"] as? [String] == ["night-pain"], "\(morning)")
        #expect(try ok(rehab, ["history"]).stdout.contains("  check-in: morning pain 1\n    replaced: morning pain 1, red flags: night-pain, saved "))
        let report = try ok(rehab, ["report", "--to", d(2)]).stdout
        #expect(report.contains("- \(d(1)) **red flag**: doctor: Constant pain at rest"), "\(report)")
        #expect(report.contains("- \(d(1)) **correction**: check-in saved "), "\(report)")
        #expect(report.contains("by morning pain 1; night-pain still stands until a clinician visit"), "\(report)")

        // The export carries it, and an import of it is still stopped and exports the same bytes.
        let export = try ok(rehab, ["export", "--format", "json"]).stdout
        let doc = (try JSONSerialization.jsonObject(with: Data(export.utf8))) as? [String: Any] ?? [:]
        #expect(doc["version"] as? Int == 3)
        #expect((doc["checkInCorrections"] as? [Any])?.count == 1)
        let file = rehab.folder + "/export.json"
        try export.write(toFile: file, atomically: true, encoding: .utf8)
        let copy = RehabProcess(label: "corrections-copy")
        try ok(copy, ["import", file])
        #expect(try ok(copy, ["export", "--format", "json"]).stdout == export)
        #expect(try status(copy, 2)["pauseKind"] as? String == "stopped")

        // Only a clinician visit lifts it.
        try ok(rehab, ["clear-flags", "--date", d(3), "--seen-clinician"])
        #expect(try status(rehab, 3)["paused"] as? Bool == false)
    }

    @Test func aCorrectionAfterTheProgramActedKeepsTheRedDayAndThePause() throws {
        let rehab = try patient()
        try session(rehab, 0)
        // A typo fixed straight away, nothing recorded in between: the fix takes its place.
        try ok(rehab, ["checkin", "--date", d(1), "--morning-pain", "7"])
        let fixed = try ok(rehab, ["checkin", "--date", d(1), "--morning-pain", "1"])
        #expect(!fixed.stdout.contains("already acted"), "\(fixed.stdout)")
        #expect(fixed.stdout.contains("Yesterday (\(d(0))) is green"), "\(fixed.stdout)")

        // A red morning the patient went on from (sessions logged after it), then a second red one: paused.
        try session(rehab, 1)
        try ok(rehab, ["checkin", "--date", d(2), "--morning-pain", "6"])
        try session(rehab, 2)
        try ok(rehab, ["checkin", "--date", d(3), "--morning-pain", "6"])
        let before = try ok(rehab, ["week", "--as-of", d(3), "--json"]).stdout
        #expect(try status(rehab, 3)["pauseKind"] as? String == "paused")

        let late = try ok(rehab, ["checkin", "--date", d(2), "--morning-pain", "1"])
        #expect(
            late.stdout.contains("Replaced the check-in of \(d(2)): morning pain 1. The one it replaces (morning pain 6, saved "), "\(late.stdout)")
        #expect(
            late.stdout.contains("The program had already acted on the first answer, so this morning still counts as morning pain 6"),
            "\(late.stdout)")
        #expect(late.stdout.contains("Yesterday (\(d(1))) is red"), "\(late.stdout)")
        #expect(try ok(rehab, ["week", "--as-of", d(3), "--json"]).stdout == before, "the red day and the pause stand")
        let s = try status(rehab, 3)
        #expect(s["pauseKind"] as? String == "paused" && (s["pauseReason"] as? String)?.hasPrefix("2 red days in a row") == true, "\(s)")
        let kept = try historyDay(rehab, 2)["checkInCorrections"] as? [[String: Any]] ?? []
        #expect(kept.first?["actedOn"] as? Bool == true && (kept.first?["replaced"] as? [String: Any])?["morningPain"] as? Int == 6, "\(kept)")
        let report = try ok(rehab, ["report", "--to", d(3)]).stdout
        #expect(
            report.contains("by morning pain 1; the program had already acted on it, so that morning counts as no better than it said"), "\(report)")

        // A worse correction counts at once.
        try ok(rehab, ["checkin", "--date", d(1), "--morning-pain", "8"])
        #expect(try historyDay(rehab, 0)["zone"] as? String == "red")
    }

    @Test func aSecondScoreForTheSameDayIsSaidAndKept() throws {
        let rehab = try patient()
        #expect(try ok(rehab, ["score", "--date", d(1), "--score", "50"]).stdout == "Recorded VISA-G 50 on \(d(1)).\n")
        let second = try ok(rehab, ["score", "--date", d(1), "--score", "60"])
        #expect(second.stdout.hasPrefix("Replaced the VISA-G score of \(d(1)): 60. The one it replaces (50, saved "), "\(second.stdout)")
        let day = try historyDay(rehab, 1)
        #expect((day["score"] as? [String: Any])?["score"] as? Int == 60)
        #expect(((day["scoreCorrections"] as? [[String: Any]])?.first?["replaced"] as? [String: Any])?["score"] as? Int == 50, "\(day)")
        #expect(try ok(rehab, ["report", "--to", d(2)]).stdout.contains("- \(d(1)) **correction**: score 50 saved "))
        let export = try ok(rehab, ["export", "--format", "json"]).json
        #expect((export["scoreCorrections"] as? [Any])?.count == 1)
    }
}

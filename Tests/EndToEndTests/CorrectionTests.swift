import Foundation
import Testing

/// What is recorded is what happened: a correction keeps what it replaced and never erases a
/// warning, and a past day gets one answer whatever program is adopted later. Through the binary.
/// The start is a Monday, long enough ago that no day is in the future.
@Suite struct CorrectionTests {
    static let start = "2026-09-07"
    func d(_ offset: Int) -> String { date(offset, from: Self.start) }

    func patient() throws -> RehabBinary {
        let rehab = RehabBinary(label: "corrections")
        let r = try rehab.run(["init", "--start", d(0), "--side", "right", "--baseline-pain", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        return rehab
    }

    @discardableResult
    func ok(_ rehab: RehabBinary, _ args: [String]) throws -> RehabBinary.Result {
        let r = try rehab.run(args)
        #expect(r.status == 0, "\(args): \(r.stderr)")
        return r
    }

    func session(_ rehab: RehabBinary, _ day: Int) throws {
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
            ["report", "--to", d(6)], ["report", "--to", d(3)],
        ]
        let before = try commands.map { try ok(rehab, $0).stdout }
        let week = try ok(rehab, ["week", "--as-of", d(3), "--json"]).json["days"] as? [[String: Any]] ?? []
        #expect(week.map { $0["paused"] as? Bool } == [false, false, true, true, true, false, false], "\(week)")
        #expect(before[7].contains("**pause**: 2 red days in a row"), "\(before[7])")

        let shown = try ok(rehab, ["program", "show", "--json"]).stdout
        let lenient = rehab.folder + "/lenient.json"
        try shown.replacingOccurrences(of: "\"consecutiveRedDays\" : 2", with: "\"consecutiveRedDays\" : 3")
            .replacingOccurrences(of: "\"redDaysInWindow\" : 3", with: "\"redDaysInWindow\" : 4")
            .replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 2")
            .write(toFile: lenient, atomically: true, encoding: .utf8)
        try ok(rehab, ["program", "use", lenient, "--from", d(10)])

        for (command, earlier) in zip(commands, before) {
            let now = try ok(rehab, command).stdout
            #expect(now == earlier, "\(command.joined(separator: " ")) changed after a later program switch:\n\(earlier)\n---\n\(now)")
        }
    }
}

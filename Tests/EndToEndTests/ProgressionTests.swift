import Foundation
import TestSupport
import Testing

/// "Progress" after the 24-hour response, in steps, per side (CLINICAL-RULES, "Loads"), through the
/// binary. The start is a Monday, long enough ago that no day is in the future.
@Suite struct ProgressionTests {
    static let start = "2026-09-07"
    func d(_ offset: Int) -> String { date(offset, from: Self.start) }

    /// A patient in the strengthening phase from day 1, on the program `edit` makes of the default.
    func patient(_ edit: ((String) -> String)? = nil) throws -> RehabProcess {
        let rehab = RehabProcess()
        #expect(try rehab.run(["init", "--start", d(0), "--side", "right", "--baseline-pain", "1"]).status == 0)
        if let edit {
            let file = NSTemporaryDirectory() + "rehab-program-\(UUID().uuidString).json"
            try edit(try rehab.run(["program", "show", "--json"]).stdout).write(toFile: file, atomically: true, encoding: .utf8)
            let use = try rehab.run(["program", "use", file, "--from", d(0)])
            #expect(use.status == 0, "\(use.stderr)")
        }
        #expect(try rehab.run(["advance", "--as-of", d(1), "--override", "assessed in clinic, fit to move on"]).status == 0)
        return rehab
    }

    func log(_ rehab: RehabProcess, _ day: Int, _ exercise: String, side: String? = nil, reps: Int = 8, kg: Double = 12) throws {
        let r = try rehab.run(
            [
                "log", "--date", d(day), "--exercise", exercise, "--sets", "3", "--reps", "\(reps)", "--load-kg", kg.description,
                "--pain-during", "1"
            ] + (side.map { ["--side", $0] } ?? []))
        #expect(r.status == 0, "\(r.stderr)")
    }

    func item(_ rehab: RehabProcess, _ day: Int, _ id: String) throws -> [String: Any] { try rehab.planItem(asOf: d(day), id) }

    @Test func progressWaitsForTheNextMorningCheckIn() throws {
        let rehab = try patient()
        try log(rehab, 2, "goblet-squat")
        // The evening of a green session: not yet.
        let evening = try item(rehab, 2, "goblet-squat")
        #expect(evening["advice"] as? String == "repeat")
        #expect(evening["adviceNote"] as? String == "repeat (waiting for tomorrow morning's check-in)")
        #expect(evening["loadKg"] as? Double == 12)
        #expect(try rehab.run(["plan", "--as-of", d(2)]).stdout.contains("repeat (waiting for tomorrow morning's check-in)"))
        // Next day, before the check-in; and days later with none: never green for progression.
        let morning = try item(rehab, 3, "goblet-squat")
        #expect(morning["advice"] as? String == "repeat" && morning["loadKg"] as? Double == 12)
        #expect(morning["adviceNote"] as? String == "repeat (waiting for this morning's check-in)")
        let later = try item(rehab, 5, "goblet-squat")
        #expect(later["advice"] as? String == "repeat" && later["loadKg"] as? Double == 12)
        #expect((later["adviceNote"] as? String)?.contains("no check-in the morning after \(d(2))") == true, "\(later)")
        // The check-in settles it: green including the morning, so the load rises by its step.
        #expect(try rehab.run(["checkin", "--date", d(3), "--morning-pain", "1"]).status == 0)
        let checked = try item(rehab, 3, "goblet-squat")
        #expect(checked["advice"] as? String == "progress" && checked["loadKg"] as? Double == 14)
        #expect(checked["adviceNote"] as? String == "progress: 14 kg, up from 12 kg")
        #expect(try rehab.run(["plan", "--as-of", d(3)]).stdout.contains("3 x 8 @ 14 kg, up from 12 kg, tempo"))
    }

    @Test func eachSideProgressesOnItsOwnRecordAndShortRepsHoldTheLoad() throws {
        let rehab = try patient()
        try log(rehab, 2, "split-squat", side: "left")
        try log(rehab, 2, "split-squat", side: "right", reps: 6)
        #expect(try rehab.run(["checkin", "--date", d(3), "--morning-pain", "1"]).status == 0)
        let split = try item(rehab, 4, "split-squat")
        #expect(split["advice"] as? String == "progress")
        #expect(split["loadsKg"] as? [String: Double] == ["left": 14, "right": 12])
        #expect(
            (split["adviceNote"] as? String)?.contains("right: repeat (the session on \(d(2)) fell short of 3 x 8 each side)") == true, "\(split)")
        #expect(try rehab.run(["plan", "--as-of", d(4)]).stdout.contains("@ 14 kg left, up from 12 kg; 12 kg right"))
    }

    /// A stored program from before the step keeps today's behaviour: the last load, no step named.
    @Test func aProgramWithoutStepsOffersTheLastLoad() throws {
        let rehab = try patient { $0.replacingOccurrences(of: "\"loadStepKg\" : 2,", with: "") }
        #expect(try rehab.run(["program", "show", "--json"]).stdout.contains("loadStepKg") == false)
        try log(rehab, 2, "goblet-squat")
        #expect(try rehab.run(["checkin", "--date", d(3), "--morning-pain", "1"]).status == 0)
        let goblet = try item(rehab, 3, "goblet-squat")
        #expect(goblet["advice"] as? String == "progress" && goblet["loadKg"] as? Double == 12)
        #expect(goblet["adviceNote"] == nil)
    }
}

import Foundation
import TestSupport
import Testing

/// Issue 18 through the binary: loads carried per side, a step-back that survives a pause, and
/// runs after the ladder that are never worded as credit. The start is a Monday in the past.
@Suite struct RecordedTruthTests {
    static let start = "2026-09-07"
    func d(_ offset: Int) -> String { date(offset, from: Self.start) }

    /// A patient whose right hip hurts, moved into strengthening on day 1.
    func strengthening() throws -> RehabProcess {
        let rehab = RehabProcess()
        #expect(try rehab.run(["init", "--start", d(0), "--side", "right", "--baseline-pain", "1"]).status == 0)
        #expect(try rehab.run(["advance", "--as-of", d(1), "--override", "assessed in clinic, fit to move on"]).status == 0)
        return rehab
    }

    func log(_ rehab: RehabProcess, _ day: Int, _ exercise: String, side: String? = nil, kg: Int, pain: Int) throws {
        let r = try rehab.run(
            ["log", "--date", d(day), "--exercise", exercise] + (side.map { ["--side", $0] } ?? [])
                + ["--sets", "3", "--reps", "8", "--load-kg", "\(kg)", "--pain-during", "\(pain)"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    func planItem(_ rehab: RehabProcess, asOf day: Int, _ id: String) throws -> [String: Any] { try rehab.planItem(asOf: d(day), id) }

    @Test func eachSideKeepsItsOwnLoad() throws {
        let rehab = try strengthening()
        // The painful right side at 6 kg, then the other side at 12 kg: the last logged is the heavier.
        try log(rehab, 1, "split-squat", side: "right", kg: 6, pain: 1)
        try log(rehab, 1, "split-squat", side: "left", kg: 12, pain: 1)
        try rehab.run(["checkin", "--date", d(2), "--morning-pain", "1"])
        let item = try planItem(rehab, asOf: 2, "split-squat")
        // Both green including the morning: each side goes up one step from its own load.
        #expect(item["loadsKg"] as? [String: Double] == ["right": 8, "left": 14], "\(item)")
        let text = try rehab.run(["plan", "--as-of", d(2)]).stdout
        let line = text.split(separator: "\n").first { $0.contains("split-squat") } ?? ""
        #expect(line.contains("@ 14 kg left, up from 12 kg; 8 kg right, up from 6 kg"), "\(text)")
        // Logged the other way round, the answer is the same.
        try log(rehab, 2, "split-squat", side: "left", kg: 12, pain: 1)
        try log(rehab, 2, "split-squat", side: "right", kg: 6, pain: 1)
        #expect(try planItem(rehab, asOf: 3, "split-squat")["loadsKg"] as? [String: Double] == ["right": 6, "left": 12])
        // The clinician's report gives each side's load with the dose.
        let report = try rehab.run(["report", "--to", d(3)]).stdout
        #expect(report.contains("| Split squat | 3 x 8 each side @ 12 kg left, 6 kg right |"), "\(report)")
        // Going over the plan's load on the painful side while paused names that side's load.
        try rehab.run(["checkin", "--date", d(4), "--morning-pain", "6"])
        try rehab.run(["checkin", "--date", d(5), "--morning-pain", "6"])
        let r = try rehab.run(["log", "--date", d(5), "--exercise", "split-squat", "--side", "right", "--sets", "3", "--reps", "8", "--load-kg", "10"]
        )
        #expect(r.stderr.contains("paused") && r.stderr.contains("The plan keeps 6 kg."), "\(r.stderr)")
    }

    @Test func aStepBackHoldsThroughThePauseAndAfterTheVisit() throws {
        let rehab = try strengthening()
        try log(rehab, 1, "goblet-squat", kg: 12, pain: 1)
        try rehab.run(["checkin", "--date", d(2), "--morning-pain", "1"])
        // Red at 14 kg on day 2, and a red morning after day 3: two red days in a row pause the program.
        try log(rehab, 2, "goblet-squat", kg: 14, pain: 6)
        try rehab.run(["checkin", "--date", d(3), "--morning-pain", "1"])
        try rehab.run(["checkin", "--date", d(4), "--morning-pain", "6"])
        let paused = try planItem(rehab, asOf: 4, "goblet-squat")
        #expect(paused["advice"] as? String == "hold")
        #expect(paused["loadKg"] as? Double == 12, "the pause holds the stepped-back load: \(paused)")
        // Good mornings, then the clinician visit lifts the pause.
        for day in 5...7 { try rehab.run(["checkin", "--date", d(day), "--morning-pain", "1"]) }
        #expect(try rehab.run(["clear-flags", "--date", d(7), "--seen-clinician"]).status == 0)
        let after = try planItem(rehab, asOf: 8, "goblet-squat")
        #expect(after["loadKg"] as? Double == 12, "never at the load that flared: \(after)")
        #expect(after["advice"] as? String == "step-back", "\(after)")
        let text = try rehab.run(["plan", "--as-of", d(8)]).stdout
        #expect(text.contains("stepped back") && text.contains("@ 12 kg"), "\(text)")
        // Done again at the stepped-back load, green including the next morning: the plan goes on
        // from there, one step up.
        try log(rehab, 8, "goblet-squat", kg: 12, pain: 1)
        try rehab.run(["checkin", "--date", d(9), "--morning-pain", "1"])
        let resumed = try planItem(rehab, asOf: 9, "goblet-squat")
        #expect(resumed["loadKg"] as? Double == 14 && resumed["advice"] as? String == "progress", "\(resumed)")
        #expect(resumed["adviceNote"] as? String == "progress: 14 kg, up from 12 kg", "\(resumed)")
    }

    @Test func aRunAfterTheLadderIsNeverCredited() throws {
        let rehab = RehabProcess()
        #expect(try rehab.run(["init", "--start", d(0), "--side", "right", "--baseline-pain", "1"]).status == 0)
        for i in 1...3 { #expect(try rehab.run(["advance", "--as-of", d(i), "--override", "assessed in clinic, fit to move on"]).status == 0) }
        // The whole ladder: each stage twice green, a rest day between runs.
        var day = 4
        for stage in 1...10 {
            for _ in 1...2 {
                let r = try rehab.run(["log", "--date", d(day), "--run-stage", "\(stage)", "--minutes", "40", "--pain-during", "0"])
                #expect(r.status == 0, "\(r.stderr)")
                try rehab.run(["checkin", "--date", d(day + 1), "--morning-pain", "1"])
                day += 2
            }
        }
        #expect(try rehab.run(["score", "--date", d(day), "--score", "70"]).status == 0)  // the gate asks for a recent VISA-G
        let advance = try rehab.run(["advance", "--as-of", d(day)])
        #expect(advance.status == 0, "\(advance.stdout)\(advance.stderr)")
        // A maintenance run over both caps (40 min runs, two or three a week).
        let over = try rehab.run(["log", "--date", d(day + 1), "--run-stage", "10", "--minutes", "200", "--pain-during", "0"])
        #expect(over.status == 0)
        try rehab.run(["checkin", "--date", d(day + 2), "--morning-pain", "1"])
        #expect(over.stderr.contains("flagged"), "\(over.stderr)")
        #expect(!over.stderr.contains("counts") && !over.stderr.contains("3 of 2"), "\(over.stderr)")
        let runs = try rehab.run(["status", "--as-of", d(day + 2), "--json"]).json["runStage"] as? [String: Any]
        let last = (runs?["runs"] as? [[String: Any]])?.last ?? [:]
        #expect(last["outcome"] as? String == "flagged", "\(last)")
        #expect((last["reason"] as? String)?.contains("over") == true && (last["reason"] as? String)?.contains("3 of 2") == false, "\(last)")
        #expect(runs?["greenRuns"] as? Int == 2, "\(runs ?? [:])")
    }

    /// What the README says is recorded while paused, locked or stopped.
    @Test func whatAPauseALockAndAStopStillRecord() throws {
        func patientInReturnToRun() throws -> RehabProcess {
            let rehab = RehabProcess()
            #expect(try rehab.run(["init", "--start", d(0), "--side", "right", "--baseline-pain", "1"]).status == 0)
            for i in 1...3 { #expect(try rehab.run(["advance", "--as-of", d(i), "--override", "assessed in clinic, fit to move on"]).status == 0) }
            return rehab
        }
        let exercise = { (day: Int) in ["log", "--date", self.d(day), "--exercise", "split-squat", "--side", "left", "--sets", "3", "--reps", "8"] }
        let run = { (day: Int) in ["log", "--date", self.d(day), "--run-stage", "1", "--minutes", "20", "--pain-during", "0"] }
        let test = { (day: Int) in ["test", "--date", self.d(day), "--name", "single-leg-stance", "--side", "left", "--value", "40", "--pain", "0"] }

        let paused = try patientInReturnToRun()
        for day in [4, 5] { try paused.run(["checkin", "--date", d(day), "--morning-pain", "6"]) }
        #expect(try paused.run(["status", "--as-of", d(5)]).stdout.contains("PAUSED"))
        for args in [exercise(6), run(6), test(6)] { #expect(try paused.run(args).status == 0, "paused: \(args)") }

        let locked = try patientInReturnToRun()
        try locked.run(["checkin", "--date", d(4), "--morning-pain", "1", "--red-flag", "locking-giving-way"])
        for args in [exercise(4), test(4)] { #expect(try locked.run(args).status == 0, "locked: \(args)") }
        #expect(try locked.run(run(4)).status == 3)

        let stopped = try patientInReturnToRun()
        try stopped.run(["checkin", "--date", d(4), "--morning-pain", "2", "--red-flag", "hot-swollen-hip"])
        for args in [exercise(4), run(4), test(4)] {
            let r = try stopped.run(args)
            #expect(r.status == 3 && r.stderr.contains("stopped"), "stopped: \(args): \(r.stderr)")
        }
        #expect(try stopped.run(["checkin", "--date", d(5), "--morning-pain", "2"]).status == 0)
        #expect(try stopped.run(["score", "--date", d(5), "--score", "60"]).status == 0)
        #expect(try stopped.run(["clear-flags", "--date", d(5), "--seen-clinician"]).status == 0)
    }
}

import Foundation
import TestSupport
import Testing
import RehabCore
import RehabStore
import RehabTUI

/// The rulebook through the binary: progression cannot be walked around, and the command line and
/// the forms give the same verdicts. The start is a Monday, long enough ago that no day is in the future.
@Suite struct RulebookTests {
    static let start = "2026-09-07"
    func d(_ offset: Int) -> String { date(offset, from: Self.start) }

    func patient() throws -> RehabProcess {
        let rehab = RehabProcess()
        let r = try rehab.run(["init", "--start", d(0), "--side", "right", "--baseline-pain", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        return rehab
    }

    /// Moves on by clinician override, one phase a day from day 1: strengthening on day 1,
    /// multi-plane on 2, return-to-run on 3, complete on 4.
    func advance(_ rehab: RehabProcess, phases: Int) throws {
        for i in 1...phases {
            let r = try rehab.run(["advance", "--as-of", d(i), "--override", "assessed in clinic, fit to move on"])
            #expect(r.status == 0, "\(r.stderr)")
        }
    }

    func run(_ rehab: RehabProcess, _ day: Int, stage: Int = 1, minutes: Int = 20, pain: Int = 0, checkIn: Bool = true) throws -> RehabProcess.Result
    {
        let r = try rehab.run(["log", "--date", d(day), "--run-stage", "\(stage)", "--minutes", "\(minutes)", "--pain-during", "\(pain)"])
        if checkIn { try rehab.run(["checkin", "--date", d(day + 1), "--morning-pain", "1"]) }
        return r
    }

    func runStage(_ rehab: RehabProcess, asOf day: Int) throws -> [String: Any] {
        try rehab.run(["status", "--as-of", d(day), "--json"]).json["runStage"] as? [String: Any] ?? [:]
    }

    // MARK: Pauses

    @Test func aPauseFreezesTheLadder() throws {
        let rehab = try patient()
        try advance(rehab, phases: 3)
        // Two red mornings: days 3 and 4 are red, so the program pauses from day 4.
        try rehab.run(["checkin", "--date", d(4), "--morning-pain", "6"])
        try rehab.run(["checkin", "--date", d(5), "--morning-pain", "6"])
        #expect(try rehab.run(["status", "--as-of", d(5)]).stdout.contains("PAUSED"))
        for day in [6, 8, 10, 12] {
            let r = try run(rehab, day)
            #expect(r.status == 0, "runs are still recorded: \(r.stderr)")
            #expect(r.stderr.contains("no stage credit") && r.stderr.contains("paused"), "\(r.stderr)")
        }
        let stage = try runStage(rehab, asOf: 13)
        #expect(stage["stage"] as? Int == 1)
        #expect(stage["greenRuns"] as? Int == 0)
        #expect((stage["runs"] as? [[String: Any]])?.count == 4)
    }

    @Test func aPauseHoldsTheLoadAndLeavesPausedDaysOutOfAdherence() throws {
        let rehab = try patient()
        try advance(rehab, phases: 1)
        #expect(
            try rehab.run(["log", "--date", d(1), "--exercise", "goblet-squat", "--sets", "3", "--reps", "8", "--load-kg", "10", "--pain-during", "1"]
            ).status == 0)
        try rehab.run(["checkin", "--date", d(2), "--morning-pain", "1"])
        try rehab.run(["checkin", "--date", d(3), "--morning-pain", "6"])
        try rehab.run(["checkin", "--date", d(4), "--morning-pain", "6"])
        let heavier = try rehab.run([
            "log", "--date", d(4), "--exercise", "goblet-squat", "--sets", "3", "--reps", "8", "--load-kg", "14", "--pain-during", "1"
        ])
        #expect(heavier.status == 0)
        #expect(heavier.stderr.contains("paused") && heavier.stderr.contains("10 kg"), "\(heavier.stderr)")
        let plan = try rehab.run(["plan", "--as-of", d(5), "--json"]).json
        let goblet = (plan["exercises"] as? [[String: Any]])?.first { $0["id"] as? String == "goblet-squat" }
        #expect(goblet?["advice"] as? String == "hold")
        #expect(goblet?["loadKg"] as? Double == 10)
        let week = try rehab.run(["week", "--as-of", d(6), "--json"]).json
        let days = week["days"] as? [[String: Any]] ?? []
        #expect(days.filter { $0["paused"] as? Bool == true }.count == 4, "\(days)")
        // Mon-Sun lived from day 0; days 3-6 paused: 3 days planned at 3 a week = 2 sessions.
        #expect(week["sessionsPlanned"] as? Int == 2)
    }

    // MARK: Runs

    @Test func theRestDayCountsFromTheLastRunOfAnyKind() throws {
        let rehab = try patient()
        try advance(rehab, phases: 3)
        #expect(try run(rehab, 4).stderr.contains("pending"))
        let second = try run(rehab, 5)
        #expect(second.status == 0)
        #expect(second.stderr.contains("no stage credit") && second.stderr.contains("rest day"), "\(second.stderr)")
        let third = try run(rehab, 6)
        #expect(third.stderr.contains("no stage credit"), "a run the day after an uncounted run: \(third.stderr)")
        let stage = try runStage(rehab, asOf: 7)
        #expect(stage["stage"] as? Int == 1 && stage["greenRuns"] as? Int == 1, "\(stage)")
    }

    @Test func aRunCountsOnlyWithTheStagesMinutesAndAfterTheNextMorning() throws {
        let rehab = try patient()
        try advance(rehab, phases: 3)
        let short = try run(rehab, 4, minutes: 1)
        #expect(short.stderr.contains("shorter than stage 1's 20 min"), "\(short.stderr)")
        let full = try run(rehab, 6, checkIn: false)
        #expect(full.stderr.contains("pending"), "\(full.stderr)")
        let runs = try runStage(rehab, asOf: 6)["runs"] as? [[String: Any]] ?? []
        #expect(runs.last?["outcome"] as? String == "pending")
        #expect(try rehab.run(["status", "--as-of", d(6)]).stdout.contains("pending"))
        try rehab.run(["checkin", "--date", d(7), "--morning-pain", "1"])
        let after = try runStage(rehab, asOf: 7)
        #expect(after["greenRuns"] as? Int == 1)
        #expect((after["runs"] as? [[String: Any]])?.last?["outcome"] as? String == "credited")
    }

    @Test func aStageNotOpenIsARuleRefusal() throws {
        let rehab = try patient()
        try advance(rehab, phases: 3)
        let r = try run(rehab, 4, stage: 3, checkIn: false)
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.contains("Stage 3 is not open"))
    }

    @Test func theWeeklyCapAfterTheLadderIsEnforcedAndFlagged() throws {
        let rehab = try patient()
        try advance(rehab, phases: 4)
        // Week 2 (days 7-13): 60 min. Week 3: 30 + 33 = 63 of its 66 min cap.
        for day in [7, 9] { #expect(try run(rehab, day, stage: 10, minutes: 30, checkIn: false).status == 0) }
        _ = try run(rehab, 14, stage: 10, minutes: 30, checkIn: false)
        _ = try run(rehab, 16, stage: 10, minutes: 33, checkIn: false)
        let plan = try rehab.run(["plan", "--as-of", d(18), "--json"]).json["run"] as? [String: Any]
        #expect(plan?["runMinutes"] as? Int == 3, "\(plan ?? [:])")
        let over = try run(rehab, 18, stage: 10, minutes: 30, checkIn: false)
        #expect(over.status == 0)
        #expect(over.stderr.contains("flagged") && over.stderr.contains("66 min cap") && over.stderr.contains("10 %"), "\(over.stderr)")
        let status = try rehab.run(["status", "--as-of", d(19), "--json"]).json
        #expect((status["runFlags"] as? [[String: Any]])?.count == 1)
        #expect(try rehab.run(["status", "--as-of", d(19)]).stdout.contains("FLAGGED"))
        let week = try rehab.run(["week", "--as-of", d(19)])
        #expect(week.stdout.contains("FLAGGED \(d(18))"), "\(week.stdout)")
        // Week 3 broke its cap and week 4 has no runs: week 5's cap still rests on week 2's 60 min.
        let later = try rehab.run(["plan", "--as-of", d(28)]).stdout
        #expect(later.contains("this week's running 66 min or less"), "\(later)")
    }

    // MARK: What counts

    @Test func exercisesOfOtherPhasesAreRefusedOrCountForNothing() throws {
        let rehab = try patient()
        let later = try rehab.run(["log", "--date", d(0), "--exercise", "split-squat", "--side", "left", "--sets", "3", "--reps", "8"])
        #expect(later.status == 3, "\(later.stderr)")
        #expect(later.stderr.contains("strengthening") && later.stderr.contains("glute-bridge, static-abduction-lying"), "\(later.stderr)")
        try advance(rehab, phases: 1)
        let earlier = try rehab.run(["log", "--date", d(1), "--exercise", "glute-bridge", "--sets", "3", "--reps", "10"])
        #expect(earlier.status == 0)
        #expect(earlier.stderr.contains("counts for nothing"), "\(earlier.stderr)")
        let week = try rehab.run(["week", "--as-of", d(1), "--json"]).json
        #expect(week["sessionsDone"] as? Int == 0)
    }

    @Test func aDayIsASessionOnlyWithTwoThirdsOfItsSets() throws {
        let rehab = try patient()
        let one = try rehab.run(["log", "--date", d(0), "--exercise", "glute-bridge", "--sets", "1", "--reps", "10"])
        #expect(one.stderr.contains("1 of 33 prescribed sets") && one.stderr.contains("22 make a session"), "\(one.stderr)")
        #expect(try rehab.run(["week", "--as-of", d(0), "--json"]).json["sessionsDone"] as? Int == 0)
        for (id, perSide, sets, amount) in CommandLineTests.activationSession {
            for side in perSide ? ["left", "right"] : [""] {
                let r = try rehab.run(
                    ["log", "--date", d(0), "--exercise", id, "--sets", "\(sets)"] + amount.split(separator: " ").map(String.init)
                        + (side.isEmpty ? [] : ["--side", side]))
                #expect(r.status == 0, "\(r.stderr)")
            }
        }
        #expect(try rehab.run(["week", "--as-of", d(0), "--json"]).json["sessionsDone"] as? Int == 1)
    }

    @Test func sessionsAbovePlanAreNeverSixOfThree() throws {
        let rehab = try patient()
        try advance(rehab, phases: 1)
        let phase = ProgramLoader.defaultProgram().phase(.strengthening)!
        for day in 8...13 {
            for e in phase.exercises {
                for side in e.sides == .each ? ["left", "right"] : [""] {
                    let amount = e.reps.map { ["--reps", "\($0)"] } ?? ["--hold-seconds", "\(e.holdSeconds!)"]
                    let r = try rehab.run(
                        ["log", "--date", d(day), "--exercise", e.id, "--sets", "\(e.sets)"] + amount + (side.isEmpty ? [] : ["--side", side]))
                    #expect(r.status == 0, "\(r.stderr)")
                }
            }
        }
        let week = try rehab.run(["week", "--as-of", d(13)])
        #expect(week.stdout.contains("6 sessions (3 planned) (100 %)"), "\(week.stdout)")
        let json = try rehab.run(["week", "--as-of", d(13), "--json"]).json
        #expect(json["adherencePercent"] as? Int == 100 && json["sessions"] as? String == "6 sessions (3 planned)")
    }

    // MARK: Stops, locks and words

    @Test func aStopRefusesExerciseAndALockOnlyRunning() throws {
        let stopped = try patient()
        let stop = try stopped.run(["checkin", "--date", d(1), "--morning-pain", "2", "--red-flag", "hot-swollen-hip"])
        #expect(stop.stdout.contains("STOP") && stop.stdout.contains("no exercise"), "\(stop.stdout)")
        let exercise = try stopped.run(["log", "--date", d(1), "--exercise", "glute-bridge", "--sets", "3", "--reps", "10"])
        #expect(exercise.status == 3, "\(exercise.stderr)")

        let locked = try patient()
        try advance(locked, phases: 3)
        let lock = try locked.run(["checkin", "--date", d(4), "--morning-pain", "1", "--red-flag", "locking-giving-way"])
        #expect(!lock.stdout.contains("STOP"), "\(lock.stdout)")
        #expect(lock.stdout.contains("PAUSED"))
        #expect(try run(locked, 4, checkIn: false).status == 3)
        let bridge = try locked.run(["log", "--date", d(4), "--exercise", "single-leg-bridge", "--side", "left", "--sets", "3", "--reps", "10"])
        #expect(bridge.status == 0, "\(bridge.stderr)")
        #expect(!(try locked.run(["status", "--as-of", d(4)]).stdout.contains("STOP")))
    }

    @Test func aTestThatDoesNotCountSaysWhy() throws {
        let rehab = try patient()
        let r = try rehab.run(["test", "--date", d(0), "--name", "single-leg-stance", "--side", "left", "--value", "40", "--pain", "3"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("does not count: pain 3 is above 2"), "\(r.stdout)")
        #expect(!r.stdout.contains("target reached") && !r.stdout.contains("(target"))
    }

    @Test func statusListsOverridesAndClinicianVisits() throws {
        let rehab = try patient()
        try advance(rehab, phases: 1)
        try rehab.run(["clear-flags", "--date", d(2), "--seen-clinician", "--note", "physio: all fine"])
        let text = try rehab.run(["status", "--as-of", d(3)]).stdout
        #expect(text.contains("Override on \(d(1))") && text.contains("assessed in clinic"), "\(text)")
        #expect(text.contains("Clinician seen on \(d(2)): physio: all fine"))
        let json = try rehab.run(["status", "--as-of", d(3), "--json"]).json
        #expect((json["overrides"] as? [[String: Any]])?.first?["reason"] as? String == "assessed in clinic, fit to move on")
        #expect((json["clinicianVisits"] as? [[String: Any]])?.count == 1)
    }

    @Test func aFutureDayIsRefused() throws {
        let rehab = try patient()
        // Tomorrow: inside the calendar window that every date option accepts, but not yet lived.
        let tomorrow = Day.today(in: .current, at: Date()) + 1
        let r = try rehab.run(["log", "--date", tomorrow.iso, "--exercise", "glute-bridge", "--sets", "3", "--reps", "10"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("in the future"), "\(r.stderr)")
    }

    // MARK: One place decides

    /// Generated entries, each judged by the log form (in process) and by `rehab log` (the binary):
    /// both accept or both refuse, with the same exit kind and, for sentences about no one value, the same words.
    @Test func theFormAndTheCommandLineGiveTheSameVerdicts() throws {
        let rehab = try patient()
        let program = ProgramLoader.defaultProgram()
        let ids = program.phases.flatMap { $0.exercises.map(\.id) } + ["moonwalk"]
        var seed = SeededRandom(seed: 7)
        var verdicts: [String] = []
        for i in 0..<40 {
            // Mornings with warning signs now and then, so stops are judged too.
            if i == 25 { try rehab.run(["checkin", "--date", d(3), "--morning-pain", "2", "--red-flag", "hot-swollen-hip"]) }
            let id = ids[Int(seed.next() % UInt64(ids.count))]
            let e = program.exercise(id)
            let day = d(Int(seed.next() % 6) - 1)
            let side = [nil, "left", "right"][Int(seed.next() % 3)]
            let sets = Int(seed.next() % 5)
            let amount = Int(seed.next() % 14) + 1
            let pain = Int(seed.next() % 12)
            let hold = e?.isHold ?? false
            let store = try RehabStore(directory: rehab.dataDir, access: .readOnly)
            let snapshot = Snapshot(programs: try store.programTimeline(), history: try store.history(), today: Day(iso: d(4))!)
            try store.close()
            // The form of that exercise, as choosing it brings it: reps or hold seconds, its sides.
            var form = Forms.logExercise(snapshot: snapshot, day: snapshot.today, exercise: id)
            let sideShown = e?.sides == .both ? "both legs" : side ?? "both legs"
            for (field, value) in [
                (FieldID.date, day), (.side, sideShown), (.sets, "\(sets)"),
                (hold ? .holdSeconds : .reps, "\(amount)"), (.painDuring, "\(pain)")
            ] {
                if let k = form.fields.firstIndex(where: { $0.id == field }) { form.fields[k].value = value }
            }
            // The form's own fields keep out what it cannot hold (0 sets, pain 11): judged on the command line alone.
            let formCanHoldIt = sets >= 1 && pain <= 10
            var args = [
                "log", "--date", day, "--exercise", id, "--sets", "\(sets)", hold ? "--hold-seconds" : "--reps", "\(amount)",
                "--pain-during", "\(pain)"
            ]
            if let side, e?.sides != .both { args += ["--side", side] }
            var formVerdict: Result<Change, FormError>?
            if formCanHoldIt, program.exercise(id) != nil {
                do {
                    // The form's values and the engine's one judgement of them, as the app saves it.
                    formVerdict = .success(try Forms.judged(.logExercise, form, snapshot: snapshot, today: snapshot.today).change)
                } catch { formVerdict = .failure(error) }
            }
            let cli = try rehab.run(args)
            verdicts.append("\(id) \(day) \(cli.status)")
            guard let formVerdict else { continue }
            switch formVerdict {
            case .success:
                #expect(cli.status == 0, "form accepted, command line refused: \(args) \(cli.stderr)")
            case .failure(let error):
                #expect(cli.status != 0, "form refused (\(error.text)), command line accepted: \(args)")
                // A sentence about no one value reads the same in both.
                if !EntryField.allCases.contains(where: { error.text.hasPrefix(label(of: $0)) }) {
                    #expect(cli.stderr == "rehab: \(error.text)\n", "\(args): form said \(error.text)")
                }
            }
        }
        // The generator reached both verdicts and the rule refusal.
        #expect(verdicts.contains { $0.hasSuffix(" 0") } && verdicts.contains { $0.hasSuffix(" 1") } && verdicts.contains { $0.hasSuffix(" 3") })
    }

    private func label(of field: EntryField) -> String {
        [
            "date": "Date", "side": "Side", "sets": "Sets", "reps": "Reps", "holdSeconds": "Hold", "painDuring": "Pain during",
            "painAfter": "Pain after", "loadKg": "Load", "note": "Note"
        ][field.rawValue] ?? field.rawValue
    }
}

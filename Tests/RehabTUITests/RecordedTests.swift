import Foundation
import Testing
import TestSupport
import RehabCore
import Terminal
@testable import RehabTUI

private let second: Int64 = 1_000_000_000

/// What is recorded is what happened: the log form saves each number under the label it was typed
/// at, the "pain after" is asked on Today, the last gate completes the program, and every save
/// (the timer's too) passes the engine's judgement.
@Suite struct RecordedTests {
    func logForm(_ model: AppModel) -> Form? {
        if case .form(.logExercise, let form) = model.mode { return form }
        return nil
    }

    /// Opens the log form on Today's `from` exercise, then changes its exercise to `to` with right.
    func changeExercise(from: String, to: String) -> AppModel {
        let s = patient()
        var model = AppModel(snapshot: s, today: s.today)
        let index = s.status.plan.items.firstIndex { $0.exercise.id == from } ?? 0
        for _ in 0..<index { _ = model.update(.key(.down), now: 0) }
        _ = model.update(.key(.char("l")), now: 0)
        #expect(logForm(model)?[.exercise] == from)
        _ = model.update(.key(.down), now: 0)  // the exercise field
        for _ in s.status.plan.items where logForm(model)?[.exercise] != to { _ = model.update(.key(.right), now: 0) }
        #expect(logForm(model)?[.exercise] == to)
        return model
    }

    func saved(_ model: inout AppModel) -> ExerciseEntry? {
        let effects = model.update(.key(.end), now: 0) + model.update(.key(.enter), now: 0)
        guard case .save(.exercises(let entries))? = effects.first else { return nil }
        return entries.first
    }

    @Test func aHoldChangedToHipHitchSavesRepsAndHipHitchSets() {
        var model = changeExercise(from: "static-abduction-lying", to: "hip-hitch")
        let g = screen(model)
        #expect(g.contains("Reps per set") && !g.contains("Hold seconds"), "\(g)")
        let entry = saved(&model)
        #expect(entry?.exerciseID == "hip-hitch")
        #expect(entry?.sets == 3 && entry?.reps == 10 && entry?.holdSeconds == nil, "\(String(describing: entry))")
    }

    @Test func hipHitchChangedToAHoldSavesSecondsHeldAndItsSets() {
        var model = changeExercise(from: "hip-hitch", to: "static-abduction-lying")
        let g = screen(model)
        #expect(g.contains("Hold seconds") && !g.contains("Reps per set"), "\(g)")
        let entry = saved(&model)
        #expect(entry?.exerciseID == "static-abduction-lying")
        #expect(entry?.sets == 5 && entry?.holdSeconds == 10 && entry?.reps == nil, "\(String(describing: entry))")
    }

    @Test func aTwoLeggedExerciseOffersNoSideAndAOneLeggedOneNoBothLegs() {
        var model = changeExercise(from: "hip-hitch", to: "glute-bridge")
        #expect(logForm(model)?[.side] == "both legs")
        #expect(saved(&model)?.side == nil)
        var back = changeExercise(from: "glute-bridge", to: "hip-hitch")
        #expect(logForm(back)?[.side] == "left")
        #expect(saved(&back)?.side == .left)
    }

    // MARK: Pain after, on Today

    @Test func painAfterIsAskedOnTodayAndWrittenOnTheSetsWithoutIt() throws {
        let storage = MemoryStorage(history: History(enrolment: Enrolment(start: start, side: .right, baselinePain: 1)))
        _ = try storage.save(
            .exercises([
                ExerciseEntry(date: start + 2, exerciseID: "glute-bridge", sets: 3, reps: 10, painDuring: 1),
                ExerciseEntry(date: start + 3, exerciseID: "glute-bridge", sets: 3, reps: 10, painDuring: 2),
                ExerciseEntry(date: start + 3, exerciseID: "hip-hitch", side: .left, sets: 3, reps: 10, painDuring: 1, painAfter: 2)
            ]), today: start + 3)
        let app = try AppRunner(storage: storage, today: { start + 3 })
        let terminal = FakeTerminal([.keys("f"), .keys("4"), .key(.enter), .key(.enter), .keys("q")])
        app.run(on: terminal)
        #expect(!terminal.ranOut)
        #expect(terminal.frames[0].contains("How is the hip an hour after today's session? f: answer"), "\(terminal.frames[0])")
        #expect(storage.history?.exercises.map(\.painAfter) == [nil, 4, 2], "yesterday's is not today's session; an answer given is kept")
        let after = terminal.frames[terminal.frames.count - 2]
        #expect(!after.contains("How is the hip an hour after"), "\(after)")
        #expect(after.contains("Pain after today's session: 4 saved."))
    }

    @Test func painAfterIsNotAskedWhenGivenOrWhenNothingWasDone() {
        #expect(!screen(AppModel(snapshot: patient(), today: start + 10)).contains("How is the hip"))
        var model = AppModel(snapshot: patient(), today: start + 10)
        #expect(model.update(.key(.char("f")), now: 0).isEmpty)
        if case .form = model.mode { Issue.record("a question with nothing to ask about") }
    }

    @Test func aMissingAfterIsShownAsMissingOnWeekNotAsZero() {
        let missing = patient { $0.exercises = [ExerciseEntry(date: start + 10, exerciseID: "glute-bridge", sets: 3, reps: 10, painDuring: 2)] }
        var model = AppModel(snapshot: missing, today: start + 10)
        _ = model.update(.key(.char("2")), now: 0)
        func afterRow(_ m: AppModel) -> String { screen(m).text.split(separator: "\n").first { $0.contains("▒ after") }.map(String.init) ?? "" }
        #expect(afterRow(model).hasSuffix("?") || afterRow(model).contains("? "), "\(screen(model))")
        var zero = AppModel(snapshot: patient { $0.exercises[0].painAfter = 0 }, today: start + 10)
        _ = zero.update(.key(.char("2")), now: 0)
        #expect(!afterRow(zero).contains("?") && afterRow(zero).contains("0"), "\(screen(zero))")
    }

    // MARK: Advancing

    @Test func theLastGateCompletesTheProgramFromTheScreen() throws {
        var h = History(enrolment: Enrolment(start: start, side: .right, baselinePain: 1))
        h.phaseChanges.append(PhaseChange(date: start, phase: .returnToRun))
        var day = 0
        for stage in 1...10 {
            for _ in 0..<2 {
                h.runs.append(RunEntry(date: start + day, stage: stage, minutes: 40, painDuring: 0))  // the whole outing
                h.checkIns.append(CheckIn(date: start + day + 1, morningPain: 1))
                day += 2
            }
        }
        h.scores.append(OutcomeScore(date: start + day, score: 70))  // the gate asks for a recent VISA-G
        let storage = MemoryStorage(history: h)
        let app = try AppRunner(storage: storage, today: { start + day })
        let terminal = FakeTerminal([.keys("a"), .keys("y"), .keys("q")])
        app.run(on: terminal)
        #expect(terminal.frames[0].contains("Gate met: press a to move on."), "\(terminal.frames[0])")
        #expect(terminal.frames[1].contains("Finish the program?"), "\(terminal.frames[1])")
        #expect(storage.history?.phaseChanges.last == PhaseChange(date: start + day, phase: .complete))
        let done = terminal.frames[terminal.frames.count - 2]
        #expect(done.contains("Program complete on \((start + day).iso). Keep to the maintenance running caps."), "\(done)")
        #expect(!done.contains("Not yet"))
    }

    // MARK: One judgement for every save

    @Test func timerSetsDuringAStopAreRefusedAndSaidSo() {
        let quick = Program.quickBridge(sets: 1, rest: 1)
        let h = History(enrolment: Enrolment(start: start, side: .right, baselinePain: 1))
        let today = start + 3
        var model = AppModel(snapshot: Snapshot(program: quick, history: h, today: today), today: today)
        _ = model.update(.key(.enter), now: 0)
        _ = model.update(.soundReady, now: 0)
        // Another process records a warning sign while the set runs: exercise stops.
        var stopped = h
        stopped.checkIns.append(CheckIn(date: today, morningPain: 2, redFlags: ["hot-swollen-hip"]))
        _ = model.update(.dataChanged(Snapshot(program: quick, history: stopped, today: today), today: today), now: second)
        var effects: [Effect] = []
        for t in 2...15 { effects += model.update(.tick, now: Int64(t) * second) }
        effects += model.update(.key(.escape), now: 16 * second)
        let saves = effects.filter { if case .save(.timerSets) = $0 { return true } else { return false } }
        #expect(saves.isEmpty, "\(effects)")
        #expect(model.notice?.text.hasPrefix("Not saved: The program is stopped") == true, "\(String(describing: model.notice))")
        #expect(model.notice?.style == .red)
    }

    @Test func aFormIsJudgedOnceAndItsNotesShownWithItsSave() throws {
        let storage = MemoryStorage(history: patient().history)
        let app = try AppRunner(storage: storage, today: { start + 10 })
        // The glute bridge again, with pain 7 during: a red day, its advice shown with the save until read.
        let terminal = FakeTerminal([
            .keys("l"), .key(.down), .key(.down), .key(.down), .key(.down), .key(.down), .key(.down),
            .keys("7"), .key(.end), .key(.enter), .keys("q"), .key(.enter), .keys("q")
        ])
        app.run(on: terminal)
        #expect(!terminal.ranOut)
        let after = terminal.frames[terminal.frames.count - 3]
        #expect(after.contains("Saved 1 entry"), "\(after)")
        #expect(after.contains("Pain during exercise 7 is in the red zone"), "\(after)")
    }
}

/// A phase change is judged on the data as it is when it is saved: the storage only writes, so
/// the judge is the app's own admission, on data read again when another process wrote meanwhile.
@Suite struct StoredAdvanceTests {
    @Test func aPhaseChangeIsJudgedAgainOnFreshDataByAdmission() throws {
        let ready = AdvanceTests().readyToLeaveActivation()
        let storage = MemoryStorage(history: ready.history)
        let app = try AppRunner(storage: storage, today: { ready.today })
        // The gate is met when the question is asked; a red day logged in another terminal closes it.
        let terminal = FakeTerminal([
            .keys("a"),
            .run { storage.writeFromAnotherProcess(ExerciseEntry(date: ready.today, exerciseID: "glute-bridge", sets: 3, reps: 10, painDuring: 8)) },
            .keys("y"),
            .keys("q")
        ])
        app.run(on: terminal)
        #expect(terminal.frames[1].contains("Move to the Strengthening phase?"), "\(terminal.frames[1])")
        #expect(storage.history?.phaseChanges.isEmpty == true, "written though the gate was no longer met")
        let notice = app.model.notice?.text ?? ""
        #expect(notice.hasPrefix("Not saved: Not ready to leave the activation phase; unmet: "), "\(notice)")
        #expect(!notice.contains("\n"))
    }

    /// The database writes what it is given: judging is not its part.
    @Test func theDatabaseOnlyWritesAPhaseChange() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rehab-advance-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let storage = try DatabaseStorage(directory: folder)
        _ = try storage.save(.enrol(Enrolment(start: start, side: .right, baselinePain: 1), program: "default"), today: start + 3)
        _ = try storage.save(
            .phaseChange(PhaseChange(date: start + 3, phase: .strengthening, override: "Seen in clinic, strong enough")), today: start + 3)
        #expect(try storage.load(today: start + 3)?.history.phaseChanges.map(\.phase) == [.strengthening])
    }
}

@Suite struct TimerAdmissionTests {
    /// A set the timer saves as skipped (0 reps) is what happened: admitted, not refused as "0 reps".
    @Test func aSkippedTimerSetPassesTheJudgement() {
        let s = patient()
        let skipped = ExerciseEntry(date: s.today, exerciseID: "hip-hitch", side: .left, sets: 1, reps: 0, ended: .skipped, planned: 10)
        guard case .success = AppModel.judge(.timerSets([skipped]), snapshot: s, today: s.today) else {
            Issue.record("a skipped set was refused"); return
        }
        let typed = ExerciseEntry(date: s.today, exerciseID: "hip-hitch", side: .left, sets: 1, reps: 0)
        guard case .failure(let refusal) = AppModel.judge(.exercises([typed]), snapshot: s, today: s.today) else {
            Issue.record("0 reps typed as done in full was accepted"); return
        }
        #expect(refusal.field == .reps)
    }
}

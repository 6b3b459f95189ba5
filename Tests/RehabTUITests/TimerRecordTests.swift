import Foundation
import Testing
import TestSupport
import RehabCore
import Terminal
@testable import RehabTUI

private let second: Int64 = 1_000_000_000

/// What the timer records is what happened: skipped work is not done, "could not do it" is an
/// answer, a save that failed is never called saved, and time the program did not run is a pause.
@Suite struct TimerRecordModelTests {
    /// One set of 2 reps at 5-2-5 (12 s a rep).
    let slow = TempoPlan(segments: TempoPlan.segments(fromTempo: "5-2-5")!, sets: 1, repsPerSet: 2, restSeconds: 0)

    @Test func aRepCountsWhenOnlyASmallShareOfItWasSkipped() {
        var t = TimerModel(plan: slow, title: "slow", now: 0)
        _ = t.advance(0)
        _ = t.advance(5 * second)  // rep 1: the hold (2 s of 12, 17 %) is skipped
        _ = t.skip(5 * second)
        _ = t.advance(12 * second)  // rep 2: its lowering (5 s of 12, 42 %) is skipped
        _ = t.skip(12 * second)
        let o = t.advance(19 * second)
        #expect(o.completedBlocks.map(\.done) == [1])
        #expect(o.completedBlocks.first?.ended == .cutShort && o.completedBlocks.first?.planned == 2)
    }

    @Test func skippingEverySegmentIsNothingDone() {
        let plan = TempoPlan(segments: TempoPlan.segments(fromTempo: "1-1-1")!, sets: 2, repsPerSet: 2, restSeconds: 2, prepareSeconds: 5)
        var t = TimerModel(plan: plan, title: "skip", now: 0)
        var saved: [TimerModel.CompletedBlock] = []
        for _ in 0..<100 where t.isActive { saved += t.skip(0).completedBlocks }
        #expect(saved.map(\.done) == [0, 0])
        #expect(saved.map(\.ended) == [.skipped, .skipped])
        #expect(t.setsDone(part: 0) == 0)
    }

    @Test func skippingTheGetReadyOrARestIsNotSkippingWork() {
        let plan = TempoPlan(segments: TempoPlan.segments(fromTempo: "1-1-1")!, sets: 2, repsPerSet: 1, restSeconds: 30, prepareSeconds: 10)
        var t = TimerModel(plan: plan, title: "rests", now: 0)
        _ = t.advance(0)
        _ = t.skip(0)  // the get-ready
        var saved = t.advance(3 * second).completedBlocks
        _ = t.skip(4 * second)  // the rest
        saved += t.advance(7 * second).completedBlocks
        #expect(saved.map(\.ended) == [nil, nil])
        #expect(saved.map(\.done) == [1, 1])
    }

    @Test func aHoldIsSavedWithTheSecondsReallyHeld() {
        let part = TempoPlan.Part(
            name: "hold", segments: [TempoSegment(cue: "hold", seconds: 10)], sets: 1, repsPerSet: 1,
            restSeconds: 0, holdSeconds: 10)
        var t = TimerModel(plan: TempoPlan(parts: [part]), title: "hold", now: 0)
        _ = t.advance(0)
        let o = t.skip(6 * second)
        #expect(o.completedBlocks.map(\.done) == [6])
        #expect(o.completedBlocks.first?.ended == .cutShort && o.completedBlocks.first?.planned == 10)
    }

    @Test func couldNotDoItInTheRestAfterASetStopsTheNextOne() {
        let plan = TempoPlan(segments: TempoPlan.segments(fromTempo: "1-1-1")!, sets: 3, repsPerSet: 2, restSeconds: 10)
        var t = TimerModel(plan: plan, title: "rest", now: 0)
        _ = t.advance(0)
        let done = t.advance(8 * second).completedBlocks  // set 1 ended at 6 s, its rest runs
        let o = t.handle(.char("c"), now: 8 * second)
        #expect(done.map(\.ended) == [nil])
        #expect(o.completedBlocks.map(\.set) == [2] && o.completedBlocks.first?.ended == .stoppedForPain)
        #expect(o.completedBlocks.first?.done == 0)
        // The only exercise: the timer ends and asks its pain.
        #expect(t.stage == .askPain && t.painQuestion?.part == 0)
        #expect(t.saved.count == 2)
    }

    @Test func aThirdDigitIsRefusedNotReadAsTheLastOne() {
        var t = TimerModel(plan: slow, title: "pain", now: 0)
        _ = t.advance(0)
        _ = t.stop(13 * second)
        for key in [Key.char("1"), .char("0"), .char("0")] { _ = t.handle(key, now: 13 * second) }
        #expect(t.handle(.enter, now: 13 * second).savePain == nil)
        #expect(t.painQuestion?.error == TimerModel.painRefusal)
        #expect(t.stage == .askPain)
        // The same for the pain after the session.
        _ = t.handle(.backspace, now: 13 * second)
        #expect(t.handle(.enter, now: 13 * second).savePain?.pain == 10)
        for key in [Key.char("1"), .char("0"), .char("0"), .enter] { _ = t.handle(key, now: 13 * second) }
        #expect(t.stage == .askPainAfter && t.painAfter.error == TimerModel.painRefusal)
    }

    @Test func timeTheTimerDidNotRunIsAPause() {
        var t = TimerModel(plan: slow, title: "stall", now: 0)
        _ = t.advance(0)
        _ = t.advance(3 * second)
        t.didNotRun(since: 3 * second, now: 23 * second)
        #expect(t.stage == .paused && t.elapsed(23 * second) == 3_000)
        #expect(t.stallNote == "Paused: the timer did not run for 20 s. Space goes on.")
        #expect(t.advance(23 * second).completedBlocks.isEmpty)
        t.togglePause(25 * second)
        #expect(t.elapsed(26 * second) == 4_000 && t.stallNote == nil)
    }
}

/// The same through the app's loop: the in-memory terminal and storage.
@Suite struct TimerRecordFlowTests {
    /// Glute bridge then clamshell (each side), 2 sets of 2 reps (3 s each), 6 s rests, 5 s get-ready:
    /// bridge 5-11 and 17-23 s, clamshell left 34-40 and 46-52 s, right 57-63 and 69-75 s.
    func session() -> MemoryStorage {
        MemoryStorage(
            program: .quickSession(sets: 2, rest: 6, prepare: 5),
            history: History(enrolment: Enrolment(start: start, side: .right, baselinePain: 1)))
    }

    /// The glute bridge alone: 2 sets of 2 reps (6 s a set), 2 s rest; cues at 0-6 s and 8-14 s.
    func bridge() -> MemoryStorage {
        MemoryStorage(
            program: .quickBridge(sets: 2, rest: 2),
            history: History(enrolment: Enrolment(start: start, side: .right, baselinePain: 1)))
    }

    func runner(_ storage: MemoryStorage) throws -> AppRunner {
        try AppRunner(storage: storage, today: { start + 3 }, sound: TimerSound(player: CuePlayer(output: RecordingCues(), logPath: nil)))
    }

    @Test func setsSkippedThroughAreSavedAsSkippedAndSaidSo() throws {
        let storage = session()
        let app = try runner(storage)
        let terminal = FakeTerminal([
            .keys("e"),
            .keys(String(repeating: "s", count: 60)),  // every get-ready, segment and rest
            .key(.escape), .key(.escape),  // no pain scores
            .keys("l"),  // the pain after: later
            .key(.enter),  // the summary closes
            .keys("q")
        ])
        app.run(on: terminal)
        #expect(!terminal.ranOut)
        let entries = storage.history?.exercises ?? []
        #expect(entries.count == 6)
        #expect(entries.allSatisfy { $0.reps == 0 && $0.ended == .skipped && $0.planned == 2 && $0.tempoSeconds == nil })
        let summary = try #require(terminal.frames.last { $0.contains("Session done") })
        #expect(summary.contains("0 of 6 sets done, 6 skipped"), "\(summary)")
        #expect(summary.contains("Glute bridge: 0 of 2 sets done (set 1 skipped, set 2 skipped)"), "\(summary)")
        #expect(terminal.screen.contains("Saved 6 sets: 0 done, 6 skipped."), "\(terminal.screen)")
    }

    @Test func quittingMidSetSavesThatSetAsCutShort() throws {
        let storage = bridge()
        let app = try runner(storage)
        let terminal = FakeTerminal([.key(.enter), .wait(4 * second), .keys("qy"), .key(.escape), .keys("l"), .keys("q")])
        app.run(on: terminal)
        let entries = storage.history?.exercises ?? []
        #expect(entries.map(\.reps) == [1] && entries.map(\.ended) == [.cutShort] && entries.map(\.planned) == [2])
        #expect(entries.first?.painAfter == nil, "an unanswered pain after is nil, never 0")
        #expect(terminal.screen.contains("Saved 1 set of glute bridge: 0 done, 1 cut short."), "\(terminal.screen)")
    }

    @Test func couldNotDoItStopsTheExerciseAsksItsPainAndGoesOn() throws {
        let storage = session()
        let app = try runner(storage)
        let terminal = FakeTerminal([
            .keys("e"),
            .wait(20 * second),  // the bridge's set 2 since 17 s: one rep done
            .keys("c"),  // could not do it
            .wait(10 * second),  // the session waits for the pain
            .keys("4"), .key(.enter),  // pain during the bridge: the session goes on
            .wait(60 * second),  // the clamshell, both sides
            .keys("2"), .key(.enter),
            .keys("6"), .key(.enter),  // pain now, after the session: red, so its advice is read first
            .key(.enter),
            .key(.enter),
            .keys("q")
        ])
        app.run(on: terminal)
        #expect(!terminal.ranOut)
        #expect(terminal.frames.contains { $0.contains("Pain after exercise 6 is in the red zone (above 5)") })
        let entries = storage.history?.exercises ?? []
        #expect(entries.map(\.exerciseID) == ["glute-bridge", "glute-bridge", "clamshell", "clamshell", "clamshell", "clamshell"])
        #expect(entries.map(\.ended) == [nil, .stoppedForPain, nil, nil, nil, nil])
        #expect(entries[1].reps == 1 && entries[1].planned == 2)
        #expect(entries.map(\.painDuring) == [4, 4, 2, 2, 2, 2])
        #expect(entries.allSatisfy { $0.painAfter == 6 })
        // Asked at once, while the session waits at the clamshell's get-ready.
        let held = try #require(terminal.frames.first { $0.contains("Stopped glute bridge for pain") })
        #expect(held.contains("Pain during glute bridge (0-10)"), "\(held)")
        let goesOn = try #require(terminal.frames.lastIndex { $0.contains("GET READY") && $0.contains("Clamshell · left side") })
        #expect(goesOn > terminal.frames.firstIndex(of: held)! && !terminal.frames[goesOn].contains("Stopped"))
        let summary = try #require(terminal.frames.last { $0.contains("Session done") })
        #expect(summary.contains("Glute bridge: 1 of 2 sets done (set 2 stopped for pain: 1 of 2 reps) · pain 4"), "\(summary)")
        #expect(summary.contains("5 of 6 sets done, 1 stopped for pain"))
        #expect(terminal.screen.contains("Saved 6 sets: 5 done, 1 stopped for pain."), "\(terminal.screen)")
    }

    @Test func aFailedSaveIsNeverCalledSavedAndIsTriedAgain() throws {
        let storage = bridge()
        storage.failSaves = "the disk is full."
        let app = try runner(storage)
        let terminal = FakeTerminal([
            .key(.enter), .wait(20 * second),
            .keys("3"), .key(.enter), .keys("l"),
            .run { storage.failSaves = nil },
            .wait(6 * second),  // the app idles: what failed is tried again
            .keys("q")
        ])
        app.run(on: terminal)
        #expect(!terminal.ranOut)
        let closed = try #require(terminal.frames.first { $0.contains("Timer: ") == false && $0.contains("Not saved") })
        #expect(closed.contains("Not saved: glute bridge sets 1, 2 (the disk is full); trying again."), "\(closed)")
        #expect(!closed.contains("Saved"))
        // Nothing says saved until it is.
        let saved = try #require(terminal.frames.firstIndex { $0.contains("Saved 2 sets of glute bridge.") })
        #expect(terminal.frames[..<saved].allSatisfy { !$0.contains("saved.") && !$0.contains("Saved") })
        #expect(terminal.frames.contains { $0.contains("Set 2/2") && $0.contains("Not saved: glute bridge set 1 (the disk is full)") })
        #expect(
            terminal.frames.contains {
                $0.contains("Glute bridge: 2 of 2 sets done") && $0.contains("Not saved: glute bridge sets 1, 2 (the disk is full)")
            })
        let entries = storage.history?.exercises ?? []
        #expect(entries.count == 2 && entries.allSatisfy { $0.painDuring == 3 && $0.reps == 2 })
        #expect(terminal.screen.contains("Saved 2 sets of glute bridge."), "\(terminal.screen)")
        #expect(app.model.unsavedAtExit == nil)
    }

    @Test func anEarlierTimersUnsavedSetIsSavedLaterWithItsOwnPainOnly() throws {
        let storage = MemoryStorage(
            program: .quickBridge(sets: 1, rest: 1),
            history: History(enrolment: Enrolment(start: start, side: .right, baselinePain: 1)))
        storage.failSaves = "the disk is full."
        let app = try runner(storage)
        let terminal = FakeTerminal([
            .key(.enter), .wait(10 * second), .key(.escape), .keys("l"),  // not saved, no pain
            .run { storage.failSaves = nil },
            .key(.enter), .wait(10 * second), .keys("4"), .key(.enter), .keys("7"), .key(.enter),
            .keys("q")
        ])
        app.run(on: terminal)
        let entries = storage.history?.exercises ?? []
        #expect(entries.count == 2)
        #expect(entries.map(\.painDuring) == [nil, 4] && entries.map(\.painAfter) == [nil, 7])
    }

    @Test func setsStillUnsavedAtTheEndAreSaidWhenTheProgramEnds() throws {
        let storage = bridge()
        storage.failSaves = "the disk is full."
        let app = try runner(storage)
        let terminal = FakeTerminal([.key(.enter), .wait(20 * second), .key(.escape), .keys("l"), .keys("q")])
        app.run(on: terminal)
        #expect(storage.history?.exercises.isEmpty == true)
        #expect(app.model.unsavedAtExit == "Not saved: glute bridge sets 1, 2 (the disk is full.). Log them with `rehab log`.")
    }

    /// A save waiting for the database (another program holds its lock) runs off the loop: the
    /// cues keep coming on time, and the set is saved once the lock is free.
    @Test func aSaveThatWaitsNeverHoldsUpTheCues() throws {
        let storage = bridge()
        let app = try runner(storage)
        let terminal = FakeTerminal(
            waitsForSaves: false,
            [
                .key(.enter), .wait(15 * second),
                .keys("3"), .key(.enter),  // the pain, given while both sets are still on their way
                .wait(5 * second), .keys("l"), .keys("q")
            ])
        let lockFreeAt = 17 * second
        var first = true
        storage.beforeSave = {
            guard first else { return }
            first = false
            // The lock is held until 17 s on the terminal's clock. A save on the loop would hold
            // that clock too: after a while, the time it took has passed for everyone.
            let began = Date()
            while terminal.now < lockFreeAt {
                if Date().timeIntervalSince(began) > 5 { terminal.now = lockFreeAt; break }
                usleep(1_000)
            }
        }
        app.run(on: terminal)
        #expect(terminal.bells == [0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14].map { $0 * second })
        let entries = storage.history?.exercises ?? []
        #expect(entries.count == 2 && entries.allSatisfy { $0.reps == 2 && $0.ended == nil && $0.painDuring == 3 })
    }

    enum Stall: String, CaseIterable { case suspended, overslept, outputHeld }

    /// Ctrl-Z then fg, a machine asleep, output held with Ctrl-S: 20 s the timer did not run is a
    /// pause from the last moment it was seen running, never work.
    @Test(arguments: Stall.allCases)
    func timeTheProgramDidNotRunIsAPause(_ stall: Stall) throws {
        let storage = MemoryStorage(
            program: .quickBridge(sets: 1, rest: 1),
            history: History(enrolment: Enrolment(start: start, side: .right, baselinePain: 1)))
        let app = try runner(storage)
        let step: FakeTerminal.Step =
            switch stall {
            case .suspended: .suspend(20 * second)
            case .overslept: .oversleep(20 * second)
            case .outputHeld: .holdOutput(20 * second)
            }
        let terminal = FakeTerminal([
            .key(.enter), .wait(2_500_000_000), step,
            .wait(5 * second),
            .keys(" "), .wait(10 * second),
            .keys("1"), .key(.enter), .keys("l"), .keys("q")
        ])
        app.run(on: terminal)
        #expect(!terminal.ranOut)
        #expect(terminal.frames.contains { $0.contains("Paused: the timer did not run for 20 s. Space goes on.") })
        // Nothing was cued while it did not run nor while paused after it.
        let goesOnAt = try #require(terminal.typed.first { $0.key == .char(" ") }?.at)
        #expect(goesOnAt > 22 * second)
        #expect(!terminal.bells.contains { $0 > 3 * second && $0 < goesOnAt }, "\(terminal.bells)")
        let entries = storage.history?.exercises ?? []
        #expect(entries.count == 1 && entries.first?.reps == 2 && entries.first?.ended == nil)
        // The set's 6 s of work: 2.5 s (or 2.75 s) before the stall, the rest after going on.
        let done = try #require(terminal.bells.last)
        #expect(done - goesOnAt >= 3_250_000_000 && done - goesOnAt <= 3_500_000_000, "\(terminal.bells)")
    }
}

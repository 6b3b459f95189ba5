import Testing
import TestSupport
import RehabCore
import Terminal
@testable import RehabTUI

private let second: Int64 = 1_000_000_000

/// Whole flows through the runner, on the in-memory terminal and storage: what the patient types,
/// what the screen shows after it, what was written.
@Suite struct FlowTests {
    func quickStorage(sets: Int, rest: Int) -> MemoryStorage {
        MemoryStorage(
            program: .quickBridge(sets: sets, rest: rest),
            history: History(enrolment: Enrolment(start: start, side: .right, baselinePain: 1)))
    }

    func runner(_ storage: MemoryStorage, today: Day = start + 3) throws -> AppRunner {
        try AppRunner(storage: storage, today: { today })
    }

    @Test func aFailedSaveSaysWhyAndKeepsNothing() throws {
        let storage = MemoryStorage(history: patient().history)
        storage.failNextSave = "the disk is full."
        let before = storage.history?.exercises.count
        let app = try AppRunner(storage: storage, today: { start + 10 })
        let terminal = FakeTerminal([.keys("l"), .key(.end), .key(.enter), .keys("q")])
        app.run(on: terminal)
        #expect(!terminal.ranOut)
        #expect(storage.history?.exercises.count == before)
        let afterSave = terminal.frames[terminal.frames.count - 2]
        #expect(afterSave.contains("Not saved: the disk is full."), "\(afterSave)")
        #expect(afterSave.style(of: "Not saved") == .red)
    }

    @Test func aWriteByAnotherProcessShowsAtTheNextKey() throws {
        let storage = MemoryStorage(history: patient().history)
        let app = try AppRunner(storage: storage, today: { start + 10 })
        let terminal = FakeTerminal([
            .run { storage.writeFromAnotherProcess(ExerciseEntry(date: start + 10, exerciseID: "hip-hitch", side: .left, sets: 3, reps: 10)) },
            .keys("1"),
            .keys("q")
        ])
        app.run(on: terminal)
        #expect(terminal.frames[0].contains("[ ] Hip hitch"))
        #expect(terminal.frames[1].contains("3/6 Hip hitch"), "\(terminal.frames[1])")
    }

    @Test func aWriteByAnotherProcessShowsWhenIdleToo() throws {
        let storage = MemoryStorage(history: patient().history)
        let app = try AppRunner(storage: storage, today: { start + 10 })
        let terminal = FakeTerminal([
            .run { storage.writeFromAnotherProcess(ExerciseEntry(date: start + 10, exerciseID: "hip-hitch", side: .left, sets: 3, reps: 10)) },
            .wait(6 * second),
            .keys("q")
        ])
        app.run(on: terminal)
        #expect(terminal.frames[1].contains("3/6 Hip hitch"), "\(terminal.frames[1])")
    }

    @Test func aResizeMidTimerKeepsTimeAndThePainIsWrittenOnTheSets() throws {
        let storage = quickStorage(sets: 1, rest: 1)
        let app = try runner(storage)
        let terminal = FakeTerminal([
            .key(.enter),
            .wait(2 * second),
            .resize(width: 40, height: 12),
            .wait(second),
            .resize(width: 20, height: 8),
            .wait(second),
            .resize(width: 80, height: 24),
            .wait(10 * second),
            .keys("2"), .key(.enter),
            .keys("l"),  // the pain after: later
            .keys("q")
        ])
        app.run(on: terminal)
        #expect(!terminal.ranOut)
        #expect(terminal.frames.contains { $0.width == 40 && $0.contains("Set 1/1") })
        // 20x8 still shows the count, in plain text (issue 22, item 3).
        #expect(terminal.frames.contains { $0.width == 20 && $0.contains("Set 1/1") && !$0.contains("Please enlarge") })
        let entries = storage.history?.exercises ?? []
        #expect(entries.count == 1)
        #expect(entries.first?.reps == 2)
        #expect(entries.first?.painDuring == 2)
        // 2 reps of 3 s, measured on the backend's clock: resizes cost no time.
        #expect(entries.first?.tempoSeconds == 3)
        // One cue per segment (2 reps x 3 segments) and one at the end, each on time.
        #expect(terminal.bells == (0...6).map { Int64($0) * second })
        #expect(terminal.screen.contains("Saved 1 set of glute bridge"))
    }

    @Test(arguments: [Int32(15), 2, 1])
    func aSignalMidTimerKeepsTheFinishedSetAndQuits(signal: Int32) throws {
        let storage = quickStorage(sets: 2, rest: 60)
        let app = try runner(storage)
        let terminal = FakeTerminal([.key(.enter), .wait(8 * second), .signal(signal)])
        app.run(on: terminal)
        #expect(!terminal.ranOut, "the runner did not quit on the signal")
        #expect(storage.history?.exercises.count == 1)
        #expect(storage.history?.exercises.first?.reps == 2)
    }

    @Test func quittingMidSetKeepsTheRepsDone() throws {
        let storage = quickStorage(sets: 1, rest: 1)
        let app = try runner(storage)
        let terminal = FakeTerminal([
            .key(.enter),
            .wait(4 * second),  // rep 1 done, rep 2 under way
            .keys("q"),
            .keys("y"),
            .key(.escape),  // no pain score
            .keys("l"),  // the pain after: later
            .keys("q")
        ])
        app.run(on: terminal)
        #expect(!terminal.ranOut)
        let entries = storage.history?.exercises ?? []
        #expect(entries.count == 1)
        #expect(entries.first?.reps == 1)
        #expect(entries.first?.painDuring == nil)
        #expect(terminal.frames.contains { $0.contains("Stop now? Sets done so far are kept.") })
    }

    @Test func aSkippedPainScoreIsNotGivenToTheNextTimersSets() throws {
        let storage = quickStorage(sets: 1, rest: 1)
        let app = try runner(storage)
        let terminal = FakeTerminal([
            .key(.enter), .wait(10 * second), .key(.escape), .keys("l"),  // done, pain skipped, after later
            .key(.enter), .wait(10 * second), .keys("4"), .key(.enter), .keys("l"),
            .keys("q")
        ])
        app.run(on: terminal)
        #expect(storage.history?.exercises.map(\.painDuring) == [nil, 4])
    }

    @Test func theFirstRunEnrolsAndShowsToday() throws {
        let storage = MemoryStorage(history: nil)
        let app = try AppRunner(storage: storage, today: { start })
        let terminal = FakeTerminal([.key(.end), .key(.enter), .key(.end), .key(.enter), .keys("q")])
        app.run(on: terminal)
        #expect(storage.history?.enrolment.start == start)
        #expect(terminal.frames[terminal.frames.count - 2].contains("Welcome. Your program starts on 2026-11-02."))
    }

    @Test func enrolmentByAnotherProcessClosesTheSetupForm() throws {
        let storage = MemoryStorage(history: nil)
        let app = try AppRunner(storage: storage, today: { start })
        let terminal = FakeTerminal([
            .run {
                storage.history = History(enrolment: Enrolment(start: start, side: .left, baselinePain: nil));
                storage.writeFromAnotherProcess(ExerciseEntry(date: start, exerciseID: "glute-bridge", sets: 1, reps: 10))
            },
            .key(.down),
            .keys("q")
        ])
        app.run(on: terminal)
        #expect(terminal.frames[1].contains("Today's exercises"), "\(terminal.frames[1])")
    }

    @Test func theStandAloneTimerRunsOnTheSameBackend() {
        let plan = TempoPlan(segments: TempoPlan.segments(fromTempo: "1-1")!, sets: 2, repsPerSet: 2, restSeconds: 1)
        let terminal = FakeTerminal([.wait(2 * second), .resize(width: 40, height: 12), .wait(10 * second)])
        let report = TimerRunner.run(plan: plan, title: "Test", sound: TimerSound(), on: terminal)
        #expect(report.completed)
        #expect(report.elapsedNanoseconds == Int64(plan.totalMilliseconds) * 1_000_000)
        #expect(terminal.frames.contains { $0.width == 40 && $0.contains("Set 1/2") })
    }
}

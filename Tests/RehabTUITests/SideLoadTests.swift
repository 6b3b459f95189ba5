import Foundation
import Testing
import TestSupport
import RehabCore
import Terminal
@testable import RehabTUI

/// Loads are carried per side: the Today list, the log form and the timer's saved sets each use
/// the load of the side at hand, never the one logged last on the other side.
@Suite struct SideLoadTests {
    /// The quick session with a loaded clamshell, done on day 1 at 8 kg on the left and 4 kg on
    /// the painful right side, `lastLogged` logged last.
    func storage(lastLogged: Side = .right) -> MemoryStorage {
        var program = Program.quickSession(sets: 2, rest: 6, prepare: 5)
        program.phases[0].exercises[1].loadable = true
        var history = History(enrolment: Enrolment(start: start, side: .right, baselinePain: 1))
        let entries = [Side.left: 8.0, .right: 4].map { side, kg in
            ExerciseEntry(
                id: side == lastLogged ? 2 : 1, date: start + 1, exerciseID: "clamshell", side: side, sets: 2, reps: 2, loadKg: kg, painDuring: 1)
        }
        history.exercises = entries.sorted { $0.id! < $1.id! }
        return MemoryStorage(program: program, history: history)
    }

    func runner(_ storage: MemoryStorage) throws -> AppRunner {
        let sound = TimerSound(player: CuePlayer(output: RecordingCues(), logPath: nil), settings: TimerSettings(sound: .off), choices: [.off])
        return try AppRunner(storage: storage, today: { start + 3 }, sound: sound)
    }

    /// Today's line waits for the next-morning check-in, then names each side's stepped load.
    @Test func todayWaitsForTheMorningThenNamesTheSteppedLoad() throws {
        let storage = storage()
        storage.program.phases[0].exercises[1].loadStepKg = 2
        let evening = FakeTerminal(width: 120, [.keys("q")])
        try AppRunner(
            storage: storage, today: { start + 1 },
            sound: TimerSound(
                player: CuePlayer(output: RecordingCues(), logPath: nil),
                settings: TimerSettings(sound: .off), choices: [.off])
        ).run(on: evening)
        #expect(evening.frames.contains { $0.contains("@ 8 kg left, 4 kg right  repeat (waiting for tomorrow morning's check-in)") })
        storage.history?.checkIns.append(CheckIn(date: start + 2, morningPain: 1))
        let morning = FakeTerminal(width: 120, [.keys("q")])
        try AppRunner(
            storage: storage, today: { start + 2 },
            sound: TimerSound(
                player: CuePlayer(output: RecordingCues(), logPath: nil),
                settings: TimerSettings(sound: .off), choices: [.off])
        ).run(on: morning)
        #expect(morning.frames.contains { $0.contains("@ 10 kg left, up from 8 kg; 6 kg right, up from 4 kg  tempo") })
    }

    @Test func theTimerSavesEachSideAtItsOwnLoad() throws {
        let storage = storage()
        let terminal = FakeTerminal([
            .keys("e"),
            .wait(25_000_000_000), .keys("1"), .key(.enter),  // the bridge's pain, during its rest
            .wait(60_000_000_000), .keys("1"), .key(.enter),  // the clamshell, left then right
            .keys("l"), .key(.enter), .keys("q")  // the pain after: later; the summary; quit
        ])
        try runner(storage).run(on: terminal)
        #expect(!terminal.ranOut)
        let saved = (storage.history?.exercises ?? []).filter { $0.date == start + 3 }
        #expect(saved.map(\.side) == [nil, nil, .left, .left, .right, .right])
        #expect(saved.map(\.loadKg) == [nil, nil, 8, 8, 4, 4])
        // Today lists both sides' loads.
        #expect(terminal.frames.contains { $0.contains("@ 8 kg left, 4 kg right") })
    }

    @Test func theLogFormOffersTheLoadOfItsSide() throws {
        let history = try #require(storage().history)
        var program = Program.quickSession(sets: 2, rest: 6, prepare: 5)
        program.phases[0].exercises[1].loadable = true
        let s = Snapshot(program: program, history: history, today: start + 3)
        let form = Forms.logExercise(snapshot: s, day: s.today, selected: 1)
        #expect(form[.side] == "left")
        #expect(form[.load] == "8", "the left side's load, not the right side's logged last")
    }

    @Test func theLogFormsLoadFollowsTheSideChosen() throws {
        let storage = storage(lastLogged: .left)
        let terminal = FakeTerminal([
            .key(.down), .keys("l"),  // log the clamshell by hand: the left side, its 8 kg
            .key(.down), .key(.down), .key(.right),  // Side: right, the painful one
            .key(.control("s")), .keys("q")
        ])
        try runner(storage).run(on: terminal)
        #expect(!terminal.ranOut)
        let saved = (storage.history?.exercises ?? []).filter { $0.date == start + 3 }
        #expect(saved.map(\.side) == [.right])
        #expect(saved.map(\.loadKg) == [4], "the right side's load, not the left side's")
    }
}

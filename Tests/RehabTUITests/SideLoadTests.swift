import Foundation
import Testing
import TestSupport
import RehabCore
import Terminal
@testable import RehabTUI

/// Loads are carried per side: the Today list, the log form and the timer's saved sets each use
/// the load of the side at hand, never the one logged last on the other side.
@Suite struct SideLoadTests {
    /// The quick session with a loaded clamshell, done on day 1 at 8 kg on the left and then at
    /// 4 kg on the painful right side (logged last).
    func storage() -> MemoryStorage {
        var program = Program.quickSession(sets: 2, rest: 6, prepare: 5)
        program.phases[0].exercises[1].loadable = true
        var history = History(enrolment: Enrolment(start: start, side: .right, baselinePain: 1))
        history.exercises = [
            ExerciseEntry(id: 1, date: start + 1, exerciseID: "clamshell", side: .left, sets: 2, reps: 2, loadKg: 8, painDuring: 1),
            ExerciseEntry(id: 2, date: start + 1, exerciseID: "clamshell", side: .right, sets: 2, reps: 2, loadKg: 4, painDuring: 1),
        ]
        return MemoryStorage(program: program, history: history)
    }

    func runner(_ storage: MemoryStorage) throws -> AppRunner {
        let sound = TimerSound(player: CuePlayer(output: RecordingCues(), logPath: nil), settings: TimerSettings(sound: .off), choices: [.off])
        return try AppRunner(storage: storage, today: { start + 3 }, sound: sound)
    }

    @Test func theTimerSavesEachSideAtItsOwnLoad() throws {
        let storage = storage()
        let terminal = FakeTerminal([
            .keys("e"),
            .wait(25_000_000_000), .keys("1"), .key(.enter),   // the bridge's pain, during its rest
            .wait(60_000_000_000), .keys("1"), .key(.enter),   // the clamshell, left then right
            .key(.enter), .keys("q"),
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
}

import Foundation
import Testing
import TestSupport
import RehabCore
import Terminal
@testable import RehabTUI

/// No one lies on a painful hip: a side-lying exercise is timed on the painful side only (lying
/// on the other), and where both hips hurt the guided session offers its alternative.
@Suite struct PositionTests {
    /// The quick session with its clamshell side-lying, and a standing alternative.
    func storage(_ affected: AffectedSide) -> MemoryStorage {
        var program = Program.quickSession(sets: 2, rest: 6, prepare: 5)
        var standing = program.phases[0].exercises[1]
        standing.id = "standing-band-abduction"
        standing.name = "Standing band abduction"
        standing.position = .standing
        program.phases[0].exercises[1].position = .sideLying
        program.phases[0].exercises[1].alternative = standing.id
        program.phases[0].alternatives = [standing]
        return MemoryStorage(program: program, history: History(enrolment: Enrolment(start: start, side: affected, baselinePain: 1)))
    }

    func runSession(_ storage: MemoryStorage) throws -> FakeTerminal {
        let sound = TimerSound(player: CuePlayer(output: RecordingCues(), logPath: nil), settings: TimerSettings(sound: .off), choices: [.off])
        let terminal = FakeTerminal([
            .keys("e"),
            .wait(25_000_000_000), .keys("1"), .key(.enter),  // the bridge's pain, during its rest
            .wait(60_000_000_000), .keys("1"), .key(.enter),  // the second exercise
            .keys("l"), .key(.enter), .keys("q")  // the pain after: later; the summary; quit
        ])
        try AppRunner(storage: storage, today: { start + 3 }, sound: sound).run(on: terminal)
        return terminal
    }

    @Test func aOneSidedPatientDoesTheSideLyingSetsOnThePainfulSideOnly() throws {
        let storage = storage(.right)
        let terminal = try runSession(storage)
        #expect(!terminal.ranOut)
        let saved = (storage.history?.exercises ?? []).filter { $0.date == start + 3 }
        #expect(saved.map(\.exerciseID) == ["glute-bridge", "glute-bridge", "clamshell", "clamshell"])
        #expect(saved.map(\.side) == [nil, nil, .right, .right], "lying on the left, never on the painful right hip")
        #expect(terminal.frames.contains { $0.contains("2 x 2, right side (lying on your left)") })
    }

    @Test func aPatientWithBothHipsPainfulIsNeverOfferedASideLyingSet() throws {
        let storage = storage(.both)
        let terminal = try runSession(storage)
        #expect(!terminal.ranOut)
        let saved = (storage.history?.exercises ?? []).filter { $0.date == start + 3 }
        #expect(!saved.contains { $0.exerciseID == "clamshell" })
        #expect(saved.map(\.exerciseID) == ["glute-bridge", "glute-bridge"] + Array(repeating: "standing-band-abduction", count: 4))
        #expect(!terminal.frames.contains { $0.contains("Clamshell") })
        #expect(terminal.frames.contains { $0.contains("Standing band abduction") })
    }
}

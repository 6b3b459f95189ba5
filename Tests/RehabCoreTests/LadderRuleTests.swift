import Foundation
import Testing
@testable import RehabCore

/// A run ladder that goes backwards is refused for a new file, while a program a patient already
/// follows (saved before the rule) keeps loading: existing patients keep their program.
@Suite struct LadderRuleTests {
    /// The default program with the ladder it shipped with before issue 19 (16, 18, 16, 20, 15 ... min).
    var oldLadder: Data {
        var text = ProgramLoader.defaultProgramText()!
        let start = text.range(of: "\"stages\": [")!.upperBound
        let end = text.range(of: "],", range: start..<text.endIndex)!.lowerBound
        text.replaceSubrange(
            start..<end,
            with: """
                { "stage": 1, "walkMinutes": 4, "runMinutes": 1, "repeats": 4 },
                { "stage": 2, "walkMinutes": 3, "runMinutes": 2, "repeats": 4 },
                { "stage": 3, "walkMinutes": 2, "runMinutes": 3, "repeats": 4 },
                { "stage": 4, "walkMinutes": 1, "runMinutes": 4, "repeats": 4 },
                { "stage": 5, "walkMinutes": 1, "runMinutes": 6, "repeats": 3 },
                { "stage": 6, "walkMinutes": 1, "runMinutes": 8, "repeats": 2 },
                { "stage": 7, "walkMinutes": 1, "runMinutes": 10, "repeats": 2 },
                { "stage": 8, "walkMinutes": 0, "runMinutes": 15, "repeats": 1, "warmupWalkMinutes": 3 },
                { "stage": 9, "walkMinutes": 0, "runMinutes": 20, "repeats": 1, "warmupWalkMinutes": 3 },
                { "stage": 10, "walkMinutes": 0, "runMinutes": 30, "repeats": 1 },
                """)
        return Data(text.utf8)
    }

    @Test func aNewFileWithTheOldLadderIsRefusedButASavedOneStillLoads() throws {
        let fresh = ProgramLoader.check(oldLadder)
        #expect(!fresh.isValid)
        #expect(fresh.issues.map(\.path) == ["returnToRun.stages[5].runMinutes", "returnToRun.stages[7].runMinutes"])
        let saved = try ProgramLoader.load(oldLadder, alreadyAdopted: true)
        #expect(saved.returnToRun.stage(6)?.totalRunMinutes == 16)
    }
}

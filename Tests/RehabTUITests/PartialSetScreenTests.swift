import Testing
import RehabCore
import Terminal
@testable import RehabTUI

/// Sets the timer saved with nothing done (skipped) must not tick an exercise on the Today screen.
@Suite struct PartialSetScreenTests {
    @Test func skippedSetsLeaveTheExerciseToDoAndSetsWithWorkTickIt() {
        let skipped = patient { h in
            for side in Side.allCases {
                for _ in 0..<3 {
                    h.exercises.append(
                        ExerciseEntry(
                            date: start + 10, exerciseID: "hip-hitch", side: side, sets: 1, reps: 0,
                            ended: .skipped, planned: 10))
                }
            }
        }
        let item = skipped.status.plan.items.first { $0.exercise.id == "hip-hitch" }
        #expect(item?.doneToday == false && item?.doneSides == [])
        let g = screen(AppModel(snapshot: skipped, today: start + 10))
        #expect(g.contains("[ ] Hip hitch"), "\(g)")
        #expect(g.style(of: "Hip hitch") != .dim)

        // Work done, even short of the prescription, is the exercise done today.
        let cutShort = patient { h in
            for side in Side.allCases {
                h.exercises.append(
                    ExerciseEntry(
                        date: start + 10, exerciseID: "hip-hitch", side: side, sets: 1, reps: 6,
                        ended: .cutShort, planned: 10))
            }
        }
        #expect(cutShort.status.plan.items.first { $0.exercise.id == "hip-hitch" }?.doneToday == true)
    }
}

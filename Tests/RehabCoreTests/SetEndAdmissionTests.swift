import Testing
@testable import RehabCore

/// Admission of a set that ended early: no front end types one yet (the timer saves them), so
/// the rule is judged here directly; the import check shares it (PartialSetTests, through the binary).
@Suite struct SetEndAdmissionTests {
    let start = Day(iso: "2026-03-02")!
    var evaluator: Evaluator {
        Evaluator(program: ProgramLoader.defaultProgram(), history: History(enrolment: Enrolment(start: start, side: .left, baselinePain: 1)))
    }

    func judge(_ reps: Int, ended: SetEnd?, planned: Int?) -> Result<Admitted, Refusal> {
        Admission.judge(
            .exercise(
                ExerciseEntry(
                    date: start, exerciseID: "hip-hitch", side: .left, sets: 1, reps: reps,
                    ended: ended, planned: planned)), by: evaluator, today: start)
    }

    func refusal(_ r: Result<Admitted, Refusal>) -> String? {
        if case .failure(let refusal) = r { return refusal.sentence { $0.rawValue } } else { return nil }
    }

    @Test func aSetThatEndedEarlyCarriesItsPrescriptionAndNeverMoreDoneThanIt() {
        #expect(refusal(judge(0, ended: .skipped, planned: 10)) == nil)
        #expect(refusal(judge(0, ended: .stoppedForPain, planned: 10)) == nil)
        #expect(refusal(judge(7, ended: .cutShort, planned: 10)) == nil)
        #expect(refusal(judge(7, ended: .cutShort, planned: nil)) == "A set cut short must say what was planned: the repetitions prescribed per set.")
        #expect(refusal(judge(12, ended: .cutShort, planned: 10)) == "A set records 12 repetitions done of 10 planned: never more than was planned.")
        #expect(refusal(judge(7, ended: nil, planned: 10))?.hasPrefix("planned (10) is given only for a set that ended early") == true)
        // Without an end, today's rules: at least one repetition.
        #expect(refusal(judge(0, ended: nil, planned: nil)) == "reps must be from 1 to 500, not 0.")
    }
}

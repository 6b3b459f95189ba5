import Testing
import RehabCore

@Suite struct TempoPlanTests {
    let plan = TempoPlan(segments: TempoPlan.segments(fromTempo: "5-2-5")!, sets: 2, repsPerSet: 10, restSeconds: 20)

    @Test func aSessionIsLaidOutInTime() {
        // 2 sets x 10 reps x 12 s, one rest of 20 s between them.
        #expect(plan.totalMilliseconds == 260_000)
        #expect(plan.steps.count == 2 * 10 * 3 + 1)
        #expect(plan.blocks.map(\.end) == [120_000, 260_000])
        #expect(plan.steps[30].isRest && plan.steps[30].start == 120_000)
    }

    @Test func theStepDueIsFoundFromElapsedTime() {
        #expect(plan.stepIndex(at: 0) == 0)
        #expect(plan.stepIndex(at: 4_999) == 0)
        #expect(plan.stepIndex(at: 5_000) == 1)
        #expect(plan.stepIndex(at: 7_000) == 2)
        #expect(plan.stepIndex(at: 12_000) == 3)
        #expect(plan.stepIndex(at: 130_000) == 30)
        #expect(plan.stepIndex(at: 259_999) == 60)
        #expect(plan.stepIndex(at: 260_000) == nil)
    }

    @Test func tempoTextsAreChecked() {
        #expect(TempoPlan.segments(fromTempo: "5-2-5")?.map(\.cue) == ["lower", "hold", "raise"])
        #expect(TempoPlan.segments(fromTempo: "10")?.map(\.seconds) == [10])
        for bad in ["", "5--5", "0-2-5", "a-b", "1-1-1-1-1", "5-2-9999"] { #expect(TempoPlan.segments(fromTempo: bad) == nil, "\(bad)") }
    }

    @Test func eachSideIsItsOwnBlock() {
        let e = ProgramLoader.defaultProgram().exercise("hip-hitch")!
        let p = TempoPlan(exercise: e, sides: [.left, .right], restSeconds: 30)
        // All sets of one side, then all sets of the other: the patient turns over once.
        #expect(p.blocks.count == e.sets * 2)
        #expect(p.blocks.prefix(e.sets).allSatisfy { $0.side == .left })
        #expect(p.blocks[e.sets].side == .right && p.blocks[e.sets].set == 1)
        #expect(p.blocks[1].set == 2)
    }
}

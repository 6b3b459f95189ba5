import Testing
import RehabCore
@testable import RehabTUI

private let ms: Int64 = 1_000_000
private let s: Int64 = 1_000_000_000

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

@Suite struct TimerModelTests {
    let plan = TempoPlan(segments: TempoPlan.segments(fromTempo: "1-1-1")!, sets: 2, repsPerSet: 2, restSeconds: 2)

    @Test func aCueIsDueOnceAtEachSegmentChangeAndSetsAreSavedAsTheyEnd() {
        var t = TimerModel(plan: plan, title: "test", now: 0)
        var bells = 0
        var saved: [TimerModel.CompletedBlock] = []
        // Wake at every deadline the model asks for, as the loop does.
        var now: Int64 = 0
        while t.isActive {
            let o = t.advance(now)
            if o.cue != nil { bells += 1 }
            saved += o.completedBlocks
            guard let next = t.nextDeadline(now) else { break }
            now = next
        }
        // 2 sets x 2 reps x 3 segments + 1 rest = 13 steps, plus "done" at the end.
        #expect(bells == 14)
        #expect(saved.map(\.done) == [2, 2])
        #expect(saved.map(\.tempoSeconds) == [3, 3])
        #expect(now == 14 * s)
        #expect(t.stage == .askPain && t.painQuestion?.part == 0)
    }

    @Test func lateWakeUpsDoNotShiftTheSchedule() {
        var t = TimerModel(plan: plan, title: "test", now: 0)
        _ = t.advance(0)
        _ = t.advance(1_300 * ms)   // woke 300 ms late
        #expect(t.nextDeadline(1_300 * ms) == 1_500 * ms)
        #expect(t.currentStep(2_000 * ms)?.start == 2_000)
    }

    @Test func pausingStopsTheClockAndSkipJumpsAhead() {
        var t = TimerModel(plan: plan, title: "test", now: 0)
        _ = t.advance(0)
        t.togglePause(500 * ms)
        #expect(t.elapsed(10 * s) == 500)
        #expect(t.nextDeadline(10 * s) == nil)
        t.togglePause(10 * s)
        #expect(t.elapsed(10 * s + 100 * ms) == 600)
        let o = t.skip(10 * s + 100 * ms)
        #expect(o.cue?.kind == .segment("hold"))
        #expect(t.elapsed(10 * s + 100 * ms) == 1_000)
    }

    @Test func quittingAsksFirstAndKeepsTheRepsDone() {
        var t = TimerModel(plan: plan, title: "test", now: 0)
        _ = t.advance(0)
        t.requestQuit(4 * s)                    // one full rep (3 s) of set 1 done
        #expect(t.stage == .confirmQuit(resumeAfter: true))
        #expect(t.confirmQuit(false, now: 5 * s).completedBlocks.isEmpty)
        #expect(t.stage == .running)
        t.requestQuit(5 * s)
        let o = t.confirmQuit(true, now: 5 * s)
        #expect(o.completedBlocks.map(\.done) == [1])
        #expect(t.stage == .askPain && t.painQuestion?.part == 0)
    }

    @Test func painIsCheckedBeforeSaving() {
        var t = TimerModel(plan: plan, title: "test", now: 0)
        _ = t.advance(0)
        _ = t.stop(7 * s)
        _ = t.painKey(.digit(1), now: 7 * s); _ = t.painKey(.digit(1), now: 7 * s)
        #expect(t.painKey(.enter, now: 7 * s).savePain == nil)
        #expect(t.stage == .askPain)
        #expect(t.painQuestion?.error?.contains("0 (none) to 10") == true)
        _ = t.painKey(.backspace, now: 7 * s)
        let o = t.painKey(.enter, now: 7 * s)
        #expect(o.savePain?.pain == 1 && o.savePain?.part == 0 && !o.close)
        // Then the pain now, after the session; it can be left for later.
        #expect(t.stage == .askPainAfter)
        #expect(t.painAfterKey(.skip).close)
    }
}

import Testing
import RehabCore
@testable import RehabTUI

private let ms: Int64 = 1_000_000
private let s: Int64 = 1_000_000_000
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
        _ = t.advance(1_300 * ms)  // woke 300 ms late
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
        t.requestQuit(4 * s)  // one full rep (3 s) of set 1 done
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

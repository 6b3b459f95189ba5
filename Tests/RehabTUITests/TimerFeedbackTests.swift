import Foundation
import Testing
import TestSupport
import RehabCore
import Terminal
@testable import RehabTUI

/// Issue 22, item 9: every timer key says what it did, on the timer's own screen.
@Suite struct TimerFeedbackTests {
    let second: Int64 = 1_000_000_000

    func screen(_ t: TimerModel, at now: Int64) -> CellGrid {
        var grid = CellGrid(width: 80, height: 24)
        TimerScreen.render(t, into: &grid, now: now)
        return grid
    }

    func timer(_ plan: TempoPlan) -> TimerModel {
        var t = TimerModel(plan: plan, title: "t", now: 0)
        _ = t.advance(0)
        return t
    }

    @Test func voiceFlashAndSoundKeysSayWhatWasChosen() {
        var t = timer(TempoPlan(segments: TempoPlan.segments(fromTempo: "2-2")!, sets: 1, repsPerSet: 3, restSeconds: 0))
        _ = t.handle(.char("v"), now: second)
        #expect(screen(t, at: second).contains("The voice says: rep numbers and sides"))
        _ = t.handle(.char("f"), now: 2 * second)
        #expect(screen(t, at: 2 * second).contains("Flash at each cue: on"))
        // Said for a moment, then gone.
        #expect(!screen(t, at: 6 * second).contains("Flash at each cue"))
    }

    @Test func pausedTheFooterSaysSpaceGoesOn() {
        var t = timer(TempoPlan(segments: TempoPlan.segments(fromTempo: "2-2")!, sets: 1, repsPerSet: 3, restSeconds: 0))
        #expect(screen(t, at: second).contains("space pause"))
        t.togglePause(second)
        let paused = screen(t, at: 2 * second)
        #expect(paused.contains("space go on") && !paused.contains("space pause"))
    }

    @Test func aHoldShowsHoldNotRepOneOfOne() throws {
        let hold = try #require(ProgramLoader.defaultProgram().phases[0].exercises.first { $0.isHold })
        let t = timer(TempoPlan(exercise: hold, sides: [.left]))
        let shown = screen(t, at: second)
        #expect(shown.contains("Set 1/\(hold.sets) · left side · hold"), "\(shown)")
        #expect(!shown.contains("rep 1/1"))
    }

    @Test func helpPausesTheTimerAndAPainTypedInARestIsConfirmed() throws {
        let storage = MemoryStorage(program: .quickSession(sets: 2, rest: 6, prepare: 5),
                                    history: History(enrolment: Enrolment(start: start, side: .right, baselinePain: 1)))
        let sound = TimerSound(player: CuePlayer(output: SilentCueOutput(), logPath: nil), settings: TimerSettings(sound: .off), choices: [.off])
        let app = try AppRunner(storage: storage, today: { start + 3 }, sound: sound)
        let terminal = FakeTerminal([
            .keys("e"),
            .wait(25 * second), .keys("1"), .key(.enter),     // the bridge's pain, typed during the rest after it
            .wait(1 * second), .keys("?"), .wait(30 * second), .key(.escape),
        ])
        app.run(on: terminal)
        #expect(terminal.frames.contains { $0.contains("Pain 1 noted for glute bridge.") })
        let afterHelp = try #require(terminal.frames.last { !$0.contains("space pause") && $0.contains("PAUSED") })
        #expect(afterHelp.contains("space go on"), "\(afterHelp)")
        if case .timer(let t, _) = app.model.mode { #expect(t.stage == .paused || !t.isActive) }
    }
}

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
        let storage = MemoryStorage(
            program: .quickSession(sets: 2, rest: 6, prepare: 5),
            history: History(enrolment: Enrolment(start: start, side: .right, baselinePain: 1)))
        let sound = TimerSound(player: CuePlayer(output: SilentCueOutput(), logPath: nil), settings: TimerSettings(sound: .off), choices: [.off])
        let app = try AppRunner(storage: storage, today: { start + 3 }, sound: sound)
        let terminal = FakeTerminal([
            .keys("e"),
            .wait(25 * second), .keys("1"), .key(.enter),  // the bridge's pain, typed during the rest after it
            .wait(1 * second), .keys("?"), .wait(30 * second), .key(.escape)
        ])
        app.run(on: terminal)
        #expect(terminal.frames.contains { $0.contains("Pain 1 noted for glute bridge.") })
        let afterHelp = try #require(terminal.frames.last { !$0.contains("space pause") && $0.contains("PAUSED") })
        #expect(afterHelp.contains("space go on"), "\(afterHelp)")
        if case .timer(let t, _) = app.model.mode { #expect(t.stage == .paused || !t.isActive) }
    }
}

/// Issue 22, item 10: the Program screen's words.
@Suite struct ProgramScreenWordsTests {
    @Test func holdsHaveNoTempoTheLadderReadsAsEnglishAndNoMinimumIsSaid() throws {
        var program = ProgramLoader.defaultProgram()
        program.phases[0].minimumDays = 0
        let hold = try #require(program.phases[0].exercises.first { $0.isHold && ($0.tempo ?? []).isEmpty })
        #expect(ProgramScreen.length(program.phases[0]) == "No minimum length, \(program.phases[0].sessionsPerWeek) sessions a week")
        #expect(ProgramScreen.describe(.runStageCompleted(stage: 10, times: 2), program) == "run stage 10 completed green twice")
        let snapshot = Snapshot(
            programs: ProgramTimeline(program), history: History(enrolment: Enrolment(start: start, side: .right, baselinePain: 1)), today: start)
        var grid = CellGrid(width: 80, height: 24)
        ProgramScreen.render(snapshot, cursor: 0, in: Rect(x: 0, y: 1, width: 80, height: 22), &grid)
        let line = try #require((0..<grid.height).map { grid.line($0) }.first { $0.contains(hold.name + ":") })
        #expect(!line.contains("tempo"), "\(line)")
        #expect(!grid.contains("At least 0 days"))
    }

    @Test func theTestFormsResultSaysTheChosenTestsUnit() throws {
        let program = ProgramLoader.defaultProgram()
        let snapshot = Snapshot(
            programs: ProgramTimeline(program), history: History(enrolment: Enrolment(start: start, side: .right, baselinePain: 1)), today: start)
        let form = Forms.test(snapshot: snapshot, day: start)
        let unit = try #require(program.test(form[.test])?.unit)
        #expect(form.fields.first { $0.id == .result }?.hint == unit)
        #expect(form.fields.first { $0.id == .result }?.hint != "seconds, repetitions, minutes or hops")
    }
}

import Foundation
import Testing
import TestSupport
import RehabCore
import Terminal
@testable import RehabTUI

private let second: Int64 = 1_000_000_000

/// Pain in the red zone gets the program's advice at once, on screen and (voiced) aloud, and the
/// guided session waits on it: it never simply starts the next exercise.
@Suite struct RedPainTests {
    func storage() -> MemoryStorage {
        MemoryStorage(
            program: .quickSession(sets: 2, rest: 6, prepare: 5),
            history: History(enrolment: Enrolment(start: start, side: .right, baselinePain: 1)))
    }

    func runner(_ storage: MemoryStorage, _ cues: RecordingCues) throws -> AppRunner {
        let sound = TimerSound(
            player: CuePlayer(output: cues, logPath: nil), settings: TimerSettings(sound: .voice), choices: [.voice, .tones, .bell, .off])
        return try AppRunner(storage: storage, today: { start + 3 }, sound: sound)
    }

    @Test func painTenInTheSessionStopsItWithTheProgramsAdviceUntilRead() throws {
        let storage = storage()
        let cues = RecordingCues()
        let app = try runner(storage, cues)
        let terminal = FakeTerminal([
            .keys("e"),
            .wait(25 * second),  // the bridge is done; its rest announces the clamshell
            .keys("10"), .key(.enter),  // pain 10 during the bridge
            .wait(60 * second),  // a minute on the advice: nothing goes on
            .keys(" s"),  // keys other than Enter do not leave it
            .key(.enter),  // read
            .wait(5 * second),  // still paused: the patient decides
            .keys("q"), .keys("y"),  // ends the session
            .key(.escape), .key(.escape)
        ])
        app.run(on: terminal)
        let advice = try #require(terminal.frames.first { $0.contains("STOP: pain in the red zone") })
        #expect(advice.contains("Pain during exercise 10 is in the red zone (above 5): stop this"), "\(advice)")
        #expect(advice.contains("Next session: step back to the previous load or stage."))
        #expect(advice.contains("2 red days in a row, or 3 within 7 days, pause the program until you"))
        // Voiced: "stop" is said at once, with the cues of the plan before it and none after.
        let played = cues.played.map(\.cue)
        #expect(played.last?.kind == .stop && played.last?.spoken(.all) == RedPainAdvice.spoken, "\(played.map(\.kind))")
        // The clamshell never started: only the bridge's sets were saved, with their pain.
        let entries = storage.history?.exercises ?? []
        #expect(entries.map(\.exerciseID) == ["glute-bridge", "glute-bridge"] && entries.allSatisfy { $0.painDuring == 10 }, "\(entries)")
        let afterRead = try #require(terminal.frames.last { $0.contains("Paused after red pain") })
        #expect(afterRead.contains("space goes on with the next exercise, q ends the session"))
    }

    /// A guided session of the default program, at the moment its first exercise is done and
    /// its pain is asked (the rest before the second exercise): the model and that time.
    func sessionAtFirstPain() -> (AppModel, Int64) {
        var model = AppModel(snapshot: patient(), today: start + 10)
        _ = model.update(.key(.char("e")), now: 0)
        _ = model.update(.soundReady, now: 0)
        guard case .timer(let t, _) = model.mode else { return (model, 0) }
        let second = t.plan.blocks(ofPart: 0).upperBound
        let at = Int64(t.plan.steps.first { $0.block == second }!.start - 1_000) * 1_000_000
        _ = model.update(.tick, now: at)
        return (model, at)
    }

    @Test func theModelHoldsTheTimerAndOnlyEnterLeavesTheAdvice() {
        var (model, now) = sessionAtFirstPain()
        _ = model.update(.key(.char("9")), now: now)
        let effects = model.update(.key(.enter), now: now)
        guard case .redPain(let advice)? = model.overlay, case .timer(let timer, _) = model.mode else {
            Issue.record("no advice: \(String(describing: model.overlay))"); return
        }
        #expect(advice.pain == 9 && timer.stage == .paused)
        #expect(effects.contains { if case .cue(let cue, _, _, _) = $0 { return cue.kind == .stop } else { return false } })
        let elapsed = timer.elapsed(now)
        now += 60 * second
        _ = model.update(.tick, now: now)
        _ = model.update(.key(.char(" ")), now: now)
        guard case .timer(let held, _) = model.mode else { Issue.record("the timer closed"); return }
        #expect(model.overlay != nil && held.elapsed(now) == elapsed, "the session went on under the advice")
        _ = model.update(.key(.enter), now: now)
        #expect(model.overlay == nil)
        if case .timer(let after, _) = model.mode { #expect(after.stage == .paused) }
    }

    @Test func aRedPainLoggedOnTodayShowsTheAdviceToo() {
        var model = AppModel(snapshot: patient(), today: start + 10)
        let entry = ExerciseEntry(date: start + 10, exerciseID: "glute-bridge", sets: 3, reps: 10, painDuring: 7)
        _ = model.update(.saved(.exercises([entry]), patient { $0.exercises.append(entry) }, entryIDs: [1]), now: 0)
        guard case .redPain(let advice)? = model.overlay else { Issue.record("no advice"); return }
        #expect(advice.stop.hasPrefix("Pain during exercise 7 is in the red zone"))
        _ = model.update(.key(.char("x")), now: 0)
        #expect(model.overlay != nil)
        _ = model.update(.key(.enter), now: 0)
        #expect(model.overlay == nil)
        // Amber pain is a line in the notice, as before: no box.
        var amber = AppModel(snapshot: patient(), today: start + 10)
        let five = ExerciseEntry(date: start + 10, exerciseID: "glute-bridge", sets: 3, reps: 10, painDuring: 5)
        _ = amber.update(.saved(.exercises([five]), patient { $0.exercises.append(five) }, entryIDs: [1]), now: 0)
        #expect(amber.overlay == nil)
    }

    /// At 40x12 the advice does not fit: ↓ scrolls it, so every word can be read.
    @Test func theAdviceScrollsWhereItDoesNotFit() {
        var (model, now) = sessionAtFirstPain()
        _ = model.update(.key(.char("8")), now: now)
        _ = model.update(.key(.enter), now: now)
        var seen = ""
        for _ in 0..<12 {
            seen += screen(model, width: 40, height: 12).text
            _ = model.update(.key(.down), now: now)
        }
        for words in ["stop this exercise", "Next session: step back to the", "have seen your physiotherapist", "settle by tomorrow."] {
            #expect(seen.contains(words), "never shown: \(words)")
        }
    }

    /// The advice on screen at every size: nothing cut, scrolled where it does not fit.
    @Test(arguments: [(80, 24), (40, 12), (120, 40)])
    func theAdviceIsAsRecorded(width: Int, height: Int) throws {
        var (model, now) = sessionAtFirstPain()
        _ = model.update(.key(.char("8")), now: now)
        _ = model.update(.key(.enter), now: now)
        try GoldenTests.check("red-pain-session", model, now: now, width: width, height: height)
        var log = AppModel(snapshot: patient(), today: start + 10)
        let entry = ExerciseEntry(date: start + 10, exerciseID: "glute-bridge", sets: 3, reps: 10, painDuring: 7)
        _ = log.update(.saved(.exercises([entry]), patient { $0.exercises.append(entry) }, entryIDs: [1]), now: 0)
        try GoldenTests.check("red-pain-log", log, now: 0, width: width, height: height)
    }
}

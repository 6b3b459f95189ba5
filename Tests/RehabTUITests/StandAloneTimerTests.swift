import Foundation
import RehabCore
import Terminal
import Testing

@testable import RehabTUI

private let second: Int64 = 1_000_000_000

/// `rehab timer` on the one loop, through the tests' terminal: what the patient sees and hears,
/// in order, and what is said once the terminal is back.
@Suite struct StandAloneTimerTests {
    /// Tempo 1-1, 2 sets of 2 reps, 2 s rest: 10 s of plan.
    let plan = TempoPlan(segments: TempoPlan.segments(fromTempo: "1-1")!, sets: 2, repsPerSet: 2, restSeconds: 2)

    func sound(
        _ cues: RecordingCues, settings: TimerSettings = TimerSettings(sound: .voice), choices: [SoundMode] = [.voice, .bell, .off],
        fallback: String? = nil, note: String? = nil, remember: @escaping (TimerSettings) -> String? = { _ in nil }
    ) -> TimerSound {
        TimerSound(
            player: CuePlayer(output: cues, logPath: nil), settings: settings, choices: choices, fallback: fallback, note: note,
            remember: remember)
    }

    func index(_ terminal: FakeTerminal, _ text: String) -> Int? { terminal.frames.firstIndex { $0.contains(text) } }

    @Test func everyCueSoundsOnTimeAroundAStopQuestionAnsweredNo() throws {
        let cues = RecordingCues()
        let terminal = FakeTerminal([.wait(3 * second), .keys("q"), .wait(second), .keys("n"), .wait(20 * second)])
        let report = TimerRunner.run(plan: plan, title: "tempo 1-1", sound: sound(cues), on: terminal)

        #expect(!terminal.ranOut, "the timer did not close by itself at its end")
        #expect(report.completed && report.setsDone == 2)
        // The second the stop question was open is a pause: neither work nor a late cue.
        #expect(report.elapsedNanoseconds == Int64(plan.totalMilliseconds) * 1_000_000 + second)
        // Made ready once, before the clock started; every cue heard in the plan's order, each
        // bell exactly when it was due (after the question, one second later).
        #expect(cues.prepared.map(\.mode) == [.voice] && cues.prepared.first?.cues == plan.cues)
        #expect(cues.played.map(\.cue) == plan.cues)
        let due = plan.cues.map { Int64($0.at) * 1_000_000 + ($0.at > 3000 ? second : 0) }
        #expect(terminal.bells == due)
        #expect(cues.finished == 1)
        // The frames, in order: the sound made ready, set 1, the question, set 2.
        let ready = try #require(index(terminal, "Getting the sound ready…"))
        let set1 = try #require(index(terminal, "Set 1/2"))
        let question = try #require(index(terminal, "Stop now? Sets done so far are kept."))
        let set2 = try #require(index(terminal, "Set 2/2"))
        #expect(ready == 0 && ready < set1 && set1 < question && question < set2)
        #expect(terminal.frames[question].line(23).hasPrefix(" y stop  any other key goes on"))
    }

    @Test func yesToTheStopQuestionEndsItWithThePartSetKept() throws {
        let cues = RecordingCues()
        let terminal = FakeTerminal([.wait(3 * second), .keys("q"), .wait(second), .keys("y")])
        let report = TimerRunner.run(plan: plan, title: "tempo 1-1", sound: sound(cues), on: terminal)
        #expect(!terminal.ranOut, "y did not end the timer")
        #expect(!report.completed && report.setsDone == 1, "the rep done of set 1 is a part set")
        #expect(report.elapsedNanoseconds == 4 * second)
        #expect(terminal.bells.allSatisfy { $0 <= 3 * second }, "a cue sounded while the question was open")
        #expect(cues.finished == 1)
        #expect(terminal.frames.contains { $0.contains("Stop now?") })
    }

    /// The footer says "? help": `?` shows the timer's keys, and the timer waits while they are read.
    @Test func questionMarkShowsTheTimersKeysAndTheTimerWaitsUnderThem() throws {
        let cues = RecordingCues()
        let terminal = FakeTerminal([.wait(3 * second), .keys("?"), .wait(5 * second), .keys("x"), .keys(" "), .wait(20 * second)])
        let report = TimerRunner.run(plan: plan, title: "tempo 1-1", sound: sound(cues), on: terminal)
        #expect(terminal.frames.contains { $0.contains("? help") })
        let help = try #require(index(terminal, "pause / go on"), "? showed no keys")
        #expect(terminal.frames[help].contains("any key closes"))
        #expect(!terminal.frames[help].contains("pain during"), "rehab timer asks no pain, so its help must not offer to type one")
        // Five seconds under the box are a pause: every cue still heard, in order, none while it was open.
        #expect(cues.played.map(\.cue) == plan.cues)
        #expect(!terminal.bells.contains { $0 > 3 * second && $0 < 8 * second })
        #expect(report.completed && report.elapsedNanoseconds == Int64(plan.totalMilliseconds) * 1_000_000 + 5 * second)
        #expect(!terminal.screen.contains("pause / go on"), "a key did not close the box")
    }

    @Test func theTimersHelpScrollsOnATinyTerminalAndCloses() throws {
        let terminal = FakeTerminal(width: 20, height: 8, [.wait(second), .keys("?"), .key(.down), .keys("x"), .signal(2)])
        _ = TimerRunner.run(plan: plan, title: "tempo 1-1", sound: sound(RecordingCues()), on: terminal)
        let help = try #require(index(terminal, "more ↓"), "the box does not say it scrolls")
        #expect(terminal.frames[help + 1] != terminal.frames[help], "the down arrow did not scroll the box")
        #expect(terminal.frames[help + 1].contains("pause"), "the keys' words are not readable at 20 columns")
    }

    @Test func whySoundFellBackIsShownOnTheTimerOnceAndRemembered() throws {
        let why = "No sound player works here: the timer rings the terminal bell."
        var remembered: [TimerSettings] = []
        let wanted = TimerSettings(sound: .voice)
        let first = FakeTerminal([.wait(second), .signal(2)])
        _ = TimerRunner.run(
            plan: plan, title: "tempo 1-1",
            sound: sound(RecordingCues(), settings: wanted, choices: [.bell, .off], fallback: why) {
                remembered.append($0); return nil
            },
            on: first)
        let shown = try #require(index(first, "No sound player works here"))
        #expect(shown > 0, "said before the sound was ready, where the get-ready frame hides it")
        #expect(remembered.map(\.fallbackSaid) == [why])
        #expect(remembered.first?.sound == .voice, "the patient's own choice is kept, not the fallback")
        #expect(first.bells.first == 0, "the bell rings in place of the voice")

        // Said once: the next timer on this machine says it no more.
        remembered = []
        let again = FakeTerminal([.wait(second), .signal(2)])
        _ = TimerRunner.run(
            plan: plan, title: "tempo 1-1",
            sound: sound(
                RecordingCues(), settings: TimerSettings(sound: .voice, fallbackSaid: why), choices: [.bell, .off],
                fallback: why
            ) {
                remembered.append($0); return nil
            },
            on: again)
        #expect(index(again, "No sound player works here") == nil)
        #expect(remembered.isEmpty)
    }

    @Test func aSettingChosenIsRememberedAndWhatCouldNotBeKeptIsSaidAfter() {
        var remembered: [TimerSettings] = []
        let unread = "The timer settings file could not be read: it was set aside."
        let terminal = FakeTerminal([.wait(second), .keys("b"), .wait(second), .signal(15)])
        let report = TimerRunner.run(
            plan: plan, title: "tempo 1-1",
            sound: sound(RecordingCues(), settings: TimerSettings(sound: .bell), choices: [.bell, .off], note: unread) {
                remembered.append($0)
                return "The timer settings were not kept: the disk is full."
            },
            on: terminal)
        #expect(remembered.map(\.sound) == [.off])
        #expect(report.notes == [unread, "The timer settings were not kept: the disk is full."])
        #expect(terminal.bells.allSatisfy { $0 <= second }, "the bell rang after sound was turned off")
        #expect(!report.completed && !terminal.ranOut)
    }
}

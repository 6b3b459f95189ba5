import Foundation
import Testing
import TestSupport
import RehabCore
import Terminal
@testable import RehabTUI

private let second: Int64 = 1_000_000_000

/// What a test hears: every cue the runner asked the sound to prepare and to play.
final class RecordingCues: CueOutput, @unchecked Sendable {
    var prepared: [(cues: [Cue], mode: SoundMode)] = []
    var played: [(cue: Cue, mode: SoundMode, verbosity: Verbosity)] = []
    func prepare(_ cues: [Cue], mode: SoundMode, verbosity: Verbosity) { prepared.append((cues, mode)) }
    func play(_ cue: Cue, mode: SoundMode, verbosity: Verbosity) { played.append((cue, mode, verbosity)) }
    var finished = 0
    func finish() { finished += 1 }
}

/// The guided session: a whole day's exercises from one key, followed by ear.
@Suite struct SessionTests {
    /// Glute bridge then clamshell, 2 sets of 2 reps (3 s each) with 6 s rests and a 5 s get-ready.
    /// The right hip hurts, so the clamshell's left side comes first.
    func storage() -> MemoryStorage {
        MemoryStorage(
            program: .quickSession(sets: 2, rest: 6, prepare: 5),
            history: History(enrolment: Enrolment(start: start, side: .right, baselinePain: 1)))
    }

    func runner(_ storage: MemoryStorage, _ cues: RecordingCues, settings: TimerSettings = TimerSettings(sound: .voice)) throws -> AppRunner {
        let sound = TimerSound(player: CuePlayer(output: cues, logPath: nil), settings: settings, choices: [.voice, .tones, .bell, .off])
        return try AppRunner(storage: storage, today: { start + 3 }, sound: sound)
    }

    @Test func theSessionLaysOutEveryExerciseSideAndRestWithItsCues() {
        let p = Program.quickSession(sets: 2, rest: 6, prepare: 5)
        let parts = p.phases[0].exercises.map { TempoPlan.Part(exercise: $0, sides: $0.sides == .each ? [.left, .right] : [nil]) }
        let plan = TempoPlan(parts: parts, prepareSeconds: 5)
        // get-ready 5, set 6, rest 6, set 6, rest 6 | get-ready 5, L 6, rest 6, L 6 | get-ready 5, R 6, rest 6, R 6
        #expect(plan.totalMilliseconds == 75_000)
        #expect(plan.blocks.map(\.side) == [nil, nil, .left, .left, .right, .right])
        #expect(plan.steps.filter(\.isPrepare).map(\.start) == [0, 29_000, 52_000])
        #expect(plan.cues.map(\.at) == plan.cues.map(\.at).sorted())
        #expect(Set(plan.cues.map(\.at)).count == plan.cues.count, "two cues at one moment: one would be lost")
        let said = plan.cues.compactMap { $0.spoken(.all) }
        #expect(said.prefix(5) == ["Get ready: glute bridge", "three", "two", "one", "1. raise"])
        #expect(said.contains("Rest. Next: set 2"))
        #expect(said.contains("Rest. Next: clamshell, left side"))
        #expect(said.contains("Switch sides: right side"))
        #expect(said.last == "Done")
        // Fewer words: rep numbers only, or only the start of each set; the rest are tones.
        let reps = plan.cues.filter { if case .segment = $0.kind { return true } else { return false } }
        #expect(reps.compactMap { $0.spoken(.reps) }.prefix(4) == ["1", "2", "1", "2"])
        #expect(reps.compactMap { $0.spoken(.sets) }.count == plan.blocks.count)
        #expect(plan.cues.first { $0.kind == .countdown(3) }?.at == 2_000)
    }

    @Test func oneKeyRunsTheWholeSessionSavesEverySetAndAsksPainOncePerExercise() throws {
        let storage = storage()
        let cues = RecordingCues()
        let app = try runner(storage, cues)
        let terminal = FakeTerminal([
            .keys("e"),
            .wait(25 * second),  // the bridge is done; its rest (23-29 s) announces the clamshell
            .keys("3"), .key(.enter),  // pain during the bridge, typed during the rest
            .wait(60 * second),  // the clamshell, left then right
            .keys("2"), .key(.enter),  // pain during the clamshell, asked at the end
            .keys("5"), .key(.enter),  // pain now, after the session
            .key(.enter),  // the summary closes
            .keys("q")
        ])
        app.run(on: terminal)
        #expect(!terminal.ranOut)
        let entries = storage.history?.exercises ?? []
        #expect(entries.map(\.exerciseID) == ["glute-bridge", "glute-bridge", "clamshell", "clamshell", "clamshell", "clamshell"])
        #expect(entries.map(\.side) == [nil, nil, .left, .left, .right, .right])
        #expect(entries.allSatisfy { $0.reps == 2 && $0.tempoSeconds == 3 })
        #expect(entries.map(\.painDuring) == [3, 3, 2, 2, 2, 2])
        #expect(entries.allSatisfy { $0.painAfter == 5 && $0.ended == nil && $0.planned == nil })
        // Sound was made ready once, before the clock started, and every cue played on time.
        #expect(cues.prepared.count == 1 && cues.prepared.first?.mode == .voice)
        #expect(cues.finished == 1, "the players were not released after the session")
        // The plan's cues, and the "stop" of red pain made ready after them (not played: no red pain here).
        let plan = cues.prepared[0].cues.filter { $0.kind != .stop }
        #expect(cues.prepared[0].cues.last?.kind == .stop)
        #expect(cues.played.map(\.cue) == plan)
        #expect(terminal.bells == plan.map { Int64($0.at) * 1_000_000 })
        #expect(terminal.frames.contains { $0.contains("GET READY") && $0.contains("Clamshell · left side · 2 x 2") })
        #expect(terminal.frames.contains { $0.contains("Next: clamshell, left side") && $0.contains("Pain during glute bridge") })
        let summary = try #require(terminal.frames.last { $0.contains("Session done") })
        #expect(summary.contains("Glute bridge: 2 of 2 sets done · pain 3"), "\(summary)")
        #expect(summary.contains("Clamshell: 4 of 4 sets done · pain 2"))
        #expect(summary.contains("6 of 6 sets done in 1:15"))
        #expect(summary.contains("6 sets saved."))
        #expect(terminal.screen.contains("Saved 6 sets."))
    }

    @Test func quittingMidSessionKeepsWhatWasDoneAndAsksOnlyAboutIt() throws {
        let storage = storage()
        let app = try runner(storage, RecordingCues())
        let terminal = FakeTerminal([
            .keys("e"),
            .wait(38 * second),  // bridge done, clamshell left set 1 under way since 34 s (one rep done)
            .keys("qy"),
            .keys("1"), .key(.enter),  // the bridge
            .key(.escape),  // the clamshell: skipped
            .keys("l"),  // the pain after: later
            .key(.enter),
            .keys("q")
        ])
        app.run(on: terminal)
        #expect(!terminal.ranOut)
        let entries = storage.history?.exercises ?? []
        #expect(entries.map(\.exerciseID) == ["glute-bridge", "glute-bridge", "clamshell"])
        #expect(entries.map(\.reps) == [2, 2, 1])
        #expect(entries.map(\.painDuring) == [1, 1, nil])
        #expect(terminal.frames.contains { $0.contains("Worst pain during clamshell") })
    }

    @Test func aSignalMidSessionKeepsEverySetDoneAndQuits() throws {
        let storage = storage()
        let app = try runner(storage, RecordingCues())
        let terminal = FakeTerminal([.keys("e"), .wait(50 * second), .signal(1)])  // clamshell left set 2 since 46 s: one rep done
        app.run(on: terminal)
        #expect(!terminal.ranOut, "the runner did not quit on the signal")
        let entries = storage.history?.exercises ?? []
        #expect(entries.map(\.exerciseID) == ["glute-bridge", "glute-bridge", "clamshell", "clamshell"])
        #expect(entries.map(\.reps) == [2, 2, 2, 1])
    }

    @Test func theSoundKeyCyclesWhatWorksAndIsRemembered() throws {
        var remembered: [TimerSettings] = []
        let storage = storage()
        let sound = TimerSound(
            player: CuePlayer(output: RecordingCues(), logPath: nil), settings: TimerSettings(sound: .tones),
            choices: [.tones, .bell, .off],
            remember: {
                remembered.append($0); return nil
            })
        let app = try AppRunner(storage: storage, today: { start + 3 }, sound: sound)
        let terminal = FakeTerminal([.keys("b"), .keys("e"), .wait(second), .keys("bvf"), .wait(second), .keys("qy"), .key(.escape), .keys("q")])
        app.run(on: terminal)
        #expect(remembered.map(\.sound) == [.bell, .off, .off, .off])
        #expect(remembered.last?.verbosity == .reps && remembered.last?.flash == true)
        // Off: no bell after the change.
        #expect(terminal.bells.allSatisfy { $0 < 2 * second })
    }

    @Test func whySoundFellBackIsSaidOnceThenRemembered() throws {
        var remembered: [TimerSettings] = []
        let why = "No speech engine (espeak-ng) found: the timer uses tones."
        func open(_ settings: TimerSettings) throws -> FakeTerminal {
            let sound = TimerSound(
                player: CuePlayer(output: RecordingCues(), logPath: nil), settings: settings,
                choices: [.tones, .bell, .off], fallback: why,
                remember: {
                    remembered.append($0); return nil
                })
            let app = try AppRunner(storage: storage(), today: { start + 3 }, sound: sound)
            let terminal = FakeTerminal([.keys("q")])
            app.run(on: terminal)
            return terminal
        }
        #expect(try open(TimerSettings()).frames[0].contains(why))
        #expect(remembered.last?.fallbackSaid == why)
        #expect(try !open(remembered.last!).frames[0].contains(why))
    }

    /// Trying a player takes a moment: the first frame does not wait for it, what is found is
    /// used from the next key on, and a session started before it is known waits for it.
    @Test func soundIsFoundInTheBackgroundWithoutDelayingTheFirstFrame() throws {
        let found = DispatchSemaphore(value: 0)
        let cues = RecordingCues()
        let detection = SoundDetection {
            found.wait()
            return .init(output: cues, choices: [.voice, .tones, .bell, .off], fallback: nil)
        }
        var remembered: [TimerSettings] = []
        let sound = TimerSound(
            player: CuePlayer(output: SilentCueOutput(), logPath: nil), settings: TimerSettings(),
            detection: detection,
            remember: {
                remembered.append($0); return nil
            })
        let app = try AppRunner(storage: storage(), today: { start + 3 }, sound: sound)
        let terminal = FakeTerminal([
            .run {
                found.signal(); while detection.result == nil { usleep(1_000) }
            },
            .keys("b"),  // voice (the best found) to tones
            .keys("e"), .wait(second), .keys("qy"), .key(.escape), .key(.enter), .keys("q")
        ])
        app.run(on: terminal)
        #expect(terminal.frames[0].contains("Today's exercises"))
        #expect(remembered.first?.sound == .tones)
        #expect(cues.prepared.first?.mode == .tones, "the session did not play through what was found")
    }

    @Test func enterEndsTheGetReadyCountdownAndNothingElse() {
        let plan = TempoPlan(segments: TempoPlan.segments(fromTempo: "2-2")!, sets: 1, repsPerSet: 2, restSeconds: 0, prepareSeconds: 10)
        var t = TimerModel(plan: plan, title: "enter", now: 0)
        _ = t.advance(0)
        #expect(t.handle(.enter, now: 1_000_000_000).cue?.kind == .segment("lower"))
        #expect(t.elapsed(1_000_000_000) == 10_000)
        _ = t.handle(.enter, now: 2_000_000_000)  // mid-rep: Enter does not skip
        #expect(t.elapsed(2_000_000_000) == 11_000)
    }

    @Test func aFlashInvertsTheScreenForAMomentAtEachCue() {
        let plan = TempoPlan(segments: TempoPlan.segments(fromTempo: "2-2")!, sets: 1, repsPerSet: 1, restSeconds: 0)
        var t = TimerModel(plan: plan, title: "flash", now: 0, settings: TimerSettings(sound: .off, flash: true))
        #expect(t.advance(0).cue != nil)
        #expect(t.isFlashing(100_000_000) && !t.isFlashing(150_000_000))
        #expect(t.nextDeadline(0) == 150_000_000)
        var grid = CellGrid(width: 80, height: 24)
        TimerScreen.render(t, into: &grid, now: 100_000_000)
        #expect(grid[40, 12].style == .selected && grid[0, 0].style == .normal)
        TimerScreen.render(t, into: &grid, now: 200_000_000)
        #expect(grid[0, 0].style == .selected)
    }
}

/// Issue 22: `e` runs today's exercises not yet done in the program's order, whichever is highlighted.
@Suite struct SessionOrderTests {
    @Test func theSessionStartsWithTheFirstExerciseNotDoneWhateverIsHighlighted() throws {
        let storage = MemoryStorage(
            program: .quickSession(sets: 1, rest: 6, prepare: 5),
            history: History(enrolment: Enrolment(start: start, side: .right, baselinePain: 1)))
        let sound = TimerSound(player: CuePlayer(output: SilentCueOutput(), logPath: nil), settings: TimerSettings(sound: .off), choices: [.off])
        let app = try AppRunner(storage: storage, today: { start + 3 }, sound: sound)
        let terminal = FakeTerminal([.key(.down), .keys("e"), .wait(1_000_000_000), .keys("qy")])
        app.run(on: terminal)
        let first = Program.quickSession(sets: 1, rest: 6, prepare: 5).phases[0].exercises[0].name
        #expect(terminal.frames.contains { $0.contains("GET READY") && $0.contains(first) }, "the session began elsewhere")
    }
}

/// Issue 23: a sound check that hangs never holds the patient.
@Suite struct SoundWaitTests {
    func storage() -> MemoryStorage {
        MemoryStorage(
            program: .quickSession(sets: 2, rest: 6, prepare: 5),
            history: History(enrolment: Enrolment(start: start, side: .right, baselinePain: 1)))
    }

    /// A check whose players all hang: it ends only when the test says so.
    func hangingCheck(_ release: DispatchSemaphore) -> TimerSound {
        let detection = SoundDetection {
            release.wait()
            return .init(output: SilentCueOutput(), choices: [.bell, .off], fallback: "No sound player works here.")
        }
        return TimerSound(player: CuePlayer(output: SilentCueOutput(), logPath: nil), settings: TimerSettings(), detection: detection)
    }

    @Test func qWhileTheSoundIsCheckedAsksToStopAtOnceAndTheSessionRunsOnTheBell() throws {
        let release = DispatchSemaphore(value: 0)
        defer { release.signal() }
        let app = try AppRunner(storage: storage(), today: { start + 3 }, sound: hangingCheck(release))
        let terminal = FakeTerminal([.keys("e"), .wait(500_000_000), .keys("q")])
        app.run(on: terminal)
        // The q typed while the check hung was acted on: the stop question, over a timer that runs.
        #expect(terminal.frames.contains { $0.contains("Stop now?") })
        #expect(terminal.frames.contains { $0.contains("Getting the sound ready") })
        #expect(app.model.currentSound == .bell)
    }

    @Test func aSignalWhileTheSoundIsCheckedEndsTheProgramAtOnce() throws {
        let release = DispatchSemaphore(value: 0)
        defer { release.signal() }
        let app = try AppRunner(storage: storage(), today: { start + 3 }, sound: hangingCheck(release))
        let terminal = FakeTerminal([.keys("e"), .wait(300_000_000), .signal(2)])
        app.run(on: terminal)
        #expect(!terminal.ranOut, "the program did not end on the signal")
        #expect(terminal.now < SoundDetection.patience, "it waited for the check")
    }

    @Test func theStandAloneTimerEndsOnQWhileTheSoundIsChecked() throws {
        let release = DispatchSemaphore(value: 0)
        defer { release.signal() }
        let plan = TempoPlan(segments: TempoPlan.segments(fromTempo: "2-2")!, sets: 1, repsPerSet: 2, restSeconds: 0)
        let terminal = FakeTerminal([.wait(200_000_000), .keys("q")])
        let report = TimerRunner.run(plan: plan, title: "tempo 2-2", sound: hangingCheck(release), on: terminal)
        #expect(!terminal.ranOut)
        #expect(report.setsDone == 0 && !report.completed)
        #expect(terminal.bells.isEmpty, "the timer ran")
    }
}

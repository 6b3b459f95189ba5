import RehabCore
import Terminal

/// The tempo timer on its own (`rehab timer`): paces a plan full screen, then reports.
public enum TimerRunner {
    public struct Report: Sendable {
        public let plannedMilliseconds: Int
        /// Measured from the first cue to the last, on the monotonic clock.
        public let elapsedNanoseconds: Int64
        public let completed: Bool
        public let setsDone: Int
        /// Why the timer did not sound as wanted, found while it got ready (shown on the timer's
        /// screen as it starts, where it can be read; the caller remembers that it was said).
        public var soundNote: String?
        /// Settings that could not be kept meanwhile (said after it ends, not over the screen).
        public var notes: [String] = []
        /// The settings at the end, with what the patient chose meanwhile (b, v, f).
        public var settings: TimerSettings? = nil
    }

    /// Long enough to read a sentence about sound during the get-ready.
    static let soundNoteNanoseconds: Int64 = 10_000_000_000

    public static func run(plan: TempoPlan, title: String, sound: TimerSound) -> Report {
        let backend = CursesBackend()
        backend.start()
        defer { backend.stop() }
        return run(plan: plan, title: title, sound: sound, on: backend)
    }

    public static func run(plan: TempoPlan, title: String, sound: TimerSound, on backend: TerminalBackend) -> Report {
        var timer = TimerModel(plan: plan, title: title, now: backend.now, use: .standAlone, settings: sound.settings, soundChoices: sound.choices)
        var grid = backend.makeGrid()
        TimerScreen.center("Getting the sound ready…", y: grid.height / 2, style: .bold, &grid)
        backend.present(grid)
        var soundNote = sound.fallback
        var notes: [String] = []
        if let detection = sound.detection {
            // Never held: Ctrl-C, q or Esc while the sound is checked end the timer at once.
            let (found, events) = detection.wait(on: backend)
            if let found {
                sound.player.output = found.output
                timer.useSounds(found.choices)
                soundNote = SoundMode.fallbackNote(wanted: timer.settings.sound, choices: found.choices, detected: found.fallback)
            }
            if events.contains(where: SoundDetection.endsTheWait) {
                return Report(plannedMilliseconds: plan.totalMilliseconds, elapsedNanoseconds: 0, completed: false, setsDone: 0, soundNote: soundNote)
            }
        }
        sound.player.prepare(plan.cues, timer.settings, mode: timer.sound)

        // The clock starts once the sound is ready, so the first cue is on time.
        let start = backend.now
        timer.start(start)
        // Said on screen, not after the timer ends behind the full screen; once (the caller remembers it).
        if let soundNote, soundNote != sound.settings.fallbackSaid { timer.say(soundNote, now: start, for: Self.soundNoteNanoseconds) }
        var finishedAt: Int64?
        var outcome = timer.advance(start)
        while true {
            if let cue = outcome.cue {
                sound.player.play(
                    cue, mode: timer.sound, verbosity: timer.settings.verbosity,
                    due: timer.anchor + Int64(cue.at) * 1_000_000, now: backend.now
                ) { backend.bell() }
            }
            if outcome.settingsChanged, let note = sound.remember(timer.settings), !notes.contains(note) { notes.append(note) }
            if outcome.close {
                finishedAt = finishedAt ?? backend.now
                break
            }
            var grid = backend.makeGrid()
            let now = backend.now
            if grid.width >= TimerScreen.minimumWidth && grid.height >= TimerScreen.minimumHeight {
                TimerScreen.render(timer, into: &grid, now: now)
            } else {
                Chrome.tooSmall(minimum: (TimerScreen.minimumWidth, TimerScreen.minimumHeight), &grid)
            }
            var stall = StallWatch(backend)
            backend.present(grid)
            if let since = stall.afterWork(backend) { timer.didNotRun(since: since, now: backend.now) }
            let deadline = timer.nextDeadline(backend.now)
            stall.waiting(backend)
            let event = backend.nextEvent(deadline: deadline, idleMilliseconds: nil)
            if let since = stall.woke(backend, event: event, deadline: deadline) { timer.didNotRun(since: since, now: backend.now) }
            switch event {
            case .tick, .resize, .resumed: outcome = timer.advance(backend.now)
            case .interrupted: outcome = timer.stop(backend.now)
            case .key(let key): outcome = timer.handle(key, now: backend.now)
            }
        }
        sound.player.finish()
        let done = timer.saved.count
        return Report(
            plannedMilliseconds: plan.totalMilliseconds, elapsedNanoseconds: (finishedAt ?? backend.now) - start,
            completed: done == plan.blocks.count && timer.saved.allSatisfy { $0.ended == nil },
            setsDone: done, soundNote: soundNote, notes: notes, settings: timer.settings)
    }
}

import RehabCore
import Terminal

/// `rehab timer` as a model on the one loop: the tempo timer alone, full screen, saving nothing;
/// what to report once it closes.
public struct StandAloneTimer: LoopModel {
    public private(set) var timer: TimerModel
    /// Why sound fell back, said on the timer's screen as its clock starts (where it can be read).
    private var soundNote: String?
    /// Settings that could not be kept meanwhile (said after it ends, not over the screen).
    public private(set) var notes: [String] = []
    /// When the clock started (the sound was ready) and when the timer closed, on the loop's clock.
    public private(set) var startedAt: Int64?
    public private(set) var closedAt: Int64?
    /// The `?` box of the timer's keys, and how far it is scrolled; the timer waits under it.
    private(set) var helpScroll: Int?
    private var screen = (width: TimerScreen.minimumWidth, height: TimerScreen.minimumHeight)

    /// Long enough to read a sentence about sound during the get-ready.
    static let soundNoteNanoseconds: Int64 = 10_000_000_000

    public init(plan: TempoPlan, title: String, settings: TimerSettings, soundChoices: [SoundMode]) {
        // The clock is set when the sound is ready (`.soundReady`).
        timer = TimerModel(plan: plan, title: title, now: 0, use: .standAlone, settings: settings, soundChoices: soundChoices)
    }

    public var timerSettings: TimerSettings { timer.settings }
    public var currentSound: SoundMode { timer.sound }
    private var running: Bool { startedAt != nil && closedAt == nil }

    public func start() -> [Effect] { [.prepareSound(timer.plan.cues, timer.settings)] }

    public mutating func update(_ message: Message, now: Int64) -> [Effect] {
        switch message {
        case .soundDetected(let choices, let fallback):
            timer.useSounds(choices)
            guard let why = timer.settings.fallbackToSay(choices: choices, detected: fallback) else { return [] }
            soundNote = why
            return [.rememberSettings(timer.settings)]
        case .soundWaitEnded:
            // q, Esc or Ctrl-C while the sound was checked: the patient wants out, not a timer.
            closedAt = now
            return [.quit]
        case .soundReady:
            guard startedAt == nil, closedAt == nil else { return [] }
            startedAt = now
            timer.start(now)
            if let soundNote { timer.say(soundNote, now: now, for: Self.soundNoteNanoseconds) }
            return effects(timer.advance(now), now: now)
        case .note(let text):
            if !notes.contains(text) { notes.append(text) }
            return []
        case .resize(let width, let height):
            screen = (width, height)
            return running ? effects(timer.advance(now), now: now) : []
        case .tick:
            return running ? effects(timer.advance(now), now: now) : []
        case .didNotRun(let since):
            if running { timer.didNotRun(since: since, now: now) }
            return []
        case .interrupted:
            return running ? effects(timer.stop(now), now: now) : [.quit]
        case .key(let key):
            guard running else { return [] }
            if helpScroll != nil { return helpKey(key) }
            if key == .char("?") && timer.isActive {
                timer.holdForReading(now)
                helpScroll = 0
                return []
            }
            return effects(timer.handle(key, now: now), now: now)
        case .saved, .saveFailed, .dataChanged:
            return []
        }
    }

    /// What the loop carries out for what the timer did: the cue, remembering a setting, the end.
    private mutating func effects(_ outcome: TimerModel.Outcome, now: Int64) -> [Effect] {
        var effects = outcome.cue.map { [timer.cueEffect($0)] } ?? []
        if outcome.settingsChanged { effects.append(.rememberSettings(timer.settings)) }
        if outcome.close {
            closedAt = now
            effects += [.finishSound, .quit]
        }
        return effects
    }

    /// Arrows scroll a help box too tall for the screen; any other key closes it (`PromptKeys.help`).
    private mutating func helpKey(_ key: Key) -> [Effect] {
        let layout = helpLayout(width: screen.width, height: screen.height)
        if let move = ScrollMove.move(for: key), layout.scrollLimit > 0 {
            helpScroll = move.apply(to: helpScroll ?? 0, limit: layout.scrollLimit, rows: layout.textArea.height)
        } else if PromptKeys.help.action(for: key) == .close {
            helpScroll = nil
        }
        return []
    }

    private func helpLayout(width: Int, height: Int) -> Overlays.Layout { Overlays.help(timer.keys.help, width: width, height: height) }

    public func nextDeadline(_ now: Int64) -> Int64? { running ? timer.nextDeadline(now) : nil }

    public func render(into grid: inout CellGrid, now: Int64) {
        guard Chrome.fits(minimum: TimerScreen.minimum, &grid) else { return }
        TimerScreen.render(timer, into: &grid, now: now)
        if let helpScroll { Overlays.draw(helpLayout(width: grid.width, height: grid.height), offset: helpScroll, &grid) }
    }

    /// What the timer did, for the command line to say once the terminal is back.
    public var report: TimerRunner.Report {
        let done = timer.saved.count
        return TimerRunner.Report(
            plannedMilliseconds: timer.plan.totalMilliseconds,
            elapsedNanoseconds: startedAt.map { (closedAt ?? $0) - $0 } ?? 0,
            completed: done == timer.plan.blocks.count && timer.saved.allSatisfy { $0.ended == nil },
            setsDone: done, notes: notes)
    }
}

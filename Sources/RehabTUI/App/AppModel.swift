import RehabCore
import Terminal

/// The main screens, in Tab order.
public enum Tab: Int, CaseIterable, Sendable {
    case today, week, program
    public var title: String { ["Today", "Week", "Program"][rawValue] }
}

/// Boxes drawn over a screen.
public enum Overlay: Sendable, Equatable {
    case help
    case gate
    /// The next phase's name; nil when the next step completes the program.
    case confirmAdvance(to: String?)
    case confirmClinicianSeen
    /// A pain in the red zone was given: the program's advice, until the patient acknowledges it
    /// with Enter (scrolled by `scroll` rows where it does not fit).
    case redPain(RedPainAdvice)
}

/// A line at the bottom that says what just happened.
public struct Notice: Sendable, Equatable {
    public let text: String
    public let style: Style
}

/// The whole state of the full-screen app. `update` turns a message into new state plus effects;
/// the loop carries out the effects and hands their results back as messages. Nothing here reads
/// a clock or touches the terminal or the disk, and nothing outside `update` changes it.
public struct AppModel: LoopModel, Sendable {
    public enum Mode: Sendable {
        case main
        /// The tempo timer: one exercise, or a guided session of every exercise left today
        /// (`items` are the plan's, one per part of the timer's plan).
        case timer(TimerModel, items: [DayPlan.Item])
        case form(FormPurpose, Form)
    }

    public internal(set) var snapshot: Snapshot?
    public internal(set) var today: Day
    public internal(set) var tab: Tab = .today
    public internal(set) var selection = 0
    /// 0 is the current week, -1 the one before.
    public internal(set) var weekOffset = 0
    public internal(set) var programCursor: Int?
    public internal(set) var mode: Mode = .main
    public internal(set) var overlay: Overlay? {
        didSet { if overlay != oldValue { overlayScroll = 0 } }
    }
    /// Lines scrolled, where text does not fit: in the box on screen (help, gate), on Program,
    /// in Today's notes and in a session's summary. Drawing keeps each within its text.
    public internal(set) var overlayScroll = 0
    public internal(set) var programScroll = 0
    public internal(set) var todayScroll = 0
    public internal(set) var summaryScroll = 0
    /// The terminal's size as last reported, so scrolling stops at the end of the text. Until it
    /// is known, the smallest size the app draws at.
    public internal(set) var screen = (width: AppView.minimumWidth, height: AppView.minimumHeight)
    public internal(set) var notice: Notice?
    /// How timed sessions sound and look, as the patient last chose (remembered by the loop).
    public internal(set) var timerSettings: TimerSettings
    /// The sounds that work on this machine, best first (bell and off until they are known).
    public internal(set) var soundChoices: [SoundMode]
    /// What the engine said of each change sent to be saved, shown with its save's notice.
    var pendingNotes: [(change: Change, notes: [String])] = []
    /// The sets the last timer recorded and what became of saving them.
    var timerSaves = TimerSaves()
    /// " of glute bridge" for a single-exercise timer, "" for a session: the notices' words.
    var timerWhat = ""
    /// Whose warning signs the first run asks.
    let programForSetup: Program
    /// The notice the timer last showed, so later save results can bring it up to date.
    var timerNotice: Notice?

    public init(
        snapshot: Snapshot?, today: Day, programForSetup: Program? = nil,
        timerSettings: TimerSettings = TimerSettings(), soundChoices: [SoundMode] = [.bell, .off]
    ) {
        self.snapshot = snapshot
        self.today = today
        self.timerSettings = timerSettings
        self.soundChoices = soundChoices
        self.programForSetup = programForSetup ?? ProgramLoader.defaultProgram()
        // Said once, when the program opens: the patient chooses whether and from when to switch.
        if let snapshot, let revised = ProgramLoader.revisedDefault(for: snapshot.program) {
            notice = Notice(text: "Revised default program, version \(revised.version): \(ProgramLoader.switchToDefault)", style: .amber)
        }
        if snapshot == nil {
            // The warning signs come before any program is offered.
            mode = .form(.warningSigns, Forms.warningSigns(program: self.programForSetup))
        }
    }

    // MARK: - Update

    /// The only code that changes the model: one message in, the effects to carry out back.
    public mutating func update(_ message: Message, now: Int64) -> [Effect] {
        let effects = handle(message, now: now)
        // Sets not saved yet get one more try before the program ends.
        guard effects.contains(.quit), timerSaves.needsRetry else { return effects }
        return timerSavesDue() + effects
    }

    mutating func handle(_ message: Message, now: Int64) -> [Effect] {
        switch message {
        case .interrupted:
            // Keep whatever the timer has done, then leave.
            return runTimer(now: now) { $0.stop(now) } + [.quit]
        case .resize(let width, let height):
            screen = (width, height)
            return []
        case .tick:
            if timer != nil { return runTimer(now: now) { $0.advance(now) } }
            return timerSaves.needsRetry ? timerSavesDue() : []
        case .didNotRun(let since):
            scope(.timer) { $0.didNotRun(since: since, now: now) }
            return []
        case .soundDetected(let choices, let fallback):
            return soundDetected(choices, fallback: fallback)
        case .soundWaitEnded:
            // The keys that ended the wait follow as keys, acted on in the timer.
            return []
        case .soundReady:
            return runTimer(now: now) { timer in
                timer.start(now)
                return timer.advance(now)
            }
        case .key(let key):
            if overlay != nil { return handleOverlay(key, now: now) }
            switch mode {
            case .main: return handleMain(key, now: now)
            case .timer: return handleTimer(key, now: now)
            case .form: return handleForm(key)
            }
        case .saved(let change, let snapshot, let ids):
            let notes = takeNotes(of: change)
            if timerSaves.saved(change, ids: ids) {
                refresh(snapshot, today: today)
                updateTimerNotice()
                // Pain given while these sets were on their way goes on them now.
                return timerSavesDue()
            } else {
                didSave(change, snapshot: snapshot, notes: notes)
            }
            return []
        case .saveFailed(let change, let text):
            _ = takeNotes(of: change)
            if timerSaves.failed(change, why: text) {
                updateTimerNotice()
            } else {
                notice = Notice(text: "Not saved: \(text.oneLine)", style: .red)
            }
            return []
        case .note(let text):
            notice = Notice(text: text, style: .amber)
            return []
        case .dataChanged(let snapshot, let day):
            if isSettingUp {
                // Another rehab enrolled meanwhile: its data stands, this form is dropped, and why is said.
                mode = .main
                notice = Notice(
                    text: "rehab was set up in another window (program from \(snapshot.history.enrolment.start.iso)): this is its Today.",
                    style: .amber)
            }
            refresh(snapshot, today: day)
            return []
        }
    }

    /// The first run's set-up form is open (nothing is enrolled yet).
    public var isSettingUp: Bool {
        if snapshot == nil, case .form(let purpose, _) = mode, purpose == .warningSigns || purpose == .setup { return true }
        return false
    }

    /// When the loop must wake next for the timer; nil when nothing is due.
    public func nextDeadline(_ now: Int64) -> Int64? {
        timer?.nextDeadline(now)
    }

    /// The sound in use: the patient's choice when it works here, else the best that does.
    public var currentSound: SoundMode { timerSettings.sound(among: soundChoices) }

    public var dayShown: Day? { today }

    public func render(into grid: inout CellGrid, now: Int64) { AppView.render(self, into: &grid, now: now) }

    // MARK: - Admission

    /// The door to the storage for every change no form judged (`Forms.judged` judges a form's):
    /// timer sets, pain given later, advancing, a clinician visit are judged once by the engine, as
    /// `rehab` judges the command line's, before they are saved. A refusal is said in the notice
    /// line and nothing is written.
    mutating func admit(_ change: Change) -> Result<Effect, Refusal> {
        guard let s = snapshot else { return .success(.save(change)) }
        switch Self.judge(change, snapshot: s, today: today) {
        case .success(let notes):
            if !notes.isEmpty { pendingNotes.append((change, notes)) }
            return .success(.save(change))
        case .failure(let refusal):
            notice = Notice(text: "Not saved: " + refusal.sentence(naming: \.label).oneLine, style: .red)
            return .failure(refusal)
        }
    }

    /// What the engine says of `change` on `today`: its notes, or the first refusal of its entries.
    public static func judge(_ change: Change, snapshot s: Snapshot, today: Day) -> Result<[String], Refusal> {
        change.judged(by: s, today: today)
    }

    /// `admit`, as effects: the save, or none when refused.
    mutating func save(_ change: Change) -> [Effect] {
        if case .success(let effect) = admit(change) { return [effect] }
        return []
    }

    /// The notes judged for `change` when it was sent, taken when its result comes back.
    mutating func takeNotes(of change: Change) -> [String] {
        guard let i = pendingNotes.firstIndex(where: { $0.change == change }) else { return [] }
        return pendingNotes.remove(at: i).notes
    }

    // MARK: - Results of effects

    /// After a save: new data, and a line saying what happened, with the first note the engine
    /// gave the change.
    mutating func didSave(_ change: Change, snapshot: Snapshot, notes: [String]) {
        self.snapshot = snapshot
        selection = min(selection, max(0, snapshot.status.plan.items.count - 1))
        switch change {
        case .enrol:
            notice = Notice(text: "Welcome. Your program starts on \(snapshot.history.enrolment.start.iso). Press ? for keys.", style: .green)
        case .exercises(let e):
            notice = Notice(text: "Saved \(counted(e.count, "entry", plural: "entries")) for \(e.first?.date.iso ?? "").", style: .green)
        case .run(let r): notice = Notice(text: "Saved run stage \(r.stage) on \(r.date.iso).", style: .green)
        case .checkIn(let c):
            // A correction never lifts a warning sign answered earlier that morning: the rules still go by it.
            let earlier = snapshot.status.redFlags.contains { $0.date == c.date && !c.redFlags.contains($0.id) }
            notice =
                !c.redFlags.isEmpty
                ? Notice(text: "Check-in saved. Warning signs reported: see the advice on Today.", style: .red)
                : earlier
                    ? Notice(
                        text: "Check-in saved. A warning sign answered earlier that morning stands until a clinician has seen you: see Today.",
                        style: .red)
                    : Notice(text: "Check-in saved for \(c.date.iso).", style: .green)
        case .test(let t):
            notice = Notice(text: "Recorded \(snapshot.program.test(t.testID)?.name.lowercased() ?? t.testID) on \(t.date.iso).", style: .green)
        case .score(let o): notice = Notice(text: "Recorded \(snapshot.program.outcome.name) \(o.score).", style: .green)
        case .clinicianSeen: notice = Notice(text: "Clinician visit recorded: pauses and warning signs up to today are lifted.", style: .green)
        case .phaseChange(let p):
            let text =
                p.phase == .complete
                ? "Program complete on \(p.date.iso). Keep to the maintenance running caps."
                : "You are now in the \(snapshot.program.phase(p.phase)?.name ?? p.phase.rawValue) phase."
            notice = Notice(text: text, style: .green)
        case .painAfter(let pain, _): notice = Notice(text: "Pain after today's session: \(pain) saved.", style: .green)
        case .timerSets, .painForTimerSets: break
        }
        // Red pain is not a line at the bottom: the program's advice comes up at once, to be acknowledged.
        if let advice = redPainAdvice(in: change, snapshot: snapshot) {
            overlay = .redPain(advice)
        } else if let first = notes.first, let n = notice, !n.text.contains(first) {
            notice = Notice(text: n.text + " " + first, style: n.style)
        }
    }

    /// New data from outside (another process, or a new day).
    mutating func refresh(_ snapshot: Snapshot, today: Day) {
        self.snapshot = snapshot
        self.today = today
        selection = min(selection, max(0, snapshot.status.plan.items.count - 1))
    }
}

extension String {
    /// A sentence with a list ("unmet:\n  - a\n  - b") as one line for the notice: "unmet: a; b".
    var oneLine: String {
        let lines = split(separator: "\n").map { $0.hasPrefix("  - ") ? $0.dropFirst(4) : $0 }
        guard let first = lines.first else { return self }
        return String(first) + (lines.count > 1 ? " " + lines.dropFirst().joined(separator: "; ") : "")
    }
}

import RehabCore
import Terminal

/// The main screens, in Tab order.
public enum Tab: Int, CaseIterable, Sendable {
    case today, week, program
    public var title: String { ["Today", "Week", "Program"][rawValue] }
}

/// What a form is for, so its values can be turned into a change.
public enum FormPurpose: Sendable, Equatable { case warningSigns, setup, logExercise, logRun, checkIn, test, score, painAfter }

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
/// the runner carries out the effects and hands their results back as messages. Nothing here reads
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
    /// How timed sessions sound and look, as the patient last chose (remembered by the runner).
    public internal(set) var timerSettings: TimerSettings
    /// The sounds that work on this machine, best first (bell and off until they are known).
    public internal(set) var soundChoices: [SoundMode]
    /// What the engine said of each change sent to be saved, shown with its save's notice.
    var pendingNotes: [(change: Change, notes: [String])] = []
    /// The sets the last timer recorded and what became of saving them.
    var timerSaves = TimerSaves()
    /// " of glute bridge" for a single-exercise timer, "" for a session: the notices' words.
    private var timerWhat = ""
    /// Whose warning signs the first run asks.
    private let programForSetup: Program
    /// The notice the timer last showed, so later save results can bring it up to date.
    private var timerNotice: Notice?

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

    private mutating func handle(_ message: Message, now: Int64) -> [Effect] {
        switch message {
        case .interrupted:
            // Keep whatever the timer has done, then leave.
            var effects: [Effect] = []
            if case .timer(var timer, let items) = mode {
                let outcome = timer.stop(now)
                mode = .timer(timer, items: items)
                effects += timerEffects(outcome, now: now)
            }
            return effects + [.quit]
        case .resize(let width, let height):
            screen = (width, height)
            return []
        case .tick:
            if case .timer = mode { return tickTimer(now) }
            return timerSaves.needsRetry ? timerSavesDue() : []
        case .didNotRun(let since):
            guard case .timer(var timer, let items) = mode else { return [] }
            timer.didNotRun(since: since, now: now)
            mode = .timer(timer, items: items)
            return []
        case .soundDetected(let choices, let fallback):
            return soundDetected(choices, fallback: fallback)
        case .soundWaitEnded:
            // The keys that ended the wait follow as keys, acted on in the timer.
            return []
        case .soundReady:
            guard case .timer(var timer, let items) = mode else { return [] }
            timer.start(now)
            mode = .timer(timer, items: items)
            return tickTimer(now)
        case .key(let key):
            if overlay != nil { return handleOverlay(key, now: now) }
            switch mode {
            case .main: return handleMain(key, now: now)
            case .timer: return handleTimer(key, now: now)
            case .form(let purpose, var form): return handleForm(purpose, &form, key)
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
        if case .timer(let t, _) = mode { return t.nextDeadline(now) }
        return nil
    }

    /// Lets the timer move on to what is due at `now` (called on every wake-up).
    private mutating func tickTimer(_ now: Int64) -> [Effect] {
        guard case .timer(var timer, let items) = mode else { return [] }
        let outcome = timer.advance(now)
        mode = .timer(timer, items: items)
        return timerEffects(outcome, now: now)
    }

    private mutating func handleOverlay(_ key: Key, now: Int64) -> [Effect] {
        // Arrows scroll a box too tall for the screen; every other key does what it always did.
        if let overlay, let move = ScrollMove.move(for: key),
            let layout = Overlays.layout(overlay, model: self, width: screen.width, height: screen.height), layout.scrollLimit > 0
        {
            overlayScroll = move.apply(to: overlayScroll, limit: layout.scrollLimit, rows: layout.textArea.height)
            return []
        }
        guard let overlay, let action = Overlays.keys(overlay).action(for: key) else { return [] }
        switch (overlay, action) {
        case (.redPain, .close):
            self.overlay = nil
            if case .timer(var timer, let items) = mode, timer.stage == .paused {
                timer.say("Paused after red pain: space goes on with the next exercise, q ends the session.", now: now)
                mode = .timer(timer, items: items)
            }
            return []
        case (.confirmAdvance, .yes):
            self.overlay = nil
            guard let s = snapshot, let next = s.program.phaseID(after: s.status.phase) else { return [] }
            return save(.phaseChange(PhaseChange(date: today, phase: next)))
        case (.confirmClinicianSeen, .yes):
            self.overlay = nil
            return save(.clinicianSeen(FlagClearance(date: today, note: "recorded in the full-screen program")))
        case (.gate, .advance):
            self.overlay = nil
            return handleMain(.char("a"), now: now)
        default:
            self.overlay = nil
            return []
        }
    }

    private mutating func handleMain(_ key: Key, now: Int64) -> [Effect] {
        guard let action = MainKeys.map(for: tab).action(for: key) else { return [] }
        let tabs = Tab.allCases.count
        switch action {
        case .quit: return [.quit]
        case .help: overlay = .help
        case .nextTab: tab = Tab(rawValue: (tab.rawValue + 1) % tabs) ?? .today
        case .previousTab: tab = Tab(rawValue: (tab.rawValue + tabs - 1) % tabs) ?? .today
        case .show(let shown): tab = shown
        case .backToToday: tab = .today; notice = nil
        case .sound:
            timerSettings.sound = currentSound.next(among: soundChoices)
            notice = Notice(text: "Timer sound: \(Self.describe(currentSound)).", style: .dim)
            return [.rememberSettings(timerSettings)]
        case .checkIn: openCheckIn()
        case .log: openLog()
        case .painAfter:
            guard let s = snapshot, !Forms.setsWithoutPainAfter(snapshot: s, day: today).isEmpty else {
                notice = Notice(text: "No set of today is waiting for its pain after.", style: .dim)
                return []
            }
            mode = .form(.painAfter, Forms.painAfter(day: today))
        case .gate: overlay = .gate
        case .test:
            if let s = snapshot { mode = .form(.test, Forms.test(snapshot: s, day: today)) }
        case .score:
            if let s = snapshot { mode = .form(.score, Forms.score(program: s.program, day: today)) }
        case .clinicianSeen:
            guard let s = snapshot, s.status.paused || !s.status.redFlags.isEmpty else {
                notice = Notice(text: "Nothing to clear: no pause and no warning sign.", style: .dim)
                return []
            }
            overlay = .confirmClinicianSeen
        case .advance:
            guard let s = snapshot else { return [] }
            if s.status.eligibleToAdvance, let next = s.program.phaseID(after: s.status.phase) {
                overlay = .confirmAdvance(to: s.program.phase(next)?.name)
            } else {
                overlay = .gate
                let reason = s.status.pause.map { "Paused: \($0.reason)" } ?? "Not yet: the gate has unmet criteria."
                notice = Notice(text: reason, style: .amber)
            }
        case .up, .down, .first, .last:
            let count = snapshot?.status.plan.items.count ?? 0
            // No list to move in (a stopped day): the arrows read the notes instead.
            if count == 0 && (action == .up || action == .down) { scrollToday(action == .up ? .up : .down); return [] }
            let last = max(0, count - 1)
            selection = action == .up ? max(0, selection - 1) : action == .down ? min(last, selection + 1) : action == .first ? 0 : last
        case .startTimer: return startTimer(now: now, session: false)
        case .startSession: return startTimer(now: now, session: true)
        case .earlier, .later, .earliest, .latest:
            if tab == .week { moveWeek(action) } else { movePhase(action) }
        case .scroll(let move) where tab == .today:
            scrollToday(move)
        case .scroll(let move):
            guard let s = snapshot, tab == .program else { return [] }
            let area = ProgramScreen.textArea(AppView.body(width: screen.width, height: screen.height, notice: notice))
            let limit = ProgramScreen.document(s, cursor: programCursor, width: area.width).maxOffset(rows: area.height)
            programScroll = move.apply(to: programScroll, limit: limit, rows: area.height)
        }
        return []
    }

    private mutating func scrollToday(_ move: ScrollMove) {
        guard let s = snapshot else { return }
        let area = TodayScreen.notesArea(s, in: AppView.body(width: screen.width, height: screen.height, notice: notice))
        let limit = TodayScreen.notes(s, width: area.width).maxOffset(rows: area.height)
        todayScroll = move.apply(to: todayScroll, limit: limit, rows: area.height)
    }

    private mutating func moveWeek(_ action: MainAction) {
        guard let s = snapshot else { return }
        let earliest = (s.history.enrolment.start.weekStart - today.weekStart) / 7
        switch action {
        case .earlier: weekOffset = max(earliest, weekOffset - 1)
        case .later: weekOffset = min(0, weekOffset + 1)
        case .earliest: weekOffset = earliest
        default: weekOffset = 0
        }
    }

    private mutating func movePhase(_ action: MainAction) {
        guard let s = snapshot else { return }
        let current = s.program.phases.firstIndex { $0.id == s.status.phase } ?? s.program.phases.count - 1
        let cursor = programCursor ?? current
        programScroll = 0
        switch action {
        case .earlier: programCursor = max(0, cursor - 1)
        case .later: programCursor = min(s.program.phases.count - 1, cursor + 1)
        default: break
        }
    }

    // MARK: - Timer

    /// One exercise (the selected one), or a guided session: every exercise not yet done today,
    /// in the program's order, whichever is highlighted (as the README and the help say).
    private mutating func startTimer(now: Int64, session: Bool) -> [Effect] {
        guard let s = snapshot else { return [] }
        if s.status.plan.stopped {
            notice = Notice(text: s.status.plan.message ?? "Exercise is stopped.", style: .red)
            return []
        }
        let items = s.status.plan.items
        guard items.indices.contains(selection) else {
            notice = Notice(
                text: s.status.plan.run != nil ? "Runs are timed by you: press l to log today's run." : "No exercise to time today.", style: .dim)
            return []
        }
        var chosen = [items[selection]]
        if session {
            chosen = items.filter { !$0.doneToday }
            guard !chosen.isEmpty else {
                notice = Notice(text: "Every exercise of today is done. Enter times one again.", style: .green)
                return []
            }
        }
        let parts = chosen.map { item in
            TempoPlan.Part(exercise: item.exercise, sides: Self.sides(for: item, enrolment: s.history.enrolment), restSeconds: item.restSeconds)
        }
        let plan = TempoPlan(parts: parts, prepareSeconds: s.program.getReadySeconds)
        // A new timer's pain is about its own sets only; an earlier one's unsaved sets still go.
        timerSaves.startTimer()
        summaryScroll = 0
        timerWhat = chosen.count == 1 ? " of \(chosen[0].exercise.name.lowercased())" : ""
        timerNotice = nil
        let timer = TimerModel(
            plan: plan, title: chosen[0].exercise.name, now: now, use: session ? .session : .exercise,
            settings: timerSettings, soundChoices: soundChoices)
        mode = .timer(timer, items: chosen)
        // The clock starts when the sound is ready (`.soundReady`), so the first cue is on time.
        // The "stop" of red pain is made ready too (after the plan's own cues), so it can be said at once.
        return [.prepareSound(plan.cues + [.stop(at: plan.totalMilliseconds)], timerSettings)]
    }

    /// What works is known: a remembered sound that no longer works gives way to the best that does
    /// (for now; the remembered choice is kept), a timer about to start takes it, and why it fell
    /// back is said the first time.
    private mutating func soundDetected(_ choices: [SoundMode], fallback: String?) -> [Effect] {
        soundChoices = choices
        if case .timer(var timer, let items) = mode {
            timer.useSounds(choices)
            mode = .timer(timer, items: items)
        }
        guard snapshot != nil, let why = timerSettings.fallbackToSay(choices: choices, detected: fallback) else { return [] }
        notice = Notice(text: why, style: .amber)
        return [.rememberSettings(timerSettings)]
    }

    /// The sides still to do, the painful side last (left first when both hurt).
    static func sides(for item: DayPlan.Item, enrolment: Enrolment) -> [Side?] {
        guard item.exercise.sides == .each else { return [nil] }
        // A side-lying exercise only on the painful side (the plan's sides); the painful side last.
        let order: [Side] = (enrolment.side == .left ? [.right, .left] : [.left, .right]).filter { item.sides.contains($0) }
        let remaining = order.filter { !item.doneSides.contains($0) }
        return remaining.isEmpty ? order : remaining
    }

    /// The sound in use: the patient's choice when it works here, else the best that does.
    public var currentSound: SoundMode { timerSettings.sound(among: soundChoices) }

    public var dayShown: Day? { today }

    public func render(into grid: inout CellGrid, now: Int64) { AppView.render(self, into: &grid, now: now) }

    static func describe(_ sound: SoundMode) -> String {
        switch sound {
        case .voice: return "voice (words at each change)"
        case .tones: return "tones (a pitch for each kind of cue)"
        case .bell: return "the terminal bell"
        case .off: return "off (the screen still shows each change)"
        }
    }

    private mutating func handleTimer(_ key: Key, now: Int64) -> [Effect] {
        guard case .timer(var timer, let items) = mode else { return [] }
        if timer.stage == .finished { mode = .main; return [] }
        if key == .char("?") && timer.isActive {
            // Reading the keys is not exercising: the timer waits (space goes on).
            if timer.stage == .running { timer.togglePause(now); mode = .timer(timer, items: items) }
            overlay = .help
            return []
        }
        // A summary taller than the screen scrolls before a key closes it.
        if timer.stage == .summary, let move = ScrollMove.move(for: key) {
            let text = TimerScreen.summary(timer, zoneLine: timerZoneLine, saveLine: timerSaveLine, width: screen.width)
            let rows = TimerScreen.middleArea(text, width: screen.width, height: screen.height).height
            if text.maxOffset(rows: rows) > 0 {
                summaryScroll = move.apply(to: summaryScroll, limit: text.maxOffset(rows: rows), rows: rows)
                return []
            }
        }
        let outcome = timer.handle(key, now: now)
        mode = .timer(timer, items: items)
        if outcome.settingsChanged { timerSettings = timer.settings }
        return timerEffects(outcome, now: now) + (outcome.settingsChanged ? [.rememberSettings(timer.settings)] : [])
    }

    private mutating func timerEffects(_ outcome: TimerModel.Outcome, now: Int64) -> [Effect] {
        guard case .timer(let timer, let items) = mode else { return [] }
        var effects: [Effect] = []
        if let cue = outcome.cue { effects.append(timer.cueEffect(cue)) }
        for block in outcome.completedBlocks {
            let name = [items[block.part].exercise.name.lowercased(), block.side?.rawValue].compactMap { $0 }.joined(separator: " ")
            timerSaves.add(Self.timerEntry(block, item: items[block.part], day: today), part: block.part, label: name, set: block.set)
        }
        if let pain = outcome.savePain { timerSaves.givePain(part: pain.part, pain: pain.pain) }
        if let after = outcome.savePainAfter { timerSaves.givePainAfter(after) }
        if let red = outcome.savePain.map({ ($0.pain, RedPainAdvice.Kind.during) }) ?? outcome.savePainAfter.map({ ($0, .after) }) {
            effects += adviseRedPain(red.0, red.1, now: outcome.close ? nil : now)
        }
        if !outcome.completedBlocks.isEmpty || outcome.savePain != nil || outcome.savePainAfter != nil || outcome.close {
            effects += timerSavesDue()
        }
        if outcome.close {
            mode = .main
            updateTimerNotice(closing: true)
            effects.append(.finishSound)
        }
        return effects
    }

    /// A pain in the red zone typed in the timer: the program's advice on screen at once, the
    /// session held (paused) until the patient has read it, and "stop" said when it is voiced.
    /// `now` is nil when the timer closes with this answer: the advice then shows over Today.
    private mutating func adviseRedPain(_ pain: Int, _ kind: RedPainAdvice.Kind, now: Int64?) -> [Effect] {
        guard let s = snapshot, let advice = s.evaluator.redPainAdvice(pain, kind, on: today) else { return [] }
        overlay = .redPain(advice)
        guard let now, case .timer(var timer, let items) = mode else { return [] }
        if timer.stage == .running { timer.togglePause(now) }
        mode = .timer(timer, items: items)
        return [.cue(.stop(at: timer.elapsed(now)), timer.sound, timer.settings.verbosity, due: now)]
    }

    /// The advice for the first pain in the red zone that `change` records, if any.
    private func redPainAdvice(in change: Change, snapshot s: Snapshot) -> RedPainAdvice? {
        let pains: [(Int?, RedPainAdvice.Kind, Day)]
        switch change {
        case .exercises(let entries): pains = entries.flatMap { [($0.painDuring, .during, $0.date), ($0.painAfter, .after, $0.date)] }
        case .run(let r): pains = [(r.painDuring, .run, r.date)]
        case .painAfter(let pain, _): pains = [(pain, .after, today)]
        default: pains = []
        }
        return pains.lazy.compactMap { p in p.0.flatMap { s.evaluator.redPainAdvice($0, p.1, on: p.2) } }.first
    }

    /// The entry saved for a set the timer recorded: what was really done, and how the set ended.
    /// The one place the timer's entries are made.
    static func timerEntry(_ block: TimerModel.CompletedBlock, item: DayPlan.Item, day: Day) -> ExerciseEntry {
        let exercise = item.exercise
        return ExerciseEntry(
            date: day, exerciseID: exercise.id, side: exercise.sides == .each ? block.side : nil, sets: 1,
            reps: exercise.isHold ? nil : block.done, holdSeconds: exercise.isHold ? block.done : nil,
            loadKg: item.loadKg(on: block.side), tempoSeconds: block.done > 0 ? block.tempoSeconds : nil,
            ended: block.ended, planned: block.ended == nil ? nil : block.planned)
    }

    /// The timer's saves due now, each judged as every save is. One refused (a stop that came
    /// while the timer ran) fails at once, so its sets are named as not saved, never as saved.
    private mutating func timerSavesDue() -> [Effect] {
        timerSaves.outstanding().compactMap { change in
            switch admit(change) {
            case .success(let effect): return effect
            case .failure(let refusal):
                _ = timerSaves.failed(change, why: refusal.sentence(naming: \.label).oneLine)
                return nil
            }
        }
    }

    /// The line on Today after a timer: only what the storage confirmed is called saved.
    private mutating func updateTimerNotice(closing: Bool = false) {
        guard closing || (timerNotice != nil && notice == timerNotice) else { return }
        let saved = timerSaves.confirmed
        var parts: [String] = []
        var style = Style.green
        if timerSaves.isEmpty {
            parts.append("Timer closed; nothing was saved.")
        } else if !saved.isEmpty {
            var text = "Saved \(counted(saved.count, "set"))\(timerWhat)"
            let full = saved.filter { $0.ended == nil }.count
            if full < saved.count {
                style = .amber
                text +=
                    ": "
                    + (["\(full) done"]
                    + SetEnd.allCases.compactMap { end in
                        let n = saved.filter { $0.ended == end }.count
                        return n == 0 ? nil : "\(n) \(TimerScreen.describe(end))"
                    }).joined(separator: ", ")
            }
            parts.append(text + ".")
        }
        if let line = timerSaveProblem {
            parts.append(line)
            style = .red
        }
        if timerSaves.unsaved > timerSaves.failedCount {
            let n = timerSaves.unsaved - timerSaves.failedCount
            parts.append("Saving \(counted(n, "set"))…")
        }
        notice = Notice(text: parts.joined(separator: " "), style: style)
        timerNotice = notice
    }

    /// Why some of the timer's sets (or their pain) are not saved yet, or nil.
    var timerSaveProblem: String? {
        guard let why = timerSaves.failure else { return nil }
        let what = timerSaves.failedCount == 0 ? "the pain" : timerSaves.failedNames
        return "Not saved: \(what) (\(why.hasSuffix(".") ? String(why.dropLast()) : why)); trying again."
    }

    /// What the timer's screens say of saving: the problem in red, else whether all is saved.
    /// "Today so far: green zone.": the day's zone, for the end of a session.
    var timerZoneLine: String? {
        let today = snapshot?.status.recentZones.last { $0.date == self.today }
        return today?.zone.map { "Today so far: \($0.rawValue) zone" + (today?.reason.map { " (\($0))" } ?? "") + "." }
    }

    var timerSaveLine: (String, Style)? {
        if let problem = timerSaveProblem { return (problem, .red) }
        guard !timerSaves.isEmpty else { return nil }
        if timerSaves.unsaved > 0 || timerSaves.isSending { return ("Saving…", .dim) }
        let n = timerSaves.confirmed.count
        return ("\(counted(n, "set")) saved.", .dim)
    }

    /// Said after the terminal is restored when the program ends with sets it could not save.
    public var unsavedAtExit: String? {
        let n = timerSaves.unsaved
        guard n > 0 else { return nil }
        let which = timerSaves.failedCount == n ? timerSaves.failedNames : "\(counted(n, "set")) from the timer"
        return "Not saved: \(which) (\(timerSaves.failure ?? "the program ended first")). Log them with `rehab log`."
    }

    // MARK: - Forms

    private mutating func openLog() {
        guard let s = snapshot else { return }
        if s.status.phase == .returnToRun || s.status.phase == .complete {
            mode = .form(.logRun, Forms.logRun(snapshot: s, day: today))
        } else {
            mode = .form(.logExercise, Forms.logExercise(snapshot: s, day: today, selected: selection))
        }
    }

    private mutating func openCheckIn() {
        guard let s = snapshot else { return }
        mode = .form(.checkIn, Forms.checkIn(program: s.program, day: today))
    }

    private mutating func handleForm(_ purpose: FormPurpose, _ form: inout Form, _ key: Key) -> [Effect] {
        if key == .char("?") && !form.acceptsText { overlay = .help; return [] }
        // The text above the fields scrolls when it does not fit (the form keeps its place).
        if key == .pageUp || key == .pageDown {
            let area = FormScreen.introArea(form, width: screen.width, height: screen.height)
            let limit = FormScreen.introText(form, width: screen.width).maxOffset(rows: area.height)
            form.introScroll = (key == .pageUp ? ScrollMove.pageUp : .pageDown).apply(to: form.introScroll, limit: limit, rows: area.height)
            mode = .form(purpose, form)
            return []
        }
        let before = form
        switch form.handle(key) {
        case .editing:
            if purpose == .logExercise, let s = snapshot { form = Forms.followPrescription(form, was: before, snapshot: s) }
            if purpose == .test, let s = snapshot { form = Forms.followTest(form, snapshot: s) }
            mode = .form(purpose, form)
            return []
        case .cancel:
            if purpose == .setup || purpose == .warningSigns { return [.quit] }
            mode = .main
            return []
        case .submit:
            // Judged once, by the form (`Forms.judged`); a refusal is said on its field and the form stays open.
            do throws(FormError) {
                if purpose == .warningSigns {
                    // A warning sign stops here: no program is offered, nothing is saved.
                    let next = Forms.afterWarningSigns(&form, program: programForSetup, today: today)
                    mode = next.map { .form(.setup, $0) } ?? .form(purpose, form)
                    return []
                }
                let judged = try Forms.judged(purpose, form, snapshot: snapshot, today: today)
                if !judged.notes.isEmpty { pendingNotes.append((judged.change, judged.notes)) }
                mode = .main
                return [.save(judged.change)]
            } catch {
                form.show(error)
                mode = .form(purpose, form)
                return []
            }
        }
    }

    // MARK: - Admission

    /// The door to the storage for every change no form judged (`Forms.judged` judges a form's):
    /// timer sets, pain given later, advancing, a clinician visit are judged once by the engine, as
    /// `rehab` judges the command line's, before they are saved. A refusal is said in the notice
    /// line and nothing is written.
    private mutating func admit(_ change: Change) -> Result<Effect, Refusal> {
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
    private mutating func save(_ change: Change) -> [Effect] {
        if case .success(let effect) = admit(change) { return [effect] }
        return []
    }

    /// The notes judged for `change` when it was sent, taken when its result comes back.
    private mutating func takeNotes(of change: Change) -> [String] {
        guard let i = pendingNotes.firstIndex(where: { $0.change == change }) else { return [] }
        return pendingNotes.remove(at: i).notes
    }

    // MARK: - Results of effects

    /// After a save: new data, and a line saying what happened, with the first note the engine
    /// gave the change.
    private mutating func didSave(_ change: Change, snapshot: Snapshot, notes: [String]) {
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
    private mutating func refresh(_ snapshot: Snapshot, today: Day) {
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

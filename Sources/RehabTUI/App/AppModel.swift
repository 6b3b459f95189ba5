import RehabCore
import Terminal

/// The main screens, in Tab order.
public enum Tab: Int, CaseIterable, Sendable {
    case today, week, program
    public var title: String { ["Today", "Week", "Program"][rawValue] }
}

/// What a form is for, so its values can be turned into a change.
public enum FormPurpose: Sendable, Equatable { case setup, logExercise, logRun, checkIn, test, score }

/// Boxes drawn over a screen.
public enum Overlay: Sendable, Equatable {
    case help
    case gate
    case confirmAdvance(to: String)
    case confirmClinicianSeen
}

/// A line at the bottom that says what just happened.
public struct Notice: Sendable, Equatable {
    public let text: String
    public let style: Style
}

/// The whole state of the full-screen app. `update` turns a message into new state plus effects;
/// the runner carries out the effects and hands their results back as messages. Nothing here reads
/// a clock or touches the terminal or the disk, and nothing outside `update` changes it.
public struct AppModel: Sendable {
    public enum Mode: Sendable {
        case main
        case timer(TimerModel, exercise: Exercise, loadKg: Double?)
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
    public internal(set) var overlay: Overlay?
    public internal(set) var notice: Notice?
    public internal(set) var bellOn = true
    /// What the engine said of the change being saved, shown with the save's notice.
    var pendingNotes: [String] = []
    /// Ids of the entries the running timer saved, so the pain asked at its end is written onto them.
    var timerEntryIDs: [Int64] = []

    public init(snapshot: Snapshot?, today: Day, programForSetup: Program? = nil) {
        self.snapshot = snapshot
        self.today = today
        if snapshot == nil {
            mode = .form(.setup, Forms.setup(today: today, program: programForSetup ?? ProgramLoader.defaultProgram()))
        }
    }

    // MARK: - Update

    /// The only code that changes the model: one message in, the effects to carry out back.
    public mutating func update(_ message: Message, now: Int64) -> [Effect] {
        switch message {
        case .interrupted:
            // Keep whatever the timer has done, then leave.
            var effects: [Effect] = []
            if case .timer(var timer, let exercise, let load) = mode {
                effects += timerEffects(timer.stop(now), exercise: exercise, load: load)
                mode = .timer(timer, exercise: exercise, loadKg: load)
            }
            return effects + [.quit]
        case .resize:
            return []
        case .tick:
            return tickTimer(now)
        case .key(let key):
            if overlay != nil { return handleOverlay(key, now: now) }
            switch mode {
            case .main: return handleMain(key, now: now)
            case .timer: return handleTimer(key, now: now)
            case .form(let purpose, var form): return handleForm(purpose, &form, key)
            }
        case .saved(let change, let snapshot, let ids):
            if case .timerSets = change { timerEntryIDs += ids }
            if case .painForTimerSets = change { timerEntryIDs = [] }
            didSave(change, snapshot: snapshot)
            return []
        case .saveFailed(let text):
            saveFailed(text)
            return []
        case .dataChanged(let snapshot, let day):
            if self.snapshot == nil, case .form(.setup, _) = mode { mode = .main }
            refresh(snapshot, today: day)
            return []
        }
    }

    /// When the loop must wake next for the timer; nil when nothing is due.
    public func nextDeadline(_ now: Int64) -> Int64? {
        if case .timer(let t, _, _) = mode { return t.nextDeadline(now) }
        return nil
    }

    /// Lets the timer move on to what is due at `now` (called on every wake-up).
    private mutating func tickTimer(_ now: Int64) -> [Effect] {
        guard case .timer(var timer, let exercise, let load) = mode else { return [] }
        let outcome = timer.advance(now)
        mode = .timer(timer, exercise: exercise, loadKg: load)
        return timerEffects(outcome, exercise: exercise, load: load)
    }

    private mutating func handleOverlay(_ key: Key, now: Int64) -> [Effect] {
        switch (overlay, key) {
        case (.confirmAdvance, .char("y")), (.confirmAdvance, .enter):
            overlay = nil
            guard let s = snapshot, let next = s.program.phase(after: s.status.phase) else { return [] }
            return [.save(.phaseChange(PhaseChange(date: today, phase: next.id)))]
        case (.confirmClinicianSeen, .char("y")):
            overlay = nil
            return [.save(.clinicianSeen(FlagClearance(date: today, note: "recorded in the full-screen program")))]
        case (.gate, .char("a")):
            overlay = nil
            return handleMain(.char("a"), now: now)
        case (_, .char("q")) where overlay == .help:
            overlay = nil
            return [.quit]
        default:
            overlay = nil
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
        case .bell:
            bellOn.toggle()
            notice = Notice(text: bellOn ? "Bell on: it rings at each change of the tempo." : "Bell off.", style: .dim)
        case .checkIn: openCheckIn()
        case .log: openLog()
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
            if s.status.eligibleToAdvance, let next = s.program.phase(after: s.status.phase) {
                overlay = .confirmAdvance(to: next.name)
            } else {
                overlay = .gate
                let reason = s.status.pause.map { "Paused: \($0.reason)" } ?? "Not yet: the gate has unmet criteria."
                notice = Notice(text: reason, style: .amber)
            }
        case .up, .down, .first, .last:
            let count = snapshot?.status.plan.items.count ?? 0
            let last = max(0, count - 1)
            selection = action == .up ? max(0, selection - 1) : action == .down ? min(last, selection + 1) : action == .first ? 0 : last
        case .startTimer: return startTimer(now: now)
        case .earlier, .later, .earliest, .latest:
            if tab == .week { moveWeek(action) } else { movePhase(action) }
        }
        return []
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
        switch action {
        case .earlier: programCursor = max(0, cursor - 1)
        case .later: programCursor = min(s.program.phases.count - 1, cursor + 1)
        default: break
        }
    }

    // MARK: - Timer

    private mutating func startTimer(now: Int64) -> [Effect] {
        guard let s = snapshot else { return [] }
        if s.status.plan.stopped {
            notice = Notice(text: s.status.plan.message ?? "Exercise is stopped.", style: .red)
            return []
        }
        guard s.status.plan.items.indices.contains(selection) else {
            notice = Notice(text: s.status.plan.run != nil ? "Runs are timed by you: press l to log today's run." : "No exercise to time today.", style: .dim)
            return []
        }
        let item = s.status.plan.items[selection]
        let e = item.exercise
        var sides: [Side?] = [nil]
        if e.sides == .each {
            let remaining = Side.allCases.filter { !item.doneSides.contains($0) }
            sides = (remaining.isEmpty ? Side.allCases : remaining).map { $0 }
        }
        let plan = TempoPlan(exercise: e, sides: sides, restSeconds: item.restSeconds)
        // A new timer's pain is about its own sets only (the last one's may have been skipped).
        timerEntryIDs = []
        mode = .timer(TimerModel(plan: plan, title: e.name, now: now, bellOn: bellOn), exercise: e, loadKg: item.loadKg)
        return tickTimer(now)
    }

    private mutating func handleTimer(_ key: Key, now: Int64) -> [Effect] {
        guard case .timer(var timer, let exercise, let load) = mode else { return [] }
        if timer.stage == .finished { mode = .main; return [] }
        if key == .char("?") && timer.isActive { overlay = .help; return [] }
        let outcome = timer.handle(key, now: now)
        bellOn = timer.bellOn
        mode = .timer(timer, exercise: exercise, loadKg: load)
        return timerEffects(outcome, exercise: exercise, load: load)
    }

    private mutating func timerEffects(_ outcome: TimerModel.Outcome, exercise: Exercise, load: Double?) -> [Effect] {
        var effects: [Effect] = []
        if outcome.ringBell { effects.append(.bell) }
        if !outcome.completedBlocks.isEmpty {
            let entries = outcome.completedBlocks.map { block in
                ExerciseEntry(date: today, exerciseID: exercise.id, side: exercise.sides == .each ? block.side : nil, sets: 1,
                              reps: exercise.isHold ? nil : block.reps,
                              holdSeconds: exercise.isHold ? (exercise.holdSeconds ?? 0) : nil,
                              loadKg: load, tempoSeconds: block.tempoSeconds)
            }
            effects.append(.save(.timerSets(entries)))
        }
        if let pain = outcome.savePain { effects.append(.save(.painForTimerSets(painDuring: pain, entryIDs: timerEntryIDs))) }
        if outcome.close {
            if case .timer(let t, _, _) = mode {
                let sets = t.saved.count
                notice = Notice(text: sets == 0 ? "Timer closed; nothing was saved." : "Saved \(sets) set\(sets == 1 ? "" : "s") of \(exercise.name.lowercased()).", style: .green)
            }
            mode = .main
        }
        return effects
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
        switch form.handle(key) {
        case .editing:
            mode = .form(purpose, form)
            return []
        case .cancel:
            if purpose == .setup { return [.quit] }
            mode = .main
            return []
        case .submit:
            do {
                let change = try Forms.change(purpose, form, snapshot: snapshot)
                pendingNotes = snapshot.map { Forms.notes(for: change, snapshot: $0) } ?? []
                mode = .main
                return [.save(change)]
            } catch {
                form.show(error)
                mode = .form(purpose, form)
                return []
            }
        }
    }

    // MARK: - Results of effects

    /// After a save: new data, and a line saying what happened.
    private mutating func didSave(_ change: Change, snapshot: Snapshot) {
        self.snapshot = snapshot
        selection = min(selection, max(0, snapshot.status.plan.items.count - 1))
        switch change {
        case .enrol: notice = Notice(text: "Welcome. Your program starts on \(snapshot.history.enrolment.start.iso). Press ? for keys.", style: .green)
        case .exercises(let e): notice = Notice(text: "Saved \(e.count) entr\(e.count == 1 ? "y" : "ies") for \(e.first?.date.iso ?? "").", style: .green)
        case .run(let r): notice = Notice(text: "Saved run stage \(r.stage) on \(r.date.iso).", style: .green)
        case .checkIn(let c):
            notice = c.redFlags.isEmpty ? Notice(text: "Check-in saved for \(c.date.iso).", style: .green)
                                        : Notice(text: "Check-in saved. Warning signs reported: see the advice on Today.", style: .red)
        case .test(let t): notice = Notice(text: "Recorded \(snapshot.program.test(t.testID)?.name.lowercased() ?? t.testID) on \(t.date.iso).", style: .green)
        case .score(let o): notice = Notice(text: "Recorded \(snapshot.program.outcome.name) \(o.score).", style: .green)
        case .clinicianSeen: notice = Notice(text: "Clinician visit recorded: pauses and warning signs up to today are lifted.", style: .green)
        case .phaseChange(let p): notice = Notice(text: "You are now in the \(snapshot.program.phase(p.phase)?.name ?? p.phase.rawValue) phase.", style: .green)
        case .timerSets, .painForTimerSets: break
        }
        if let first = pendingNotes.first, let n = notice {
            notice = Notice(text: n.text + " " + first, style: n.style)
        }
        pendingNotes = []
    }

    private mutating func saveFailed(_ message: String) {
        pendingNotes = []
        notice = Notice(text: "Not saved: \(message)", style: .red)
    }

    /// New data from outside (another process, or a new day).
    private mutating func refresh(_ snapshot: Snapshot, today: Day) {
        self.snapshot = snapshot
        self.today = today
        selection = min(selection, max(0, snapshot.status.plan.items.count - 1))
    }
}


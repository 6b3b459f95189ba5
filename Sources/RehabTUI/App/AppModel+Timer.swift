import RehabCore
import Terminal
/// The tempo timer inside the app: started from Today, its state in `Mode.timer` (reached
/// through `scope(.timer)`), what it did turned into saves, notices and the red-pain advice.
extension AppModel {
    // MARK: - Timer

    /// One exercise (the selected one), or a guided session: every exercise not yet done today,
    /// in the program's order, whichever is highlighted (as the README and the help say).
    mutating func startTimer(now: Int64, session: Bool) -> [Effect] {
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
    mutating func soundDetected(_ choices: [SoundMode], fallback: String?) -> [Effect] {
        soundChoices = choices
        scope(.timer) { $0.useSounds(choices) }
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

    /// Runs `change` on the open timer (through `scope(.timer)`) and maps what it did into the
    /// app's effects; none when no timer is open.
    mutating func runTimer(now: Int64, _ change: (inout TimerModel) -> TimerModel.Outcome) -> [Effect] {
        guard let outcome = scope(.timer, change) else { return [] }
        return timerEffects(outcome, now: now)
    }

    static func describe(_ sound: SoundMode) -> String {
        switch sound {
        case .voice: return "voice (words at each change)"
        case .tones: return "tones (a pitch for each kind of cue)"
        case .bell: return "the terminal bell"
        case .off: return "off (the screen still shows each change)"
        }
    }

    mutating func handleTimer(_ key: Key, now: Int64) -> [Effect] {
        guard let timer else { return [] }
        if timer.stage == .finished { mode = .main; return [] }
        if key == .char("?") && timer.isActive {
            scope(.timer) { $0.holdForReading(now) }
            overlay = .help
            return []
        }
        // A summary taller than the screen scrolls (Enter closes it: `TimerModel.summaryKeys`).
        if timer.stage == .summary, let move = ScrollMove.move(for: key) {
            let text = TimerScreen.summary(timer, zoneLine: timerZoneLine, saveLine: timerSaveLine, width: screen.width)
            let rows = TimerScreen.middleArea(text, width: screen.width, height: screen.height).height
            if text.maxOffset(rows: rows) > 0 {
                summaryScroll = move.apply(to: summaryScroll, limit: text.maxOffset(rows: rows), rows: rows)
                return []
            }
        }
        return runTimer(now: now) { $0.handle(key, now: now) }
    }

    /// What the timer did (its `Outcome`) as the app's effects: the cue, the saves of finished
    /// sets and pain, the red-pain advice, the end of the session, a setting to remember.
    mutating func timerEffects(_ outcome: TimerModel.Outcome, now: Int64) -> [Effect] {
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
        // A sound, the words or the flash chosen in the timer is the app's choice from now on.
        if outcome.settingsChanged {
            timerSettings = timer.settings
            effects.append(.rememberSettings(timer.settings))
        }
        return effects
    }

    /// A pain in the red zone typed in the timer: the program's advice on screen at once, the
    /// session held (paused) until the patient has read it, and "stop" said when it is voiced.
    /// `now` is nil when the timer closes with this answer: the advice then shows over Today.
    mutating func adviseRedPain(_ pain: Int, _ kind: RedPainAdvice.Kind, now: Int64?) -> [Effect] {
        guard let s = snapshot, let advice = s.evaluator.redPainAdvice(pain, kind, on: today) else { return [] }
        overlay = .redPain(advice)
        guard let now else { return [] }
        let stop = scope(.timer) { timer -> Effect in
            timer.holdForReading(now)
            return .cue(.stop(at: timer.elapsed(now)), timer.sound, timer.settings.verbosity, due: now)
        }
        return stop.map { [$0] } ?? []
    }

    /// The advice for the first pain in the red zone that `change` records, if any.
    func redPainAdvice(in change: Change, snapshot s: Snapshot) -> RedPainAdvice? {
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
}

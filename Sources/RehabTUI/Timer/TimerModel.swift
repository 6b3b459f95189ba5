import RehabCore

/// The tempo timer's state, for one exercise or a whole guided session. Pure: every method takes
/// the monotonic time `now` (nanoseconds) and says what should happen; the loop owns the clock,
/// the sound and the database.
public struct TimerModel: Sendable, Equatable {
    public enum Stage: Sendable, Equatable {
        case running
        case paused
        case confirmQuit(resumeAfter: Bool)
        /// The plan is done (or was stopped): asking the pain of the exercises not yet answered.
        case askPain
        /// Then the pain now, after the session (or "answer later").
        case askPainAfter
        /// A guided session's end: what was done, until a key closes it.
        case summary
        case finished
    }

    /// What the loop should do after a call.
    public struct Outcome: Sendable, Equatable {
        /// The cue due now, to play (and ring the bell with) at once.
        public var cue: Cue?
        /// Blocks finished since the last call, to save at once.
        public var completedBlocks: [CompletedBlock] = []
        /// Pain during an exercise (a part of the plan), to write onto its saved sets.
        public var savePain: (part: Int, pain: Int)?
        /// Pain after the session, to write onto every set this timer saved.
        public var savePainAfter: Int?
        /// The patient changed how the timer sounds or looks: remember it.
        public var settingsChanged = false
        public var close = false

        public static func == (a: Outcome, b: Outcome) -> Bool {
            a.cue == b.cue && a.completedBlocks == b.completedBlocks && a.savePain?.part == b.savePain?.part
                && a.savePain?.pain == b.savePain?.pain && a.savePainAfter == b.savePainAfter
                && a.settingsChanged == b.settingsChanged && a.close == b.close
        }
    }

    /// One set on one side as it was really done.
    public struct CompletedBlock: Sendable, Equatable {
        public let block: Int
        public let part: Int
        public let set: Int
        public let side: Side?
        /// Repetitions that count (`TempoPlan.repCountsWhenMissingAtMost`), or for a hold the seconds held.
        public let done: Int
        /// What the set prescribed: repetitions, or the seconds of the hold.
        public let planned: Int
        /// Nil when done as prescribed; else cut short (some done), skipped (nothing) or stopped for pain.
        public let ended: SetEnd?
        /// Mean seconds per repetition actually taken (pauses excluded, skips included).
        public let tempoSeconds: Double
    }

    /// The pain question of one exercise: asked while the session goes on, and again at the end.
    public struct PainQuestion: Sendable, Equatable {
        public let part: Int
        public var typed = ""
        public var error: String?
    }

    public let plan: TempoPlan
    public let title: String
    public var settings: TimerSettings
    /// The sounds that work here, for the key that cycles them.
    public private(set) var soundChoices: [SoundMode]
    public private(set) var stage: Stage = .running
    /// What the timer is for, which decides how it ends.
    public enum Use: Sendable, Equatable {
        /// `rehab timer`: saves nothing, asks nothing.
        case standAlone
        /// One exercise from Today: its pain is asked at the end.
        case exercise
        /// The guided session: pain after each exercise, a summary at the end.
        case session
    }
    public let use: Use
    /// Whether pain is asked for each exercise (not by the stand-alone timer).
    public var asksPain: Bool { use != .standAlone }
    /// Whether the end shows a summary before closing (the guided session).
    public var showsSummary: Bool { use == .session }
    public private(set) var saved: [CompletedBlock] = []
    /// Exercises done and not yet given a pain score, oldest first.
    public private(set) var painQueue: [PainQuestion] = []
    public private(set) var painGiven: [Int: Int] = [:]
    /// What is typed for the pain after the session, and why it was refused.
    public private(set) var painAfter = PainQuestion(part: -1)
    /// The exercises with a set stopped because of pain ("could not do it").
    public private(set) var stoppedForPain: Set<Int> = []
    /// Set when the timer paused itself after an exercise stopped for pain: it goes on once its
    /// pain question is answered (or with space).
    public private(set) var heldForPain: Int?
    /// Why the timer paused itself because it did not run ("Paused: the timer did not run for 20 s").
    public private(set) var stallNote: String?
    /// A short line saying what a key just did (a setting chosen, a pain noted), shown until `until`.
    public struct Said: Sendable, Equatable {
        public let text: String
        public let until: Int64
    }
    public private(set) var said: Said?

    /// How long `said` shows.
    static let sayNanoseconds: Int64 = 2_500_000_000

    mutating func say(_ text: String, now: Int64, for span: Int64 = Self.sayNanoseconds) { said = Said(text: text, until: now + span) }

    /// The line to show now, if any.
    public func saying(_ now: Int64) -> String? { said.flatMap { now < $0.until ? $0.text : nil } }
    /// The screen shows a cue's flash until then (with `settings.flash`).
    public private(set) var flashUntil: Int64?
    public private(set) var startedAt: Int64
    public private(set) var endedAt: Int64?
    /// `now` at which plan time 0 falls; pauses and skips move it.
    public private(set) var anchor: Int64
    private var pausedAt: Int64?
    private var announcedStep: Int?
    private var nextCue = 0
    private var savedBlocks = 0
    private var blockStartedAt: Int64
    private var pausedInBlock: Int64 = 0
    /// Milliseconds skipped with `s` in each segment step (by step index): not done.
    private var skippedMilliseconds: [Int: Int] = [:]

    static let flashNanoseconds: Int64 = 150_000_000

    public init(
        plan: TempoPlan, title: String, now: Int64, use: Use = .exercise,
        settings: TimerSettings = TimerSettings(sound: .bell), soundChoices: [SoundMode] = [.bell, .off]
    ) {
        (self.plan, self.title, self.use) = (plan, title, use)
        (self.settings, self.soundChoices) = (settings, soundChoices)
        (anchor, startedAt, blockStartedAt) = (now, now, now)
    }

    /// Starts the clock again at `now`, before anything was done: the sound took a moment to get ready.
    public mutating func start(_ now: Int64) {
        guard saved.isEmpty, announcedStep == nil, stage == .running else { return }
        (anchor, startedAt, blockStartedAt) = (now, now, now)
    }

    /// The patient's choice when it works here, else the best that does.
    public var sound: SoundMode { settings.sound(among: soundChoices) }

    /// What works here became known after the timer was made (before its clock started).
    public mutating func useSounds(_ choices: [SoundMode]) { soundChoices = choices }

    // MARK: - Where we are

    /// Plan milliseconds elapsed at `now`.
    public func elapsed(_ now: Int64) -> Int {
        Int(((pausedAt ?? now) - anchor) / 1_000_000)
    }

    public func currentStep(_ now: Int64) -> TempoPlan.Step? {
        plan.stepIndex(at: elapsed(now)).map { plan.steps[$0] }
    }

    public var isActive: Bool {
        switch stage {
        case .running, .paused, .confirmQuit: return true;
        default: return false
        }
    }

    /// The question on screen: while the session runs, the latest exercise's; at the end, the oldest.
    public var painQuestion: PainQuestion? {
        stage == .askPain ? painQueue.first : (isActive ? painQueue.last : nil)
    }

    /// Sets recorded for a part of the plan (done in full or not).
    public func setsRecorded(part: Int) -> [CompletedBlock] { saved.filter { $0.part == part } }

    /// Sets done as prescribed for a part of the plan.
    public func setsDone(part: Int) -> Int { saved.filter { $0.part == part && $0.ended == nil }.count }

    public func isFlashing(_ now: Int64) -> Bool { flashUntil.map { now < $0 } ?? false }

    /// When the loop must wake next: the next cue or display tick (every 250 ms of plan time, which
    /// also lands exactly on every segment boundary), or the end of a flash. Nil when nothing is due.
    public func nextDeadline(_ now: Int64) -> Int64? {
        let flashEnd = flashUntil.flatMap { $0 > now ? $0 : nil }
        guard stage == .running else { return flashEnd }
        let e = elapsed(now)
        var next = min((e / 250 + 1) * 250, plan.totalMilliseconds)
        if plan.cues.indices.contains(nextCue) { next = min(next, max(e, plan.cues[nextCue].at)) }
        let tick = anchor + Int64(next) * 1_000_000
        return flashEnd.map { min($0, tick) } ?? tick
    }

    /// The effect that plays `cue`, due when plan time `cue.at` falls on the monotonic clock.
    func cueEffect(_ cue: Cue) -> Effect {
        .cue(cue, sound, settings.verbosity, due: anchor + Int64(cue.at) * 1_000_000)
    }

    // MARK: - Time and keys

    /// Moves to whatever is due at `now`: the cue due (only the latest, if the loop woke late),
    /// the sets finished.
    public mutating func advance(_ now: Int64) -> Outcome {
        var outcome = Outcome()
        guard isActive else { return outcome }
        let e = elapsed(now)
        let index = plan.stepIndex(at: e)
        // Finished blocks first: their real time must be read before a new block restarts it.
        outcome.completedBlocks = collectFinishedBlocks(at: e, now: now)
        if index != announcedStep {
            announcedStep = index
            // A block's real time runs from its first segment, so tempo achieved excludes rests.
            if let index, plan.steps[index].rep == 1, case .segment(_, 0) = plan.steps[index].kind {
                blockStartedAt = now
                pausedInBlock = 0
            }
        }
        while plan.cues.indices.contains(nextCue) && plan.cues[nextCue].at <= e {
            outcome.cue = plan.cues[nextCue]
            nextCue += 1
        }
        if outcome.cue != nil && settings.flash { flashUntil = now + Self.flashNanoseconds }
        if index == nil { finish(&outcome, now: now) }
        return outcome
    }

    /// The patient reads something over the timer (the keys, red-pain advice): a running timer
    /// waits (space goes on); one already paused or asking stays as it is.
    mutating func holdForReading(_ now: Int64) {
        if stage == .running { togglePause(now) }
    }

    public mutating func togglePause(_ now: Int64) {
        switch stage {
        case .running: pausedAt = now; stage = .paused
        case .paused: resume(now)
        default: break
        }
    }

    /// Jumps to the start of the next step (a segment, the end of a rest or of the get-ready).
    /// Skipping a segment is work not done; skipping a rest or the get-ready is not.
    public mutating func skip(_ now: Int64) -> Outcome {
        let e = elapsed(now)
        guard isActive, let index = plan.stepIndex(at: e) else { return Outcome() }
        let step = plan.steps[index]
        if step.isSegment { skippedMilliseconds[index, default: 0] += step.end - max(e, step.start) }
        anchor = (pausedAt ?? now) - Int64(step.end) * 1_000_000
        return advance(now)
    }

    /// "Could not do it": the set under way (or about to start, or the next one of the exercise
    /// when pressed in the rest right after a set) is saved with what was done so far as stopped
    /// for pain, the rest of that exercise is not done, its pain is asked at once, and the
    /// session then goes on with the next exercise (or ends).
    public mutating func stopForPain(_ now: Int64) -> Outcome {
        var outcome = Outcome()
        let e = elapsed(now)
        guard isActive, let index = plan.stepIndex(at: e) else { return outcome }
        let step = plan.steps[index]
        let part = plan.blocks[step.block].part
        outcome.completedBlocks = collectFinishedBlocks(at: e, now: now)
        // In the rest after a set, that set was done as timed: the stop falls on the next one.
        let current = step.isRest ? step.block + 1 : step.block
        if current == savedBlocks, plan.blocks.indices.contains(current), plan.blocks[current].part == part {
            let block = record(
                block: current, done: step.isPrepare ? 0 : plan.workDone(inBlock: current, at: e, skipped: skippedMilliseconds),
                now: now, ended: .stoppedForPain)
            outcome.completedBlocks.append(block)
            saved.append(block)
            stoppedForPain.insert(part)
        }
        painQueue.removeAll { $0.part == part }
        queuePain(for: part)
        let next = plan.blocks(ofPart: part).upperBound
        savedBlocks = max(savedBlocks, next)
        guard next < plan.blocks.count, let first = plan.steps.firstIndex(where: { $0.block == next }) else {
            savedBlocks = plan.blocks.count
            finish(&outcome, now: now)
            return outcome
        }
        // Wait at the start of the next exercise until the pain is answered (or space).
        let held = pausedAt ?? now
        anchor = held - Int64(plan.steps[first].start) * 1_000_000
        pausedAt = held
        stage = .paused
        heldForPain = asksPain ? part : nil
        if !asksPain { resume(now) }
        while plan.cues.indices.contains(nextCue) && plan.cues[nextCue].at < plan.steps[first].start { nextCue += 1 }
        return outcome
    }

    /// The loop did not run from `since` to `now` (the process was stopped, the machine slept, the
    /// screen's output was held): that time is a pause, never work.
    public mutating func didNotRun(since: Int64, now: Int64) {
        guard stage == .running, since < now else { return }
        pausedAt = since
        stage = .paused
        let seconds = Int((Double(now - since) / 1e9).rounded())
        stallNote = "Paused: the timer did not run for \(seconds < 1 ? "a moment" : "\(seconds) s"). Space goes on."
    }

    /// `q`: ask before abandoning; the timer pauses while asking.
    public mutating func requestQuit(_ now: Int64) {
        switch stage {
        case .running: pausedAt = now; stage = .confirmQuit(resumeAfter: true)
        case .paused: stage = .confirmQuit(resumeAfter: false)
        default: break
        }
    }

    /// The answer to "stop now?": yes keeps the sets already done (a part set included).
    public mutating func confirmQuit(_ yes: Bool, now: Int64) -> Outcome {
        guard case .confirmQuit(let resumeAfter) = stage else { return Outcome() }
        if !yes {
            stage = .paused
            if resumeAfter { resume(now) }
            return Outcome()
        }
        return stop(now)
    }

    /// Ends early (quit confirmed, or a signal): keeps finished sets and the reps of a part set.
    public mutating func stop(_ now: Int64) -> Outcome {
        var outcome = Outcome()
        guard isActive else { return outcome }
        let e = elapsed(now)
        outcome.completedBlocks = collectFinishedBlocks(at: e, now: now)
        if savedBlocks < plan.blocks.count {
            let done = plan.workDone(inBlock: savedBlocks, at: e, skipped: skippedMilliseconds)
            if done > 0 {
                let part = record(block: savedBlocks, done: done, now: now)
                outcome.completedBlocks.append(part)
                saved.append(part)
            }
        }
        // Every exercise with sets done is asked about, the one cut short included.
        for part in saved.map(\.part) { queuePain(for: part) }
        savedBlocks = plan.blocks.count
        finish(&outcome, now: now)
        return outcome
    }

    /// A key typed for the pain question: digits, backspace, Enter (save) or Esc (skip).
    public mutating func painKey(_ key: PainKey, now: Int64) -> Outcome {
        var outcome = Outcome()
        let atEnd = stage == .askPain
        guard let question = painQuestion, let i = painQueue.firstIndex(where: { $0.part == question.part }) else { return outcome }
        switch key {
        case .digit(let d):
            // Every digit is kept (up to three), so "100" is refused on Enter, never read as 0.
            if painQueue[i].typed.count < 3 { painQueue[i].typed += String(d) }
            painQueue[i].error = nil
        case .backspace:
            painQueue[i].typed = String(painQueue[i].typed.dropLast())
            painQueue[i].error = nil
        case .enter:
            guard let pain = Self.painScore(painQueue[i].typed) else {
                painQueue[i].error = Self.painRefusal
                return outcome
            }
            outcome.savePain = (question.part, pain)
            painGiven[question.part] = pain
            painQueue.remove(at: i)
            if !atEnd { say("Pain \(pain) noted for \(plan.parts[question.part].name.lowercased()).", now: now) }
        case .skip:
            painQueue.remove(at: i)
        }
        if heldForPain == question.part && painQueue.allSatisfy({ $0.part != question.part }) {
            heldForPain = nil
            if stage == .paused { resume(now) }
        }
        if atEnd && painQueue.isEmpty { askAfterOrClose(&outcome) }
        return outcome
    }

    static let painRefusal = "Pain is a number from \(PainScore.range.lowerBound) (none) to \(PainScore.range.upperBound) (worst)."

    /// A typed pain score, or nil when it is not one.
    static func painScore(_ typed: String) -> Int? {
        try? PainScore.parse(typed).get().value
    }

    /// A key typed for the pain after the session: digits, backspace, Enter (save) or later.
    public mutating func painAfterKey(_ key: PainKey) -> Outcome {
        var outcome = Outcome()
        guard stage == .askPainAfter else { return outcome }
        switch key {
        case .digit(let d):
            if painAfter.typed.count < 3 { painAfter.typed += String(d) }
            painAfter.error = nil
        case .backspace:
            painAfter.typed = String(painAfter.typed.dropLast())
            painAfter.error = nil
        case .enter:
            guard let pain = Self.painScore(painAfter.typed) else {
                painAfter.error = Self.painRefusal
                return outcome
            }
            outcome.savePainAfter = pain
            close(&outcome)
        case .skip:
            close(&outcome)
        }
        return outcome
    }

    public enum PainKey: Sendable, Equatable { case digit(Int), backspace, enter, skip }

    /// The pain after the session is asked once something was recorded (not by `rehab timer`).
    public var asksPainAfter: Bool { asksPain && !saved.isEmpty }

    /// The summary is read, and closed (`summaryKeys`).
    public mutating func closeSummary() -> Outcome {
        var outcome = Outcome()
        if stage == .summary { stage = .finished; outcome.close = true }
        return outcome
    }

    // MARK: - Private

    private mutating func resume(_ now: Int64) {
        stallNote = nil
        heldForPain = nil
        guard let p = pausedAt else { stage = .running; return }
        anchor += now - p
        pausedInBlock += now - p
        pausedAt = nil
        stage = .running
    }

    private mutating func finish(_ outcome: inout Outcome, now: Int64) {
        endedAt = endedAt ?? now
        if asksPain && !painQueue.isEmpty {
            stage = .askPain
        } else {
            askAfterOrClose(&outcome)
        }
    }

    private mutating func askAfterOrClose(_ outcome: inout Outcome) {
        if asksPainAfter { stage = .askPainAfter } else { close(&outcome) }
    }

    private mutating func close(_ outcome: inout Outcome) {
        if showsSummary && !saved.isEmpty {
            stage = .summary
        } else {
            stage = .finished
            outcome.close = true
        }
    }

    private mutating func collectFinishedBlocks(at e: Int, now: Int64) -> [CompletedBlock] {
        var done: [CompletedBlock] = []
        while savedBlocks < plan.blocks.count && e >= plan.blocks[savedBlocks].end {
            let block = record(block: savedBlocks, done: plan.workDone(inBlock: savedBlocks, at: e, skipped: skippedMilliseconds), now: now)
            done.append(block)
            savedBlocks += 1
            // Pain is asked once per exercise, after its last set.
            if savedBlocks == plan.blocks.count || plan.blocks[savedBlocks].part != block.part { queuePain(for: block.part) }
        }
        saved += done
        return done
    }

    private mutating func queuePain(for part: Int) {
        guard asksPain, painGiven[part] == nil, !painQueue.contains(where: { $0.part == part }) else { return }
        painQueue.append(PainQuestion(part: part))
    }

    /// A set as it was done: full, cut short (some done) or skipped (nothing), unless `ended` says otherwise.
    private mutating func record(block: Int, done: Int, now: Int64, ended: SetEnd? = nil) -> CompletedBlock {
        let b = plan.blocks[block]
        let planned = plan.parts[b.part].plannedPerSet
        let how = ended ?? (done >= planned ? nil : done == 0 ? .skipped : .cutShort)
        let reps = plan.parts[b.part].holdSeconds == nil ? done : (done > 0 ? 1 : 0)
        let active = Double(max(0, (pausedAt ?? now) - blockStartedAt - pausedInBlock)) / 1e9
        return CompletedBlock(
            block: block, part: b.part, set: b.set, side: b.side, done: min(done, planned), planned: planned,
            ended: how, tempoSeconds: reps > 0 ? (active / Double(reps) * 10).rounded() / 10 : 0)
    }
}

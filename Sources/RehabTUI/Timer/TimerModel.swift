import RehabCore

/// The tempo timer's state. Pure: every method takes the monotonic time `now` (nanoseconds) and
/// says what should happen; the app loop owns the clock, the bell and the database.
public struct TimerModel: Sendable, Equatable {
    public enum Stage: Sendable, Equatable {
        case running
        case paused
        case confirmQuit(resumeAfter: Bool)
        /// The plan is done (or was stopped): asking pain during, typed so far.
        case askPain(typed: String, error: String?)
        case finished
    }

    /// What the loop should do after a call.
    public struct Outcome: Sendable, Equatable {
        public var ringBell = false
        /// Blocks finished since the last call, to save at once.
        public var completedBlocks: [CompletedBlock] = []
        public var savePain: Int?
        public var close = false
    }

    /// One set on one side as it was really done.
    public struct CompletedBlock: Sendable, Equatable {
        public let block: Int
        public let set: Int
        public let side: Side?
        public let reps: Int
        /// Mean seconds per repetition actually taken (pauses excluded, skips included).
        public let tempoSeconds: Double
    }

    public let plan: TempoPlan
    public let title: String
    public var bellOn: Bool
    public private(set) var stage: Stage = .running
    /// `now` at which plan time 0 falls; pauses and skips move it.
    private var anchor: Int64
    private var pausedAt: Int64?
    private var announcedStep: Int?
    private var savedBlocks = 0
    private var blockStartedAt: Int64
    private var pausedInBlock: Int64 = 0
    /// Whether pain is asked at the end (not for a stand-alone timer).
    public let asksPain: Bool
    public private(set) var saved: [CompletedBlock] = []

    public init(plan: TempoPlan, title: String, now: Int64, bellOn: Bool = true, asksPain: Bool = true) {
        self.plan = plan
        self.title = title
        self.bellOn = bellOn
        self.asksPain = asksPain
        anchor = now
        blockStartedAt = now
    }

    // MARK: - Where we are

    /// Plan milliseconds elapsed at `now`.
    public func elapsed(_ now: Int64) -> Int {
        Int(((pausedAt ?? now) - anchor) / 1_000_000)
    }

    public func currentStep(_ now: Int64) -> TempoPlan.Step? {
        plan.stepIndex(at: elapsed(now)).map { plan.steps[$0] }
    }

    public var isActive: Bool {
        switch stage { case .running, .paused, .confirmQuit: return true; default: return false }
    }

    /// When the loop must wake next: the next segment change or display tick (every 250 ms of
    /// plan time, which also lands exactly on every segment boundary). Nil when nothing is due.
    public func nextDeadline(_ now: Int64) -> Int64? {
        guard stage == .running else { return nil }
        let e = elapsed(now)
        let next = min((e / 250 + 1) * 250, plan.totalMilliseconds)
        return anchor + Int64(next) * 1_000_000
    }

    // MARK: - Time and keys

    /// Moves to whatever is due at `now`: rings once on a segment change, reports finished sets.
    public mutating func advance(_ now: Int64) -> Outcome {
        var outcome = Outcome()
        guard isActive else { return outcome }
        let e = elapsed(now)
        let index = plan.stepIndex(at: e)
        // Finished blocks first: their real time must be read before a new block restarts it.
        outcome.completedBlocks = collectFinishedBlocks(at: e, now: now)
        if index != announcedStep {
            announcedStep = index
            outcome.ringBell = bellOn
            // A block's real time runs from its first segment, so tempo achieved excludes rests.
            if let index, plan.steps[index].rep == 1, plan.steps[index].kind == .segment(cue: plan.segments[0].cue, index: 0) {
                blockStartedAt = now
                pausedInBlock = 0
            }
        }
        if index == nil { finish(&outcome) }
        return outcome
    }

    public mutating func togglePause(_ now: Int64) {
        switch stage {
        case .running: pausedAt = now; stage = .paused
        case .paused: resume(now)
        default: break
        }
    }

    /// Jumps to the start of the next step (a segment, or the end of a rest).
    public mutating func skip(_ now: Int64) -> Outcome {
        guard isActive, let step = currentStep(now) else { return Outcome() }
        anchor = (pausedAt ?? now) - Int64(step.end) * 1_000_000
        return advance(now)
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
            let reps = plan.repsCompleted(inBlock: savedBlocks, at: e)
            if reps > 0 { outcome.completedBlocks.append(record(block: savedBlocks, reps: reps, now: now)) }
        }
        saved += outcome.completedBlocks.filter { !saved.contains($0) }
        savedBlocks = plan.blocks.count
        finish(&outcome)
        return outcome
    }

    /// A key typed while pain is asked: digits, backspace, Enter (save) or Esc (skip).
    public mutating func painKey(_ key: PainKey) -> Outcome {
        guard case .askPain(var typed, _) = stage else { return Outcome() }
        var outcome = Outcome()
        switch key {
        case .digit(let d):
            typed = typed.count < 2 ? typed + String(d) : String(d)
            stage = .askPain(typed: typed, error: nil)
        case .backspace:
            stage = .askPain(typed: String(typed.dropLast()), error: nil)
        case .enter:
            guard let pain = Int(typed), (0...10).contains(pain) else {
                stage = .askPain(typed: typed, error: "Pain is a number from 0 (none) to 10 (worst).")
                return outcome
            }
            outcome.savePain = pain
            outcome.close = true
            stage = .finished
        case .skip:
            outcome.close = true
            stage = .finished
        }
        return outcome
    }

    public enum PainKey: Sendable, Equatable { case digit(Int), backspace, enter, skip }

    // MARK: - Private

    private mutating func resume(_ now: Int64) {
        guard let p = pausedAt else { stage = .running; return }
        anchor += now - p
        pausedInBlock += now - p
        pausedAt = nil
        stage = .running
    }

    private mutating func finish(_ outcome: inout Outcome) {
        if asksPain && !saved.isEmpty {
            stage = .askPain(typed: "", error: nil)
        } else {
            stage = .finished
            outcome.close = true
        }
    }

    private mutating func collectFinishedBlocks(at e: Int, now: Int64) -> [CompletedBlock] {
        var done: [CompletedBlock] = []
        while savedBlocks < plan.blocks.count && e >= plan.blocks[savedBlocks].end {
            done.append(record(block: savedBlocks, reps: plan.repsPerSet, now: now))
            savedBlocks += 1
        }
        saved += done
        return done
    }

    private mutating func record(block: Int, reps: Int, now: Int64) -> CompletedBlock {
        let b = plan.blocks[block]
        let active = Double(max(0, (pausedAt ?? now) - blockStartedAt - pausedInBlock)) / 1e9
        return CompletedBlock(block: block, set: b.set, side: b.side, reps: reps,
                              tempoSeconds: reps > 0 ? (active / Double(reps) * 10).rounded() / 10 : 0)
    }
}

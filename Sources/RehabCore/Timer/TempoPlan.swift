/// A timed session laid out in time: a get-ready countdown before each exercise and side, every
/// segment of every repetition, the rests, and the cues heard at each change. The timer asks
/// "which step is due at elapsed t" instead of counting ticks, so waking late never shifts the
/// rest of the session.
public struct TempoPlan: Sendable, Equatable {
    /// One exercise of the session, as it will be paced.
    public struct Part: Sendable, Equatable {
        public let name: String
        /// The program's exercise, when the part is one (the stand-alone timer's tempo is not).
        public let exerciseID: String?
        public let segments: [TempoSegment]
        public let sets: Int
        public let repsPerSet: Int
        /// In the order they are done: all sets of the first side, then all sets of the next.
        public let sides: [Side?]
        public let restSeconds: Int
        /// "3 x 10", "5 x 10 s hold": the dose, as the get-ready countdown shows it.
        public let dose: String
        /// A hold's seconds: its sets are measured in seconds held, not repetitions.
        public let holdSeconds: Int?

        public init(
            name: String, exerciseID: String? = nil, segments: [TempoSegment], sets: Int, repsPerSet: Int,
            sides: [Side?] = [nil], restSeconds: Int, dose: String? = nil, holdSeconds: Int? = nil
        ) {
            self.name = name
            self.exerciseID = exerciseID
            self.segments = segments.filter { $0.seconds > 0 }
            self.sets = max(1, sets)
            self.repsPerSet = max(1, repsPerSet)
            self.sides = sides.isEmpty ? [nil] : sides
            self.restSeconds = max(0, restSeconds)
            self.dose = dose ?? "\(self.sets) x \(self.repsPerSet)"
            self.holdSeconds = holdSeconds
        }

        /// What one set prescribes: repetitions, or for a hold its seconds.
        public var plannedPerSet: Int { holdSeconds.map { _ in segments.reduce(0) { $0 + $1.seconds } } ?? repsPerSet }

        /// An exercise of the program: a hold counts as one repetition per set.
        public init(exercise: Exercise, sides: [Side?], restSeconds: Int? = nil) {
            self.init(
                name: exercise.name, exerciseID: exercise.id, segments: exercise.segments, sets: exercise.sets,
                repsPerSet: exercise.reps ?? 1, sides: sides, restSeconds: restSeconds ?? exercise.restSeconds ?? 60,
                dose: exercise.reps.map { "\(exercise.sets) x \($0)" } ?? "\(exercise.sets) x \(exercise.holdSeconds ?? 0) s hold",
                holdSeconds: exercise.isHold ? exercise.holdSeconds : nil)
        }
    }

    public struct Step: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// The get-ready countdown before a block that starts an exercise or a side.
            case prepare
            /// One segment of a repetition ("lower", "hold", "raise"); `index` counts within the rep.
            case segment(cue: String, index: Int)
            case rest
        }
        public let kind: Kind
        /// Which block (one set on one side) the step belongs to: a get-ready belongs to the block
        /// it leads into, a rest to the block it follows.
        public let block: Int
        /// 1-based repetition within the set; 0 for a rest or a get-ready.
        public let rep: Int
        /// Milliseconds from the start of the session.
        public let start: Int
        public let duration: Int
        public var end: Int { start + duration }
        public var isRest: Bool { kind == .rest }
        public var isPrepare: Bool { kind == .prepare }
        public var isSegment: Bool { !isRest && !isPrepare }
    }

    /// One set on one side, done without a break.
    public struct Block: Sendable, Equatable {
        public let part: Int
        public let set: Int
        public let side: Side?
        public let start: Int
        public let end: Int
    }

    public let parts: [Part]
    public let prepareSeconds: Int
    public let blocks: [Block]
    public let steps: [Step]
    /// Every cue of the session in time order, at most one per moment.
    public let cues: [Cue]

    /// Parts one after another. Each side's sets follow each other with the part's rest between
    /// them; a get-ready countdown of `prepareSeconds` comes before each exercise and each side
    /// (it is the break when sides switch); between exercises the finished one's rest comes first.
    public init(parts: [Part], prepareSeconds: Int = 0) {
        self.parts = parts
        self.prepareSeconds = max(0, prepareSeconds)
        let prepare = self.prepareSeconds * 1000
        var steps: [Step] = []
        var blocks: [Block] = []
        var t = 0
        for (p, part) in parts.enumerated() {
            for (s, side) in part.sides.enumerated() {
                for set in 1...part.sets {
                    let b = blocks.count
                    if set == 1 && prepare > 0 {
                        steps.append(Step(kind: .prepare, block: b, rep: 0, start: t, duration: prepare))
                        t += prepare
                    }
                    let blockStart = t
                    for rep in 1...part.repsPerSet {
                        for (i, segment) in part.segments.enumerated() {
                            steps.append(
                                Step(kind: .segment(cue: segment.cue, index: i), block: b, rep: rep, start: t, duration: segment.seconds * 1000))
                            t += segment.seconds * 1000
                        }
                    }
                    blocks.append(Block(part: p, set: set, side: side, start: blockStart, end: t))
                    let last = p == parts.count - 1 && s == part.sides.count - 1 && set == part.sets
                    let sideSwitch = set == part.sets && s < part.sides.count - 1
                    if !last && part.restSeconds > 0 && !(sideSwitch && prepare > 0) {
                        steps.append(Step(kind: .rest, block: b, rep: 0, start: t, duration: part.restSeconds * 1000))
                        t += part.restSeconds * 1000
                    }
                }
            }
        }
        self.steps = steps
        self.blocks = blocks
        self.cues = Self.cues(steps: steps, blocks: blocks, parts: parts)
    }

    /// One exercise (the stand-alone timer, or one exercise started from Today).
    public init(
        segments: [TempoSegment], sets: Int, repsPerSet: Int, sides: [Side?] = [nil], restSeconds: Int,
        name: String = "", prepareSeconds: Int = 0
    ) {
        self.init(
            parts: [Part(name: name, segments: segments, sets: sets, repsPerSet: repsPerSet, sides: sides, restSeconds: restSeconds)],
            prepareSeconds: prepareSeconds)
    }

    /// The plan for one exercise of the program.
    public init(exercise: Exercise, sides: [Side?], restSeconds: Int? = nil, prepareSeconds: Int = 0) {
        self.init(parts: [Part(exercise: exercise, sides: sides, restSeconds: restSeconds)], prepareSeconds: prepareSeconds)
    }

    /// Segments from a tempo text: named, in the order done, as "raise5,hold2,lower5" (a bridge
    /// starts by raising), or digits as "5-2-5", whose cues follow the usual slow rep: lower,
    /// hold, raise (and pause). Nil when it is neither.
    public static func segments(fromTempo text: String) -> [TempoSegment]? {
        if text.contains(where: \.isLetter) { return namedSegments(text) }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard !parts.isEmpty, parts.count <= 4, parts.allSatisfy({ ($0 ?? 0) > 0 && ($0 ?? 0) <= 600 }) else { return nil }
        let cues: [String]
        switch parts.count {
        case 1: cues = ["hold"]
        case 2: cues = ["lower", "raise"]
        case 3: cues = ["lower", "hold", "raise"]
        default: cues = ["lower", "hold", "raise", "pause"]
        }
        return zip(cues, parts).map { TempoSegment(cue: $0, seconds: $1!) }
    }

    /// "raise5,hold2,lower5": each a word of letters (the cue said) and 1-600 seconds, at most
    /// `SessionLimits.segmentsPerRepetition` of them.
    static func namedSegments(_ text: String) -> [TempoSegment]? {
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
        guard !items.isEmpty, items.count <= SessionLimits.segmentsPerRepetition else { return nil }
        var segments: [TempoSegment] = []
        for item in items {
            let cue = item.prefix { $0.isLetter && $0.isASCII }
            guard !cue.isEmpty, cue.count <= 20, let seconds = Int(item.dropFirst(cue.count)), (1...600).contains(seconds) else { return nil }
            segments.append(TempoSegment(cue: cue.lowercased(), seconds: seconds))
        }
        return segments
    }

    public var totalMilliseconds: Int { steps.last?.end ?? 0 }

    public func part(ofBlock block: Int) -> Part { parts[blocks[block].part] }

    /// The blocks of a part, in order.
    public func blocks(ofPart part: Int) -> Range<Int> {
        let first = blocks.firstIndex { $0.part == part } ?? blocks.count
        let end = blocks[first...].firstIndex { $0.part != part } ?? blocks.count
        return first..<end
    }

    /// The step due at `elapsed` milliseconds, or nil once the session is over.
    public func stepIndex(at elapsed: Int) -> Int? {
        guard elapsed < totalMilliseconds else { return nil }
        if elapsed <= 0 { return steps.isEmpty ? nil : 0 }
        var low = 0, high = steps.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if steps[mid].start <= elapsed { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// A repetition counts as done when at most this share of its time was skipped or not reached
    /// (skipping the 2 s hold of a 5-2-5 rep keeps it; skipping its 5 s lowering does not).
    public static let repCountsWhenMissingAtMost = 0.2

    /// The work done in `block` by `elapsed`, given the milliseconds skipped in each of its
    /// segment steps (by step index): repetitions that count, or for a hold the seconds held.
    public func workDone(inBlock block: Int, at elapsed: Int, skipped: [Int: Int]) -> Int {
        guard blocks.indices.contains(block) else { return 0 }
        var ranByRep: [Int: Int] = [:]
        for i in stepIndices(ofBlock: block) where steps[i].isSegment {
            let step = steps[i]
            let reached = min(max(0, elapsed - step.start), step.duration)
            ranByRep[step.rep, default: 0] += max(0, reached - (skipped[i] ?? 0))
        }
        let part = part(ofBlock: block)
        if part.holdSeconds != nil { return Int((Double(ranByRep.values.reduce(0, +)) / 1000).rounded()) }
        let b = blocks[block]
        let repLength = Double(b.end - b.start) / Double(part.repsPerSet)
        return ranByRep.values.filter { Double($0) >= repLength * (1 - Self.repCountsWhenMissingAtMost) }.count
    }

    /// The steps of a block, its get-ready and the rest after it included.
    public func stepIndices(ofBlock block: Int) -> Range<Int> {
        let first = steps.firstIndex { $0.block == block } ?? steps.count
        let end = steps[first...].firstIndex { $0.block != block } ?? steps.count
        return first..<end
    }

    /// "clamshell, left side", "set 2", "right side": what comes in `block`, said before it.
    public func announcement(ofBlock block: Int, after previous: Int?) -> String {
        Self.announcementText(blocks, parts, block, previous)
    }

    // MARK: - Cues

    private static func cues(steps: [Step], blocks: [Block], parts: [Part]) -> [Cue] {
        func announce(_ block: Int, after previous: Int?) -> String { announcementText(blocks, parts, block, previous) }
        var cues: [Cue] = []
        for (i, step) in steps.enumerated() {
            let previousBlock = i > 0 ? steps[i - 1].block : nil
            switch step.kind {
            case .prepare:
                let sameExercise = previousBlock.map { blocks[$0].part == blocks[step.block].part } ?? false
                let words =
                    sameExercise
                    ? "Switch sides: \(announce(step.block, after: previousBlock))"
                    : "Get ready: \(announce(step.block, after: nil))"
                cues.append(Cue(at: step.start, kind: sameExercise ? .switchSides : .getReady, words: same(words)))
            case .rest:
                let next = step.block + 1
                let what = next < blocks.count ? ". Next: " + announce(next, after: step.block) : ""
                cues.append(Cue(at: step.start, kind: .rest, words: same("Rest" + what)))
            case .segment(let cue, let index):
                let firstOfSet = index == 0 && step.rep == 1
                var words: [Verbosity: String] = [:]
                words[.all] = index == 0 ? "\(step.rep). \(cue)" : cue
                if index == 0 { words[.reps] = "\(step.rep)" }
                if firstOfSet { words[.sets] = "Go" }
                cues.append(Cue(at: step.start, kind: .segment(cue), words: words))
            }
            // "three, two, one" before a set that follows a get-ready or a rest long enough for it.
            if !step.isSegment && step.duration >= 5000 {
                for n in [3, 2, 1] {
                    cues.append(Cue(at: step.end - n * 1000, kind: .countdown(n), words: same(["one", "two", "three"][n - 1])))
                }
            }
        }
        if let last = steps.last {
            cues.append(Cue(at: last.end, kind: .done, words: same("Done")))
        }
        return cues
    }

    private static func same(_ words: String) -> [Verbosity: String] {
        Dictionary(uniqueKeysWithValues: Verbosity.allCases.map { ($0, words) })
    }

    private static func announcementText(_ blocks: [Block], _ parts: [Part], _ block: Int, _ previous: Int?) -> String {
        let b = blocks[block]
        let side = b.side.map { "\($0.rawValue) side" }
        if let previous, blocks[previous].part == b.part {
            if blocks[previous].side != b.side, let side { return side }
            return "set \(b.set)"
        }
        let name = parts[b.part].name.lowercased()
        return [name.isEmpty ? nil : name, side].compactMap { $0 }.joined(separator: ", ")
    }
}

/// A whole exercise laid out in time: every segment of every repetition, and the rests.
/// The timer asks "which step is due at elapsed t" instead of counting ticks, so waking late
/// never shifts the rest of the session.
public struct TempoPlan: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// One segment of a repetition ("lower", "hold", "raise"); `index` counts within the rep.
            case segment(cue: String, index: Int)
            case rest
        }
        public let kind: Kind
        /// Which block (one set on one side) the step belongs to; a rest belongs to the block it follows.
        public let block: Int
        /// 1-based repetition within the set; 0 for a rest.
        public let rep: Int
        /// Milliseconds from the start of the session.
        public let start: Int
        public let duration: Int
        public var end: Int { start + duration }
        public var isRest: Bool { kind == .rest }
    }

    /// One set on one side, done without a break.
    public struct Block: Sendable, Equatable {
        public let set: Int
        public let side: Side?
        public let start: Int
        public let end: Int
    }

    public let segments: [TempoSegment]
    public let repsPerSet: Int
    public let sets: Int
    public let restSeconds: Int
    public let blocks: [Block]
    public let steps: [Step]

    /// Sets x sides blocks (all sides of set 1, then set 2, ...), with a rest between blocks.
    public init(segments: [TempoSegment], sets: Int, repsPerSet: Int, sides: [Side?] = [nil], restSeconds: Int) {
        self.segments = segments.filter { $0.seconds > 0 }
        self.sets = max(1, sets)
        self.repsPerSet = max(1, repsPerSet)
        self.restSeconds = max(0, restSeconds)
        let sides = sides.isEmpty ? [nil] : sides
        var steps: [Step] = []
        var blocks: [Block] = []
        var t = 0
        let count = self.sets * sides.count
        for b in 0..<count {
            let blockStart = t
            for rep in 1...self.repsPerSet {
                for (i, segment) in self.segments.enumerated() {
                    steps.append(Step(kind: .segment(cue: segment.cue, index: i), block: b, rep: rep, start: t, duration: segment.seconds * 1000))
                    t += segment.seconds * 1000
                }
            }
            blocks.append(Block(set: b / sides.count + 1, side: sides[b % sides.count], start: blockStart, end: t))
            if b < count - 1 && self.restSeconds > 0 {
                steps.append(Step(kind: .rest, block: b, rep: 0, start: t, duration: self.restSeconds * 1000))
                t += self.restSeconds * 1000
            }
        }
        self.steps = steps
        self.blocks = blocks
    }

    /// The plan for an exercise of the program: a hold counts as one repetition per set.
    public init(exercise: Exercise, sides: [Side?], restSeconds: Int? = nil) {
        self.init(segments: exercise.segments, sets: exercise.sets, repsPerSet: exercise.reps ?? 1,
                  sides: sides, restSeconds: restSeconds ?? exercise.restSeconds ?? 60)
    }

    /// Segments from a tempo text such as "5-2-5": cues follow the usual slow-rep pattern.
    public static func segments(fromTempo text: String) -> [TempoSegment]? {
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

    public var totalMilliseconds: Int { steps.last?.end ?? 0 }

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

    /// Repetitions finished in `block` by `elapsed`.
    public func repsCompleted(inBlock block: Int, at elapsed: Int) -> Int {
        guard blocks.indices.contains(block) else { return 0 }
        let b = blocks[block]
        if elapsed >= b.end { return repsPerSet }
        let repLength = (b.end - b.start) / repsPerSet
        guard repLength > 0, elapsed > b.start else { return 0 }
        return (elapsed - b.start) / repLength
    }
}

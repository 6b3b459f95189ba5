/// The traffic-light verdict on one day's pain.
public enum Zone: String, Codable, Sendable, Comparable {
    case green, amber, red

    private var rank: Int { self == .green ? 0 : self == .amber ? 1 : 2 }
    public static func < (a: Zone, b: Zone) -> Bool { a.rank < b.rank }

    /// What the next session does because of this day.
    public var action: String {
        switch self {
        case .green: return "continue"
        case .amber: return "repeat the same load; no progression today"
        case .red: return "step back to the previous load or stage"
        }
    }
}

public struct DayZone: Sendable, Equatable {
    public let zone: Zone
    /// Why, kept as the figures: every day of years is judged and few reasons are ever shown.
    let cause: ZoneCause
    /// Why, in a patient's words: "pain during 6 is above 5".
    public var reason: String { cause.words }
}

/// What put a day in its zone, with the figures its words need.
enum ZoneCause: Sendable, Equatable {
    case painDuring(Int, above: Int)
    case runningPain(Int, above: Int)
    case morningFarAboveUsual(Int, by: Int, usual: Double)
    case morningAboveUsual(Int, usual: Double)
    case limping
    case painAfter(Int, runDay: Bool, above: Int)
    /// Older program files, without bounds for pain after: any rise is amber.
    case painRose(during: Int, after: Int)
    case withinGreen

    var words: String {
        switch self {
        case .painDuring(let pain, let limit): "pain during exercise \(pain) is above \(limit)"
        case .runningPain(let pain, let limit): "running pain \(pain) is above \(limit)"
        case .morningFarAboveUsual(let pain, let by, let usual):
            "next-morning pain \(pain) is more than \(by) above your usual \(usual.painText)"
        case .morningAboveUsual(let pain, let usual): "next-morning pain \(pain) is above your usual \(usual.painText)"
        case .limping: "you were limping the next morning"
        case .painAfter(let pain, let runDay, let limit): "pain after \(runDay ? "a run day" : "exercise") \(pain) is above \(limit)"
        case .painRose(let during, let after): "pain rose after exercise (\(during) during, \(after) after)"
        case .withinGreen: "pain stayed within the green limits"
        }
    }
}

/// Turns one day's pain reports into a zone, following the program's pain-zone rules.
public struct PainZoneRule: Sendable {
    public let rules: PainZoneRules
    public let baselineRules: BaselineRules
    public let enrolmentBaseline: Int?

    public init(program: Program, enrolment: Enrolment) {
        rules = program.painZones
        baselineRules = program.baseline
        enrolmentBaseline = enrolment.baselinePain
    }

    /// Median morning pain over the window of mornings up to and including `day`'s own morning,
    /// or the enrolment value while there are too few check-ins.
    public func baseline(for day: Day, in index: DayIndex) -> Double {
        var mornings = MorningTally()
        for d in DayRange(ending: day, count: baselineRules.windowDays) {
            if let pain = index.morningPain(on: d) { mornings.add(pain) }
        }
        if mornings.count < baselineRules.minimumMornings {
            if let enrolmentBaseline { return Double(enrolmentBaseline) }
            // No value given at enrolment: the first mornings are the patient's baseline.
            if let judged = index.nextMorning(after: day) { mornings.add(judged.morningPain) }
        }
        guard let usual = mornings.median else { return 0 }
        // A baseline that followed a worsening tendon up would hide the worsening.
        if let cap = baselineRules.capAboveEnrolment, let enrolmentBaseline { return min(usual, Double(enrolmentBaseline + cap)) }
        return usual
    }

    /// Nil for a day with nothing to judge: no session and no report the next morning.
    public func zone(of day: Day, in index: DayIndex) -> DayZone? {
        let record = index[day]
        let morning = index.nextMorning(after: day)
        guard record.hasSession || morning != nil else { return nil }
        let base = baseline(for: day, in: index)
        // Only the first red and the first amber cause are ever shown.
        var firstRed: ZoneCause?, firstAmber: ZoneCause?
        func red(because cause: ZoneCause) { if firstRed == nil { firstRed = cause } }
        func amber(because cause: ZoneCause) { if firstAmber == nil { firstAmber = cause } }

        if let during = record.maxPainDuring {
            if during > rules.amberMaxDuring {
                red(because: .painDuring(during, above: rules.amberMaxDuring))
            } else if during > rules.greenMaxDuring {
                amber(because: .painDuring(during, above: rules.greenMaxDuring))
            }
        }
        if let run = record.maxRunPain {
            if run > rules.runAmberMaxDuring {
                red(because: .runningPain(run, above: rules.runAmberMaxDuring))
            } else if run > rules.runGreenMaxDuring {
                amber(because: .runningPain(run, above: rules.runGreenMaxDuring))
            }
        }
        if let morning {
            let limit = base + Double(rules.morningRedAboveBaseline)
            if Double(morning.morningPain) > limit {
                red(because: .morningFarAboveUsual(morning.morningPain, by: rules.morningRedAboveBaseline, usual: base))
            } else if Double(morning.morningPain) > base {
                amber(because: .morningAboveUsual(morning.morningPain, usual: base))
            }
            if morning.limping && rules.limpingIsRed { red(because: .limping) }
        }
        if let after = record.maxPainAfter {
            // A run day's pain after has the run's bounds, when the program gives them.
            let runDay = !record.runs.isEmpty && rules.runGreenMaxAfter != nil
            let greenMax = runDay ? rules.runGreenMaxAfter : rules.greenMaxAfter
            let amberMax = runDay ? rules.runAmberMaxAfter : rules.amberMaxAfter
            if let greenMax, let amberMax {
                if after > amberMax {
                    red(because: .painAfter(after, runDay: runDay, above: amberMax))
                } else if after > greenMax {
                    amber(because: .painAfter(after, runDay: runDay, above: greenMax))
                }
            } else if let during = record.maxPainDuring, after > during {
                amber(because: .painRose(during: during, after: after))
            }
        }
        if let firstRed { return DayZone(zone: .red, cause: firstRed) }
        if let firstAmber { return DayZone(zone: .amber, cause: firstAmber) }
        return DayZone(zone: .green, cause: .withinGreen)
    }

}

/// Morning pain scores of a window, counted per score: every day of years is judged against
/// one, and a count per score finds the median without an array or a sort per day.
struct MorningTally {
    /// One count per score of `PainScore.range` (a fixed size must be a literal; RuleTests checks they agree).
    typealias Counts = InlineArray<11, Int>
    private var perScore = Counts(repeating: 0)
    private static let scale = PainScore.range
    /// Scores off the 0 to 10 scale (a file changed outside rehab), kept to be sorted.
    private var offScale: [Int] = []
    private(set) var count = 0

    mutating func add(_ pain: Int) {
        if Self.scale.contains(pain) { perScore[pain - Self.scale.lowerBound] += 1 } else { offScale.append(pain) }
        count += 1
    }

    /// Nil for no scores.
    var median: Double? {
        guard count > 0 else { return nil }
        guard offScale.isEmpty else { return RehabCore.median(sorted: sortedScores()) }
        let high = score(at: count / 2)
        return count % 2 == 1 ? Double(high) : Double(score(at: count / 2 - 1) + high) / 2
    }

    /// The score at `position` (from 0) of the scores in order.
    private func score(at position: Int) -> Int {
        var seen = 0
        for pain in Self.scale {
            seen += perScore[pain - Self.scale.lowerBound]
            if seen > position { return pain }
        }
        return Self.scale.upperBound
    }

    private func sortedScores() -> [Int] {
        var all = offScale
        for pain in Self.scale { all += repeatElement(pain, count: perScore[pain - Self.scale.lowerBound]) }
        return all.sorted()
    }
}

/// The median of some pain scores (at least one).
func median(_ values: [Int]) -> Double { median(sorted: values.sorted()) }

/// The median of pain scores already in order (at least one).
func median(sorted: [Int]) -> Double {
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? Double(sorted[mid]) : Double(sorted[mid - 1] + sorted[mid]) / 2
}

extension Double {
    /// "2" or "2.5": a median pain score as the patient reads it.
    var painText: String { self == rounded() ? String(Int(self)) : String(self) }
}

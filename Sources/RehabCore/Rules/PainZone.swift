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
    /// Why, in a patient's words: "pain during 6 is above 5".
    public let reason: String
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
        var values: [Int] = []
        values.reserveCapacity(baselineRules.windowDays + 1)
        for d in DayRange(ending: day, count: baselineRules.windowDays) {
            if let pain = index.morningPain(on: d) { values.append(pain) }
        }
        if values.count < baselineRules.minimumMornings {
            if let enrolmentBaseline { return Double(enrolmentBaseline) }
            // No value given at enrolment: the first mornings are the patient's baseline.
            if let judged = index.nextMorning(after: day) { values.append(judged.morningPain) }
        }
        if values.isEmpty { return 0 }
        values.sort()
        let usual = median(sorted: values)
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
        // Only the first red and the first amber reason are ever shown: the others are not worded.
        var firstRed: String?, firstAmber: String?
        func red(because reason: @autoclosure () -> String) { if firstRed == nil { firstRed = reason() } }
        func amber(because reason: @autoclosure () -> String) { if firstAmber == nil { firstAmber = reason() } }

        if let during = record.maxPainDuring {
            if during > rules.amberMaxDuring {
                red(because: "pain during exercise \(during) is above \(rules.amberMaxDuring)")
            } else if during > rules.greenMaxDuring {
                amber(because: "pain during exercise \(during) is above \(rules.greenMaxDuring)")
            }
        }
        if let run = record.maxRunPain {
            if run > rules.runAmberMaxDuring {
                red(because: "running pain \(run) is above \(rules.runAmberMaxDuring)")
            } else if run > rules.runGreenMaxDuring {
                amber(because: "running pain \(run) is above \(rules.runGreenMaxDuring)")
            }
        }
        if let morning {
            let limit = base + Double(rules.morningRedAboveBaseline)
            if Double(morning.morningPain) > limit {
                red(
                    because: "next-morning pain \(morning.morningPain) is more than \(rules.morningRedAboveBaseline) above your usual \(format(base))"
                )
            } else if Double(morning.morningPain) > base {
                amber(because: "next-morning pain \(morning.morningPain) is above your usual \(format(base))")
            }
            if morning.limping && rules.limpingIsRed { red(because: "you were limping the next morning") }
        }
        if let after = record.maxPainAfter {
            // A run day's pain after has the run's bounds, when the program gives them.
            let runDay = !record.runs.isEmpty && rules.runGreenMaxAfter != nil
            let greenMax = runDay ? rules.runGreenMaxAfter : rules.greenMaxAfter
            let amberMax = runDay ? rules.runAmberMaxAfter : rules.amberMaxAfter
            if let greenMax, let amberMax {
                if after > amberMax {
                    red(because: "pain after \(runDay ? "a run day" : "exercise") \(after) is above \(amberMax)")
                } else if after > greenMax {
                    amber(because: "pain after \(runDay ? "a run day" : "exercise") \(after) is above \(greenMax)")
                }
            } else if let during = record.maxPainDuring, after > during {
                // Older program files, without bounds for pain after: any rise is amber.
                amber(because: "pain rose after exercise (\(during) during, \(after) after)")
            }
        }
        if let firstRed { return DayZone(zone: .red, reason: firstRed) }
        if let firstAmber { return DayZone(zone: .amber, reason: firstAmber) }
        return DayZone(zone: .green, reason: "pain stayed within the green limits")
    }

    private func format(_ value: Double) -> String { value.painText }
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

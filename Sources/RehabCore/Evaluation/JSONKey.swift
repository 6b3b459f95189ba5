/// The one coding key of every type the command line prints as JSON, each of which encodes
/// itself with it by hand. The Swift runtime checks a keyed container's key type the first time
/// it meets it, by scanning the binary's thousands of conformance records (some 300 k
/// instructions, BENCHMARKS.md); a `CodingKeys` enum per type pays that for every type printed.
/// The keys written are the property names, as synthesized `Encodable` would write them.
public struct JSONKey: CodingKey, ExpressibleByStringLiteral, Sendable {
    public let stringValue: String
    public var intValue: Int? { nil }

    public init(stringLiteral value: String) { stringValue = value }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}

extension CriterionResult {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(id, forKey: "id")
        try c.encode(met, forKey: "met")
        try c.encode(detail, forKey: "detail")
    }
}

extension RequiredTest {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(id, forKey: "id")
        try c.encode(name, forKey: "name")
        try c.encodeIfPresent(side, forKey: "side")
        try c.encode(target, forKey: "target")
        try c.encode(unit, forKey: "unit")
    }
}

extension ZoneDay {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(date, forKey: "date")
        try c.encodeIfPresent(zone, forKey: "zone")
        try c.encodeIfPresent(reason, forKey: "reason")
    }
}

extension RunVerdict {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(date, forKey: "date")
        try c.encode(stage, forKey: "stage")
        try c.encode(minutes, forKey: "minutes")
        try c.encode(outcome, forKey: "outcome")
        try c.encode(reason, forKey: "reason")
    }
}

extension RunCapFlag {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(date, forKey: "date")
        try c.encode(minutes, forKey: "minutes")
        try c.encode(reason, forKey: "reason")
    }
}

extension RisingWeek {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(through, forKey: "through")
        try c.encode(median, forKey: "median")
        try c.encode(previousMedian, forKey: "previousMedian")
        try c.encode(reason, forKey: "reason")
    }
}

extension WeekDay {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(date, forKey: "date")
        try c.encode(sessionDone, forKey: "sessionDone")
        try c.encode(logged, forKey: "logged")
        try c.encode(paused, forKey: "paused")
        try c.encode(runFlags, forKey: "runFlags")
        try c.encodeIfPresent(painDuring, forKey: "painDuring")
        try c.encodeIfPresent(painAfter, forKey: "painAfter")
        try c.encodeIfPresent(nextMorningPain, forKey: "nextMorningPain")
        try c.encodeIfPresent(zone, forKey: "zone")
        try c.encode(volume, forKey: "volume")
        try c.encode(reps, forKey: "reps")
        try c.encode(holdSeconds, forKey: "holdSeconds")
        try c.encode(runMinutes, forKey: "runMinutes")
    }
}

extension WeekGate {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(asOf, forKey: "asOf")
        try c.encode(phase, forKey: "phase")
        try c.encode(criteria, forKey: "criteria")
    }
}

extension DayPlan.RunToday {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(stage, forKey: "stage")
        try c.encode(description, forKey: "description")
        try c.encode(runMinutes, forKey: "runMinutes")
        try c.encode(runningMinutes, forKey: "runningMinutes")
        try c.encode(greenRuns, forKey: "greenRuns")
        try c.encode(greenRunsNeeded, forKey: "greenRunsNeeded")
        try c.encode(allowedToday, forKey: "allowedToday")
        try c.encode(note, forKey: "note")
    }
}

extension TempoSegment {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JSONKey.self)
        try c.encode(cue, forKey: "cue")
        try c.encode(seconds, forKey: "seconds")
    }
}

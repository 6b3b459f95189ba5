/// One gate criterion, judged.
/// The command line's --json encodes it as it is: its property names are keys scripts read.
public struct CriterionResult: Sendable, Equatable, Codable {
    public let id: String
    public let met: Bool
    /// One line a patient understands: "2 of 3 required tests done: single-leg bridge right side missing".
    public let detail: String
}

/// A gate test still to pass.
/// The command line's --json encodes it as it is: its property names are keys scripts read.
public struct RequiredTest: Sendable, Equatable, Codable {
    public let id: String
    public let name: String
    public let side: Side?
    public let target: Double
    public let unit: String
}

/// A day's pain zone, with why.
/// The command line's --json encodes it as it is: its property names are keys scripts read.
public struct ZoneDay: Sendable, Equatable, Codable {
    public let date: Day
    public let zone: Zone?
    public let reason: String?
}

/// The engine's verdict on a patient's position in the program on one day.
public struct Status: Sendable, Equatable {
    public let asOf: Day
    public let phase: PhaseID
    public let phaseStart: Day
    public let daysInPhase: Int
    public let criteria: [CriterionResult]
    public let requiredTests: [RequiredTest]
    public let pause: Pause?
    public let redFlags: [ActiveRedFlag]
    /// Zones of the last 14 days, oldest first.
    public let recentZones: [ZoneDay]
    public let runProgress: RunProgress?
    public let outcomeDue: Bool
    public let plan: DayPlan
    /// Moves into this phase made although the gate was not met, with the clinician's reason.
    public let overrides: [PhaseChange]
    /// Clinician visits recorded since this phase began: what lifted pauses and warning signs.
    public let clinicianVisits: [FlagClearance]
    /// Runs after the ladder that broke a cap (recorded, flagged, never the base of a later cap).
    public let runFlags: [RunCapFlag]
    /// The week to `asOf` when its morning pain rose against the week before: loads held, no gate opens.
    public let risingWeek: RisingWeek?

    public var paused: Bool { pause != nil }
    public var criteriaMet: Int { criteria.filter(\.met).count }
    public var eligibleToAdvance: Bool { phase != .complete && pause == nil && risingWeek == nil && criteria.allSatisfy(\.met) }
    public var unmetCriteria: [CriterionResult] { criteria.filter { !$0.met } }
}

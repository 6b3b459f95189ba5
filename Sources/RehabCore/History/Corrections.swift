import Foundation

/// A check-in replaced by a second one for the same morning. The record keeps it, with when it
/// was saved and when it was replaced; the clinician's report shows both.
public struct CheckInCorrection: Sendable, Equatable {
    /// The check-in as it stood before the correction.
    public var replaced: CheckIn
    /// When the replaced check-in was saved (whole seconds).
    public var recordedAt: Date
    /// When the correction replaced it (whole seconds).
    public var correctedAt: Date
    /// The program had acted on the replaced check-in before it was corrected (`Correction.actedOn`):
    /// what it made of that morning (a red day, a step-back, a pause) stands.
    public var actedOn: Bool

    public init(replaced: CheckIn, recordedAt: Date, correctedAt: Date, actedOn: Bool) {
        self.replaced = replaced; self.recordedAt = recordedAt; self.correctedAt = correctedAt; self.actedOn = actedOn
    }
}

/// An outcome score replaced by a second one for the same day, kept with when.
public struct ScoreCorrection: Sendable, Equatable {
    public var replaced: OutcomeScore
    public var recordedAt: Date
    public var correctedAt: Date

    public init(replaced: OutcomeScore, recordedAt: Date, correctedAt: Date) {
        self.replaced = replaced; self.recordedAt = recordedAt; self.correctedAt = correctedAt
    }
}

/// The rules of corrections (CLINICAL-RULES.md, "Corrections never erase a warning").
public enum Correction {
    /// Whether the program had acted on a value when a correction replaces it: the correction is
    /// saved on a later calendar day than the value it replaces (a plan, a zone or a pause made
    /// with it has had a day to be shown and followed), or anything else was recorded between the
    /// two (the patient went on with what it said). Otherwise (a typo fixed straight away) the
    /// correction takes the value's place for the rules. Either way the record keeps both.
    public static func actedOn(recordedOn: Day, correctedOn: Day, recordedSince: Bool) -> Bool {
        correctedOn > recordedOn || recordedSince
    }

    /// An instant to the second, as corrections keep it.
    public static func wholeSecond(_ instant: Date) -> Date {
        Date(timeIntervalSince1970: instant.timeIntervalSince1970.rounded(.down))
    }

    /// "2026-09-08T07:15:02Z": how a correction's instants are written in the export and shown.
    public static func text(_ instant: Date) -> String { instant.formatted(.iso8601) }

    static func instant(_ text: String) -> Date? { try? Date(text, strategy: .iso8601) }
}

extension CheckIn {
    /// Its answers in words: "morning pain 1, limping, red flags: night-pain".
    public var answers: String {
        "morning pain \(morningPain)\(limping ? ", limping" : "")" + (redFlags.isEmpty ? "" : ", red flags: " + redFlags.joined(separator: ", "))
    }
}

extension History {
    /// The check-ins as the rules judge them: each morning's latest, except that a warning sign,
    /// once answered on a morning, stays answered (only a clinician visit lifts it), and a
    /// correction made after the program acted on a check-in never makes that morning better than
    /// what was acted on (the higher morning pain; limping if either said so). A worse correction
    /// counts at once.
    public var judgedCheckIns: [CheckIn] {
        guard !checkInCorrections.isEmpty else { return checkIns }
        let replaced = Dictionary(grouping: checkInCorrections, by: \.replaced.date)
        return checkIns.map { latest in
            var judged = latest
            for kept in replaced[latest.date] ?? [] {
                for flag in kept.replaced.redFlags where !judged.redFlags.contains(flag) { judged.redFlags.append(flag) }
                if kept.actedOn {
                    judged.morningPain = max(judged.morningPain, kept.replaced.morningPain)
                    judged.limping = judged.limping || kept.replaced.limping
                }
            }
            return judged
        }
    }
}

// The export writes instants as ISO 8601 text, not as JSONEncoder's seconds since 2001.

extension CheckInCorrection: Codable {
    private enum Keys: String, CodingKey { case replaced, recordedAt, correctedAt, actedOn }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        replaced = try c.decode(CheckIn.self, forKey: .replaced)
        recordedAt = try c.decodeInstant(.recordedAt)
        correctedAt = try c.decodeInstant(.correctedAt)
        actedOn = try c.decode(Bool.self, forKey: .actedOn)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(replaced, forKey: .replaced)
        try c.encode(Correction.text(recordedAt), forKey: .recordedAt)
        try c.encode(Correction.text(correctedAt), forKey: .correctedAt)
        try c.encode(actedOn, forKey: .actedOn)
    }
}

extension ScoreCorrection: Codable {
    private enum Keys: String, CodingKey { case replaced, recordedAt, correctedAt }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        replaced = try c.decode(OutcomeScore.self, forKey: .replaced)
        recordedAt = try c.decodeInstant(.recordedAt)
        correctedAt = try c.decodeInstant(.correctedAt)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(replaced, forKey: .replaced)
        try c.encode(Correction.text(recordedAt), forKey: .recordedAt)
        try c.encode(Correction.text(correctedAt), forKey: .correctedAt)
    }
}

extension KeyedDecodingContainer {
    fileprivate func decodeInstant(_ key: Key) throws -> Date {
        let text = try decode(String.self, forKey: key)
        guard let instant = Correction.instant(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "\"\(text)\" is not a time like 2026-09-08T07:15:02Z")
        }
        return instant
    }
}

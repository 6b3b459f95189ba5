import RehabCore

/// Which value a form field holds: a case, never a string to spell right. A form uses the cases
/// it needs (see `Forms`); a warning-sign question carries the program's id of the sign.
public enum FieldID: Hashable, Sendable {
    // The first-run form.
    case start, affectedSide, baselinePain, program, referredPain, clinicianChose
    // Log exercise, log run, test, score, check-in.
    case date, exercise, side, sets, reps, holdSeconds, load, painDuring, painAfter, note
    case runStage, minutes, test, result, testPain, score
    case morningPain, limping, redFlag(String)

    /// The value of an entry this field gives, as the engine names it, so a refusal about that
    /// value focuses the field.
    public var entryField: EntryField? {
        switch self {
        case .date: return .date
        case .exercise: return .exercise
        case .side: return .side
        case .sets: return .sets
        case .reps: return .reps
        case .holdSeconds: return .holdSeconds
        case .load: return .loadKg
        case .painDuring: return .painDuring
        case .painAfter: return .painAfter
        case .note: return .note
        case .runStage: return .runStage
        case .minutes: return .minutes
        case .test: return .test
        case .result: return .value
        case .testPain: return .pain
        case .score: return .score
        case .morningPain: return .morningPain
        case .redFlag: return .redFlag
        case .start, .affectedSide, .baselinePain, .program, .referredPain, .clinicianChose, .limping: return nil
        }
    }
}

/// A form's values, each parsed once from its text by its field's kind. A missing or malformed
/// value is a `FormError` that names and focuses its field.
public struct FormValues: Sendable {
    private let form: Form

    /// Checks every field; the first one in error is the error.
    public init(_ form: Form) throws(FormError) {
        for field in form.fields {
            if let error = field.error { throw FormError("\(field.label): \(error)", field: field.id) }
        }
        self.form = form
    }

    private func field(_ id: FieldID) -> Form.Field? { form.fields.first { $0.id == id } }

    /// A whole number that must be there.
    public func number(_ id: FieldID) throws(FormError) -> Int {
        guard let field = field(id), let n = Int(field.value) else {
            throw FormError("\(field(id)?.label ?? "A value"): needed.", field: id)
        }
        return n
    }

    /// A whole number that may be left empty.
    public func optionalNumber(_ id: FieldID) -> Int? { field(id).flatMap { Int($0.value) } }

    public func decimal(_ id: FieldID) -> Double? { field(id).flatMap { Double($0.value) } }

    public func day(_ id: FieldID) throws(FormError) -> Day {
        guard let day = field(id).flatMap({ Day(iso: $0.value) }) else { throw FormError("A date as YYYY-MM-DD.", field: id) }
        return day
    }

    /// The chosen option (or typed text); empty when the form has no such field.
    public func text(_ id: FieldID) -> String { field(id)?.value ?? "" }

    /// Typed text, nil when left empty.
    public func optionalText(_ id: FieldID) -> String? { field(id).map(\.value).flatMap { $0.isEmpty ? nil : $0 } }

    public func isOn(_ id: FieldID) -> Bool { field(id)?.isOn ?? false }

    /// Whether the form has that field at all.
    public func has(_ id: FieldID) -> Bool { field(id) != nil }

    /// The ids of the warning signs answered yes, in the form's order.
    public var redFlags: [String] {
        form.fields.compactMap { field in
            if case .redFlag(let id) = field.id, field.isOn { return id }
            return nil
        }
    }
}

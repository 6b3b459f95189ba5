/// What a JSON file's schema expects of a value, in a form the one walker (`JSONCheck`) judges a
/// parsed file against: a program file is described field by field (`ProgramSchema`), an export
/// only where it matters before decoding (`.open`).
public indirect enum FieldShape: Sendable {
    case wholeNumber
    case number
    case text
    case flag
    /// A share: "2/3", or a number from 0 to 1.
    case fraction
    /// One of these texts.
    case choice([String])
    case list(FieldShape)
    case object(ObjectShape)
    /// Any value; below it, a field takes the shape `OpenShape` gives its name, else stays open.
    case open(OpenShape)

    /// What a clinician should write here, in words.
    public var expected: String {
        switch self {
        case .wholeNumber: return "a whole number"
        case .number: return "a number"
        case .text: return "text in \"quotes\""
        case .flag: return "true or false"
        case .fraction: return "a share such as \"2/3\" or a number from 0 to 1"
        case .choice(let options): return "one of " + options.map { "\"\($0)\"" }.joined(separator: ", ")
        case .list(let item): return "a list [ ... ] of \(item.plural)"
        case .object(let shape): return "\(shape.what) { ... }"
        case .open: return "a value"
        }
    }

    var plural: String {
        switch self {
        case .object(let shape): return shape.plural
        case .wholeNumber: return "whole numbers"
        case .number: return "numbers"
        default: return "texts"
        }
    }
}

public struct FieldSpec: Sendable {
    public let name: String
    public let shape: FieldShape
    public let required: Bool
}

public struct ObjectShape: Sendable {
    /// "an exercise"
    public let what: String
    public let plural: String
    public let fields: [FieldSpec]
    /// Gate criteria: the value of `variantKey` decides which further fields belong.
    public let variantKey: String?
    public let variants: [(name: String, fields: [FieldSpec])]

    init(_ what: String, _ plural: String, _ fields: [FieldSpec], variantKey: String? = nil, variants: [(String, [FieldSpec])] = []) {
        self.what = what; self.plural = plural; self.fields = fields
        self.variantKey = variantKey; self.variants = variants.map { (name: $0.0, fields: $0.1) }
    }

    func fields(forVariant name: String?) -> [FieldSpec] {
        fields + (variants.first { $0.name == name }?.fields ?? [])
    }
}

/// A file read by a decoder that checks the structure itself, with the few rules it cannot say
/// where a value broke: which fields hold whole numbers, which one of a few words.
public struct OpenShape: Sendable {
    /// By field path without list indices ("enrolment.side").
    public let byPath: [String: FieldShape]
    /// By field name, anywhere ("side").
    public let byName: [String: FieldShape]

    public init(byPath: [String: FieldShape] = [:], byName: [String: FieldShape]) {
        self.byPath = byPath; self.byName = byName
    }

    /// The shape of the field at `path` (indices dropped: "exercises[3].side" -> "exercises.side").
    func shape(at path: String, name: String) -> FieldShape {
        var plain = "", inIndex = false
        for c in path {
            if c == "[" { inIndex = true } else if c == "]" { inIndex = false } else if !inIndex { plain.append(c) }
        }
        return byPath[plain] ?? byName[name] ?? .open(self)
    }
}

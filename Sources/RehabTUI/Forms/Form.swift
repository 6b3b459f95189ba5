import RehabCore
import Terminal

/// A small form: labelled fields edited in place, each checked as it is typed.
public struct Form: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case text(maxLength: Int)
        /// Whole number in a range; empty allowed when `optional`.
        case number(ClosedRange<Int>, optional: Bool)
        /// Decimal number (a load), empty allowed.
        case decimal(ClosedRange<Double>)
        case date
        /// One of these values, changed with left/right or space.
        case choice([String])
        case toggle
    }

    public struct Field: Sendable, Equatable {
        public let id: FieldID
        public let label: String
        public let kind: Kind
        public var value: String
        public var hint: String

        public init(_ id: FieldID, _ label: String, _ kind: Kind, value: String = "", hint: String = "") {
            self.id = id; self.label = label; self.kind = kind; self.value = value; self.hint = hint
        }

        /// One sentence when the value is not acceptable.
        public var error: String? {
            switch kind {
            case .text(let max):
                return value.count > max ? "At most \(max) characters." : nil
            case .number(let range, let optional):
                if value.isEmpty { return optional ? nil : "Needed: a number from \(range.lowerBound) to \(range.upperBound)." }
                guard let n = Int(value), range.contains(n) else {
                    return "A number from \(range.lowerBound) to \(range.upperBound)."
                }
                return nil
            case .decimal(let range):
                if value.isEmpty { return nil }
                guard let x = Double(value), range.contains(x) else {
                    return "A number from \(Int(range.lowerBound)) to \(Int(range.upperBound))."
                }
                return nil
            case .date:
                if Day(iso: value) != nil { return nil }
                return value.count == 10 ? "\(value) is not a date on the calendar." : "A date as YYYY-MM-DD."
            case .choice, .toggle:
                return nil
            }
        }

        public var isOn: Bool { value == "yes" }
    }

    public let title: String
    /// Shown above the fields (the disclaimer on first run, a note on what the form records).
    public var intro: [String]
    public var fields: [Field]
    /// Index of the focused field; `fields.count` is the Save button.
    public var focus = 0
    public var submitLabel: String
    /// Set when Save was pressed with errors, or when saving failed.
    public var problem: String?
    /// Lines of the intro scrolled away, when it does not fit above the fields (PgUp/PgDn).
    public var introScroll = 0

    public init(title: String, intro: [String] = [], fields: [Field], submitLabel: String = "Save") {
        self.title = title; self.intro = intro; self.fields = fields; self.submitLabel = submitLabel
    }

    public subscript(id: FieldID) -> String {
        get { fields.first { $0.id == id }?.value ?? "" }
        set { if let i = fields.firstIndex(where: { $0.id == id }) { fields[i].value = newValue } }
    }

    public enum Result: Sendable, Equatable { case editing, submit, cancel }

    /// What a key does in a form; every other key edits the focused field.
    enum Action: Sendable, Equatable { case previous, next, first, last, enter, submit, cancel, choose, tick }

    /// The keys of a form, for `handle`, the footer and the help overlay.
    var keys: KeyMap<Action> {
        // The first run's two forms: Esc quits rehab. Its program form has no footer room to spare.
        let setup = submitLabel == "Start" || submitLabel == Forms.screeningSubmit
        return KeyMap(
            [
                Binding("Up/Down", "move between fields", short: "↑↓ move", [(.up, .previous), (.backTab, .previous), (.down, .next), (.tab, .next)]),
                Binding("Left/Right", "change a choice", short: "←→ choose", [(.left, .choose), (.right, .choose)]),
                Binding("Space", "tick a yes/no", short: submitLabel == "Start" ? nil : "space tick", [(.char(" "), .tick)]),
                Binding(
                    "Enter", "next field; on \(submitLabel), \(submitLabel.lowercased())", short: "Enter next/\(submitLabel)", [(.enter, .enter)]),
                Binding("End", "jump to \(submitLabel)", [(.end, .last)]),
                // Answered by the app, which knows how much of the text fits (FormScreen.introArea).
                Binding("PgUp/PgDn", "scroll the text above the fields", []),
                Binding("Home", nil, [(.home, .first)]),
                Binding("Ctrl-S", nil, [(.control("s"), .submit)]),
                Binding("Esc", setup ? "quit" : "cancel", short: setup ? "Esc quit" : "Esc cancel", [(.escape, .cancel)])
            ], footer: [.previous, .choose, .tick, .enter, .cancel])
    }

    /// Handles one key; `.submit` means every field is valid and Save was chosen.
    public mutating func handle(_ key: Key) -> Result {
        problem = nil
        switch keys.action(for: key) {
        case .cancel?: return .cancel
        case .previous?: focus = max(0, focus - 1)
        case .next?: focus = min(fields.count, focus + 1)
        case .last?: focus = fields.count
        case .first?: focus = 0
        case .enter?:
            if focus == fields.count { return trySubmit() }
            focus += 1
        case .submit?:
            return trySubmit()
        case .choose?, .tick?, nil:
            guard focus < fields.count else { return .editing }
            edit(&fields[focus], key)
        }
        return .editing
    }

    private mutating func trySubmit() -> Result {
        do throws(FormError) {
            _ = try FormValues(self)
            return .submit
        } catch {
            show(error)
            return .editing
        }
    }

    /// Shows why the form cannot be saved, on the field it is about.
    public mutating func show(_ error: FormError) {
        problem = error.text
        if let id = error.field, let i = fields.firstIndex(where: { $0.id == id }) { focus = i }
    }

    private func edit(_ field: inout Field, _ key: Key) {
        switch field.kind {
        case .choice(let options):
            guard !options.isEmpty else { return }
            let i = options.firstIndex(of: field.value) ?? 0
            switch key {
            case .left, .char("h"): field.value = options[(i + options.count - 1) % options.count]
            case .right, .char("l"), .char(" "): field.value = options[(i + 1) % options.count]
            default: break
            }
        case .toggle:
            switch key {
            case .char(" "), .left, .right, .char("y"), .char("n"), .char("x"):
                if key == .char("y") {
                    field.value = "yes"
                } else if key == .char("n") {
                    field.value = "no"
                } else {
                    field.value = field.isOn ? "no" : "yes"
                }
            default: break
            }
        default:
            switch key {
            case .backspace, .delete: if !field.value.isEmpty { field.value.removeLast() }
            case .control("u"): field.value = ""
            case .char(let c):
                guard field.value.count < 200 else { return }
                if case .number = field.kind, !c.isASCII || !c.isNumber { return }
                if case .decimal = field.kind, !(c.isASCII && (c.isNumber || c == ".")) { return }
                if case .date = field.kind, !(c.isASCII && (c.isNumber || c == "-")) { return }
                field.value.append(c)
            default: break
            }
        }
    }
}

extension Form {
    /// Whether the focused field takes free text (so `?` and letters are typed, not commands).
    public var acceptsText: Bool {
        guard fields.indices.contains(focus) else { return false }
        if case .text = fields[focus].kind { return true }
        return false
    }
}

/// A form that is valid field by field but not as a whole ("before your program started").
public struct FormError: Error, Equatable {
    public let text: String
    /// The field the sentence is about, focused when it is shown.
    public let field: FieldID?
    public init(_ text: String, field: FieldID? = nil) { self.text = text; self.field = field }
}

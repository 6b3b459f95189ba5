import Testing
import RehabCore
import Terminal
@testable import RehabTUI

/// Forms are typed: fields are `FieldID`s, values are parsed once, and a refusal lands on its field.
@Suite struct TypedFormTests {
    @Test func aRefusalByTheEngineFocusesTheFieldItIsAbout() {
        let s = patient()
        var form = Forms.logExercise(snapshot: s, day: s.today, exercise: "hip-hitch")
        form[.side] = "both legs"  // not offered for a one-legged exercise, but judged all the same
        var model = AppModel(snapshot: s, today: s.today)
        model.mode = .form(.logExercise, form)
        #expect(model.update(.key(.control("s")), now: 0).isEmpty, "a one-legged exercise was accepted without a side")
        guard case .form(_, let shown) = model.mode else { Issue.record("the form closed"); return }
        #expect(shown.fields.indices.contains(shown.focus) && shown.fields[shown.focus].id == .side)
        #expect(shown.problem?.hasPrefix("Side is needed") == true, "\(shown.problem ?? "")")
    }

    @Test func aMissingValueIsAnErrorOnItsFieldNotATrap() throws {
        let s = patient()
        var form = Forms.logRun(snapshot: s, day: s.today)
        form[.minutes] = ""
        // Without the engine's judgement (this patient may not run yet): the form's own values.
        #expect(throws: FormError.self) { try Forms.change(.logRun, form, snapshot: nil) }
        do { _ = try Forms.change(.logRun, form, snapshot: nil) } catch { #expect(error.field == .minutes) }
        form[.minutes] = "20"
        form[.painDuring] = "1"
        let change = try Forms.change(.logRun, form, snapshot: nil)
        guard case .run(let run) = change else { Issue.record("\(change)"); return }
        #expect(run.minutes == 20 && run.painDuring == 1 && run.note == nil)
    }

    @Test func warningSignsAreAnsweredByTheirIds() throws {
        let s = patient()
        var form = Forms.checkIn(program: program, day: s.today)
        form[.morningPain] = "1"
        form[.redFlag("night-pain")] = "yes"
        form[.limping] = "yes"
        let change = try Forms.change(.checkIn, form, snapshot: s)
        #expect(change == .checkIn(CheckIn(date: s.today, morningPain: 1, limping: true, redFlags: ["night-pain"])))
    }

    @Test func everyFieldThatGivesAnEntryValueIsNamedAsTheEngineNamesIt() {
        let s = patient()
        let forms = [
            Forms.logExercise(snapshot: s, day: s.today, selected: 0), Forms.logRun(snapshot: s, day: s.today),
            Forms.checkIn(program: program, day: s.today), Forms.test(snapshot: s, day: s.today),
            Forms.score(program: program, day: s.today)
        ]
        for form in forms {
            for field in form.fields {
                guard let entryField = field.id.entryField, case .redFlag = field.id else { continue }
                #expect(entryField.label == "Warning sign")
            }
            for field in form.fields where field.id.entryField != nil && field.id.entryField != .redFlag {
                #expect(field.id.entryField?.label == field.label || field.id == .score, "\(form.title): \(field.label)")
            }
        }
    }
}

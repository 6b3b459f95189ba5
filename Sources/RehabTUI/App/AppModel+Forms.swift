import RehabCore
import Terminal
/// The forms: opened from the main screens, their state in `Mode.form` (reached through
/// `scope(.form)`), judged once on submit (`Forms.judged`).
extension AppModel {
    // MARK: - Forms

    mutating func openLog() {
        guard let s = snapshot else { return }
        if s.status.phase == .returnToRun || s.status.phase == .complete {
            mode = .form(.logRun, Forms.logRun(snapshot: s, day: today))
        } else {
            mode = .form(.logExercise, Forms.logExercise(snapshot: s, day: today, selected: selection))
        }
    }

    mutating func openCheckIn() {
        guard let s = snapshot else { return }
        mode = .form(.checkIn, Forms.checkIn(program: s.program, day: today))
    }

    /// A key on the open form: the form's own update (`Form.handle`) runs on its state in the
    /// mode; what it answers (editing, cancel, submit) is mapped here into the app's effects.
    mutating func handleForm(_ key: Key) -> [Effect] {
        guard case .form(let purpose, let open) = mode else { return [] }
        if key == .char("?") && !open.acceptsText { overlay = .help; return [] }
        // The text above the fields scrolls when it does not fit (the form keeps its place).
        if key == .pageUp || key == .pageDown {
            let (width, height) = screen
            scope(.form) { form in
                let area = FormScreen.introArea(form, width: width, height: height)
                let limit = FormScreen.introText(form, width: width).maxOffset(rows: area.height)
                form.introScroll = (key == .pageUp ? ScrollMove.pageUp : .pageDown).apply(to: form.introScroll, limit: limit, rows: area.height)
            }
            return []
        }
        let snapshot = self.snapshot
        let answer = scope(.form) { form in
            let before = form
            let answer = form.handle(key)
            // The fields that follow others: a side's load, a test's unit.
            if answer == .editing, purpose == .logExercise, let s = snapshot { form = Forms.followPrescription(form, was: before, snapshot: s) }
            if answer == .editing, purpose == .test, let s = snapshot { form = Forms.followTest(form, snapshot: s) }
            return answer
        }
        switch answer {
        case .editing?, nil:
            return []
        case .cancel?:
            if purpose == .setup || purpose == .warningSigns { return [.quit] }
            mode = .main
            return []
        case .submit?:
            return submitForm(purpose)
        }
    }

    /// Judged once, by the form (`Forms.judged`); a refusal is said on its field and the form stays open.
    private mutating func submitForm(_ purpose: FormPurpose) -> [Effect] {
        if purpose == .warningSigns {
            // A warning sign stops here: no program is offered, nothing is saved.
            let (program, today) = (programForSetup, self.today)
            if let setup = scope(.form, { Forms.afterWarningSigns(&$0, program: program, today: today) }) ?? nil {
                mode = .form(.setup, setup)
            }
            return []
        }
        guard case .form(_, let form) = mode else { return [] }
        do throws(FormError) {
            let judged = try Forms.judged(purpose, form, snapshot: snapshot, today: today)
            if !judged.notes.isEmpty { pendingNotes.append((judged.change, judged.notes)) }
            mode = .main
            return [.save(judged.change)]
        } catch {
            scope(.form) { $0.show(error) }
            return []
        }
    }
}

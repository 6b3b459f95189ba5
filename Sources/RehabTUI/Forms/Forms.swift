import RehabCore

/// The forms of the app, and how their values become a change to save.
public enum Forms {
    /// The first run, step one: the warning signs, before any program is offered (deep groin pain
    /// that worsens with weight-bearing may be a stress fracture, not a program choice), and
    /// whether the pain comes with the back's signs.
    public static func warningSigns(program: Program) -> Form {
        var fields = BuiltInPrograms.screeningQuestions(of: program).map {
            Form.Field(.redFlag($0.id), $0.question, .toggle, value: "no")
        }
        fields.append(.init(.referredPain, "Back pain, or numbness or pins and needles down the leg, with the hip pain?", .toggle, value: "no"))
        return Form(
            title: "Welcome to rehab",
            intro: [
                program.disclaimer,
                "",
                "First, the warning signs: space ticks a yes. Enter on \(screeningSubmit) goes on to the programs."
            ],
            fields: fields, submitLabel: screeningSubmit)
    }

    static let screeningSubmit = "Next"

    /// Step two after step one's answers, or nil when a warning sign answered yes stops set-up:
    /// the form then says what to do in place of its intro, and no program is offered.
    static func afterWarningSigns(_ form: inout Form, program: Program, today: Day) -> Form? {
        let values = try? FormValues(form)
        let flags = BuiltInPrograms.screeningQuestions(of: program)
        guard let id = values?.redFlags.first, let flag = flags.first(where: { $0.id == id }) else {
            return setup(today: today, afterScreening: values?.isOn(.referredPain) ?? false)
        }
        form.intro = [
            flag.question, flag.advice, "",
            "rehab offers no program until you have been seen. Untick it if it was a slip; Esc quits."
        ]
        form.show(FormError("A warning sign: see what to do above.", field: .redFlag(id)))
        return nil
    }

    /// The first run, step two: the built-in programs, each with where the pain usually is and
    /// what it is for, then the start. With the back's signs, the back comes first unless a
    /// clinician chose the program.
    public static func setup(today: Day, afterScreening referredPain: Bool = false) -> Form {
        // Without blank lines when the back's advice is added, so the fields keep room at 80x24.
        var intro = [BuiltInPrograms.clinicianConfirms] + (referredPain ? [BuiltInPrograms.referredPainAdvice] : [""])
        intro += BuiltInPrograms.all.map { "\($0.id) - \($0.summary)" }
        var fields: [Form.Field] = [
            .init(
                .program, "Program", .choice(BuiltInPrograms.all.map(\.id)), value: BuiltInPrograms.standard.id,
                hint: "left/right to change")
        ]
        if referredPain {
            fields.append(.init(.clinicianChose, "A clinician chose it", .toggle, value: "no", hint: "space: yes, the back was checked"))
        }
        fields += [
            .init(.start, "First day", .date, value: today.iso, hint: "YYYY-MM-DD"),
            .init(.affectedSide, "Painful side", .choice(["right", "left", "both"]), value: "right", hint: "left/right to change"),
            .init(
                .baselinePain, "Usual morning pain", .number(PainScore.range, optional: true), value: "",
                hint: "\(PainScore.span), optional: your typical pain on waking")
        ]
        return Form(title: "Choose a program", intro: intro, fields: fields, submitLabel: "Start")
    }

    /// The exercise highlighted on Today, with its prescription.
    public static func logExercise(snapshot s: Snapshot, day: Day, selected: Int) -> Form {
        let items = s.status.plan.items
        let item = items.indices.contains(selected) ? items[selected] : items.first
        return logExercise(snapshot: s, day: day, exercise: item?.exercise.id ?? "")
    }

    /// The form for `exerciseID`: its fields (reps or seconds held, the sides it is done on, the
    /// load) follow that exercise's prescription, so each number is saved under the label it was typed at.
    public static func logExercise(snapshot s: Snapshot, day: Day, exercise exerciseID: String, side chosen: String? = nil) -> Form {
        let items = s.status.plan.items
        let item = items.first { $0.exercise.id == exerciseID }
        let e = item?.exercise ?? s.program.exercise(exerciseID, preferring: s.status.phase)
        let sides = e?.sides == .each ? Side.allCases.map(\.rawValue) : [bothLegs]
        let untouched = Side.allCases.first { !(item?.doneSides.contains($0) ?? false) } ?? .left
        let side = chosen.flatMap { sides.contains($0) ? $0 : nil } ?? (e?.sides == .each ? untouched.rawValue : bothLegs)
        let amount: Form.Field =
            e?.isHold == true
            ? .init(.holdSeconds, "Hold seconds", .number(HoldSeconds.range, optional: false), value: String(e?.holdSeconds ?? 10))
            : .init(.reps, "Reps per set", .number(Reps.range, optional: false), value: String(e?.reps ?? 10))
        return Form(
            title: "Log exercise", intro: ["Record sets you did (today, or a missed day). Each save adds entries."],
            fields: [
                .init(.date, "Date", .date, value: day.iso, hint: "change to backfill a missed day"),
                .init(.exercise, "Exercise", .choice(items.map(\.exercise.id)), value: e?.id ?? exerciseID, hint: "left/right to change"),
                .init(.side, "Side", .choice(sides), value: side),
                .init(.sets, "Sets", .number(Sets.range, optional: false), value: e.map { String($0.sets) } ?? "3"),
                amount,
                .init(.load, "Load kg", .decimal(LoadKg.range), value: offeredLoad(of: e?.id, side: side, snapshot: s), hint: "optional"),
                .init(.painDuring, "Pain during", .number(PainScore.range, optional: true), hint: PainScore.span),
                .init(.painAfter, "Pain after", .number(PainScore.range, optional: true), hint: PainScore.span),
                .init(.note, "Note", .text(maxLength: 200), hint: "optional")
            ])
    }

    /// The side choice of an exercise done with both legs together.
    static let bothLegs = "both legs"

    /// The plan's load for an exercise on a side ("left", "right", "both legs"), as the form shows it.
    static func offeredLoad(of exerciseID: String?, side: String, snapshot s: Snapshot) -> String {
        let item = s.status.plan.items.first { $0.exercise.id == exerciseID }
        return item?.loadKg(on: Side(rawValue: side)).map { $0.compact } ?? ""
    }

    /// After a key in the log form: a new exercise or side brings that prescription's fields
    /// (reps or hold, sides, and its own load, never the other side's); the date, pains and note
    /// typed so far are kept, and so is a load the patient typed.
    public static func followPrescription(_ form: Form, was before: Form, snapshot s: Snapshot) -> Form {
        guard form[.exercise] != before[.exercise] || form[.side] != before[.side] else { return form }
        var rebuilt = logExercise(snapshot: s, day: Day(iso: form[.date]) ?? s.today, exercise: form[.exercise], side: form[.side])
        for id in [FieldID.date, .painDuring, .painAfter, .note] { rebuilt[id] = form[id] }
        if form[.load] != offeredLoad(of: before[.exercise], side: before[.side], snapshot: s) { rebuilt[.load] = form[.load] }
        rebuilt.focus = form.focus
        return rebuilt
    }

    public static func logRun(snapshot s: Snapshot, day: Day) -> Form {
        let run = s.status.plan.run
        return Form(
            title: "Log run", intro: [run.map { "Stage \($0.stage): \($0.description)" } ?? "Record a run."],
            fields: [
                .init(.date, "Date", .date, value: day.iso),
                .init(.runStage, "Stage", .number(1...s.program.returnToRun.lastStage, optional: false), value: run.map { String($0.stage) } ?? "1"),
                .init(.minutes, "Minutes", .number(RunMinutes.range, optional: false), value: run.map { String($0.runMinutes) } ?? ""),
                .init(.painDuring, "Pain during", .number(PainScore.range, optional: false), hint: "\(PainScore.span), worst while running"),
                .init(.note, "Note", .text(maxLength: 200), hint: "optional")
            ])
    }

    public static func checkIn(program: Program, day: Day) -> Form {
        var fields: [Form.Field] = [
            .init(.date, "Date", .date, value: day.iso, hint: "this morning"),
            .init(.morningPain, "Pain on waking", .number(PainScore.range, optional: false), hint: PainScore.span),
            .init(.limping, "Limping", .toggle, value: "no", hint: "space to change")
        ]
        for flag in program.redFlags {
            fields.append(.init(.redFlag(flag.id), flag.question, .toggle, value: "no"))
        }
        return Form(
            title: "Morning check-in", intro: ["How does the hip feel this morning, after yesterday? Answer each warning-sign question."],
            fields: fields)
    }

    public static func test(snapshot s: Snapshot, day: Day) -> Form {
        // Tests still needed first, then every other test of the program.
        let needed = s.status.requiredTests.map(\.id)
        let ids = needed + s.program.allTests.map(\.id).filter { !needed.contains($0) }
        var unique: [String] = []
        for id in ids where !unique.contains(id) { unique.append(id) }
        let first = s.status.requiredTests.first
        return Form(
            title: "Record a test", intro: ["A gate test result, for example how long you held a single-leg stance."],
            fields: [
                .init(.date, "Date", .date, value: day.iso),
                .init(.test, "Test", .choice(unique), value: unique.first ?? "", hint: "left/right to change"),
                .init(.side, "Side", .choice(["left", "right", "not per side"]), value: first?.side?.rawValue ?? "not per side"),
                .init(.result, "Result", .decimal(TestValue.range), hint: resultHint(unique.first, s.program)),
                .init(.testPain, "Pain during", .number(PainScore.range, optional: false), hint: PainScore.span)
            ])
    }

    /// The result's unit is the chosen test's own ("seconds", "repetitions").
    static func resultHint(_ testID: String?, _ program: Program) -> String {
        testID.flatMap { program.test($0)?.unit } ?? "the test's result"
    }

    /// After a key in the test form: the result's hint follows the test chosen.
    public static func followTest(_ form: Form, snapshot s: Snapshot) -> Form {
        var form = form
        if let i = form.fields.firstIndex(where: { $0.id == .result }) { form.fields[i].hint = resultHint(form[.test], s.program) }
        return form
    }

    public static func score(program: Program, day: Day) -> Form {
        let o = program.outcome
        return Form(
            title: "Outcome score",
            intro: [
                "Your \(o.name) questionnaire total (\(o.min)-\(o.max), higher is better).",
                OutcomeMeasure.whereToGetIt(o.name) + "."
            ],
            fields: [
                .init(.date, "Date", .date, value: day.iso),
                .init(.score, "\(o.name) total", .number(o.min...o.max, optional: false))
            ])
    }

    /// Turns a form into what to save, or one sentence saying why it cannot be (on its field
    /// when it is about one value). The form's values only: `judged` adds the engine's judgement.
    public static func change(_ purpose: FormPurpose, _ form: Form, snapshot: Snapshot?) throws(FormError) -> Change {
        try change(purpose, FormValues(form), snapshot: snapshot)
    }

    /// What a form saves and what the engine says of it, judged once here as `rehab log` is
    /// judged; a refusal is one sentence on the field it is about, in the form's words. Before
    /// enrolment there is nothing to judge by (the set-up form has rules of its own).
    public static func judged(_ purpose: FormPurpose, _ form: Form, snapshot: Snapshot?, today: Day) throws(FormError) -> (
        change: Change, notes: [String]
    ) {
        let change = try change(purpose, form, snapshot: snapshot)
        guard let snapshot else { return (change, []) }
        switch change.judged(by: snapshot, today: today) {
        case .success(let notes): return (change, notes)
        case .failure(let refusal):
            let field = form.fields.first { $0.id.entryField != nil && $0.id.entryField == refusal.field }?.id
            throw FormError(refusal.sentence(naming: \.label), field: field)
        }
    }

    /// The one question asked on Today once the day's sets have no "pain after".
    public static let painAfterQuestion = "How is the hip an hour after today's session?"

    public static func painAfter(day: Day) -> Form {
        Form(
            title: "Pain after", intro: [painAfterQuestion, "It is written on \(day.iso)'s sets that have no pain after yet."],
            fields: [.init(.painAfter, "Pain after", .number(PainScore.range, optional: false), hint: PainScore.span)])
    }

    /// The ids of `day`'s sets done without a "pain after" (a skipped set had no exercise to hurt after).
    public static func setsWithoutPainAfter(snapshot s: Snapshot, day: Day) -> [Int64] {
        s.history.exercises.filter { $0.date == day && $0.painAfter == nil && $0.ended != .skipped }.compactMap(\.id)
    }

    private static func change(_ purpose: FormPurpose, _ v: FormValues, snapshot: Snapshot?) throws(FormError) -> Change {
        switch purpose {
        case .warningSigns:
            throw FormError("Answer the warning signs first.")
        case .setup:
            // With the back's signs the field is there: the back first, unless a clinician chose.
            if v.has(.clinicianChose) && !v.isOn(.clinicianChose) {
                throw FormError("Have the back checked first; tick \"A clinician chose it\" once one has.", field: .clinicianChose)
            }
            return .enrol(
                Enrolment(
                    start: try v.day(.start), side: AffectedSide(rawValue: v.text(.affectedSide)) ?? .right,
                    baselinePain: v.optionalNumber(.baselinePain)),
                program: v.text(.program).isEmpty ? BuiltInPrograms.standard.id : v.text(.program))
        case .logExercise:
            guard let s = snapshot, let e = s.program.exercise(v.text(.exercise), preferring: s.status.phase) else {
                throw FormError("Choose an exercise.", field: .exercise)
            }
            // Saved as typed, under the labels shown ("both legs" is no side): the engine judges
            // it as it judges `rehab log`.
            return .exercises([
                ExerciseEntry(
                    date: try v.day(.date), exerciseID: e.id, side: Side(rawValue: v.text(.side)), sets: try v.number(.sets),
                    reps: v.optionalNumber(.reps), holdSeconds: v.optionalNumber(.holdSeconds),
                    loadKg: v.decimal(.load), painDuring: v.optionalNumber(.painDuring),
                    painAfter: v.optionalNumber(.painAfter), note: v.optionalText(.note))
            ])
        case .logRun:
            return .run(
                RunEntry(
                    date: try v.day(.date), stage: try v.number(.runStage), minutes: try v.number(.minutes),
                    painDuring: try v.number(.painDuring), note: v.optionalText(.note)))
        case .test:
            guard let s = snapshot, let test = s.program.test(v.text(.test)) else { throw FormError("Choose a test.", field: .test) }
            guard let value = v.decimal(.result) else { throw FormError("Result: a number, for example 30.", field: .result) }
            let side = Side(rawValue: v.text(.side))
            if test.sides == .each && side == nil {
                throw FormError("\(test.name) is tested on each leg: choose left or right.", field: .side)
            }
            return .test(
                TestResult(
                    date: try v.day(.date), testID: test.id, side: test.sides == .each ? side : nil, value: value,
                    pain: try v.number(.testPain)))
        case .score:
            return .score(OutcomeScore(date: try v.day(.date), score: try v.number(.score)))
        case .checkIn:
            return .checkIn(
                CheckIn(
                    date: try v.day(.date), morningPain: try v.number(.morningPain), limping: v.isOn(.limping),
                    redFlags: v.redFlags))
        case .painAfter:
            guard let s = snapshot else { throw FormError("Nothing to add pain after to.") }
            return .painAfter(try v.number(.painAfter), entryIDs: setsWithoutPainAfter(snapshot: s, day: s.today))
        }
    }
}

extension Change {
    /// The entries the engine judges; a timer's sets and pain given later are today's. Enrolment
    /// has rules of its own (the setup form's).
    func entries(today: Day) -> [Entry] {
        switch self {
        case .exercises(let e), .timerSets(let e): return e.map(Entry.exercise)
        case .run(let r): return [.run(r)]
        case .checkIn(let c): return [.checkIn(c)]
        case .test(let t): return [.test(t)]
        case .score(let s): return [.score(s)]
        case .clinicianSeen(let c): return [.clinicianSeen(c)]
        case .phaseChange(let p): return [.phaseChange(p)]
        case .painForTimerSets(let during, let after, _): return [.pain(date: today, during: during, after: after)]
        case .painAfter(let pain, _): return [.pain(date: today, during: nil, after: pain)]
        case .enrol: return []
        }
    }

    /// What the engine says of this change on `today`: its notes, or the first refusal of its entries.
    func judged(by s: Snapshot, today: Day) -> Result<[String], Refusal> {
        var notes: [String] = []
        for entry in entries(today: today) {
            switch Admission.judge(entry, by: s.evaluator, today: today) {
            case .success(let admitted): notes += admitted.notes
            case .failure(let refusal): return .failure(refusal)
            }
        }
        return .success(notes)
    }
}

extension EntryField {
    /// The form field's label that gives this value.
    var label: String {
        switch self {
        case .date: return "Date"
        case .exercise: return "Exercise"
        case .side: return "Side"
        case .sets: return "Sets"
        case .reps: return "Reps per set"
        case .holdSeconds: return "Hold seconds"
        case .loadKg: return "Load kg"
        case .painDuring: return "Pain during"
        case .painAfter: return "Pain after"
        case .note: return "Note"
        case .runStage: return "Stage"
        case .minutes: return "Minutes"
        case .test: return "Test"
        case .value: return "Result"
        case .pain: return "Pain during"
        case .morningPain: return "Pain on waking"
        case .redFlag: return "Warning sign"
        case .score: return "Score"
        }
    }
}

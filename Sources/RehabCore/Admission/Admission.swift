/// One thing a patient records, from the command line or a form.
public enum Entry: Sendable, Equatable {
    case exercise(ExerciseEntry)
    case run(RunEntry)
    case test(TestResult)
    case checkIn(CheckIn)
    case score(OutcomeScore)
    case clinicianSeen(FlagClearance)
    /// Moving on to the next phase, or to complete after return-to-run.
    case phaseChange(PhaseChange)
    /// Pain given later for sets already recorded on `date` (the "after", asked an hour or so on).
    case pain(date: Day, during: Int?, after: Int?)

    public var date: Day {
        switch self {
        case .exercise(let e): return e.date
        case .run(let r): return r.date
        case .test(let t): return t.date
        case .checkIn(let c): return c.date
        case .score(let s): return s.date
        case .clinicianSeen(let c): return c.date
        case .phaseChange(let p): return p.date
        case .pain(let date, _, _): return date
        }
    }
}

/// The value a refusal is about, so that each front end names it in its own words
/// (`--pain-during` on the command line, "Pain during" in a form).
public enum EntryField: String, Sendable, CaseIterable {
    case date, exercise, side, sets, reps, holdSeconds, loadKg, painDuring, painAfter, note
    case runStage, minutes, test, value, pain, morningPain, redFlag, score
}

/// Why an entry is not recorded.
public struct Refusal: Error, Sendable, Equatable {
    public enum Kind: Sendable { case badInput, rule }
    public let kind: Kind
    /// Set when the message is about one value; the message then starts after its name ("must be ...").
    public let field: EntryField?
    public let message: String

    /// Exit codes as the README says: 1 bad input, 3 not allowed by the program's rules.
    public var exitCode: Int32 { kind == .rule ? 3 : 1 }

    /// The sentence a patient reads, with the value named as the front end calls it.
    public func sentence(naming name: (EntryField) -> String) -> String {
        guard let field else { return message }
        let first = name(field)
        return first + " " + message + (message.hasSuffix(".") ? "" : ".")
    }

    static func input(_ field: EntryField?, _ message: String) -> Refusal { Refusal(kind: .badInput, field: field, message: message) }
    static func rule(_ message: String) -> Refusal { Refusal(kind: .rule, field: nil, message: message) }
}

/// An entry that may be recorded, with what the patient should know about it.
public struct Admitted: Sendable, Equatable {
    public let notes: [String]
}

/// The one place that decides whether an entry may be recorded: dates, ranges, sides, the phase
/// in force, stops and locks. It also says what the entry earns (a session, run credit, a test
/// that counts) by judging the history with the entry added. Both front ends only word its answer.
public enum Admission {
    public static let maxNoteLength = 2000

    public static func judge(_ entry: Entry, by evaluator: Evaluator, today: Day) -> Result<Admitted, Refusal> {
        do {
            if let problem = EntryDays(start: evaluator.history.enrolment.start, today: today).problem(entry.date) {
                throw Refusal.input(nil, problem + ".")
            }
            let judge = Judge(evaluator: evaluator, today: today)
            switch entry {
            case .exercise(let e): return .success(try judge.exercise(e))
            case .run(let r): return .success(try judge.run(r))
            case .test(let t): return .success(try judge.test(t))
            case .checkIn(let c): return .success(try judge.checkIn(c))
            case .score(let s): return .success(try judge.score(s))
            case .clinicianSeen(let c): try judge.note(c.note); return .success(Admitted(notes: []))
            case .phaseChange(let p): return .success(try judge.phaseChange(p))
            case .pain(let day, let during, let after): return .success(try judge.pain(on: day, during: during, after: after))
            }
        } catch let refusal as Refusal {
            return .failure(refusal)
        } catch {
            return .failure(.input(nil, "\(error)"))
        }
    }
}

private struct Judge {
    let evaluator: Evaluator
    let today: Day
    var program: Program { evaluator.program }

    /// Refuses a value outside its type's range, in that type's words.
    func check<Value: EntryValue>(_ type: Value.Type, _ value: Value.Raw?, _ field: EntryField) throws {
        if let refusal = type.refusal(of: value) { throw Refusal.input(field, refusal) }
    }

    func pain(_ value: Int?, _ field: EntryField) throws { try check(PainScore.self, value, field) }

    /// A range the program or the entry sets (run stages, outcome score, sets that ended early).
    func range(_ value: Int?, _ range: ClosedRange<Int>, _ field: EntryField, _ unit: String = "") throws {
        if let refusal = EntryLimit.refusal(of: value, in: range, unit) { throw Refusal.input(field, refusal) }
    }

    func note(_ text: String?) throws {
        guard let text else { return }
        if text.count > Admission.maxNoteLength { throw Refusal.input(.note, "is too long (over \(Admission.maxNoteLength) characters)") }
        if text.unicodeScalars.contains("\0") { throw Refusal.input(.note, "must not hold a NUL character") }
    }

    /// The same history with `entry` added, judged again: what the entry earns.
    func after(_ change: (inout History) -> Void) -> Evaluator {
        var history = evaluator.history
        change(&history)
        return Evaluator(programs: evaluator.programs, history: history)
    }

    func phaseName(_ id: PhaseID) -> String { program.phase(id)?.name.lowercased() ?? id.rawValue }

    // MARK: Exercise

    func exercise(_ e: ExerciseEntry) throws -> Admitted {
        let (phase, own) = evaluator.exercisesInForce(on: e.date)
        let inForce = evaluator.programs.program(on: e.date)
        let ownIDs = own.map(\.id).joined(separator: ", ")
        guard let exercise = own.first(where: { $0.id == e.exerciseID }) ?? inForce.exercise(e.exerciseID) else {
            throw Refusal.input(nil, "Unknown exercise \"\(e.exerciseID)\"; the \(phaseName(phase)) phase's exercises are: \(ownIDs).")
        }
        let home = inForce.phases.first { $0.allExercises.contains { $0.id == exercise.id } }?.id ?? phase
        let isOwn = own.contains { $0.id == exercise.id }
        if !isOwn, let homeIndex = PhaseID.allCases.firstIndex(of: home), let nowIndex = PhaseID.allCases.firstIndex(of: phase), homeIndex > nowIndex
        {
            throw Refusal.rule(
                "\(exercise.name) belongs to the \(phaseName(home)) phase, which is not open: on \(e.date.iso) you are in the \(phaseName(phase)) phase, whose exercises are: \(ownIDs)."
            )
        }
        if let pause = evaluator.pause(on: e.date), pause.stopsExercise {
            throw Refusal.rule("The program is stopped: \(pause.reason)")
        }
        if exercise.sides == .each, e.side == nil {
            throw Refusal.input(.side, "is needed: \(exercise.name) is done one leg at a time (left or right)")
        }
        if exercise.sides == .both, e.side != nil {
            throw Refusal.input(.side, "is not used: \(exercise.name) is done with both legs together")
        }
        try check(Sets.self, e.sets, .sets)
        switch (e.reps, e.holdSeconds, exercise.isHold) {
        case (nil, nil, true): throw Refusal.input(.holdSeconds, "is needed: how long each hold of \(exercise.name.lowercased()) lasted")
        case (nil, nil, false): throw Refusal.input(.reps, "is needed: how many repetitions per set of \(exercise.name.lowercased())")
        case (_?, _?, _): throw Refusal.input(nil, "Give either repetitions or hold seconds, not both.")
        case (_?, nil, true): throw Refusal.input(.reps, "is not used: \(exercise.name) is a hold, so give the seconds held")
        case (nil, _?, false): throw Refusal.input(.holdSeconds, "is not used: \(exercise.name) is done in repetitions, so give the repetitions")
        default: break
        }
        if let problem = e.setEndProblem { throw Refusal.input(nil, problem + ".") }
        try range(e.reps, e.doneRange, .reps)
        try range(e.holdSeconds, e.doneRange, .holdSeconds, " seconds")
        try check(LoadKg.self, e.loadKg, .loadKg)
        try pain(e.painDuring, .painDuring)
        try pain(e.painAfter, .painAfter)
        try note(e.note)

        var notes: [String] = []
        let affected = evaluator.history.enrolment.side
        if exercise.position == .sideLying, let side = e.side, !exercise.sides(for: affected).contains(side) {
            // Recorded as done (it was), but the program never asks it: it counts for nothing.
            let instead =
                affected == .both
                ? inForce.phase(home)?.alternatives?.first { $0.id == exercise.alternative }.map {
                    " Your plan offers \($0.name.lowercased()) instead."
                } ?? ""
                : " Do it on the \(side.other.rawValue) side only, lying on your \(side.rawValue)."
            notes.append(
                "\(exercise.name) on the \(side.rawValue) side means lying on your painful \(side.other.rawValue) hip, which presses on the sore tendon: it is recorded, but counts for nothing.\(instead)"
            )
        } else if !isOwn {
            notes.append(
                "\(exercise.name) belongs to the \(phaseName(home)) phase: it is recorded, but counts for nothing in the \(phaseName(phase)) phase.")
        }
        // Red pain is said first, whole: stop, what comes next, whom to see.
        for (pain, kind) in [(e.painDuring, RedPainAdvice.Kind.during), (e.painAfter, .after)] {
            if let pain, let advice = evaluator.redPainAdvice(pain, kind, on: e.date) { notes.insert(advice.sentence, at: 0); break }
        }
        if evaluator.pause(on: e.date) != nil {
            let planned = evaluator.status(asOf: e.date).plan.items.first { $0.exercise.id == exercise.id }?.loadKg(on: e.side)
            let keep = e.loadKg.flatMap { load in planned.flatMap { load > $0 ? " The plan keeps \($0.compact) kg." : nil } } ?? ""
            notes.append(
                "The program is paused: this is recorded, but nothing progresses (no load increase, no stage, no gate) until a clinician has seen you.\(keep)"
            )
        }
        if isOwn {
            let credit = after { $0.exercises.append(e) }.sessionCredit(on: e.date)
            if !credit.paused && !credit.ran {
                notes.append(
                    credit.counts
                        ? "\(e.date.iso) counts as a session: \(credit.setsDone) of \(credit.setsPrescribed) prescribed sets done in full."
                        : "\(e.date.iso): \(credit.setsDone) of \(credit.setsPrescribed) prescribed sets done in full; \(credit.setsNeeded) make a session."
                )
            }
        }
        return Admitted(notes: notes)
    }

    // MARK: Run

    func run(_ r: RunEntry) throws -> Admitted {
        let rules = evaluator.programs.program(on: r.date).returnToRun
        try range(r.stage, 1...rules.lastStage, .runStage)
        try check(RunMinutes.self, r.minutes, .minutes)
        try pain(r.painDuring, .painDuring)
        try note(r.note)
        let status = evaluator.status(asOf: r.date)
        guard status.phase == .returnToRun || status.phase == .complete else {
            throw Refusal.rule("Running opens in the return-to-run phase; you are in the \(phaseName(status.phase)) phase on \(r.date.iso).")
        }
        if let pause = evaluator.pause(on: r.date), pause.stopsRunning {
            throw Refusal.rule("No running while the program is \(pause.headline.lowercased()): \(pause.reason)")
        }
        if status.phase == .returnToRun, let current = status.runProgress?.currentStage, r.stage > current {
            throw Refusal.rule(
                "Stage \(r.stage) is not open yet: your current stage is \(current). Run stage \(current) green \(rules.greenRunsPerStage) times to open the next."
            )
        }
        var added = r
        added.id = Int64.max  // after every run already recorded that day
        let later = after { $0.runs.append(added) }.status(asOf: r.date)
        var notes: [String] = []
        if let verdict = later.runProgress?.verdicts.last(where: { $0.date == r.date }) {
            switch verdict.outcome {
            case .credited: notes.append("This run counts: \(verdict.reason).")
            case .pending: notes.append("This run is pending: it counts once next morning's check-in shows no flare.")
            case .notCounted: notes.append("This run earns no stage credit: \(verdict.reason).")
            case .steppedBack: notes.append("This run steps you back: \(verdict.reason).")
            case .maintenance: notes.append("This run is within the maintenance caps.")
            case .flagged: break  // said below, with the caps it broke
            }
        }
        if status.phase == .complete {
            let from = evaluator.history.phaseChanges.last { $0.phase == .complete && $0.date <= r.date }?.date ?? r.date
            var runs = evaluator.history.runs
            runs.append(added)
            if let flag = MaintenanceRule(rules, runs: runs, from: from, asOf: r.date).flags.last(where: {
                $0.date == r.date && $0.minutes == r.minutes
            }) {
                notes.append("This run is flagged: it is \(flag.reason).")
            }
        }
        if let advice = evaluator.redPainAdvice(r.painDuring, .run, on: r.date) { notes.insert(advice.sentence, at: 0) }
        return Admitted(notes: notes)
    }

    // MARK: Test

    func test(_ t: TestResult) throws -> Admitted {
        let inForce = evaluator.programs.program(on: t.date)
        guard let test = inForce.test(t.testID) else {
            throw Refusal.input(nil, "Unknown test \"\(t.testID)\"; known tests: \(inForce.allTests.map(\.id).joined(separator: ", ")).")
        }
        if test.sides == .each, t.side == nil { throw Refusal.input(.side, "is needed: \(test.name) is tested on each leg (left or right)") }
        if test.sides == .both, t.side != nil { throw Refusal.input(.side, "is not used: \(test.name) is not tested per side") }
        try check(TestValue.self, t.value, .value)
        try pain(t.pain, .pain)
        if let pause = evaluator.pause(on: t.date), pause.stopsExercise {
            throw Refusal.rule("The program is stopped, tests too: \(pause.reason)")
        }
        let phase = evaluator.phase(asOf: t.date).id
        let group = inForce.phase(phase)?.gate.compactMap { c -> TestGroup? in
            if case .tests(let g) = c, g.tests.contains(where: { $0.id == test.id }) { return g } else { return nil }
        }.first
        let result = "\(t.value.compact) \(test.unit) at pain \(t.pain)"
        let why: String
        if group == nil {
            let home = inForce.phases.first {
                $0.gate.contains { if case .tests(let g) = $0 { return g.tests.contains { $0.id == test.id } } else { return false } }
            }
            why =
                "does not count: it is not a test of the \(phaseName(phase)) phase's gate"
                + (home.map { " (it belongs to the \($0.name.lowercased()) phase)" } ?? "")
        } else if evaluator.pause(on: t.date) != nil {
            why = "does not count: the program is paused, so nothing progresses"
        } else if t.value < test.target {
            why = "does not count: \(t.value.compact) is below the target \(test.target.compact)"
        } else if let group, t.pain > group.maxPain {
            why = "does not count: pain \(t.pain) is above \(group.maxPain)"
        } else if let group, group.noMorningRise {
            why = "target \(test.target.compact) reached; it counts once next morning's check-in shows no rise in pain"
        } else {
            why = "target \(test.target.compact) reached"
        }
        return Admitted(notes: ["\(test.name)\(t.side.map { " (\($0.rawValue))" } ?? ""): \(result), \(why)."])
    }

    // MARK: Later pain, phase change

    func pain(on day: Day, during: Int?, after: Int?) throws -> Admitted {
        try pain(during, .painDuring)
        try pain(after, .painAfter)
        let advice =
            during.flatMap { evaluator.redPainAdvice($0, .during, on: day) }
            ?? after.flatMap { evaluator.redPainAdvice($0, .after, on: day) }
        return Admitted(notes: advice.map { [$0.sentence] } ?? [])
    }

    func phaseChange(_ p: PhaseChange) throws -> Admitted {
        let status = evaluator.status(asOf: p.date)
        if p.date < status.phaseStart {
            throw Refusal.input(nil, "\(p.date.iso) is before the current phase started (\(status.phaseStart.iso)).")
        }
        guard let next = program.phaseID(after: status.phase) else {
            throw Refusal.rule("The program is already complete; there is no next phase.")
        }
        if p.phase != next {
            throw Refusal.rule("The phase after \(phaseName(status.phase)) is \(phaseName(next)), not \(phaseName(p.phase)).")
        }
        if let pause = status.pause {
            throw Refusal.rule("Cannot advance while the program is paused: \(pause.reason)")
        }
        if let rising = status.risingWeek, p.override == nil {
            throw Refusal.rule("Not ready to leave the \(status.phase.rawValue) phase: \(rising.reason). No phase opens until it settles.")
        }
        if !status.eligibleToAdvance && p.override == nil {
            let lines = status.unmetCriteria.map { "  - \($0.detail)" }.joined(separator: "\n")
            throw Refusal.rule("Not ready to leave the \(status.phase.rawValue) phase; unmet:\n\(lines)")
        }
        return Admitted(notes: status.eligibleToAdvance ? [] : ["The clinician's override is kept in the history."])
    }

    // MARK: Check-in and score

    func checkIn(_ c: CheckIn) throws -> Admitted {
        try pain(c.morningPain, .morningPain)
        let inForce = evaluator.programs.program(on: c.date)
        for id in c.redFlags where inForce.redFlag(id) == nil {
            throw Refusal.input(nil, "Unknown red flag \"\(id)\"; the known ones are: \(inForce.redFlags.map(\.id).joined(separator: ", ")).")
        }
        return Admitted(notes: [])
    }

    func score(_ s: OutcomeScore) throws -> Admitted {
        let o = evaluator.programs.program(on: s.date).outcome
        try range(s.score, o.min...o.max, .score)
        return Admitted(notes: [])
    }
}

extension Program {
    /// The phase a patient moves on to from `id`: the next one of the program, complete after the last.
    public func phaseID(after id: PhaseID) -> PhaseID? {
        if id == .complete { return nil }
        return phase(after: id)?.id ?? .complete
    }
}

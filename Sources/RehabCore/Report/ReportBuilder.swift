extension ClinicianReport {
    /// The report of `from...to` (clipped to start no earlier than enrolment), judged by the engine.
    public init(evaluator e: Evaluator, from requested: Day, to: Day) {
        let h = e.history
        let from = max(requested, h.enrolment.start)
        let period = DayRange(from, max(from, to))
        self.from = period.first
        self.to = period.last
        enrolment = h.enrolment
        let inForce = e.programs.program(on: period.last)
        disclaimer = inForce.disclaimer
        greenMaxDuring = inForce.painZones.greenMaxDuring
        amberMaxDuring = inForce.painZones.amberMaxDuring
        programs = e.programs.periods(overlapping: period.first, period.last).map {
            ProgramInForce(from: $0.from, id: $0.program.id, name: $0.program.name, version: $0.program.version, source: $0.source)
        }

        let status = e.status(asOf: period.last)
        standing = Standing(
            phase: status.phase, phaseName: inForce.phase(status.phase)?.name ?? "Program complete",
            phaseStart: status.phaseStart, daysInPhase: status.daysInPhase, criteriaMet: status.criteriaMet,
            criteriaTotal: status.criteria.count, unmet: status.unmetCriteria.map(\.detail),
            eligibleToAdvance: status.eligibleToAdvance, pause: status.pause?.reason, risingWeek: status.risingWeek?.reason,
            runStage: status.phase == .returnToRun ? status.runProgress?.currentStage : nil)
        exercises = inForce.phase(status.phase == .complete ? .returnToRun : status.phase)?.exercises(for: e.history.enrolment.side) ?? []
        loads = Dictionary(status.plan.items.map { ($0.exercise.id, $0.loadText) }) { first, _ in first }
        doses = Dictionary(status.plan.items.map { ($0.exercise.id, $0.prescription) }) { first, _ in first }
        adherenceTarget =
            inForce.phase(status.phase)?.gate.compactMap { c -> Int? in
                if case .adherence(_, let pct) = c { return pct } else { return nil }
            }.first

        phases = Self.phaseSpans(e, period)
        pain = period.map { d in
            let r = e.index[d]
            let during = [r.maxPainDuring, r.maxRunPain].compactMap { $0 }.max()
            return PainDay(
                date: d, during: during, after: r.maxPainAfter, nextMorning: e.index.nextMorning(after: d)?.morningPain,
                zone: e.zones[d]?.zone)
        }
        weeks = Self.weeks(e, period, pain)
        totals = Self.totals(e, period, pain)
        let scores = h.scores.sorted { $0.date < $1.date }
        outcome = Outcome(
            name: inForce.outcome.name, min: inForce.outcome.min, max: inForce.outcome.max,
            scores: scores.filter { period.contains($0.date) }, before: scores.last { $0.date < period.first })
        tests = Self.tests(e, period)
        unfinishedSets = Self.unfinishedSets(e, period)
        events = Self.events(e, period)
    }

    private static func unfinishedSets(_ e: Evaluator, _ period: DayRange) -> [UnfinishedSets] {
        struct Key: Hashable { let date: Day; let exerciseID: String; let side: Side? }
        let entries = e.history.exercises.filter { period.contains($0.date) }
        // Each exercise and side of a day, its sets numbered, in the order first logged.
        var order: [Key] = []
        var sets: [Key: [(entry: ExerciseEntry, firstSet: Int)]] = [:]
        for (s, firstSet) in zip(entries, entries.firstSetNumbers()) {
            let key = Key(date: s.date, exerciseID: s.exerciseID, side: s.side)
            if sets[key] == nil { order.append(key) }
            sets[key, default: []].append((s, firstSet))
        }
        return order.compactMap { key in
            let all = sets[key] ?? []
            let unfinished = all.filter { $0.entry.ended != nil }
            guard !unfinished.isEmpty else { return nil }
            func count(_ end: SetEnd) -> Int { unfinished.reduce(0) { $0 + ($1.entry.ended == end ? $1.entry.sets : 0) } }
            return UnfinishedSets(
                date: key.date, exerciseID: key.exerciseID,
                name: e.programs.program(on: key.date).exercise(key.exerciseID)?.name ?? key.exerciseID, side: key.side,
                complete: all.reduce(0) { $0 + $1.entry.completeSets }, cutShort: count(.cutShort),
                skipped: count(.skipped), stoppedForPain: count(.stoppedForPain),
                detail: unfinished.map { $0.entry.setsText(firstSet: $0.firstSet) }.joined(separator: "; "))
        }
    }

    private static func phaseSpans(_ e: Evaluator, _ period: DayRange) -> [PhaseSpan] {
        var starts = [(day: e.history.enrolment.start, phase: PhaseID.activation, override: String?.none)]
        for c in e.history.phaseChanges.sorted(by: { $0.date < $1.date }) { starts.append((c.date, c.phase, c.override)) }
        var spans: [PhaseSpan] = []
        for (i, s) in starts.enumerated() {
            let end = i + 1 < starts.count ? starts[i + 1].day - 1 : period.last
            guard end >= period.first, s.day <= period.last, end >= s.day else { continue }
            let name = e.programs.program(on: s.day).phase(s.phase)?.name ?? "Program complete"
            spans.append(PhaseSpan(phase: s.phase, name: name, from: max(s.day, period.first), to: min(end, period.last), override: s.override))
        }
        return spans
    }

    private static func weeks(_ e: Evaluator, _ period: DayRange, _ pain: [PainDay]) -> [Week] {
        var result: [Week] = []
        var start = period.first.weekStart
        while start <= period.last {
            let w = e.week(containing: start, asOf: period.last)
            // `pain` holds one entry per day of the period, in order: a week is a slice, found by
            // arithmetic (filtering the whole list for every week made long periods quadratic).
            let lower = max(0, start - period.first), upper = min(pain.count, start + 7 - period.first)
            let days = lower < upper ? pain[lower..<upper] : []
            func count(_ z: Zone) -> Int { days.filter { $0.zone == z }.count }
            result.append(
                Week(
                    start: start, phase: w.phase,
                    sessionsDone: w.days.filter { $0.date <= period.last && $0.sessionDone }.count,
                    sessionsPlanned: w.sessionsPlanned, green: count(.green), amber: count(.amber), red: count(.red),
                    maxPainDuring: days.compactMap(\.during).max(), maxPainAfter: days.compactMap(\.after).max(),
                    maxMorningPain: days.compactMap(\.nextMorning).max(),
                    runMinutes: w.days.filter { period.contains($0.date) }.reduce(0) { $0 + $1.runMinutes }))
            start = start + 7
        }
        return result
    }

    private static func totals(_ e: Evaluator, _ period: DayRange, _ pain: [PainDay]) -> Totals {
        // Planned sessions accrue day by day at the rate of the phase in force that day; paused days plan none.
        var planned = 0.0
        for d in period where e.pause(on: d) == nil {
            let phase = e.phase(asOf: d).id
            planned += Double(e.programs.program(on: d).phase(phase == .complete ? .returnToRun : phase)?.sessionsPerWeek ?? 0) / 7
        }
        func count(_ z: Zone) -> Int { pain.filter { $0.zone == z }.count }
        return Totals(
            days: period.count, sessionsDone: period.filter { e.countsAsSession($0) }.count,
            sessionsPlanned: Int(planned.rounded(.up)), green: count(.green), amber: count(.amber), red: count(.red),
            runMinutes: period.reduce(0) { $0 + e.index[$1].runMinutes })
    }

    private static func tests(_ e: Evaluator, _ period: DayRange) -> [TestAttempt] {
        e.history.tests.filter { period.contains($0.date) }.sorted { ($0.date, $0.id ?? 0) < ($1.date, $1.id ?? 0) }.map { t in
            let program = e.programs.program(on: t.date)
            let spec = program.test(t.testID) ?? e.programs.periods.lazy.compactMap { $0.program.test(t.testID) }.first
            let maxPain =
                program.phases.flatMap(\.gate).compactMap { c -> Int? in
                    if case .tests(let g) = c, g.tests.contains(where: { $0.id == t.testID }) { return g.maxPain } else { return nil }
                }.first ?? program.painZones.runGreenMaxDuring
            let passed = spec.map { t.value >= $0.target && t.pain <= maxPain } ?? false
            return TestAttempt(
                date: t.date, testID: t.testID, name: spec?.name ?? t.testID, side: t.side, value: t.value,
                unit: spec?.unit ?? "", target: spec?.target, pain: t.pain, passed: passed)
        }
    }

    private static func events(_ e: Evaluator, _ period: DayRange) -> [Event] {
        let h = e.history
        var events: [Event] = []
        for p in e.programs.periods where period.contains(p.from) {
            let first = p == e.programs.periods[0]
            events.append(
                Event(
                    date: p.from, kind: .programChange,
                    text: (first ? "Started " : "Switched to ") + "\"\(p.program.name)\" (version \(p.program.version), \(p.source))"))
        }
        for c in h.phaseChanges where period.contains(c.date) {
            let name = e.programs.program(on: c.date).phase(c.phase)?.name ?? "Program complete"
            if let reason = c.override {
                events.append(Event(date: c.date, kind: .override, text: "Advanced to \(name) although the gate was not met: \(reason)"))
            } else {
                events.append(
                    Event(date: c.date, kind: .phaseChange, text: c.phase == .complete ? "Program completed" : "Advanced to \(name), gate met"))
            }
        }
        // A warning sign answered and then corrected away still stands: the judged check-ins keep it.
        for c in e.judged.checkIns where period.contains(c.date) {
            for id in c.redFlags {
                let flag = e.programs.program(on: c.date).redFlag(id)
                events.append(Event(date: c.date, kind: .redFlag, text: "\(flag?.level.rawValue ?? "doctor"): \(flag?.question ?? id)"))
            }
        }
        events += corrections(h, period)
        for c in h.clearances where period.contains(c.date) {
            events.append(Event(date: c.date, kind: .clinicianVisit, text: "Clinician seen" + (c.note.map { ": \($0)" } ?? "")))
        }
        // Every red-day or rising-week pause episode: it lasts until the next clinician visit, and the rule restarts after it.
        for p in e.pauses where p.pause.cause != .redFlag && period.contains(p.from) {
            events.append(Event(date: p.from, kind: .pause, text: p.pause.reason))
        }
        for flag in e.runCapFlags(through: period.last) where period.contains(flag.date) {
            events.append(Event(date: flag.date, kind: .runFlag, text: "\(flag.minutes) min run: \(flag.reason)"))
        }
        for d in period {
            if let z = e.zones[d], z.zone == .red { events.append(Event(date: d, kind: .redDay, text: z.reason)) }
        }
        // Pain that stopped a set is a clinician's first question: each such set earns a line.
        let entries = h.exercises.filter { period.contains($0.date) }
        for (s, firstSet) in zip(entries, entries.firstSetNumbers()) where s.ended == .stoppedForPain {
            let name = e.programs.program(on: s.date).exercise(s.exerciseID)?.name ?? s.exerciseID
            events.append(
                Event(
                    date: s.date, kind: .stoppedForPain,
                    text: "\(name)\(s.side.map { " (\($0.rawValue))" } ?? ""), \(s.setsText(firstSet: firstSet))"
                        + (s.painDuring.map { ", pain \($0)" } ?? "")))
        }
        let order: [EventKind] = [
            .programChange, .phaseChange, .override, .redFlag, .stoppedForPain, .correction, .redDay, .pause, .runFlag, .clinicianVisit
        ]
        return events.enumerated().sorted {
            ($0.element.date, order.firstIndex(of: $0.element.kind)!, $0.offset) < (
                $1.element.date, order.firstIndex(of: $1.element.kind)!, $1.offset
            )
        }.map(\.element)
    }

    /// Every check-in and score replaced by a second one for the same day: what each said, what
    /// replaced it, when, and whether the first still counts.
    private static func corrections(_ h: History, _ period: DayRange) -> [Event] {
        var events: [Event] = []
        let checkIns = Dictionary(h.checkIns.map { ($0.date, $0) }, uniquingKeysWith: { a, _ in a })
        for (date, kept) in Dictionary(grouping: h.checkInCorrections, by: \.replaced.date) where period.contains(date) {
            let chain = kept.sorted { $0.correctedAt < $1.correctedAt }
            for (i, k) in chain.enumerated() {
                let by = i + 1 < chain.count ? chain[i + 1].replaced : checkIns[date]
                let lifted = k.replaced.redFlags.filter { !(by?.redFlags.contains($0) ?? false) }
                var text =
                    "check-in saved \(Correction.text(k.recordedAt)) (\(k.replaced.answers)) replaced \(Correction.text(k.correctedAt))"
                    + (by.map { " by \($0.answers)" } ?? "")
                if k.actedOn { text += "; the program had already acted on it, so that morning counts as no better than it said" }
                if !lifted.isEmpty { text += "; \(lifted.joined(separator: ", ")) still stands until a clinician visit" }
                events.append(Event(date: date, kind: .correction, text: text))
            }
        }
        let scores = Dictionary(h.scores.map { ($0.date, $0.score) }, uniquingKeysWith: { a, _ in a })
        for (date, kept) in Dictionary(grouping: h.scoreCorrections, by: \.replaced.date) where period.contains(date) {
            let chain = kept.sorted { $0.correctedAt < $1.correctedAt }
            for (i, k) in chain.enumerated() {
                let by = i + 1 < chain.count ? chain[i + 1].replaced.score : scores[date]
                events.append(
                    Event(
                        date: date, kind: .correction,
                        text: "score \(k.replaced.score) saved \(Correction.text(k.recordedAt))"
                            + " replaced \(Correction.text(k.correctedAt))" + (by.map { " by \($0)" } ?? "")))
            }
        }
        return events
    }
}

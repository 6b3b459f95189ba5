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
        standing = Standing(phase: status.phase, phaseName: inForce.phase(status.phase)?.name ?? "Program complete",
                            phaseStart: status.phaseStart, daysInPhase: status.daysInPhase, criteriaMet: status.criteriaMet,
                            criteriaTotal: status.criteria.count, unmet: status.unmetCriteria.map(\.detail),
                            eligibleToAdvance: status.eligibleToAdvance, pause: status.pause?.reason,
                            runStage: status.phase == .returnToRun ? status.runProgress?.currentStage : nil)
        exercises = inForce.phase(status.phase == .complete ? .returnToRun : status.phase)?.exercises ?? []
        loads = Dictionary(status.plan.items.map { ($0.exercise.id, $0.loadText) }) { first, _ in first }
        adherenceTarget = inForce.phase(status.phase)?.gate.compactMap { c -> Int? in
            if case .adherence(_, let pct) = c { return pct } else { return nil }
        }.first

        phases = Self.phaseSpans(e, period)
        pain = period.map { d in
            let r = e.index[d]
            let during = [r.maxPainDuring, r.maxRunPain].compactMap { $0 }.max()
            return PainDay(date: d, during: during, after: r.maxPainAfter, nextMorning: e.index.nextMorning(after: d)?.morningPain,
                           zone: e.zones[d]?.zone)
        }
        weeks = Self.weeks(e, period, pain)
        totals = Self.totals(e, period, pain)
        let scores = h.scores.sorted { $0.date < $1.date }
        outcome = Outcome(name: inForce.outcome.name, min: inForce.outcome.min, max: inForce.outcome.max,
                          scores: scores.filter { period.contains($0.date) }, before: scores.last { $0.date < period.first })
        tests = Self.tests(e, period)
        events = Self.events(e, period)
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
            result.append(Week(start: start, phase: w.phase,
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
        return Totals(days: period.count, sessionsDone: period.filter { e.countsAsSession($0) }.count,
                      sessionsPlanned: Int(planned.rounded(.up)), green: count(.green), amber: count(.amber), red: count(.red),
                      runMinutes: period.reduce(0) { $0 + e.index[$1].runMinutes })
    }

    private static func tests(_ e: Evaluator, _ period: DayRange) -> [TestAttempt] {
        e.history.tests.filter { period.contains($0.date) }.sorted { ($0.date, $0.id ?? 0) < ($1.date, $1.id ?? 0) }.map { t in
            let program = e.programs.program(on: t.date)
            let spec = program.test(t.testID) ?? e.programs.periods.lazy.compactMap { $0.program.test(t.testID) }.first
            let maxPain = program.phases.flatMap(\.gate).compactMap { c -> Int? in
                if case .tests(let g) = c, g.tests.contains(where: { $0.id == t.testID }) { return g.maxPain } else { return nil }
            }.first ?? program.painZones.runGreenMaxDuring
            let passed = spec.map { t.value >= $0.target && t.pain <= maxPain } ?? false
            return TestAttempt(date: t.date, testID: t.testID, name: spec?.name ?? t.testID, side: t.side, value: t.value,
                               unit: spec?.unit ?? "", target: spec?.target, pain: t.pain, passed: passed)
        }
    }

    private static func events(_ e: Evaluator, _ period: DayRange) -> [Event] {
        let h = e.history
        var events: [Event] = []
        for p in e.programs.periods where period.contains(p.from) {
            let first = p == e.programs.periods[0]
            events.append(Event(date: p.from, kind: .programChange,
                                text: (first ? "Started " : "Switched to ") + "\"\(p.program.name)\" (version \(p.program.version), \(p.source))"))
        }
        for c in h.phaseChanges where period.contains(c.date) {
            let name = e.programs.program(on: c.date).phase(c.phase)?.name ?? "Program complete"
            if let reason = c.override {
                events.append(Event(date: c.date, kind: .override, text: "Advanced to \(name) although the gate was not met: \(reason)"))
            } else {
                events.append(Event(date: c.date, kind: .phaseChange, text: c.phase == .complete ? "Program completed" : "Advanced to \(name), gate met"))
            }
        }
        for c in h.checkIns where period.contains(c.date) {
            for id in c.redFlags {
                let flag = e.programs.program(on: c.date).redFlag(id)
                events.append(Event(date: c.date, kind: .redFlag, text: "\(flag?.level.rawValue ?? "doctor"): \(flag?.question ?? id)"))
            }
        }
        for c in h.clearances where period.contains(c.date) {
            events.append(Event(date: c.date, kind: .clinicianVisit, text: "Clinician seen" + (c.note.map { ": \($0)" } ?? "")))
        }
        // Every red-day pause episode: it lasts until the next clinician visit, and the rule restarts after it.
        for p in e.pauses where p.pause.cause == .redDays && period.contains(p.from) {
            events.append(Event(date: p.from, kind: .pause, text: p.pause.reason))
        }
        for flag in e.runCapFlags(through: period.last) where period.contains(flag.date) {
            events.append(Event(date: flag.date, kind: .runFlag, text: "\(flag.minutes) min run: \(flag.reason)"))
        }
        for d in period {
            if let z = e.zones[d], z.zone == .red { events.append(Event(date: d, kind: .redDay, text: z.reason)) }
        }
        let order: [EventKind] = [.programChange, .phaseChange, .override, .redFlag, .redDay, .pause, .runFlag, .clinicianVisit]
        return events.enumerated().sorted {
            ($0.element.date, order.firstIndex(of: $0.element.kind)!, $0.offset) < ($1.element.date, order.firstIndex(of: $1.element.kind)!, $1.offset)
        }.map(\.element)
    }
}

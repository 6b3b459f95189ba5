/// The engine: a pure function of the program, the history and a day.
///
/// Construct once per history (it indexes the days and judges every zone), then ask for
/// `status(asOf:)` or `week(containing:)` as often as needed.
public struct Evaluator: Sendable {
    /// The program in force on the last day of `programs`.
    public let program: Program
    /// Every program followed, each from the day it was adopted.
    public let programs: ProgramTimeline
    /// The history as recorded.
    public let history: History
    /// The same, with each morning's check-in as the rules judge it (`History.judgedCheckIns`: a
    /// correction never erases a warning, nor what the program acted on). The index is built from it.
    let judged: History
    public let index: DayIndex
    /// The pain-zone rule of `program`; `painRule(on:)` gives the one in force on a given day.
    public let painRule: PainZoneRule
    private let painRules: [PainZoneRule]
    /// Zones of every judged day up to the last day with data, each judged by the program in force that day.
    public let zones: DayZones
    /// Every pause and stop of the history, with the clinician visit that lifted it.
    public let pauses: [PausePeriod]

    public init(program: Program, history: History) {
        self.init(programs: ProgramTimeline(program), history: history)
    }

    public init(programs: ProgramTimeline, history: History) {
        self.programs = programs
        program = programs.current.program
        self.history = history
        var judged = history
        judged.checkIns = history.judgedCheckIns
        self.judged = judged
        index = DayIndex(judged)
        let rules = programs.periods.map { PainZoneRule(program: $0.program, enrolment: history.enrolment) }
        painRules = rules
        painRule = rules[rules.count - 1]
        var zones = DayZones()
        if let first = index.firstDay, let last = index.lastDay {
            // A check-in on day d reports on d - 1, so start one day early; but days before the
            // program started (a check-in on the first morning) are not the program's to judge.
            let judgedFrom = max(first - 1, history.enrolment.start)
            zones = DayZones(from: judgedFrom, through: last)
            for day in DayRange(judgedFrom, last) {
                let rule = rules.count == 1 ? rules[0] : rules[programs.periodIndex(on: day)]
                if let z = rule.zone(of: day, in: index) { zones[day] = z }
            }
        }
        self.zones = zones
        pauses = PauseRule.periods(programs, judged, index: index, zones: zones, through: index.lastDay ?? history.enrolment.start)
    }

    /// The same judged days, seen from an earlier program period (for a status on a day before a switch).
    private init(_ base: Evaluator, through period: Int) {
        programs = base.programs.prefix(through: period)
        program = programs.current.program
        history = base.history
        judged = base.judged
        index = base.index
        painRules = Array(base.painRules[...period])
        painRule = painRules[period]
        zones = base.zones
        // Each day's pause was judged by the program in force on it: the same seen from any period.
        pauses = base.pauses
    }

    /// The pause or stop in force on `day`, if any: while it holds nothing progresses.
    public func pause(on day: Day) -> Pause? { pauses.pause(on: day) }

    /// The week ending on `day` when its morning pain rose against the week before, by the program
    /// in force that day: loads are held and no gate opens.
    public func risingWeek(endingOn day: Day) -> RisingWeek? {
        programs.program(on: day).weekToWeek.flatMap { WeekTrendRule.risingWeek(ending: day, $0, in: index) }
    }

    /// The pain-zone rule of the program in force on `day`.
    public func painRule(on day: Day) -> PainZoneRule {
        painRules.count == 1 ? painRule : painRules[programs.periodIndex(on: day)]
    }

    // MARK: Phase

    /// The phase in force on `asOf` and the day it began.
    public func phase(asOf: Day) -> (id: PhaseID, start: Day) {
        var current = (id: PhaseID.activation, start: history.enrolment.start)
        for change in history.phaseChanges where change.date <= asOf {
            current = (change.phase, change.date)
        }
        return current
    }

    // MARK: Status

    public func status(asOf: Day) -> Status {
        let period = programs.periodIndex(on: asOf)
        if period != programs.periods.count - 1 { return Evaluator(self, through: period).status(asOf: asOf) }
        let (phaseID, start) = phase(asOf: asOf)
        let daysInPhase = asOf - start + 1
        let flags = PauseRule.activeRedFlags(programs, judged, asOf: asOf)
        let pause = self.pause(on: asOf)

        var criteria: [CriterionResult] = []
        var required: [RequiredTest] = []
        var runProgress: RunProgress?
        if phaseID == .returnToRun || phaseID == .complete {
            let rtrStart = history.phaseChanges.last { $0.phase == .returnToRun && $0.date <= asOf }?.date ?? start
            runProgress = ReturnToRunRule.progress(program.returnToRun, evaluator: self, from: rtrStart, asOf: asOf)
        }
        if let phase = program.phase(phaseID) {
            let gate = GateEvaluation(program: program, evaluator: self, phase: phase, start: start, asOf: asOf, runProgress: runProgress)
            criteria = gate.results()
            required = gate.requiredTests
        }

        let recent = DayRange(ending: asOf, count: 14).map { ZoneDay(date: $0, zone: zones[$0]?.zone, reason: zones[$0]?.reason) }
        let lastScore = history.scores.filter { $0.date <= asOf }.map(\.date).max()
        // Due every few weeks, and when the gate waits only for a score.
        let outcomeDue =
            (lastScore.map { asOf - $0 >= program.outcome.everyDays } ?? true)
            || criteria.contains { $0.id == "outcome-score" && !$0.met }
        let plan = PlanBuilder(evaluator: self, phase: phaseID, asOf: asOf, pause: pause, runProgress: runProgress).plan()
        return Status(
            asOf: asOf, phase: phaseID, phaseStart: start, daysInPhase: daysInPhase, criteria: criteria,
            requiredTests: required, pause: pause, redFlags: flags, recentZones: recent,
            runProgress: runProgress, outcomeDue: outcomeDue, plan: plan,
            overrides: history.phaseChanges.filter { $0.override != nil && $0.date >= start && $0.date <= asOf },
            clinicianVisits: history.clearances.filter { $0.date >= start && $0.date <= asOf },
            runFlags: runCapFlags(through: asOf), risingWeek: risingWeek(endingOn: asOf))
    }

    /// The latest judged day on or before `day`.
    func latestZone(onOrBefore day: Day, notBefore floor: Day) -> (Day, DayZone)? {
        var d = day
        while d >= floor {
            if let z = zones[d] { return (d, z) }
            d = d - 1
        }
        return nil
    }
}

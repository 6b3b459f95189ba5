/// The engine: a pure function of the program, the history and a day.
///
/// Construct once per history (it indexes the days and judges every zone), then ask for
/// `status(asOf:)` or `week(containing:)` as often as needed.
public struct Evaluator: Sendable {
    public let program: Program
    public let history: History
    public let index: DayIndex
    public let painRule: PainZoneRule
    /// Zones of every judged day up to the last day with data.
    public let zones: [Day: DayZone]

    public init(program: Program, history: History) {
        self.program = program
        self.history = history
        index = DayIndex(history)
        painRule = PainZoneRule(program: program, enrolment: history.enrolment)
        var zones: [Day: DayZone] = [:]
        if let first = index.firstDay, let last = index.lastDay {
            // A check-in on day d reports on d - 1, so start one day early.
            for day in DayRange(first - 1, last) {
                if let z = painRule.zone(of: day, in: index) { zones[day] = z }
            }
        }
        self.zones = zones
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
        let (phaseID, start) = phase(asOf: asOf)
        let daysInPhase = asOf - start + 1
        let flags = PauseRule.activeRedFlags(program, history, asOf: asOf)
        let cleared = PauseRule.lastClearance(history, asOf: asOf)
        let pauseFrom = max(history.enrolment.start - 1, cleared.map { $0 + 1 } ?? history.enrolment.start - 1)
        var pause = PauseRule.redDayPause(program.pause, zones: zones, from: pauseFrom, asOf: asOf)
        if let worst = flags.min(by: { severity($0.level) > severity($1.level) }) {
            pause = Pause(cause: .redFlag, since: worst.date,
                          reason: "\(worst.question) \(worst.advice) Record the visit with clear-flags when a clinician has seen you.",
                          stopsExercise: worst.level != .clinician)
        }

        var criteria: [CriterionResult] = []
        var required: [RequiredTest] = []
        var runProgress: RunProgress?
        if phaseID == .returnToRun || phaseID == .complete {
            let rtrStart = history.phaseChanges.last { $0.phase == .returnToRun && $0.date <= asOf }?.date ?? start
            runProgress = ReturnToRunRule.progress(program.returnToRun, runs: history.runs, zones: zones, from: rtrStart, asOf: asOf)
        }
        if let phase = program.phase(phaseID) {
            let gate = GateEvaluation(program: program, evaluator: self, phase: phase, start: start, asOf: asOf, runProgress: runProgress)
            criteria = gate.results()
            required = gate.requiredTests
        }

        let recent = DayRange(ending: asOf, count: 14).map { ZoneDay(date: $0, zone: zones[$0]?.zone, reason: zones[$0]?.reason) }
        let lastScore = history.scores.filter { $0.date <= asOf }.map(\.date).max()
        let outcomeDue = lastScore.map { asOf - $0 >= program.outcome.everyDays } ?? true
        let plan = PlanBuilder(evaluator: self, phase: phaseID, asOf: asOf, pause: pause, runProgress: runProgress).plan()
        return Status(asOf: asOf, phase: phaseID, phaseStart: start, daysInPhase: daysInPhase, criteria: criteria,
                      requiredTests: required, pause: pause, redFlags: flags, recentZones: recent,
                      runProgress: runProgress, outcomeDue: outcomeDue, plan: plan)
    }

    private func severity(_ level: RedFlagLevel) -> Int {
        switch level { case .urgent: return 3; case .doctor: return 2; case .clinician: return 1 }
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

/// What one run did for the ladder, and why.
/// The command line's --json encodes it as it is: its property names are keys scripts read.
public struct RunVerdict: Sendable, Equatable, Codable {
    public enum Outcome: String, Codable, Sendable {
        /// Counted towards its stage.
        case credited
        /// Would count, but the next morning's check-in is not in yet.
        case pending
        /// Recorded, but earns nothing (`reason` says why).
        case notCounted = "not-counted"
        /// A red day: back one stage.
        case steppedBack = "stepped-back"
        /// After the ladder (program complete): a run within the maintenance caps. It earns nothing.
        case maintenance
        /// After the ladder: a run over a maintenance cap, recorded and flagged (`reason` says which).
        case flagged
    }
    public let date: Day
    public let stage: Int
    public let minutes: Int
    public let outcome: Outcome
    /// Why, kept as the figures: every run of years is replayed and few verdicts are shown.
    let cause: RunCause
    /// "ran the day after the run on 2026-05-02: runs need 1 rest day between them"
    public var reason: String { cause.words }

    init(date: Day, stage: Int, minutes: Int, outcome: Outcome, cause: RunCause) {
        self.date = date; self.stage = stage; self.minutes = minutes; self.outcome = outcome; self.cause = cause
    }

    private enum Keys: String, CodingKey { case date, stage, minutes, outcome, reason }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        self.init(
            date: try c.decode(Day.self, forKey: .date), stage: try c.decode(Int.self, forKey: .stage),
            minutes: try c.decode(Int.self, forKey: .minutes), outcome: try c.decode(Outcome.self, forKey: .outcome),
            cause: .worded(try c.decode(String.self, forKey: .reason)))
    }
}

/// What a run earned and why, with the figures its words need.
enum RunCause: Sendable, Equatable {
    case redDay(DayZone, backTo: Int)
    case flagged(cap: String)
    case maintenance
    case paused(headline: String)
    case tooSoon(gap: Int, after: Day, restDays: Int)
    case notCurrentStage(Int, current: Int)
    case tooShort(minutes: Int, stage: RunStage)
    case pending
    case dayNotGreen(DayZone)
    case credited(green: Int, of: Int, stage: Int)
    /// Words read back from JSON.
    case worded(String)

    var words: String {
        switch self {
        case .redDay(let zone, let stage): "a red day (\(zone.reason)): back to stage \(stage)"
        case .flagged(let cap): "recorded and flagged, over a maintenance cap: \(cap)"
        case .maintenance: "a maintenance run within the caps; the ladder is complete"
        case .paused(let headline): "the program was \(headline.lowercased()) that day, so nothing progresses"
        case .tooSoon(let gap, let previous, let restDays):
            (gap == 0 ? "a second run on the same day" : "it came \(counted(gap, "day")) after the run on \(previous.iso)")
                + ": runs need \(counted(restDays, "rest day")) between them"
        case .notCurrentStage(let stage, let current): "stage \(stage) is not your current stage (\(current))"
        case .tooShort(let minutes, let stage):
            "\(minutes) min is shorter than stage \(stage.stage)'s \(stage.totalMinutes) min (\(stage.description))"
        case .pending: "waiting for the next-morning check-in"
        case .dayNotGreen(let zone): "the day was \(zone.zone.rawValue): \(zone.reason)"
        case .credited(let green, let needed, let stage): "green run \(green) of \(needed) at stage \(stage)"
        case .worded(let words): words
        }
    }
}

/// Where the patient stands on the walk-run ladder, replayed from the runs of the return-to-run phase.
public struct RunProgress: Sendable, Equatable, Codable {
    /// The stage the next run should be.
    public var currentStage: Int = 1
    /// Green runs credited at each stage since the patient last reached it, by stage number (a
    /// handful of stages: an array, not a hash table).
    private var greenRuns: [Int] = []
    public var lastRunDay: Day?
    /// Each run of the phase, in order, with what it earned.
    public var verdicts: [RunVerdict] = []

    public func greens(at stage: Int) -> Int { greenRuns.indices.contains(stage) ? greenRuns[stage] : 0 }

    fileprivate mutating func setGreens(_ count: Int, at stage: Int) {
        if greenRuns.count <= stage { greenRuns += repeatElement(0, count: stage + 1 - greenRuns.count) }
        greenRuns[stage] = count
    }
    /// Runs waiting for their next-morning check-in.
    public var pending: [RunVerdict] { verdicts.filter { $0.outcome == .pending } }
    /// Runs that did not count, with why.
    public var notes: [String] { verdicts.filter { $0.outcome == .notCounted }.map { "The run on \($0.date.iso) did not count: \($0.reason)." } }
}

public enum ReturnToRunRule {
    /// Replays the ladder. A run earns credit only at the current stage, when it lasts the stage's
    /// total minutes, follows the rest days (counted from the last run of any kind), falls on no
    /// paused day and its day is green once the next morning is reported. A red day steps back.
    /// Runs from the day the program was completed on are judged against the maintenance caps.
    public static func progress(_ rules: ReturnToRunRules, evaluator e: Evaluator, from start: Day, asOf: Day) -> RunProgress {
        var p = RunProgress()
        let completed = e.history.phaseChanges.last { $0.phase == .complete && $0.date >= start && $0.date <= asOf }?.date
        let maintenance = completed.map { MaintenanceRule(rules, runs: e.history.runs, from: $0, asOf: asOf) }
        let ordered = e.history.runs.filter { $0.date >= start && $0.date <= asOf }.sorted { ($0.date, $0.id ?? 0) < ($1.date, $1.id ?? 0) }
        for run in ordered {
            let previous = p.lastRunDay
            p.lastRunDay = run.date
            func verdict(_ outcome: RunVerdict.Outcome, _ cause: RunCause) {
                p.verdicts.append(RunVerdict(date: run.date, stage: run.stage, minutes: run.minutes, outcome: outcome, cause: cause))
            }
            let zone = e.zones[run.date]
            if zone?.zone == .red {
                p.currentStage = max(1, p.currentStage - 1)
                p.setGreens(0, at: p.currentStage)
                verdict(.steppedBack, .redDay(zone!, backTo: p.currentStage))
                continue
            }
            if let completed, let maintenance, run.date >= completed {
                // The ladder is done: never "credited" or "run 3 of 2" (CLINICAL-RULES, return-to-run stages).
                if let flag = maintenance.flags.first(where: { $0.date == run.date && $0.minutes == run.minutes }) {
                    verdict(.flagged, .flagged(cap: flag.reason))
                } else {
                    verdict(.maintenance, .maintenance)
                }
                continue
            }
            if let pause = e.pause(on: run.date) {
                verdict(.notCounted, .paused(headline: pause.headline))
            } else if let previous, run.date - previous <= rules.restDaysBetweenRuns {
                verdict(.notCounted, .tooSoon(gap: run.date - previous, after: previous, restDays: rules.restDaysBetweenRuns))
            } else if run.stage != p.currentStage {
                verdict(.notCounted, .notCurrentStage(run.stage, current: p.currentStage))
            } else if let stage = rules.stage(run.stage), run.minutes < stage.totalMinutes {
                verdict(.notCounted, .tooShort(minutes: run.minutes, stage: stage))
            } else if e.index.nextMorning(after: run.date) == nil {
                verdict(.pending, .pending)
            } else if let zone, zone.zone != .green {
                verdict(.notCounted, .dayNotGreen(zone))
            } else {
                p.setGreens(p.greens(at: run.stage) + 1, at: run.stage)
                verdict(.credited, .credited(green: p.greens(at: run.stage), of: rules.greenRunsPerStage, stage: run.stage))
                if p.greens(at: run.stage) >= rules.greenRunsPerStage, p.currentStage < rules.lastStage {
                    p.currentStage += 1
                    p.setGreens(0, at: p.currentStage)
                }
            }
        }
        return p
    }
}

/// A run after the ladder that broke a cap: recorded, flagged, and never the base of a later cap.
/// The command line's --json encodes it as it is: its property names are keys scripts read.
public struct RunCapFlag: Sendable, Equatable, Codable {
    public let date: Day
    public let minutes: Int
    public let reason: String
}

/// The caps after the last stage, for the next run on a day.
public struct MaintenanceCaps: Sendable, Equatable {
    /// The longest single run allowed.
    public let runMinutes: Int
    /// This week's running cap; nil when no earlier week with runs kept to its caps.
    public let weekMinutes: Int?
    /// Minutes already run this week (flagged runs included: the legs ran them).
    public let weekSoFar: Int
    /// What the next run may last: the single-run cap, or what is left of the week.
    public var nextRunMinutes: Int { weekMinutes.map { min(runMinutes, max(0, $0 - weekSoFar)) } ?? runMinutes }
}

/// Maintenance after the ladder: no single run more than `maxRunIncreasePercent` over the longest
/// run of the window, and no week more than `maxWeeklyIncreasePercent` over the last earlier week
/// with runs that kept to its caps. Runs that break a cap are flagged and raise no later cap.
public struct MaintenanceRule: Sendable {
    public let rules: ReturnToRunRules
    /// Every run, in order; only those from `from` on are judged against the caps.
    private let runs: [RunEntry]
    private let from: Day
    /// Indexes in `runs` of the flagged runs, and the weeks (their Mondays) that broke a cap.
    private var flaggedRuns: Set<Int> = []
    private var brokenWeeks: Set<Day> = []
    /// Minutes run in each week (by its Monday), added up in order as the runs are judged, so
    /// each run is judged in one pass whatever the length of the history.
    private var weekMinutes: [Day: Int] = [:]
    public private(set) var flags: [RunCapFlag] = []

    /// Judges every run up to `asOf`; `caps(on:)` then gives the caps for a next run on `asOf`.
    public init(_ rules: ReturnToRunRules, runs: [RunEntry], from: Day, asOf: Day) {
        self.rules = rules
        self.runs = runs.filter { $0.date <= asOf }.sorted { ($0.date, $0.id ?? 0) < ($1.date, $1.id ?? 0) }
        self.from = from
        for i in self.runs.indices {
            let run = self.runs[i]
            defer { weekMinutes[run.date.weekStart, default: 0] += run.minutes }
            guard run.date >= from else { continue }
            let caps = caps(on: run.date, before: i)
            var broken: [String] = []
            if run.minutes > caps.runMinutes {
                broken.append(
                    "longer than the \(caps.runMinutes) min cap for one run (\(rules.maxRunIncreasePercent) % over your longest run of the past \(rules.longestRunWindowDays) days)"
                )
            }
            if let week = caps.weekMinutes, caps.weekSoFar + run.minutes > week {
                broken.append(
                    "takes this week to \(caps.weekSoFar + run.minutes) min, over its \(week) min cap (\(rules.maxWeeklyIncreasePercent) % over your last week with runs)"
                )
            }
            if !broken.isEmpty {
                flaggedRuns.insert(i)
                brokenWeeks.insert(run.date.weekStart)
                flags.append(RunCapFlag(date: run.date, minutes: run.minutes, reason: broken.joined(separator: ", and ")))
            }
        }
    }

    /// The caps for a run on `day`, counting the runs before it (all of them when `index` is nil,
    /// for a next run on the last day judged).
    public func caps(on day: Day, before index: Int? = nil) -> MaintenanceCaps {
        // The longest run of the window that broke no cap: the runs are in day order, so look back.
        let windowStart = day - rules.longestRunWindowDays
        var longest: Int?
        var i = (index ?? runs.count) - 1
        while i >= 0 && runs[i].date >= windowStart {
            if runs[i].date < day && !flaggedRuns.contains(i) { longest = max(longest ?? 0, runs[i].minutes) }
            i -= 1
        }
        let week = day.weekStart
        let weekSoFar = weekMinutes[week] ?? 0
        // The base: the last earlier week with runs that broke no cap; weeks without runs are skipped.
        var base: Int?
        var monday = week - 7
        let firstWeek = runs.first?.date.weekStart ?? week
        while base == nil && monday >= firstWeek {
            if let minutes = weekMinutes[monday], minutes > 0, !brokenWeeks.contains(monday) { base = minutes }
            monday = monday - 7
        }
        let longestMinutes = longest ?? rules.stages.last?.totalRunMinutes ?? 0
        return MaintenanceCaps(
            runMinutes: longestMinutes * (100 + rules.maxRunIncreasePercent) / 100,
            weekMinutes: base.map { $0 * (100 + rules.maxWeeklyIncreasePercent) / 100 },
            weekSoFar: weekSoFar)
    }
}

/// Where the patient stands on the walk-run ladder, replayed from the runs of the return-to-run phase.
public struct RunProgress: Sendable, Equatable, Codable {
    /// The stage the next run should be.
    public var currentStage: Int = 1
    /// Green runs credited at each stage since the patient last reached it.
    public var greenRuns: [Int: Int] = [:]
    public var lastRunDay: Day?
    /// Runs that did not count, with why ("ran two days in a row").
    public var notes: [String] = []

    public func greens(at stage: Int) -> Int { greenRuns[stage] ?? 0 }
}

public enum ReturnToRunRule {
    public static func progress(_ rules: ReturnToRunRules, runs: [RunEntry], zones: [Day: DayZone], from start: Day, asOf: Day) -> RunProgress {
        var p = RunProgress()
        let ordered = runs.filter { $0.date >= start && $0.date <= asOf }.sorted { ($0.date, $0.id ?? 0) < ($1.date, $1.id ?? 0) }
        var lastCredited: Day?
        for run in ordered {
            defer { p.lastRunDay = run.date }
            let zone = zones[run.date]?.zone ?? .green
            if zone == .red {
                p.currentStage = max(1, p.currentStage - 1)
                p.greenRuns[p.currentStage] = 0
                lastCredited = run.date
                continue
            }
            if let last = lastCredited, run.date - last <= rules.restDaysBetweenRuns {
                p.notes.append("The run on \(run.date.iso) did not count: runs need \(rules.restDaysBetweenRuns) rest day(s) between them.")
                continue
            }
            lastCredited = run.date
            guard zone == .green, run.stage == p.currentStage else { continue }
            p.greenRuns[run.stage, default: 0] += 1
            if p.greens(at: run.stage) >= rules.greenRunsPerStage, p.currentStage < rules.lastStage {
                p.currentStage += 1
                p.greenRuns[p.currentStage] = 0
            }
        }
        return p
    }

    /// After the ladder: the longest single run allowed next, and this week's running-minute cap.
    public static func maintenanceCaps(_ rules: ReturnToRunRules, runs: [RunEntry], asOf: Day) -> (runMinutes: Int, weekMinutes: Int?) {
        let window = DayRange(ending: asOf - 1, count: rules.longestRunWindowDays)
        let longest = runs.filter { window.contains($0.date) }.map(\.minutes).max()
            ?? rules.stages.last.map { $0.totalRunMinutes } ?? 0
        let runCap = longest * (100 + rules.maxRunIncreasePercent) / 100
        let lastWeek = DayRange(asOf.weekStart - 7, asOf.weekStart - 1)
        let lastWeekMinutes = runs.filter { lastWeek.contains($0.date) }.reduce(0) { $0 + $1.minutes }
        let weekCap = lastWeekMinutes > 0 ? lastWeekMinutes * (100 + rules.maxWeeklyIncreasePercent) / 100 : nil
        return (runCap, weekCap)
    }
}

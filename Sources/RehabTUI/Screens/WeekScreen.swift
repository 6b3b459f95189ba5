import RehabCore
import Terminal

/// Weekly progress: adherence per day, pain during / after / next morning, the trend since the
/// start, volume, outcome score and the gate checklist.
enum WeekScreen {
    static func render(_ s: Snapshot, weekOffset: Int, in area: Rect, _ grid: inout CellGrid) {
        let day = s.today + weekOffset * 7
        let week = s.evaluator.week(containing: day, asOf: s.today)
        let g = grid.glyphs
        let x = area.x + 1, w = area.width - 2
        var rows = Rows(Rect(x: x, y: area.y + 1, width: w, height: area.height - 1))
        var y = rows.next()
        let phase = week.phase == .complete ? "complete" : s.program.phase(week.phase)?.name ?? ""
        grid.putTruncated("Week of \(week.weekStart.iso) · \(phase)", x: x, y: y, width: w, style: .bold)
        let nav = weekOffset == 0 ? "this week" : "\(-weekOffset) wk ago"
        if w > 50 { grid.put("← \(nav) →".replacingOccurrences(of: "←", with: g.ascii ? "<" : "←").replacingOccurrences(of: "→", with: g.ascii ? ">" : "→"), x: x + w - 20, y: y, style: .dim) }
        y = rows.next()
        let sessions = week.sessions.done > week.sessions.planned ? "\(week.sessionsDone) sessions (\(week.sessionsPlanned) planned)"
            : "Sessions \(week.sessionsDone) of \(week.sessionsPlanned)"
        var facts = "\(sessions) (\(week.adherencePercent)%) · volume \(week.volume)"
        if week.runMinutes > 0 { facts += " · run \(week.runMinutes) min" }
        if let score = week.outcomeScore { facts += " · \(s.program.outcome.name) \(score.score)" }
        grid.putTruncated(facts, x: x, y: y, width: w)
        // A blank row under the facts when the chart cannot be tall anyway.
        if area.height < 20 { rows.skip() }
        y = rows.next()

        // Day columns: label column then 4 cells a day ("DAM " = during, after, morning).
        let labelWidth = 8
        for (i, d) in week.days.enumerated() {
            grid.put(String(d.date.weekdayName.prefix(3)), x: x + labelWidth + i * 4, y: y, style: d.date == s.today ? .title : .dim)
        }
        y = rows.next()
        grid.put("Done", x: x, y: y, style: .dim)
        for (i, d) in week.days.enumerated() {
            let future = d.date > s.today || d.date < s.history.enrolment.start
            grid.put(String(future ? " " : d.sessionDone ? g.done : g.notDone), x: x + labelWidth + i * 4 + 1, y: y, style: d.sessionDone ? .green : .dim)
        }
        y = rows.next()
        grid.put("Zone", x: x, y: y, style: .dim)
        for (i, d) in week.days.enumerated() where d.date <= s.today && d.date >= s.history.enrolment.start {
            let (c, style) = Chrome.mark(d.zone, ascii: g.ascii)
            grid[x + labelWidth + i * 4 + 1, y] = Cell(c, style)
        }

        // Pain bars: height scales 0-10 into the rows available.
        let reserved = 4 + min(s.status.criteria.count, 6)
        let chartHeight = max(2, min(5, rows.remaining - reserved))
        y = rows.y
        let shapes: [(Character, Style)] = g.ascii ? [("#", .accent), ("=", .amber), (":", .bold)] : [("█", .accent), ("▒", .amber), ("░", .bold)]
        for row in 0..<chartHeight {
            let level = chartHeight - row
            if row == 0 { grid.put("Pain 10", x: x, y: y + row, style: .dim) }
            if row == chartHeight - 1 { grid.put("     0", x: x, y: y + row, style: .dim) }
            for (i, d) in week.days.enumerated() where d.date >= s.history.enrolment.start {
                let values = [d.painDuring, d.painAfter, d.nextMorningPain]
                // An "after" not given is missing, not 0: marked on the baseline.
                if row == chartHeight - 1, d.volume > 0, d.painAfter == nil { grid[x + labelWidth + i * 4 + 1, y + row] = Cell("?", .dim) }
                for (k, value) in values.enumerated() {
                    guard let value, value > 0 else { continue }
                    let cells = max(1, Int((Double(value) * Double(chartHeight) / 10).rounded()))
                    if cells >= level { grid[x + labelWidth + i * 4 + k, y + row] = Cell(shapes[k].0, shapes[k].1) }
                }
            }
        }
        rows.skip(chartHeight)
        y = rows.next()
        let missing = week.days.contains { $0.volume > 0 && $0.painAfter == nil } ? "  ? after not given" : ""
        grid.putTruncated("\(shapes[0].0) during  \(shapes[1].0) after  \(shapes[2].0) next morning\(missing)", x: x + labelWidth, y: y, width: w - labelWidth, style: .dim)

        if let rising = week.risingWeek, let y = rows.take()?.y {
            grid.putTruncated("Loads held: \(rising.reason)", x: x, y: y, width: w, style: .amber)
        }

        // Trend since the start: weekly mean pain after exercise, one mark a week.
        if let y = rows.take()?.y {
            let trend = s.weeklyPainAfter
            let room = max(1, w - labelWidth - 12)
            let shown = trend.suffix(room)
            var tx = grid.put("Trend", x: x, y: y, style: .dim)
            tx = x + labelWidth
            for mean in shown {
                guard let mean else { grid[tx, y] = Cell(g.dot, .dim); tx += 1; continue }
                let level = min(7, max(0, Int((mean / 10 * 7).rounded())))
                grid[tx, y] = Cell(g.levels[level], Chrome.mark(s.program.painZones.zone(ofMean: mean), ascii: g.ascii).1)
                tx += 1
            }
            grid.put(" \(trend.count) wk", x: tx, y: y, style: .dim)
            rows.skip()
        }

        // The gate of the current phase, judged today.
        if let y = rows.take()?.y {
            grid.putTruncated("Gate (\(s.status.criteriaMet)/\(s.status.criteria.count) met)", x: x, y: y, width: w, style: .title)
            for c in s.status.criteria {
                guard let y = rows.take()?.y else { break }
                let box = c.met ? "[\(g.done)]" : "[ ]"
                grid.putTruncated("\(box) \(c.detail)", x: x, y: y, width: w, style: c.met ? .green : .normal)
            }
        }
    }
}

extension Snapshot {
    /// Mean pain after exercise per week since enrolment (nil for a week with none logged).
    public var weeklyPainAfter: [Double?] { evaluator.weeklyPainAfter(asOf: today) }
}

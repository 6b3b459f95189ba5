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
        if w > 50 {
            grid.put(
                "← \(nav) →".replacingOccurrences(of: "←", with: g.ascii ? "<" : "←").replacingOccurrences(of: "→", with: g.ascii ? ">" : "→"),
                x: x + w - 20, y: y, style: .dim)
        }
        y = rows.next()
        let sessions =
            week.sessions.done > week.sessions.planned
            ? "\(week.sessionsDone) sessions (\(week.sessionsPlanned) planned)"
            : "Sessions \(week.sessionsDone) of \(week.sessionsPlanned)"
        // Repetitions, time held and time run each in their own unit: they do not add up.
        var facts = "\(sessions) (\(week.adherencePercent)%) · \(week.work.text)"
        if let score = week.outcomeScore { facts += " · \(s.program.outcome.name) \(score.score)" }
        // Whole, on a second row where it does not fit on one.
        for (i, line) in facts.wrapped(width: w).enumerated() {
            if i > 0 { y = rows.next() }
            grid.put(line, x: x, y: y)
        }
        y = rows.next()

        // Day columns: label column then 4 cells a day ("DAM " = during, after, morning).
        let labelWidth = 8
        func column(_ i: Int) -> Int { x + labelWidth + i * 4 }
        for (i, d) in week.days.enumerated() {
            grid.put(String(d.date.weekdayName.prefix(3)), x: column(i), y: y, style: d.date == s.today ? .title : .dim)
        }
        y = rows.next()
        grid.put("Done", x: x, y: y, style: .dim)
        let lived = week.days.filter { $0.date <= s.today && $0.date >= s.history.enrolment.start }
        for (i, d) in week.days.enumerated() {
            let future = d.date > s.today || d.date < s.history.enrolment.start
            grid.put(String(future ? " " : d.sessionDone ? g.done : g.notDone), x: column(i) + 1, y: y, style: d.sessionDone ? .green : .dim)
        }
        y = rows.next()
        grid.put("Zone", x: x, y: y, style: .dim)
        for (i, d) in week.days.enumerated() where lived.contains(d) {
            let (c, style) = Chrome.mark(d.zone, ascii: g.ascii)
            grid[column(i) + 1, y] = Cell(c, style)
        }

        let gate =
            weekOffset == 0
            ? WeekGate(asOf: s.today, phase: s.status.phase, criteria: s.status.criteria)
            : s.evaluator.gate(endOf: week, asOf: s.today)
        // The chart takes the rows the numbers, the trend and the gate leave.
        let shapes: [(Character, Style)] = g.ascii ? [("#", .accent), ("=", .amber), (":", .bold)] : [("█", .accent), ("▒", .amber), ("░", .bold)]
        // Each criterion whole, wrapped under its box: a patient reads why a line is not ticked.
        let gateLines: [(String, Style)] = gate.criteria.flatMap { c in
            let box = c.met ? "[\(g.done)] " : "[ ] "
            return c.detail.wrapped(width: w - box.count).enumerated().map { i, line in
                ((i == 0 ? box : String(repeating: " ", count: box.count)) + line, c.met ? Style.green : .normal)
            }
        }
        let below = 3 + 1 + 1 + 1 + gateLines.count
        let chartHeight = min(20, rows.remaining - below)
        // Under 5 rows a row would stand for values as far apart as 2 and 6 under one label: the
        // numbers below say it better alone.
        if chartHeight >= 5 {
            drawPainBars(week.days, lived: lived, shapes: shapes, height: chartHeight, top: rows.y, x: x, column: column, &grid)
            rows.skip(chartHeight)
        }

        // The values themselves, one row per kind, each under its day: a chart alone makes 1 and 2 look alike.
        let kinds: [(String, KeyPath<WeekDay, Int?>)] = [("during", \.painDuring), ("after", \.painAfter), ("morning", \.nextMorningPain)]
        for (k, kind) in kinds.enumerated() {
            guard let y = rows.take()?.y else { break }
            grid.put(String(shapes[k].0), x: x, y: y, style: shapes[k].1)
            grid.put(kind.0, x: x + 2, y: y, style: .dim)
            for (i, d) in week.days.enumerated() where lived.contains(d) {
                // An "after" not given is missing, not 0.
                let text = d[keyPath: kind.1].map(String.init) ?? (k == 1 && d.volume > 0 ? "?" : "")
                grid.put(text, x: column(i) + 3 - text.count, y: y, style: text == "?" ? .dim : .normal)
            }
        }

        if let rising = week.risingWeek {
            for line in "Loads held: \(rising.reason)".wrapped(width: w) {
                guard let y = rows.take()?.y else { break }
                grid.put(line, x: x, y: y, style: .amber)
            }
        }

        // Trend since the start: weekly mean pain after exercise, one mark a week.
        if let y = rows.take()?.y {
            let trend = s.weeklyPainAfter
            let label = " mean pain after exercise, week by week (\(counted(trend.count, "week")))"
            let room = max(1, w - labelWidth - label.count)
            let shown = trend.suffix(room)
            grid.put("Trend", x: x, y: y, style: .dim)
            var tx = x + labelWidth
            for mean in shown {
                guard let mean else { grid[tx, y] = Cell(g.dot, .dim); tx += 1; continue }
                let level = min(7, max(0, Int((mean / 10 * 7).rounded())))
                grid[tx, y] = Cell(g.levels[level], Chrome.mark(s.program.painZones.zone(ofMean: mean), ascii: g.ascii).1)
                tx += 1
            }
            grid.putTruncated(label, x: tx, y: y, width: x + w - tx, style: .dim)
            rows.skip()
        }

        // The gate of the phase as it stood at the end of the week shown (today for this week).
        if let y = rows.take()?.y {
            let when = gate.asOf == s.today ? "today" : "on \(gate.asOf.weekdayName.prefix(3)) \(gate.asOf.iso)"
            grid.putTruncated("Gate \(when) (\(gate.criteriaMet)/\(gate.criteria.count) met)", x: x, y: y, width: w, style: .title)
            // Where the screen cannot hold every line, the last row says where the whole gate is.
            let room = rows.remaining
            let shown = gateLines.count <= room ? gateLines : Array(gateLines.prefix(max(0, room - 1)))
            for (line, style) in shown {
                guard let y = rows.take()?.y else { break }
                grid.put(line, x: x, y: y, style: style)
            }
            if shown.count < gateLines.count, let y = rows.take()?.y {
                grid.putTruncated("more: g shows the whole gate", x: x, y: y, width: w, style: .accent)
            }
        }
    }

    /// Pain bars, 0-10 scaled into `height` rows, with the scale's numbers on the left: the row
    /// where a bar of 2, 4, 6, 8 or 10 ends is labelled with it.
    private static func drawPainBars(
        _ days: [WeekDay], lived: [WeekDay], shapes: [(Character, Style)], height: Int, top: Int,
        x: Int, column: (Int) -> Int, _ grid: inout CellGrid
    ) {
        func cells(_ value: Int) -> Int { max(1, Int((Double(value) * Double(height) / 10).rounded())) }
        for value in stride(from: 2, through: 10, by: 2) {
            let row = top + height - cells(value)
            let label = value == 10 ? "Pain 10" : String(value)
            grid.put(String(repeating: " ", count: 7), x: x, y: row)
            grid.put(label, x: x + 7 - label.count, y: row, style: .dim)
        }
        for row in 0..<height {
            let level = height - row
            for (i, d) in days.enumerated() where lived.contains(d) {
                for (k, value) in [d.painDuring, d.painAfter, d.nextMorningPain].enumerated() {
                    guard let value, value > 0, cells(value) >= level else { continue }
                    grid[column(i) + k, top + row] = Cell(shapes[k].0, shapes[k].1)
                }
            }
        }
    }
}

extension Snapshot {
    /// Mean pain after exercise per week since enrolment (nil for a week with none logged).
    public var weeklyPainAfter: [Double?] { evaluator.weeklyPainAfter(asOf: today) }
}

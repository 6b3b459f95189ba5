import RehabCore
import Terminal

/// What Week shows, each section on its rows of the area: computed by `WeekScreen.frame`, then
/// drawn, so what a small terminal drops is decided in one place.
struct WeekFrame: Equatable {
    /// A mark of the trend: a level of 0-7 in the colour of the week's zone; nil for a week with none.
    struct TrendMark: Equatable {
        var level: Int
        var zone: Zone
    }

    /// The rows of the pain bars.
    struct Chart: Equatable {
        var top: Int
        var height: Int
    }

    /// The weekly means of pain after exercise that fit, and what they are.
    struct Trend: Equatable {
        var y: Int
        var marks: [TrendMark?]
        var label: String
    }

    /// One row of values, under each lived day: pain during (kind 0), after (1) or next morning (2).
    struct Values: Equatable {
        var kind: Int
        var y: Int
        /// Per day; nil where the day is not lived yet (or before the start).
        var texts: [String?]
    }

    /// The left margin and width every row is drawn in.
    var x: Int
    var width: Int
    var title: TextRow
    /// Which week it is, at the right of the title row, where there is room.
    var nav: String?
    var facts: [TextRow]
    var days: [WeekDay]
    /// Whether each day is lived: on or after the start, not after today.
    var lived: [Bool]
    var today: Day
    var dayNamesY: Int
    var doneY: Int
    var zoneY: Int
    /// The pain bars' rows, when there are enough for the chart to say more than the values.
    var chart: Chart?
    var values: [Values] = []
    var loadsHeld: [TextRow] = []
    var trend: Trend?
    var gateHeading: TextRow?
    var gate: [TextRow] = []
    /// Where not every line of the gate fits: where the whole gate is.
    var more: TextRow?
}

/// Weekly progress: adherence per day, pain during / after / next morning, the trend since the
/// start, volume, outcome score and the gate checklist.
enum WeekScreen {
    /// Day columns: a label column, then 4 cells a day ("DAM " = during, after, morning).
    static let labelWidth = 8

    static func render(_ s: Snapshot, weekOffset: Int, in area: Rect, _ grid: inout CellGrid) {
        draw(frame(s, weekOffset: weekOffset, in: area, glyphs: grid.glyphs), &grid)
    }

    /// What Week shows in `area`; `glyphs` decide the arrows and the gate's ticks.
    static func frame(_ s: Snapshot, weekOffset: Int, in area: Rect, glyphs g: Glyphs) -> WeekFrame {
        let day = s.today + weekOffset * 7
        let week = s.evaluator.week(containing: day, asOf: s.today)
        let x = area.x + 1, w = area.width - 2
        var rows = Rows(Rect(x: x, y: area.y + 1, width: w, height: area.height - 1))
        let phase = week.phase == .complete ? "complete" : s.program.phase(week.phase)?.name ?? ""
        let title = TextRow(text: "Week of \(week.weekStart.iso) · \(phase)", y: rows.next(), style: .bold)
        let nav = weekOffset == 0 ? "this week" : "\(-weekOffset) wk ago"
        let sessions =
            week.sessions.done > week.sessions.planned
            ? "\(week.sessionsDone) sessions (\(week.sessionsPlanned) planned)"
            : "Sessions \(week.sessionsDone) of \(week.sessionsPlanned)"
        // Repetitions, time held and time run each in their own unit: they do not add up.
        var facts = "\(sessions) (\(week.adherencePercent)%) · \(week.work.text)"
        if let score = week.outcomeScore { facts += " · \(s.program.outcome.name) \(score.score)" }
        var frame = WeekFrame(
            x: x, width: w, title: title,
            nav: w > 50 ? (g.ascii ? "< \(nav) >" : "← \(nav) →") : nil,
            // Whole, on a second row where it does not fit on one.
            facts: facts.wrapped(width: w).map { TextRow(text: $0, y: rows.next()) },
            days: week.days, lived: week.days.map { $0.date <= s.today && $0.date >= s.history.enrolment.start }, today: s.today,
            dayNamesY: rows.next(), doneY: rows.next(), zoneY: rows.next())

        let gate =
            weekOffset == 0
            ? WeekGate(asOf: s.today, phase: s.status.phase, criteria: s.status.criteria)
            : s.evaluator.gate(endOf: week, asOf: s.today)
        // Each criterion whole, wrapped under its box: a patient reads why a line is not ticked.
        let gateLines: [(String, Style)] = gate.criteria.flatMap { c in
            let box = c.met ? "[\(g.done)] " : "[ ] "
            return c.detail.wrapped(width: w - box.count).enumerated().map { i, line in
                ((i == 0 ? box : String(repeating: " ", count: box.count)) + line, c.met ? Style.green : .normal)
            }
        }
        // The chart takes the rows the numbers, the trend and the gate leave.
        let below = 3 + 1 + 1 + 1 + gateLines.count
        let chartHeight = min(20, rows.remaining - below)
        // Under 5 rows a row would stand for values as far apart as 2 and 6 under one label: the
        // numbers below say it better alone.
        if chartHeight >= 5 {
            frame.chart = .init(top: rows.y, height: chartHeight)
            rows.skip(chartHeight)
        }

        // The values themselves, one row per kind, each under its day: a chart alone makes 1 and 2 look alike.
        for k in painKinds.indices {
            guard let y = rows.take()?.y else { break }
            let texts = zip(week.days, frame.lived).map { d, lived -> String? in
                // An "after" not given is missing, not 0.
                lived ? pains(d)[k].map(String.init) ?? (k == 1 && d.volume > 0 ? "?" : "") : nil
            }
            frame.values.append(.init(kind: k, y: y, texts: texts))
        }

        if let rising = week.risingWeek {
            for line in "Loads held: \(rising.reason)".wrapped(width: w) {
                guard let y = rows.take()?.y else { break }
                frame.loadsHeld.append(TextRow(text: line, y: y, style: .amber))
            }
        }

        // Trend since the start: weekly mean pain after exercise, one mark a week.
        if let y = rows.take()?.y {
            let trend = s.weeklyPainAfter
            let label = " mean pain after exercise, week by week (\(counted(trend.count, "week")))"
            let room = max(1, w - labelWidth - label.count)
            let marks = trend.suffix(room).map { mean in
                mean.map { WeekFrame.TrendMark(level: min(7, max(0, Int(($0 / 10 * 7).rounded()))), zone: s.program.painZones.zone(ofMean: $0)) }
            }
            frame.trend = .init(y: y, marks: marks, label: label)
            rows.skip()
        }

        // The gate of the phase as it stood at the end of the week shown (today for this week).
        if let y = rows.take()?.y {
            let when = gate.asOf == s.today ? "today" : "on \(gate.asOf.weekdayName.prefix(3)) \(gate.asOf.iso)"
            frame.gateHeading = TextRow(text: "Gate \(when) (\(gate.criteriaMet)/\(gate.criteria.count) met)", y: y, style: .title)
            // Where the screen cannot hold every line, the last row says where the whole gate is.
            let room = rows.remaining
            let shown = gateLines.count <= room ? gateLines : Array(gateLines.prefix(max(0, room - 1)))
            for (line, style) in shown {
                guard let y = rows.take()?.y else { break }
                frame.gate.append(TextRow(text: line, y: y, style: style))
            }
            if shown.count < gateLines.count, let y = rows.take()?.y {
                frame.more = TextRow(text: "more: g shows the whole gate", y: y, style: .accent)
            }
        }
        return frame
    }

    /// The kinds of pain the chart and the values show, in the order of `pains`.
    static let painKinds = ["during", "after", "morning"]

    /// A day's pain of each kind.
    static func pains(_ d: WeekDay) -> [Int?] { [d.painDuring, d.painAfter, d.nextMorningPain] }

    /// The x of day `i`'s cells.
    static func column(_ i: Int, x: Int) -> Int { x + labelWidth + i * 4 }

    static func draw(_ f: WeekFrame, _ grid: inout CellGrid) {
        let g = grid.glyphs
        let x = f.x, w = f.width
        func column(_ i: Int) -> Int { Self.column(i, x: x) }
        grid.putTruncated(f.title.text, x: x, y: f.title.y, width: w, style: f.title.style)
        if let nav = f.nav { grid.put(nav, x: x + w - 20, y: f.title.y, style: .dim) }
        for line in f.facts { grid.put(line.text, x: x, y: line.y, style: line.style) }
        for (i, d) in f.days.enumerated() {
            grid.put(String(d.date.weekdayName.prefix(3)), x: column(i), y: f.dayNamesY, style: d.date == f.today ? .title : .dim)
        }
        grid.put("Done", x: x, y: f.doneY, style: .dim)
        for (i, d) in f.days.enumerated() {
            let mark = f.lived[i] ? String(d.sessionDone ? g.done : g.notDone) : " "
            grid.put(mark, x: column(i) + 1, y: f.doneY, style: d.sessionDone ? .green : .dim)
        }
        grid.put("Zone", x: x, y: f.zoneY, style: .dim)
        for (i, d) in f.days.enumerated() where f.lived[i] {
            let (c, style) = Chrome.mark(d.zone, ascii: g.ascii)
            grid[column(i) + 1, f.zoneY] = Cell(c, style)
        }
        let shapes = shapes(g)
        if let chart = f.chart {
            drawPainBars(f.days, lived: f.lived, shapes: shapes, height: chart.height, top: chart.top, x: x, column: column, &grid)
        }
        for row in f.values {
            grid.put(String(shapes[row.kind].0), x: x, y: row.y, style: shapes[row.kind].1)
            grid.put(painKinds[row.kind], x: x + 2, y: row.y, style: .dim)
            for (i, text) in row.texts.enumerated() {
                guard let text else { continue }
                grid.put(text, x: column(i) + 3 - text.count, y: row.y, style: text == "?" ? .dim : .normal)
            }
        }
        for line in f.loadsHeld { grid.put(line.text, x: x, y: line.y, style: line.style) }
        if let trend = f.trend { draw(trend, x: x, width: w, &grid) }
        if let heading = f.gateHeading { grid.putTruncated(heading.text, x: x, y: heading.y, width: w, style: heading.style) }
        for line in f.gate { grid.put(line.text, x: x, y: line.y, style: line.style) }
        if let more = f.more { grid.putTruncated(more.text, x: x, y: more.y, width: w, style: more.style) }
    }

    /// The chart's marks of pain during, after and next morning.
    static func shapes(_ g: Glyphs) -> [(Character, Style)] {
        g.ascii ? [("#", .accent), ("=", .amber), (":", .bold)] : [("█", .accent), ("▒", .amber), ("░", .bold)]
    }

    private static func draw(_ trend: WeekFrame.Trend, x: Int, width w: Int, _ grid: inout CellGrid) {
        let g = grid.glyphs
        grid.put("Trend", x: x, y: trend.y, style: .dim)
        var tx = x + labelWidth
        for mark in trend.marks {
            if let mark {
                grid[tx, trend.y] = Cell(g.levels[mark.level], Chrome.mark(mark.zone, ascii: g.ascii).1)
            } else {
                grid[tx, trend.y] = Cell(g.dot, .dim)
            }
            tx += 1
        }
        grid.putTruncated(trend.label, x: tx, y: trend.y, width: x + w - tx, style: .dim)
    }

    /// Pain bars, 0-10 scaled into `height` rows, with the scale's numbers on the left: the row
    /// where a bar of 2, 4, 6, 8 or 10 ends is labelled with it.
    private static func drawPainBars(
        _ days: [WeekDay], lived: [Bool], shapes: [(Character, Style)], height: Int, top: Int,
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
            for (i, d) in days.enumerated() where lived[i] {
                for (k, value) in pains(d).enumerated() {
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

import RehabCore
import Terminal

/// What Today shows, each section on its rows of the area: computed by `TodayScreen.frame`,
/// then drawn, so what a small terminal drops is decided in one place.
struct TodayFrame: Equatable {
    /// The last 14 days as zone marks, oldest first; with the marks' legend where it fits.
    struct Zones: Equatable {
        var y: Int
        var zones: [Zone?]
        var legend: Bool
    }

    /// One exercise of the list; the chosen one is `wrapped` where its row would be cut.
    struct Exercise: Equatable {
        var text: String
        var area: Rect
        var style: Style
        var selected: Bool
        var wrapped: TextBlock?
    }

    /// The left margin and width every row is drawn in.
    var x: Int
    var width: Int
    var phase: TextRow?
    var zones: Zones?
    /// The notes to read in full, scrolling where they do not fit.
    var notes: PlacedText?
    var heading: TextRow?
    var exercises: [Exercise] = []
    /// The chosen exercise's how-to, below the list.
    var how: [TextRow] = []
    var hints: [TextRow] = []
    var gate: [TextRow] = []
}

/// The start screen: where you are, the last two weeks, today's exercises and the gate in one line.
enum TodayScreen {
    static func render(_ s: Snapshot, selection: Int, notesScroll: Int, in area: Rect, _ grid: inout CellGrid) {
        draw(frame(s, selection: selection, notesScroll: notesScroll, in: area, glyphs: grid.glyphs), &grid)
    }

    /// What Today shows in `area`; `glyphs` decide how wide the done marks are.
    static func frame(_ s: Snapshot, selection: Int, notesScroll: Int, in area: Rect, glyphs: Glyphs) -> TodayFrame {
        let st = s.status
        let x = area.x + 1, w = area.width - 2
        var frame = TodayFrame(x: x, width: w)
        // The gate is the last rows and hints the ones above it; the rest fills from the top and
        // never runs into them (a small terminal loses the last lines of the list first).
        let gateLines = gateLine(st, width: w).wrapped(width: w)
        let hints = hints(s)
        let hintLines = hints.isEmpty ? [] : hints.joined(separator: " · ").wrapped(width: w)
        var rows = Rows(Rect(x: x, y: area.y + 1, width: w, height: area.height - 1 - gateLines.count))
        let bottom = tight(area) ? 0 : 1  // a blank row (or the hints) above the gate
        let phase =
            st.phase == .complete
            ? "Program complete: keep running within the caps"
            : "\(s.phaseName) phase · day \(st.daysInPhase)"
        if let r = rows.take(keeping: bottom) { frame.phase = TextRow(text: phase, y: r.y, style: .bold) }
        if let r = rows.take(keeping: bottom) { frame.zones = .init(y: r.y, zones: st.recentZones.map(\.zone), legend: w >= 60) }
        rows.skip()
        // What the patient must read today, whole: it scrolls (PgUp/PgDn, or the arrows when
        // there is no list to move in) when it does not fit above the list.
        let notes = notes(s, width: w)
        if notes.count > 0 {
            let r = notesArea(s, in: area)
            rows.skip(r.height)
            frame.notes = PlacedText(text: notes, area: r, offset: notesScroll, keys: st.plan.items.isEmpty ? "↑↓" : "PgDn")
            if !tight(area) { rows.skip() }
        }
        if !st.plan.items.isEmpty { list(s, selection: selection, glyphs: glyphs, bottom: bottom, &rows, into: &frame) }
        if !hintLines.isEmpty && rows.remaining > hintLines.count {  // only below a blank row after the list
            let top = area.maxY - gateLines.count - hintLines.count
            frame.hints = hintLines.enumerated().map { i, line in TextRow(text: line, y: top + i, style: .accent) }
        }
        let top = area.maxY - gateLines.count
        frame.gate = gateLines.enumerated().map { i, line in TextRow(text: line, y: top + i, style: st.eligibleToAdvance ? .green : .normal) }
        return frame
    }

    /// The list's heading, the exercises that fit (the chosen one kept in view) and the chosen
    /// one's how-to, from the rows left, keeping `bottom` rows free below.
    private static func list(_ s: Snapshot, selection: Int, glyphs: Glyphs, bottom: Int, _ rows: inout Rows, into frame: inout TodayFrame) {
        let items = s.status.plan.items
        let w = frame.width
        if let r = rows.take(keeping: bottom) { frame.heading = TextRow(text: "Today's exercises", y: r.y, style: .title) }
        let listRows = max(1, rows.remaining - bottom)
        let longestName = items.map(\.exercise.name.count).max() ?? 12
        let longestDose = items.map { "\($0.prescription)\($0.exercise.paceText.map { "  " + $0 } ?? "")".count }.max() ?? 20
        // Sets done so far: a box, or "done/target" ("4/10" would touch the name in 4 columns).
        let doneTexts = items.map { item -> String in
            let setsToday = s.evaluator.setsLogged(of: item.exercise.id, on: s.today)
            let target = item.exercise.sets * item.sides.count
            return setsToday >= target ? "[\(glyphs.done)]" : setsToday > 0 ? "\(setsToday)/\(target)" : "[ ]"
        }
        let doneWidth = max(4, (doneTexts.map(\.count).max() ?? 3) + 1)
        let nameWidth = max(12, min(longestName, w - 6 - longestDose))
        // The chosen exercise is read whole: where its row would be cut, it wraps.
        var chosen = TextBlock(width: w)
        if items.indices.contains(selection) {
            let item = items[selection]
            chosen.add(item.exercise.name + " · " + dose(item), lead: doneTexts[selection], leadWidth: doneWidth)
        }
        // Wrapped only when it fits whole in the list's rows (else cut, as the others).
        let chosenRows = chosen.count <= listRows ? chosen.count : 1
        let first = max(0, min(selection - (listRows - chosenRows), items.count - 1))
        for (i, item) in items.enumerated().dropFirst(first) {
            let selected = i == selection
            let text =
                doneTexts[i].padding(toLength: doneWidth, withPad: " ", startingAt: 0)
                + item.exercise.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + " " + dose(item)
            let wraps = selected && text.count > w && chosenRows > 1
            guard let r = rows.take(wraps ? chosenRows : 1, keeping: bottom) else { break }
            let style: Style = selected ? .selected : item.doneToday ? .dim : .normal
            frame.exercises.append(.init(text: text, area: r, style: style, selected: selected, wrapped: wraps ? chosen : nil))
        }
        // The selected exercise's how-to, below a blank row, where it fits above the hints.
        if items.indices.contains(selection) {
            let how = Chrome.wrap(items[selection].exercise.how, width: w)
            if rows.remaining >= bottom + how.count + 2 {
                rows.skip()
                for line in how {
                    if let r = rows.take(keeping: bottom) { frame.how.append(TextRow(text: line, y: r.y, style: .dim)) }
                }
            }
        }
    }

    /// The dose as the list shows it: the prescription, the load, a load held, the pace and the sides done.
    private static func dose(_ item: DayPlan.Item) -> String {
        let sides =
            item.exercise.sides == .each && !item.doneSides.isEmpty && !item.doneToday
            ? " (" + item.doneSides.map { $0.rawValue }.joined(separator: ", ") + " done)" : ""
        let waiting = item.advice == .repeatLoad ? item.adviceNote.map { "  " + $0 } ?? "" : ""
        return "\(item.prescription)\(item.loadText)\(waiting)\(item.exercise.paceText.map { "  " + $0 } ?? "")\(sides)"
    }

    static func draw(_ frame: TodayFrame, _ grid: inout CellGrid) {
        let x = frame.x, w = frame.width
        if let phase = frame.phase { grid.putTruncated(phase.text, x: x, y: phase.y, width: w, style: phase.style) }
        if let zones = frame.zones { draw(zones, x: x, &grid) }
        frame.notes?.draw(&grid)
        if let heading = frame.heading { grid.putTruncated(heading.text, x: x, y: heading.y, width: w, style: heading.style) }
        for exercise in frame.exercises { draw(exercise, &grid) }
        for line in frame.how { grid.putTruncated(line.text, x: x, y: line.y, width: w, style: line.style) }
        for line in frame.hints + frame.gate { grid.put(line.text, x: x, y: line.y, style: line.style) }
    }

    private static func draw(_ zones: TodayFrame.Zones, x: Int, _ grid: inout CellGrid) {
        let ascii = grid.glyphs.ascii
        var mx = grid.put("Last 14 days ", x: x, y: zones.y, style: .dim)
        for zone in zones.zones {
            let (c, style) = Chrome.mark(zone, ascii: ascii)
            grid[mx, zones.y] = Cell(c, style)
            mx += 1
        }
        if zones.legend { grid.put(ascii ? "  G green A amber R red" : "  ● green ▲ amber ■ red", x: mx, y: zones.y, style: .dim) }
    }

    private static func draw(_ exercise: TodayFrame.Exercise, _ grid: inout CellGrid) {
        let r = exercise.area
        if exercise.selected { grid.fill(r, style: .selected) }
        if var wrapped = exercise.wrapped {
            wrapped.draw(in: r, offset: 0, &grid)
            for row in r.y..<r.maxY { for col in r.x..<r.maxX { grid[col, row].style = .selected } }
        } else {
            grid.putTruncated(exercise.text, x: r.x, y: r.y, width: r.width, style: exercise.style)
        }
    }

    /// The plan's message, warning signs, the question still open and the run: read in full.
    static func notes(_ s: Snapshot, width: Int) -> TextBlock {
        let st = s.status
        var text = TextBlock(width: width)
        if let message = st.plan.message {
            text.add(message, style: st.plan.stopped || !st.redFlags.isEmpty ? .warning : .amber)
            if !st.redFlags.isEmpty { text.blank() }
        }
        for flag in st.redFlags { text.add(flag.advice, style: .red, lead: "! ", leadStyle: .red) }
        // Asked until answered or the day ends: the zones and the trend need the "after".
        if !Forms.setsWithoutPainAfter(snapshot: s, day: s.today).isEmpty {
            if text.count > 0 { text.blank() }
            text.add("\(Forms.painAfterQuestion) f: answer", style: .accent)
        }
        if let run = st.plan.run {
            if text.count > 0 { text.blank() }
            text.add("Run stage \(run.stage): \(run.description)", style: .bold)
            text.add("\(run.greenRuns) of \(run.greenRunsNeeded) green runs at this stage")
            text.add(run.note, style: run.allowedToday ? .normal : .amber)
        }
        if st.plan.items.isEmpty && st.plan.run == nil && st.plan.message == nil {
            text.add("Nothing planned today.", style: .dim)
        }
        return text
    }

    /// Where the notes go: under the phase and the last 14 days, as tall as they are but leaving
    /// room for the list's heading and one exercise, a blank row and the gate.
    static func notesArea(_ s: Snapshot, in area: Rect) -> Rect {
        let w = area.width - 2
        let top = area.y + 4
        let end = area.maxY - gateLine(s.status, width: w).wrapped(width: w).count - (tight(area) ? 0 : 1)
        let listRows = s.status.plan.items.isEmpty ? 0 : tight(area) ? 2 : 3
        // At least a line and the "more" marker.
        let room = max(2, end - top - listRows)
        return Rect(x: area.x + 1, y: top, width: w, height: min(notes(s, width: w).count, room))
    }

    /// A small terminal: no blank rows between the parts, so the list still shows.
    static func tight(_ area: Rect) -> Bool { area.height < 12 }

    static func hints(_ s: Snapshot) -> [String] {
        let st = s.status
        var hints: [String] = []
        if st.paused || !st.redFlags.isEmpty { hints.append("v: record a clinician visit") }
        if !st.requiredTests.isEmpty && st.criteria.filter({ !$0.met }).count <= 2 { hints.append("r: record a test") }
        if st.outcomeDue { hints.append("s: \(s.program.outcome.name) score due") }
        return hints
    }

    static func gateLine(_ st: Status, width w: Int) -> String {
        st.phase == .complete
            ? "All phases done."
            : st.eligibleToAdvance
                ? "Gate met: press a to move on."
                : st.risingWeek != nil && st.unmetCriteria.isEmpty
                    ? "Gate held: morning pain is rising week to week"
                    : w >= 50
                        ? "Gate: \(st.criteriaMet) of \(st.criteria.count) criteria met - press g for details"
                        : "Gate \(st.criteriaMet)/\(st.criteria.count) met · g details"
    }
}

import RehabCore
import Terminal

/// The start screen: where you are, the last two weeks, today's exercises and the gate in one line.
enum TodayScreen {
    static func render(_ s: Snapshot, model: AppModel, in area: Rect, _ grid: inout CellGrid) {
        let st = s.status
        let x = area.x + 1, w = area.width - 2
        // The gate is the last row and hints the one above it; the rest fills from the top and
        // never runs into them (a small terminal loses the last lines of the list first).
        let gateY = area.maxY - 1
        var rows = Rows(Rect(x: x, y: area.y + 1, width: w, height: area.height - 1))
        let bottom = 2
        let phase = st.phase == .complete ? "Program complete: keep running within the caps"
            : "\(s.phaseName) phase · day \(st.daysInPhase)"
        if let r = rows.take(keeping: bottom) { grid.putTruncated(phase, x: x, y: r.y, width: w, style: .bold) }
        // Last 14 days as marks, oldest first.
        if let r = rows.take(keeping: bottom) {
            var mx = grid.put("Last 14 days ", x: x, y: r.y, style: .dim)
            for z in st.recentZones {
                let (c, style) = Chrome.mark(z.zone, ascii: grid.glyphs.ascii)
                grid[mx, r.y] = Cell(c, style)
                mx += 1
            }
            if w >= 60 {
                grid.put(grid.glyphs.ascii ? "  G green A amber R red" : "  ● green ▲ amber ■ red", x: mx, y: r.y, style: .dim)
            }
        }
        rows.skip()
        if let message = st.plan.message {
            let style: Style = st.plan.stopped || !st.redFlags.isEmpty ? .warning : .amber
            for line in Chrome.wrap(message, width: w).prefix(3) {
                if let r = rows.take(keeping: bottom) { grid.putTruncated(line, x: x, y: r.y, width: w, style: style) }
            }
            rows.skip()
        }
        for flag in st.redFlags.prefix(2) {
            if let r = rows.take(keeping: bottom) { grid.putTruncated("! \(flag.advice)", x: x, y: r.y, width: w, style: .red) }
        }
        // Asked until answered or the day ends: the zones and the trend need the "after".
        if !Forms.setsWithoutPainAfter(snapshot: s, day: s.today).isEmpty, let r = rows.take(keeping: bottom) {
            grid.putTruncated("\(Forms.painAfterQuestion) f: answer", x: x, y: r.y, width: w, style: .accent)
            rows.skip()
        }
        if let run = st.plan.run {
            let lines: [(String, Style)] = [("Run stage \(run.stage): \(run.description)", .bold),
                                            ("\(run.greenRuns) of \(run.greenRunsNeeded) green runs at this stage", .normal),
                                            (run.note, run.allowedToday ? .normal : .amber)]
            for (text, style) in lines {
                if let r = rows.take(keeping: bottom) { grid.putTruncated(text, x: x, y: r.y, width: w, style: style) }
            }
        }
        if !st.plan.items.isEmpty {
            if let r = rows.take(keeping: bottom) { grid.putTruncated("Today's exercises", x: x, y: r.y, width: w, style: .title) }
            let listRows = max(1, rows.remaining - bottom)
            let first = max(0, min(model.selection - listRows + 1, st.plan.items.count - listRows))
            let longestName = st.plan.items.map(\.exercise.name.count).max() ?? 12
            let longestDose = st.plan.items.map { "\($0.prescription)  tempo \($0.exercise.tempoText)".count }.max() ?? 20
            // Sets done so far: a box, or "done/target" ("4/10" would touch the name in 4 columns).
            let doneTexts = st.plan.items.map { item -> String in
                let setsToday = s.evaluator.setsLogged(of: item.exercise.id, on: s.today)
                let target = item.exercise.sets * item.sides.count
                return setsToday >= target ? "[\(grid.glyphs.done)]" : setsToday > 0 ? "\(setsToday)/\(target)" : "[ ]"
            }
            let doneWidth = max(4, (doneTexts.map(\.count).max() ?? 3) + 1)
            for (i, item) in st.plan.items.enumerated().dropFirst(first).prefix(listRows) {
                guard let y = rows.take(keeping: bottom)?.y else { break }
                let selected = i == model.selection
                let sides = item.exercise.sides == .each && !item.doneSides.isEmpty && !item.doneToday
                    ? " (" + item.doneSides.map { $0.rawValue }.joined(separator: ", ") + " done)" : ""
                let name = item.exercise.name
                let waiting = item.advice == .repeatLoad ? item.adviceNote.map { "  " + $0 } ?? "" : ""
                let dose = "\(item.prescription)\(item.loadText)\(waiting)  tempo \(item.exercise.tempoText)\(sides)"
                let nameWidth = max(12, min(longestName, w - 6 - longestDose))
                let text = doneTexts[i].padding(toLength: doneWidth, withPad: " ", startingAt: 0) + name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + " " + dose
                if selected { grid.fill(Rect(x: x, y: y, width: w, height: 1), style: .selected) }
                grid.putTruncated(text, x: x, y: y, width: w, style: selected ? .selected : item.doneToday ? .dim : .normal)
            }
            // The selected exercise's how-to, below a blank row, where it fits above the hints.
            if st.plan.items.indices.contains(model.selection) {
                let how = Chrome.wrap(st.plan.items[model.selection].exercise.how, width: w)
                if rows.remaining >= bottom + how.count + 2 {
                    rows.skip()
                    for line in how {
                        if let r = rows.take(keeping: bottom) { grid.putTruncated(line, x: x, y: r.y, width: w, style: .dim) }
                    }
                }
            }
        } else if st.plan.run == nil && st.plan.message == nil, let r = rows.take(keeping: bottom) {
            grid.putTruncated("Nothing planned today.", x: x, y: r.y, width: w, style: .dim)
        }
        var hints: [String] = []
        if st.paused || !st.redFlags.isEmpty { hints.append("v: record a clinician visit") }
        if !st.requiredTests.isEmpty && st.criteria.filter({ !$0.met }).count <= 2 { hints.append("r: record a test") }
        if st.outcomeDue { hints.append("s: \(s.program.outcome.name) score due") }
        if !hints.isEmpty && rows.remaining > bottom {   // only below a blank row after the list
            grid.putTruncated(hints.joined(separator: " · "), x: x, y: gateY - 1, width: w, style: .accent)
        }
        let gate = st.phase == .complete ? "All phases done."
            : st.eligibleToAdvance ? "Gate met: press a to move on."
            : st.risingWeek != nil && st.unmetCriteria.isEmpty ? "Gate held: morning pain is rising week to week"
            : w >= 50 ? "Gate: \(st.criteriaMet) of \(st.criteria.count) criteria met - press g for details"
            : "Gate \(st.criteriaMet)/\(st.criteria.count) met · g details"
        grid.putTruncated(gate, x: x, y: gateY, width: w, style: st.eligibleToAdvance ? .green : .normal)
    }
}

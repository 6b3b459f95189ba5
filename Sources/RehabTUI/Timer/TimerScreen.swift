import RehabCore
import Terminal

/// The tempo timer: the cue, a big countdown, bars for the rep and the set, side, rep and set.
public enum TimerScreen {
    /// Smaller than the app's screens: a count in plain text still reads on a phone-sized window.
    public static let minimumWidth = 20
    public static let minimumHeight = 8

    /// `how`: the exercise's how-to, shown below the bars where there is room.
    /// `saveLine`: what became of saving the sets (only what the storage confirmed counts as saved).
    /// `summaryScroll`: lines scrolled in a session's summary taller than the screen.
    public static func render(
        _ t: TimerModel, how: String? = nil, zoneLine: String? = nil, saveLine: (String, Style)? = nil,
        summaryScroll: Int = 0, into grid: inout CellGrid, now: Int64
    ) {
        draw(t, how: how, zoneLine: zoneLine, saveLine: saveLine, summaryScroll: summaryScroll, into: &grid, now: now)
        if t.isFlashing(now) { grid.invert() }
    }

    private static func draw(
        _ t: TimerModel, how: String?, zoneLine: String?, saveLine: (String, Style)?, summaryScroll: Int,
        into grid: inout CellGrid, now: Int64
    ) {
        let w = grid.width, h = grid.height
        let e = t.elapsed(now)
        let index = t.plan.stepIndex(at: e)
        let step = index.map { t.plan.steps[$0] }
        let part = step.map { t.plan.blocks[$0.block].part } ?? max(0, t.plan.parts.count - 1)
        grid.fill(Rect(x: 0, y: 0, width: w, height: 1), style: .selected)
        // The exercise's name is what a narrow title keeps: the words before it go first.
        let name = t.showsSummary ? t.plan.parts[part].name : t.title
        let titles =
            !t.showsSummary
            ? [" Timer: \(name)", " \(name)"]
            : t.isActive ? [" Session \(part + 1)/\(t.plan.parts.count): \(name)", " \(part + 1)/\(t.plan.parts.count) \(name)"] : [" Session"]
        grid.putTruncated(titles.first { $0.count <= w } ?? titles.last!, x: 0, y: 0, width: w, style: .selected)
        let footerY = h - 1
        grid.fill(Rect(x: 0, y: footerY, width: w, height: 1), style: .selected)

        switch t.stage {
        case .askPain:
            guard let q = t.painQuestion else { break }
            let name = t.plan.parts[q.part].name.lowercased()
            var text = TextBlock(width: min(w - 4, 72))
            let (done, style) = partLine(t, part: q.part)
            text.add(done, style: style)
            text.blank()
            text.add("Worst pain during \(name) (0-10):", style: .bold)
            text.add("[ \(q.typed.isEmpty ? "_" : q.typed) ]", style: .title)
            if let error = q.error { text.blank(); text.add(error, style: .red) }
            if let saveLine { text.blank(); text.add(saveLine.0, style: saveLine.1) }
            middle(&text, scroll: 0, &grid)
            grid.putTruncated(" " + TimerModel.painKeys.footer(fitting: w - 1), x: 0, y: footerY, width: w, style: .selected)
            return
        case .askPainAfter:
            var text = TextBlock(width: min(w - 4, 72))
            text.add("Pain now, after the session (0-10):", style: .bold)
            text.add("[ \(t.painAfter.typed.isEmpty ? "_" : t.painAfter.typed) ]", style: .title)
            text.blank()
            text.add("Not sure yet? l answers later, on Today.", style: .dim)
            if let error = t.painAfter.error { text.add(error, style: .red) }
            if let saveLine { text.blank(); text.add(saveLine.0, style: saveLine.1) }
            middle(&text, scroll: 0, &grid)
            grid.putTruncated(" " + TimerModel.painAfterKeys.footer(fitting: w - 1), x: 0, y: footerY, width: w, style: .selected)
            return
        case .summary:
            var text = summary(t, zoneLine: zoneLine, saveLine: saveLine, width: w)
            middle(&text, scroll: summaryScroll, &grid)
            grid.putTruncated(" " + TimerModel.summaryKeys.footer, x: 0, y: footerY, width: w, style: .selected)
            return
        case .finished:
            center("Finished.", y: h / 2, style: .green, &grid)
            return
        default: break
        }
        guard let step else {
            center("Finished.", y: h / 2, style: .green, &grid)
            return
        }
        let block = t.plan.blocks[step.block]
        let current = t.plan.parts[block.part]
        let remaining = max(0, step.end - e)
        let seconds = (remaining + 999) / 1000
        let cue: String = {
            switch step.kind {
            case .rest: return "REST"
            case .prepare: return "GET READY"
            case .segment(let cue, _): return cue.uppercased()
            }
        }()

        // What to do now, and the large countdown: as large as the terminal allows, with the
        // how-to below when it fits too. The rows above the footer are kept for a question (the
        // pain, stop?) and, when there is room, for what the timer says.
        let kept = footerY - 2 >= 14 ? 2 : 1
        var rows = Rows(Rect(x: 0, y: 2, width: w, height: footerY - 2 - kept))
        let compact = rows.remaining < 8  // no blank rows between lines on a tiny terminal
        let layout = Self.layout(
            rows: rows.remaining, width: w, widest: String(max(seconds, (step.duration + 999) / 1000)),
            how: compact ? [] : (how?.wrapped(width: min(w - 4, 72)) ?? []))
        let side = block.side.map { " · \($0.rawValue) side" } ?? ""
        let where_: String
        switch step.kind {
        case .rest: where_ = "Next: " + t.plan.announcement(ofBlock: step.block + 1, after: step.block)
        case .prepare:
            where_ = [current.name, block.side.map { "\($0.rawValue) side" }, current.dose]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
        case .segment:
            // A hold is one long rep: "rep 1/1" says nothing.
            let rep = current.holdSeconds == nil || current.repsPerSet > 1 ? " · rep \(step.rep)/\(current.repsPerSet)" : " · hold"
            where_ = "Set \(block.set)/\(current.sets)\(side)\(rep)"
        }
        center(where_, y: rows.next(), style: .bold, &grid)
        if !compact { rows.skip() }
        let segmentText = step.isSegment ? "\(cue) \(segmentLength(step))" : cue
        center(segmentText, y: rows.next(), style: step.isSegment ? .title : .green, &grid)
        if !compact { rows.skip() }
        let digits = String(seconds)
        if layout.scale > 0 {
            let width = BigDigits.width(digits, scale: layout.scale)
            BigDigits.draw(digits, x: (w - width) / 2, y: rows.y, scale: layout.scale, style: step.isSegment ? .accent : .green, &grid)
            rows.skip(BigDigits.height(scale: layout.scale))
        } else {
            center("\(seconds) s", y: rows.next(), style: .accent, &grid)
        }
        if !compact { rows.skip() }

        // Bars: this rep (or the rest), and the whole set; thicker on a large terminal.
        // Labelled where there is room for the labels, else the bars alone.
        let labelled = w - 16 >= 10
        let barWidth = labelled ? min(w - 16, max(60, w * 3 / 4)) : w - 4
        let barX = (w - barWidth) / 2
        func bar(_ label: String, _ fraction: Double, style: Style) {
            guard let r = rows.take(layout.barRows) else { return }
            if labelled { grid.put(label, x: barX - 6, y: r.y + (r.height - 1) / 2, style: .dim) }
            for y in r.y..<r.maxY { grid.bar(x: barX, y: y, width: barWidth, fraction: fraction, style: style) }
        }
        if !step.isSegment {
            bar(step.isRest ? "Rest" : "Ready", Double(e - step.start) / Double(max(1, step.duration)), style: .green)
        } else {
            let repLength = (block.end - block.start) / current.repsPerSet
            let repStart = block.start + (step.rep - 1) * repLength
            bar("Rep", Double(e - repStart) / Double(max(1, repLength)), style: .accent)
        }
        let setFraction = step.isRest ? 1 : step.isPrepare ? 0 : Double(e - block.start) / Double(max(1, block.end - block.start))
        bar("Set", setFraction, style: .accent)
        if rows.remaining > 1 {
            rows.skip()
            let total = t.plan.totalMilliseconds
            let left = (total - e) / 1000
            center(
                "Session \(Int(Double(e) * 100 / Double(max(1, total))))% · \(left / 60):\(String(format: "%02d", left % 60)) left",
                y: rows.next(), style: .dim, &grid)
        }
        if !layout.how.isEmpty && rows.remaining >= layout.how.count + 1 {
            rows.skip()
            for line in layout.how { center(line, y: rows.next(), style: .normal, &grid) }
        }

        // A question the timer waits on (stop?) or one open while it runs (the pain), whole, on
        // rows of its own above the keys; what the timer says goes just above it.
        let asking: String?
        if case .confirmQuit = t.stage {
            asking = Self.stopQuestion
        } else if let q = t.painQuestion {
            let name = t.plan.parts[q.part].name.lowercased()
            asking = q.error ?? "Pain during \(name) (0-10): \(q.typed.isEmpty ? "_" : q.typed)  Enter saves"
        } else {
            asking = nil
        }
        let asked = asking?.wrapped(width: w - 2) ?? []
        let top = footerY - asked.count
        if !asked.isEmpty {
            grid.fill(Rect(x: 0, y: top, width: w, height: asked.count), style: .warning)
            for (i, line) in asked.enumerated() { grid.put(line, x: 1, y: top + i, style: .warning) }
        }
        if let saveLine, saveLine.1 == .red {
            grid.fill(Rect(x: 0, y: top - 1, width: w, height: 1), style: .normal)
            center(saveLine.0, y: top - 1, style: .red, &grid)
        } else if let said = t.saying(now) {
            grid.fill(Rect(x: 0, y: top - 1, width: w, height: 1), style: .normal)
            center(said, y: top - 1, style: .green, &grid)
        }
        switch t.stage {
        case .paused:
            // Over the stopped count, where it is seen from the floor; wrapped, never cut.
            let note =
                t.heldForPain.map { "Stopped \(t.plan.parts[$0].name.lowercased()) for pain. Space goes on." }
                ?? t.stallNote ?? "PAUSED: space to go on"
            let lines = note.wrapped(width: w - 4)
            for (i, line) in lines.enumerated() { center(" \(line) ", y: h / 2 - (lines.count - 1) / 2 + i, style: .warning, &grid) }
        case .confirmQuit:
            grid.putTruncated(" " + TimerModel.stopKeys.footer, x: 0, y: footerY, width: w, style: .selected)
            return
        default: break
        }
        grid.putTruncated(" " + t.keys.footer(fitting: w - 1), x: 0, y: footerY, width: w, style: .selected)
    }

    static let stopQuestion = "Stop now? Sets done so far are kept. The timer waits: y stops, any other key goes on."

    /// How large the countdown is drawn in `rows` x `width`, and whether the how-to fits below it.
    struct Layout: Equatable {
        var scale: Int
        var barRows: Int
        var how: [String]
    }

    /// `widest`: the largest count of this step, so the digits keep their size as it counts down.
    static func layout(rows: Int, width: Int, widest: String, how: [String]) -> Layout {
        let probe = String(repeating: "8", count: widest.count)
        // Where, blank, cue, blank, [digits], blank, two bars, blank, session.
        func room(barRows: Int) -> Int { rows - (4 + 1 + 2 * barRows + 2) }
        for barRows in [2, 1] {
            let withHow = how.isEmpty ? 0 : BigDigits.scale(for: probe, width: width - 4, height: room(barRows: barRows) - how.count - 1)
            let without = BigDigits.scale(for: probe, width: width - 4, height: room(barRows: barRows))
            // Thick bars only beside large digits.
            if barRows == 2 && max(withHow, without) < 3 { continue }
            return withHow > 0 ? Layout(scale: withHow, barRows: barRows, how: how) : Layout(scale: without, barRows: barRows, how: [])
        }
        return Layout(scale: 0, barRows: 1, how: [])
    }

    private static func segmentLength(_ step: TempoPlan.Step) -> String { "\(step.duration / 1000) s" }

    /// "Clamshell: 3 of 4 sets done (right set 2 cut short: 1 of 2 reps)": what was really done.
    static func partLine(_ t: TimerModel, part i: Int) -> (String, Style) {
        let part = t.plan.parts[i]
        let planned = t.plan.blocks(ofPart: i).count
        let recorded = t.setsRecorded(part: i)
        let done = t.setsDone(part: i)
        var text = "\(part.name): \(done) of \(planned) set\(planned == 1 ? "" : "s") done"
        let short = recorded.filter { $0.ended != nil }
        if !short.isEmpty {
            text +=
                " ("
                + short.map { b in
                    let which = (b.side.map { "\($0.rawValue) " } ?? "") + "set \(b.set) \(describe(b.ended))"
                    let unit = part.holdSeconds == nil ? "reps" : "s"
                    return b.ended == .skipped ? which : "\(which): \(b.done) of \(b.planned) \(unit)"
                }.joined(separator: ", ") + ")"
        }
        return (text, t.stoppedForPain.contains(i) ? .red : done == planned ? .normal : .amber)
    }

    /// "cut short", "skipped", "stopped for pain".
    static func describe(_ ended: SetEnd?) -> String {
        switch ended {
        case nil: return "done"
        case .cutShort?: return "cut short"
        case .skipped?: return "skipped"
        case .stoppedForPain?: return "stopped for pain"
        }
    }

    /// "34 of 36 sets done, 2 cut short, 1 skipped": the whole timer.
    static func tally(_ t: TimerModel) -> String {
        let done = t.saved.filter { $0.ended == nil }.count
        var text = "\(done) of \(t.plan.blocks.count) sets done"
        for ended in SetEnd.allCases {
            let n = t.saved.filter { $0.ended == ended }.count
            if n > 0 { text += ", \(n) \(describe(ended))" }
        }
        return text
    }

    /// The end of a guided session: each exercise's sets and pain, the time, the day's zone.
    static func summary(_ t: TimerModel, zoneLine: String?, saveLine: (String, Style)?, width w: Int) -> TextBlock {
        var text = TextBlock(width: w - 2)
        text.add("Session done", style: .green)
        text.blank()
        for i in t.plan.parts.indices {
            let (line, style) = partLine(t, part: i)
            let recorded = !t.setsRecorded(part: i).isEmpty
            let pain = t.painGiven[i].map { "pain \($0)" } ?? (recorded ? "pain not given" : "")
            text.add(line + (pain.isEmpty ? "" : " · " + pain), style: style)
        }
        let seconds = Int(((t.endedAt ?? t.startedAt) - t.startedAt) / 1_000_000_000)
        text.blank()
        text.add("\(tally(t)) in \(seconds / 60):\(String(format: "%02d", seconds % 60))", style: .bold)
        if let saveLine { text.add(saveLine.0, style: saveLine.1) }
        if let zoneLine { text.add(zoneLine, style: .bold) }
        return text
    }

    /// Between the title and the keys, centred both ways; it scrolls when taller than that.
    static func middle(_ text: inout TextBlock, scroll: Int, _ grid: inout CellGrid) {
        let area = middleArea(text, width: grid.width, height: grid.height)
        text.draw(in: area, offset: scroll, centred: true, &grid)
    }

    static func middleArea(_ text: TextBlock, width: Int, height: Int) -> Rect {
        let rows = max(1, height - 3)
        let shown = min(text.count, rows)
        return Rect(x: (width - text.width) / 2, y: 2 + (rows - shown) / 2, width: text.width, height: shown)
    }

    static func center(_ text: String, y: Int, style: Style, _ grid: inout CellGrid) {
        let x = max(0, (grid.width - text.count) / 2)
        grid.putTruncated(text, x: x, y: y, width: grid.width, style: style)
    }
}

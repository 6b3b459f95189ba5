import RehabCore
import Terminal

/// The tempo timer: the cue, a big countdown, bars for the rep and the set, side, rep and set.
public enum TimerScreen {
    /// `how`: the exercise's how-to, shown below the bars where there is room.
    public static func render(_ t: TimerModel, how: String? = nil, into grid: inout CellGrid, now: Int64) {
        let w = grid.width, h = grid.height
        grid.fill(Rect(x: 0, y: 0, width: w, height: 1), style: .selected)
        grid.putTruncated(" Timer: \(t.title)", x: 0, y: 0, width: w, style: .selected)
        let footerY = h - 1
        grid.fill(Rect(x: 0, y: footerY, width: w, height: 1), style: .selected)

        switch t.stage {
        case .askPain(let typed, let error):
            let done = t.saved.count
            center("Done: \(done) set\(done == 1 ? "" : "s") saved.", y: h / 2 - 3, style: .green, &grid)
            center("Worst pain during the exercise (0-10):", y: h / 2 - 1, style: .bold, &grid)
            center("[ \(typed.isEmpty ? "_" : typed) ]", y: h / 2, style: .title, &grid)
            if let error { center(error, y: h / 2 + 2, style: .red, &grid) }
            grid.putTruncated(" " + TimerModel.painKeys.footer, x: 0, y: footerY, width: w, style: .selected)
            return
        case .finished:
            center("Finished.", y: h / 2, style: .green, &grid)
            return
        default: break
        }

        let e = t.elapsed(now)
        guard let index = t.plan.stepIndex(at: e) else {
            center("Finished.", y: h / 2, style: .green, &grid)
            return
        }
        let step = t.plan.steps[index]
        let block = t.plan.blocks[step.block]
        let remaining = max(0, step.end - e)
        let seconds = (remaining + 999) / 1000
        let cue = step.isRest ? "REST" : {
            if case .segment(let cue, _) = step.kind { return cue.uppercased() }
            return ""
        }()

        // What to do now, and the large countdown.
        // Rows between the title and the footer; the last one is left blank above the footer.
        var rows = Rows(Rect(x: 0, y: 2, width: w, height: footerY - 2))
        let side = block.side.map { " · \($0.rawValue) side" } ?? ""
        let where_ = step.isRest ? "Rest before set \(nextSet(t, step)?.label ?? "")"
            : "Set \(block.set)/\(t.plan.sets)\(side) · rep \(step.rep)/\(t.plan.repsPerSet)"
        center(where_, y: rows.next(), style: .bold, &grid)
        rows.skip()
        let segmentText = step.isRest ? cue : "\(cue) \(segmentLength(step))"
        center(segmentText, y: rows.next(), style: step.isRest ? .green : .title, &grid)
        rows.skip()
        let digits = String(seconds)
        if h >= 20 && w >= BigDigits.width(digits) + 2 {
            BigDigits.draw(digits, x: (w - BigDigits.width(digits)) / 2, y: rows.y, style: step.isRest ? .green : .accent, &grid)
            rows.skip(BigDigits.height)
        } else {
            center("\(seconds) s", y: rows.next(), style: .accent, &grid)
        }
        rows.skip()

        // Bars: this rep (or the rest), and the whole set.
        let barWidth = max(10, min(60, w - 16))
        let barX = (w - barWidth) / 2
        let y = rows.next()
        if step.isRest {
            grid.put("Rest", x: barX - 6, y: y, style: .dim)
            grid.bar(x: barX, y: y, width: barWidth, fraction: Double(e - step.start) / Double(max(1, step.duration)), style: .green)
        } else {
            let repLength = (block.end - block.start) / t.plan.repsPerSet
            let repStart = block.start + (step.rep - 1) * repLength
            grid.put("Rep", x: barX - 6, y: y, style: .dim)
            grid.bar(x: barX, y: y, width: barWidth, fraction: Double(e - repStart) / Double(max(1, repLength)))
        }
        if let y = rows.take(keeping: 1)?.y {
            grid.put("Set", x: barX - 6, y: y, style: .dim)
            let setFraction = step.isRest ? 1 : Double(e - block.start) / Double(max(1, block.end - block.start))
            grid.bar(x: barX, y: y, width: barWidth, fraction: setFraction)
        }
        if rows.remaining > 1 {
            rows.skip()
            let total = t.plan.totalMilliseconds
            let left = (total - e) / 1000
            center("Session \(Int(Double(e) * 100 / Double(max(1, total))))% · \(left / 60):\(String(format: "%02d", left % 60)) left",
                   y: rows.next(), style: .dim, &grid)
        }
        if let how {
            let lines = how.wrapped(width: min(w - 4, 72))
            if rows.remaining >= lines.count + 2 {
                rows.skip()
                for line in lines { center(line, y: rows.next(), style: .normal, &grid) }
            }
        }

        switch t.stage {
        case .paused:
            center(" PAUSED: space to go on ", y: h / 2, style: .warning, &grid)
        case .confirmQuit:
            center(" Stop now? Sets done so far are kept. y/n ", y: h / 2, style: .warning, &grid)
        default: break
        }
        grid.putTruncated(" " + t.keys.footer, x: 0, y: footerY, width: w, style: .selected)
    }

    private static func segmentLength(_ step: TempoPlan.Step) -> String { "\(step.duration / 1000) s" }

    private static func nextSet(_ t: TimerModel, _ step: TempoPlan.Step) -> (label: String, Void)? {
        let next = step.block + 1
        guard t.plan.blocks.indices.contains(next) else { return nil }
        let b = t.plan.blocks[next]
        return ("\(b.set)/\(t.plan.sets)" + (b.side.map { " (\($0.rawValue))" } ?? ""), ())
    }

    static func center(_ text: String, y: Int, style: Style, _ grid: inout CellGrid) {
        let x = max(0, (grid.width - text.count) / 2)
        grid.putTruncated(text, x: x, y: y, width: grid.width, style: style)
    }
}

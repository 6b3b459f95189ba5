import RehabCore
import Terminal

/// The tempo timer: the cue, a big countdown, bars for the rep and the set, side, rep and set.
public enum TimerScreen {
    /// Smaller than the app's screens: a count in plain text still reads on a phone-sized window.
    public static let minimumWidth = 20
    public static let minimumHeight = 8
    static let minimum = (width: minimumWidth, height: minimumHeight)

    /// `how`: the exercise's how-to, shown below the bars where there is room.
    /// `saveLine`: what became of saving the sets (only what the storage confirmed counts as saved).
    /// `summaryScroll`: lines scrolled in a session's summary taller than the screen.
    public static func render(
        _ t: TimerModel, how: String? = nil, zoneLine: String? = nil, saveLine: (String, Style)? = nil,
        summaryScroll: Int = 0, into grid: inout CellGrid, now: Int64
    ) {
        let frame = frame(
            t, how: how, zoneLine: zoneLine, saveLine: saveLine, summaryScroll: summaryScroll, width: grid.width, height: grid.height, now: now)
        draw(frame, &grid)
        if t.isFlashing(now) { grid.invert() }
    }

    /// Draws `frame`: the title and the keys' bar, the body, then the keys.
    static func draw(_ frame: TimerFrame, _ grid: inout CellGrid) {
        let w = grid.width, footerY = grid.height - 1
        grid.fill(Rect(x: 0, y: 0, width: w, height: 1), style: .selected)
        grid.putTruncated(frame.title, x: 0, y: 0, width: w, style: .selected)
        grid.fill(Rect(x: 0, y: footerY, width: w, height: 1), style: .selected)
        switch frame.body {
        case .text(let text): text.draw(&grid)
        case .finished(let line): center(line, &grid)
        case .countdown(let countdown): draw(countdown, &grid)
        }
        if let keys = frame.keys { grid.putTruncated(" " + keys, x: 0, y: footerY, width: w, style: .selected) }
    }

    private static func draw(_ c: TimerFrame.Countdown, _ grid: inout CellGrid) {
        center(c.place, &grid)
        center(c.cue, &grid)
        switch c.count {
        case .digits(let digits, let x, let y, let scale, let style): BigDigits.draw(digits, x: x, y: y, scale: scale, style: style, &grid)
        case .plain(let line): center(line, &grid)
        }
        for bar in c.bars { draw(bar, &grid) }
        if let session = c.session { center(session, &grid) }
        for line in c.how { center(line, &grid) }
        for line in c.question {
            grid.fill(Rect(x: 0, y: line.y, width: grid.width, height: 1), style: line.style)
            grid.put(line.text, x: 1, y: line.y, style: line.style)
        }
        if let said = c.said {
            grid.fill(Rect(x: 0, y: said.y, width: grid.width, height: 1), style: .normal)
            center(said, &grid)
        }
        for line in c.paused { center(line, &grid) }
    }

    private static func draw(_ bar: TimerFrame.Bar, _ grid: inout CellGrid) {
        let area = bar.area
        if let label = bar.label { grid.put(label, x: area.x - 6, y: area.y + (area.height - 1) / 2, style: .dim) }
        for y in area.y..<area.maxY { grid.bar(x: area.x, y: y, width: area.width, fraction: bar.fraction, style: bar.style) }
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
    static func middleArea(_ text: TextBlock, width: Int, height: Int) -> Rect {
        let rows = max(1, height - 3)
        let shown = min(text.count, rows)
        return Rect(x: (width - text.width) / 2, y: 2 + (rows - shown) / 2, width: text.width, height: shown)
    }

    static func center(_ line: TextRow, _ grid: inout CellGrid) { center(line.text, y: line.y, style: line.style, &grid) }

    static func center(_ text: String, y: Int, style: Style, _ grid: inout CellGrid) {
        let x = max(0, (grid.width - text.count) / 2)
        grid.putTruncated(text, x: x, y: y, width: grid.width, style: style)
    }
}

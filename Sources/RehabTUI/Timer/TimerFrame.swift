import RehabCore
import Terminal

/// What the timer shows at one moment, each section on its rows: decided by `TimerScreen.frame`
/// before anything is drawn, so what a size keeps can be read (and tested) without a grid.
struct TimerFrame: Equatable {
    /// The count: in big digits, or as plain text where they do not fit.
    enum Count: Equatable {
        case digits(String, x: Int, y: Int, scale: Int, style: Style)
        case plain(TextRow)
    }

    /// A progress bar filling `area` (one or two rows), with its label on the left when it has one.
    struct Bar: Equatable {
        var label: String?
        var fraction: Double
        var style: Style
        var area: Rect
    }

    /// A step under way: where in the session, the cue, the count, the bars, then what the timer
    /// asks and says above the keys.
    struct Countdown: Equatable {
        var place: TextRow
        var cue: TextRow
        var count: Count
        var bars: [Bar]
        var session: TextRow?
        var how: [TextRow]
        /// The question the timer waits on (stop?) or one open while it runs (the pain), on a band above the keys.
        var question: [TextRow]
        /// What the timer says, or a save that failed, on a cleared row above the question.
        var said: TextRow?
        /// Why the count stopped, over it.
        var paused: [TextRow]
    }

    enum Body: Equatable {
        /// A question or the summary, centred between the title and the keys.
        case text(PlacedText)
        case finished(TextRow)
        case countdown(Countdown)
    }

    var title: String
    /// The keys on the last row; nil leaves the bar empty.
    var keys: String?
    var body: Body
}

extension TimerScreen {
    /// The frame for `t` at `now` on a `width` x `height` terminal (the arguments are `render`'s).
    static func frame(
        _ t: TimerModel, how: String?, zoneLine: String?, saveLine: (String, Style)?, summaryScroll: Int,
        width w: Int, height h: Int, now: Int64
    ) -> TimerFrame {
        let title = title(t, width: w, now: now)
        func middle(_ text: TextBlock, scroll: Int = 0) -> TimerFrame.Body {
            .text(PlacedText(text: text, area: middleArea(text, width: w, height: h), offset: scroll, centred: true))
        }
        let finished = TimerFrame(title: title, keys: nil, body: .finished(.init(text: "Finished.", y: h / 2, style: .green)))
        switch t.stage {
        case .askPain:
            guard let q = t.painQuestion else { break }
            let text = painDuring(t, q, saveLine: saveLine, width: w)
            return TimerFrame(title: title, keys: TimerModel.painKeys.footer(fitting: w - 1), body: middle(text))
        case .askPainAfter:
            let text = painAfter(t, saveLine: saveLine, width: w)
            return TimerFrame(title: title, keys: TimerModel.painAfterKeys.footer(fitting: w - 1), body: middle(text))
        case .summary:
            let text = summary(t, zoneLine: zoneLine, saveLine: saveLine, width: w)
            return TimerFrame(title: title, keys: TimerModel.summaryKeys.footer, body: middle(text, scroll: summaryScroll))
        case .finished:
            return finished
        default: break
        }
        guard let countdown = countdown(t, how: how, saveLine: saveLine, width: w, height: h, now: now) else { return finished }
        let keys = if case .confirmQuit = t.stage { TimerModel.stopKeys.footer } else { t.keys.footer(fitting: w - 1) }
        return TimerFrame(title: title, keys: keys, body: .countdown(countdown))
    }

    /// After the plan: the worst pain during an exercise whose sets were done.
    private static func painDuring(_ t: TimerModel, _ q: TimerModel.PainQuestion, saveLine: (String, Style)?, width w: Int) -> TextBlock {
        let name = t.plan.parts[q.part].name.lowercased()
        var text = TextBlock(width: min(w - 4, 72))
        let (done, style) = partLine(t, part: q.part)
        text.add(done, style: style)
        text.blank()
        text.add("Worst pain during \(name) (0-10):", style: .bold)
        text.add("[ \(q.typed.isEmpty ? "_" : q.typed) ]", style: .title)
        if let error = q.error { text.blank(); text.add(error, style: .red) }
        if let saveLine { text.blank(); text.add(saveLine.0, style: saveLine.1) }
        return text
    }

    /// Then the pain now, after the session, or "later".
    private static func painAfter(_ t: TimerModel, saveLine: (String, Style)?, width w: Int) -> TextBlock {
        var text = TextBlock(width: min(w - 4, 72))
        text.add("Pain now, after the session (0-10):", style: .bold)
        text.add("[ \(t.painAfter.typed.isEmpty ? "_" : t.painAfter.typed) ]", style: .title)
        text.blank()
        text.add("Not sure yet? l answers later, on Today.", style: .dim)
        if let error = t.painAfter.error { text.add(error, style: .red) }
        if let saveLine { text.blank(); text.add(saveLine.0, style: saveLine.1) }
        return text
    }

    /// The exercise's name is what a narrow title keeps: the words before it go first.
    private static func title(_ t: TimerModel, width w: Int, now: Int64) -> String {
        let step = t.plan.stepIndex(at: t.elapsed(now)).map { t.plan.steps[$0] }
        let part = step.map { t.plan.blocks[$0.block].part } ?? max(0, t.plan.parts.count - 1)
        let name = t.showsSummary ? t.plan.parts[part].name : t.title
        let parts = t.plan.parts.count
        let titles =
            !t.showsSummary
            ? [" Timer: \(name)", " \(name)"]
            : t.isActive ? [" Session \(part + 1)/\(parts): \(name)", " \(part + 1)/\(parts) \(name)"] : [" Session"]
        return titles.first { $0.count <= w } ?? titles.last!
    }

    /// The step under way, or nil when the plan is over.
    private static func countdown(
        _ t: TimerModel, how: String?, saveLine: (String, Style)?, width w: Int, height h: Int, now: Int64
    ) -> TimerFrame.Countdown? {
        let e = t.elapsed(now)
        guard let index = t.plan.stepIndex(at: e) else { return nil }
        let step = t.plan.steps[index]
        let block = t.plan.blocks[step.block]
        let current = t.plan.parts[block.part]
        let seconds = (max(0, step.end - e) + 999) / 1000
        let footerY = h - 1
        // Every line of a countdown is drawn centred.
        func centred(_ text: String, y: Int, style: Style) -> TextRow { .init(text: text, y: y, style: style) }

        // What to do now, and the large countdown: as large as the terminal allows, with the
        // how-to below when it fits too. The rows above the footer are kept for a question (the
        // pain, stop?) and, when there is room, for what the timer says.
        let kept = footerY - 2 >= 14 ? 2 : 1
        var rows = Rows(Rect(x: 0, y: 2, width: w, height: footerY - 2 - kept))
        let compact = rows.remaining < 8  // no blank rows between lines on a tiny terminal
        let layout = Self.layout(
            rows: rows.remaining, width: w, widest: String(max(seconds, (step.duration + 999) / 1000)),
            how: compact ? [] : (how?.wrapped(width: min(w - 4, 72)) ?? []))
        let place = centred(Self.place(t, step: step), y: rows.next(), style: .bold)
        if !compact { rows.skip() }
        let cue = centred(
            step.isSegment ? "\(cueWord(step)) \(step.duration / 1000) s" : cueWord(step), y: rows.next(), style: step.isSegment ? .title : .green)
        if !compact { rows.skip() }
        let digits = String(seconds)
        let count: TimerFrame.Count
        if layout.scale > 0 {
            let width = BigDigits.width(digits, scale: layout.scale)
            count = .digits(digits, x: (w - width) / 2, y: rows.y, scale: layout.scale, style: step.isSegment ? .accent : .green)
            rows.skip(BigDigits.height(scale: layout.scale))
        } else {
            count = .plain(centred("\(seconds) s", y: rows.next(), style: .accent))
        }
        if !compact { rows.skip() }

        // Bars: this rep (or the rest), and the whole set; thicker on a large terminal.
        // Labelled where there is room for the labels, else the bars alone.
        let labelled = w - 16 >= 10
        let barWidth = labelled ? min(w - 16, max(60, w * 3 / 4)) : w - 4
        var bars: [TimerFrame.Bar] = []
        func bar(_ label: String, _ fraction: Double, style: Style) {
            guard let r = rows.take(layout.barRows) else { return }
            let area = Rect(x: (w - barWidth) / 2, y: r.y, width: barWidth, height: r.height)
            bars.append(.init(label: labelled ? label : nil, fraction: fraction, style: style, area: area))
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
        var session: TextRow?
        if rows.remaining > 1 {
            rows.skip()
            let total = t.plan.totalMilliseconds
            let left = (total - e) / 1000
            let text = "Session \(Int(Double(e) * 100 / Double(max(1, total))))% · \(left / 60):\(String(format: "%02d", left % 60)) left"
            session = centred(text, y: rows.next(), style: .dim)
        }
        var howLines: [TextRow] = []
        if !layout.how.isEmpty && rows.remaining >= layout.how.count + 1 {
            rows.skip()
            howLines = layout.how.map { centred($0, y: rows.next(), style: .normal) }
        }

        // A question the timer waits on (stop?) or one open while it runs (the pain), whole, on
        // rows of its own above the keys; what the timer says goes just above it.
        let asked = question(t)?.wrapped(width: w - 2) ?? []
        let top = footerY - asked.count
        let said: TextRow? =
            if let saveLine, saveLine.1 == .red { centred(saveLine.0, y: top - 1, style: .red) } else {
                t.saying(now).map { centred($0, y: top - 1, style: .green) }
            }
        var paused: [TextRow] = []
        if t.stage == .paused {
            // Over the stopped count, where it is seen from the floor; wrapped, never cut.
            let note =
                t.heldForPain.map { "Stopped \(t.plan.parts[$0].name.lowercased()) for pain. Space goes on." }
                ?? t.stallNote ?? "PAUSED: space to go on"
            let lines = note.wrapped(width: w - 4)
            paused = lines.enumerated().map { i, line in centred(" \(line) ", y: h / 2 - (lines.count - 1) / 2 + i, style: .warning) }
        }
        return TimerFrame.Countdown(
            place: place, cue: cue, count: count, bars: bars, session: session, how: howLines,
            question: asked.enumerated().map { i, line in .init(text: line, y: top + i, style: .warning) },
            said: said, paused: paused)
    }

    /// Where the step is in the session: the next exercise in a rest, the exercise and its dose
    /// before it starts, the set and rep during it.
    private static func place(_ t: TimerModel, step: TempoPlan.Step) -> String {
        let block = t.plan.blocks[step.block]
        let current = t.plan.parts[block.part]
        switch step.kind {
        case .rest: return "Next: " + t.plan.announcement(ofBlock: step.block + 1, after: step.block)
        case .prepare:
            return [current.name, block.side.map { "\($0.rawValue) side" }, current.dose]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
        case .segment:
            let side = block.side.map { " · \($0.rawValue) side" } ?? ""
            // A hold is one long rep: "rep 1/1" says nothing.
            let rep = current.holdSeconds == nil || current.repsPerSet > 1 ? " · rep \(step.rep)/\(current.repsPerSet)" : " · hold"
            return "Set \(block.set)/\(current.sets)\(side)\(rep)"
        }
    }

    private static func cueWord(_ step: TempoPlan.Step) -> String {
        switch step.kind {
        case .rest: return "REST"
        case .prepare: return "GET READY"
        case .segment(let cue, _): return cue.uppercased()
        }
    }

    /// The question on the band above the keys, if one is open.
    private static func question(_ t: TimerModel) -> String? {
        if case .confirmQuit = t.stage { return stopQuestion }
        guard let q = t.painQuestion else { return nil }
        let name = t.plan.parts[q.part].name.lowercased()
        return q.error ?? "Pain during \(name) (0-10): \(q.typed.isEmpty ? "_" : q.typed)  Enter saves"
    }
}

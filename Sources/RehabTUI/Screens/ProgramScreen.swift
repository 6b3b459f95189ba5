import RehabCore
import Terminal

/// The four phases as a timeline with where you are, a phase's exercises and gate, and the
/// return-to-run ladder.
enum ProgramScreen {
    static func render(_ s: Snapshot, cursor: Int?, in area: Rect, _ grid: inout CellGrid) {
        let g = grid.glyphs
        let x = area.x + 1, w = area.width - 2
        var rows = Rows(Rect(x: x, y: area.y + 1, width: w, height: area.height - 1))
        var y = rows.next()
        let currentIndex = s.program.phases.firstIndex { $0.id == s.status.phase } ?? s.program.phases.count
        let shown = min(cursor ?? currentIndex, s.program.phases.count - 1)

        // Timeline: one segment per phase, done / here / ahead.
        var tx = x
        for (i, phase) in s.program.phases.enumerated() {
            let mark: Character = i < currentIndex ? g.done : i == currentIndex ? g.arrowRight : g.dot
            let label = w >= 70 ? phase.name : String(phase.name.prefix(w >= 50 ? 8 : 4))
            let style: Style = i == shown ? .selected : i == currentIndex ? .title : i < currentIndex ? .green : .dim
            tx = grid.put("\(mark) \(label)", x: tx, y: y, style: style)
            if i < s.program.phases.count - 1 { tx = grid.put(" \(g.horizontal)\(g.horizontal) ", x: tx, y: y, style: .dim) }
        }
        rows.skip()
        let phase = s.program.phases[shown]
        let status = shown < currentIndex ? "done" : shown == currentIndex ? "you are here, day \(s.status.daysInPhase)" : "ahead"
        // The goal wraps (a cut goal read "never two d…"); on a small screen to two lines, so the
        // exercises still show below it.
        let heading = "\(phase.name) (\(status)): \(phase.goal)"
        let ladderRows = phase.id == .returnToRun ? min(s.program.returnToRun.stages.count, 10) + 1 : 0
        let goal = heading.wrapped(width: w)
        let room = rows.remaining >= 16 ? 4 : 2
        for (i, line) in goal.prefix(room).enumerated() {
            let cut = i == room - 1 && goal.count > room
            grid.putTruncated(cut ? String(line.prefix(w - 1)) + "…" : line, x: x, y: rows.next(), width: w, style: .bold)
        }
        y = rows.next()
        grid.putTruncated(length(phase), x: x, y: y, width: w, style: .dim)
        // Exercises, the gate, the ladder: each keeps room for what follows.
        for e in phase.exercises {
            guard let y = rows.take(keeping: 3 + ladderRows)?.y else { break }
            let pace = e.isHold && (e.tempo ?? []).isEmpty ? "" : ", tempo \(e.tempoText) s"
            grid.putTruncated("\(g.bullet) \(e.name): \(e.prescription)\(pace)", x: x, y: y, width: w)
        }
        if rows.remaining > 2 {
            rows.skip()
            if let y = rows.take()?.y { grid.putTruncated("Gate to leave it:", x: x, y: y, width: w, style: .title) }
            for criterion in phase.gate {
                guard let y = rows.take(keeping: ladderRows)?.y else { break }
                grid.putTruncated("- " + describe(criterion, s.program), x: x, y: y, width: w)
            }
        }
        if phase.id == .returnToRun && rows.remaining > 1 {
            let current = s.status.runProgress?.currentStage
            for stage in s.program.returnToRun.stages {
                guard let y = rows.take()?.y else { break }
                let here = stage.stage == current
                grid.putTruncated("\(here ? g.arrowRight : " ") \(stage.stage). \(stage.description)", x: x, y: y, width: w, style: here ? .title : .normal)
            }
        }
    }

    static func describe(_ c: GateCriterion, _ program: Program) -> String {
        switch c {
        case .adherence(let days, let percent): return "\(percent) % of planned sessions in the last \(days) days"
        case .noRedDays(let days): return "no red day in the last \(days) days"
        case .maxPainDuring(let days, let max): return "exercise pain at most \(max)/10 in the last \(days) days"
        case .tests(let group):
            let names = group.tests.map { program.test($0.id)?.name ?? $0.id }
            return "tests: " + names.joined(separator: ", ") + " (pain at most \(group.maxPain))"
        case .runStageCompleted(let stage, let times):
            return "run stage \(stage) completed green \(times == 1 ? "once" : times == 2 ? "twice" : "\(times) times")"
        }
    }

    /// "At least 14 days, 7 sessions a week"; a phase with no minimum says so.
    static func length(_ phase: Phase) -> String {
        let sessions = "\(phase.sessionsPerWeek) session\(phase.sessionsPerWeek == 1 ? "" : "s") a week"
        guard phase.minimumDays > 0 else { return "No minimum length, " + sessions }
        return "At least \(phase.minimumDays) day\(phase.minimumDays == 1 ? "" : "s"), " + sessions
    }
}

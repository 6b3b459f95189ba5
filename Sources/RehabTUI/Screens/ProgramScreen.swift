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
        // The goal wraps when the exercises, the gate and the ladder still fit below it; else it is cut.
        let heading = "\(phase.name) (\(status)): \(phase.goal)"
        let ladderRows = phase.id == .returnToRun ? min(s.program.returnToRun.stages.count, 10) + 1 : 0
        let wrappedGoal = heading.wrapped(width: w).prefix(3)
        let below = 1 + phase.exercises.count + 2 + phase.gate.count + ladderRows
        let goalLines = rows.remaining >= wrappedGoal.count + below ? Array(wrappedGoal) : [heading]
        for line in goalLines { grid.putTruncated(line, x: x, y: rows.next(), width: w, style: .bold) }
        y = rows.next()
        grid.putTruncated("At least \(phase.minimumDays) days, \(phase.sessionsPerWeek) sessions a week", x: x, y: y, width: w, style: .dim)
        // Exercises, the gate, the ladder: each keeps room for what follows.
        for e in phase.exercises {
            guard let y = rows.take(keeping: 3 + ladderRows)?.y else { break }
            grid.putTruncated("\(g.bullet) \(e.name): \(e.prescription), tempo \(e.tempoText) s", x: x, y: y, width: w)
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
        case .runStageCompleted(let stage, let times): return "run stage \(stage) green \(times) times"
        }
    }
}

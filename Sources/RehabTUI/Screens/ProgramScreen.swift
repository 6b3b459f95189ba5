import RehabCore
import Terminal

/// The four phases as a timeline with where you are, a phase's exercises and gate, and the
/// return-to-run ladder.
enum ProgramScreen {
    static func render(_ s: Snapshot, cursor: Int?, scroll: Int = 0, in area: Rect, _ grid: inout CellGrid) {
        let g = grid.glyphs
        let x = area.x + 1, w = area.width - 2
        let y = area.y + 1
        let currentIndex = s.program.phases.firstIndex { $0.id == s.status.phase } ?? s.program.phases.count
        let shown = shownPhase(s, cursor: cursor)

        // Timeline: one segment per phase, done / here / ahead.
        var tx = x
        for (i, phase) in s.program.phases.enumerated() {
            let mark: Character = i < currentIndex ? g.done : i == currentIndex ? g.arrowRight : g.dot
            let label = w >= 70 ? phase.name : String(phase.name.prefix(w >= 50 ? 8 : 4))
            let style: Style = i == shown ? .selected : i == currentIndex ? .title : i < currentIndex ? .green : .dim
            tx = grid.put("\(mark) \(label)", x: tx, y: y, style: style)
            if i < s.program.phases.count - 1 { tx = grid.put(" \(g.horizontal)\(g.horizontal) ", x: tx, y: y, style: .dim) }
        }
        var text = document(s, cursor: cursor, width: w)
        text.draw(in: textArea(area), offset: scroll, &grid)
    }

    /// Below the timeline and a blank row: the phase, which scrolls when it does not fit.
    static func textArea(_ area: Rect) -> Rect { Rect(x: area.x + 1, y: area.y + 3, width: area.width - 2, height: area.height - 3) }

    static func shownPhase(_ s: Snapshot, cursor: Int?) -> Int {
        let currentIndex = s.program.phases.firstIndex { $0.id == s.status.phase } ?? s.program.phases.count
        return min(cursor ?? currentIndex, s.program.phases.count - 1)
    }

    /// The shown phase in full: goal, length, every exercise, the gate, and the run ladder.
    static func document(_ s: Snapshot, cursor: Int?, width: Int) -> TextBlock {
        let g = Glyphs.unicode
        let currentIndex = s.program.phases.firstIndex { $0.id == s.status.phase } ?? s.program.phases.count
        let shown = shownPhase(s, cursor: cursor)
        let phase = s.program.phases[shown]
        let status = shown < currentIndex ? "done" : shown == currentIndex ? "you are here, day \(s.status.daysInPhase)" : "ahead"
        var text = TextBlock(width: width)
        text.add("\(phase.name) (\(status)): \(phase.goal)", style: .bold)
        text.add(length(phase), style: .dim)
        for e in phase.exercises {
            let pace = e.paceText.map { ", " + $0 } ?? ""
            text.add("\(e.name): \(e.prescription)\(pace)", lead: "\(g.bullet) ")
        }
        text.blank()
        text.add("Gate to leave it:", style: .title)
        for criterion in phase.gate { text.add(describe(criterion, s.program), lead: "- ") }
        if phase.id == .returnToRun {
            text.blank()
            let current = s.status.runProgress?.currentStage
            for stage in s.program.returnToRun.stages {
                let here = stage.stage == current
                text.add(
                    stage.description, style: here ? .title : .normal, lead: "\(here ? g.arrowRight : " ") \(stage.stage). ",
                    leadStyle: here ? .title : .normal)
            }
        }
        return text
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

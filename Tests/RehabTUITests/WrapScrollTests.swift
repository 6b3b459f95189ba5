import Testing
import RehabCore
import Terminal
@testable import RehabTUI

/// Issue 22, items 1-3 and 9: nothing a patient must read is cut, text taller than the screen
/// scrolls to its end, the timer's count fills a large terminal, and the stop question waits.
@Suite struct WrapScrollTests {
    let second: Int64 = 1_000_000_000

    /// The model after `keys`, on a terminal of `width` x `height` (as the runner reports it).
    func model(_ keys: [Key], width: Int, height: Int, snapshot: Snapshot = patient()) -> AppModel {
        var m = AppModel(snapshot: snapshot, today: snapshot.today)
        _ = m.update(.resize(width: width, height: height), now: 0)
        for k in keys { _ = m.update(.key(k), now: 0) }
        return m
    }

    /// Every row of the screen, trimmed, in one line: wrapped sentences read whole again.
    func prose(_ grid: CellGrid) -> String {
        (0..<grid.height).map { grid.line($0).trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            .split(separator: " ").joined(separator: " ")
    }

    @Test func everyWarningSignQuestionIsShownWholeAt80x24() {
        let grid = screen(model([.char("c")], width: 80, height: 24))
        let text = prose(grid).replacingOccurrences(of: " [ ] no", with: "")
        let questions = program.redFlags.map(\.question)
        #expect(questions.count >= 10)
        for q in questions { #expect(text.contains(q), "\(q) not whole in \(grid)") }
        #expect(!grid.contains("…"))
    }

    @Test func theFirstRunsDisclaimerIsReadWholeAt40x12ByScrolling() {
        var m = AppModel(snapshot: nil, today: start)
        _ = m.update(.resize(width: 40, height: 12), now: 0)
        var screens = [screen(m, width: 40, height: 12)]
        #expect(screens[0].contains("more ↓ · PgDn scroll"))
        for _ in 0..<20 {
            _ = m.update(.key(.pageDown), now: 0)
            screens.append(screen(m, width: 40, height: 12))
        }
        guard case .form(_, let form) = m.mode else { Issue.record("no set-up form"); return }
        // Every line of it, the disclaimer included, was on screen at some point.
        let lines = FormScreen.introText(form, width: 40).lines.map(\.text).filter { !$0.isEmpty }
        #expect(lines.joined(separator: " ").contains("rehab is a self-management aid, not a diagnosis."))
        for line in lines { #expect(screens.contains { $0.contains(line) }, "\(line) never shown") }
        // The fields kept their place.
        #expect(form.focus == 0)
    }

    @Test func aFormsProblemIsSaidWholeAt40x12() {
        var m = model([.char("l")], width: 40, height: 12)
        guard case .form(let purpose, var form) = m.mode else { Issue.record("no form"); return }
        let problem = "Not saved: 2026-10-01 is before the program started on 2026-11-02; log days from the start on."
        form.problem = problem
        m.mode = .form(purpose, form)
        let grid = screen(m, width: 40, height: 12)
        #expect(prose(grid).contains(problem), "\(grid)")
        #expect(grid.line(11).hasPrefix(" ↑↓ move"))
    }

    @Test func helpScrollsToItsLastKeyAt40x12AndBackWithoutOvershooting() {
        var m = model([.char("?")], width: 40, height: 12)
        let top = screen(m, width: 40, height: 12)
        #expect(top.contains("more ↓") && top.contains("choose an exercise"))
        for _ in 0..<40 { _ = m.update(.key(.down), now: 0) }
        let end = screen(m, width: 40, height: 12)
        #expect(end.contains("more ↑") && end.contains("quit (everything is"), "\(end)")
        // One Up moves at once, however often Down was pressed at the end.
        _ = m.update(.key(.up), now: 0)
        #expect(screen(m, width: 40, height: 12) != end)
        #expect(m.overlay == .help)
        _ = m.update(.key(.char("x")), now: 0)
        #expect(m.overlay == nil)
    }

    @Test func programAt40x12ScrollsThroughEveryExerciseAndTheWholeGateOfEveryPhase() {
        for phase in program.phases.indices {
            // The patient is in the first phase: Right shows the next ones.
            var m = model([.char("3")] + Array(repeating: .right, count: phase), width: 40, height: 12)
            var seen = prose(screen(m, width: 40, height: 12))
            for _ in 0..<60 {
                _ = m.update(.key(.down), now: 0)
                seen += " " + prose(screen(m, width: 40, height: 12))
            }
            #expect(seen.contains("more ↑"))
            for e in program.phases[phase].exercises { #expect(seen.contains(e.name), "\(e.name) never shown") }
            for c in program.phases[phase].gate {
                let words = ProgramScreen.describe(c, program).split(separator: " ")
                // The last words of each criterion: a cut line would lose them.
                #expect(seen.contains(words.suffix(2).joined(separator: " ")), "\(c) not whole")
            }
        }
    }

    @Test func aSessionSummaryTallerThanTheScreenScrollsToItsLastLine() {
        var m = model([], width: 40, height: 12)
        func key(_ k: Key, _ now: Int64 = 0) { for case .save(let change) in m.update(.key(k), now: now) { confirm(change) } }
        func confirm(_ change: Change) {
            let count = if case .timerSets(let e) = change { e.count } else { 0 }
            _ = m.update(.saved(change, m.snapshot!, entryIDs: (0..<count).map { Int64($0) }), now: 0)
        }
        key(.char("e"))
        for case .save(let change) in m.update(.tick, now: 10_000 * second) { confirm(change) }
        for _ in 0..<5 { key(.char("2")); key(.enter) }
        let first = screen(m, width: 40, height: 12)
        #expect(first.contains("Session done") && first.contains("more ↓"), "\(first)")
        for _ in 0..<20 { key(.down) }
        let last = screen(m, width: 40, height: 12)
        #expect(last.contains("more ↑") && last.contains("sets saved."), "\(last)")
        // Enter closes it.
        key(.enter)
        if case .timer(let t, _) = m.mode { #expect(t.stage != .summary) }
    }

    @Test func theCountFillsALargeTerminalAndStillReadsAt20x8() {
        var t = TimerModel(
            plan: TempoPlan(segments: TempoPlan.segments(fromTempo: "5-2")!, sets: 1, repsPerSet: 3, restSeconds: 0),
            title: "bridge", now: 0)
        _ = t.advance(0)
        var large = CellGrid(width: 120, height: 40)
        TimerScreen.render(t, into: &large, now: second)
        let blockRows = (0..<large.height).filter {
            large.line($0).contains("███") && !large.line($0).contains("Rep") && !large.line($0).contains("Set")
        }
        // The bars are two rows each; the rest are the digits, at least three times five rows.
        #expect(blockRows.count - 4 >= 15, "\(large)")
        var small = CellGrid(width: 20, height: 8)
        TimerScreen.render(t, into: &small, now: second)
        #expect(small.contains("4 s") && !small.contains("enlarge"), "\(small)")
    }

    @Test func theStopQuestionPausesTheTimerAndHasRowsOfItsOwn() {
        var t = TimerModel(
            plan: TempoPlan(segments: TempoPlan.segments(fromTempo: "5-2")!, sets: 2, repsPerSet: 3, restSeconds: 5),
            title: "bridge", now: 0)
        _ = t.advance(0)
        _ = t.handle(.char("q"), now: 3 * second)
        let asked = t.elapsed(3 * second)
        // Asked for 30 s: no time passes, nothing is due, no cue plays.
        #expect(t.elapsed(33 * second) == asked)
        #expect(t.nextDeadline(33 * second) == nil)
        #expect(t.advance(33 * second).cue == nil)
        var grid = CellGrid(width: 80, height: 24)
        TimerScreen.render(t, into: &grid, now: 33 * second)
        let rows = (0..<grid.height).filter { grid.line($0).contains("Stop now?") || grid.line($0).contains("goes on.") }
        #expect(!rows.isEmpty && rows.allSatisfy { !grid.line($0).contains("█") && !grid.line($0).contains("░") }, "\(grid)")
        #expect(grid.line(grid.height - 1).contains("y stop"))
        // Any other key goes on from where it was.
        _ = t.handle(.char("n"), now: 33 * second)
        #expect(t.stage == .running && t.elapsed(34 * second) == asked + 1000)
    }
}

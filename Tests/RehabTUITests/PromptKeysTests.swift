import RehabCore
import Terminal
import Testing

@testable import RehabTUI

/// Every box and question over a screen has a key map (`PromptKeys`): each key its words name
/// does what they say, and every other key does what they say of other keys (or nothing, when
/// they say nothing of them). Enter is probed everywhere: it once confirmed a "y: yes" question.
@Suite struct PromptKeysTests {
    static let probes: [Key] = [.char("y"), .char("n"), .char("q"), .char("a"), .char("3"), .char(" "), .char("?"), .enter, .escape]

    /// What a key did to a box over the app, as a prompt action (nil: the box stayed, nothing done).
    func did(_ overlay: Overlay, in model: AppModel, key: Key) -> PromptAction? {
        var m = model
        let effects = m.update(.key(key), now: 0)
        if effects.contains(where: { if case .save = $0 { true } else { false } }) { return m.overlay == nil ? .yes : nil }
        #expect(!effects.contains(.quit), "\(key) quit the program from \(overlay)")
        // The gate's a: asked again from the screen (the question to advance, or the gate with why not).
        if key == .char("a"), m.overlay != nil, m.notice != model.notice || m.overlay != overlay { return .advance }
        if m.overlay == overlay { return nil }
        return m.overlay == nil ? (overlay == .help || overlay == .gate || overlay.isRedPain ? .close : .no) : nil
    }

    func checkKeys(_ overlay: Overlay, in model: AppModel, says words: [String]) {
        var m = model
        _ = m.update(.resize(width: 80, height: 24), now: 0)
        m.overlay = overlay
        let keys = Overlays.keys(overlay)
        for key in Self.probes {
            #expect(did(overlay, in: m, key: key) == keys.action(for: key), "\(overlay): \(key)")
        }
        let drawn = screen(m)
        for text in words { #expect(drawn.contains(text), "\(overlay) does not say \(text)\n\(drawn)") }
        if keys.other == nil { #expect(!drawn.contains("any other key") && !drawn.contains("any key"), "\(drawn)") }
    }

    @Test func theHelpBoxClosesOnAnyKeyAsItSaysQIncluded() {
        checkKeys(.help, in: AppModel(snapshot: patient(), today: start + 10), says: ["any key closes"])
    }

    @Test func theGateBoxAdvancesOnAAndClosesOnOtherKeys() {
        checkKeys(.gate, in: AppModel(snapshot: patient(), today: start + 10), says: ["press g for details"])
    }

    @Test func onlyYAdvancesAPhaseAndEnterIsNotNow() {
        var h = History(enrolment: Enrolment(start: start, side: .right, baselinePain: 1))
        h.phaseChanges.append(PhaseChange(date: start, phase: .returnToRun))
        for stage in 1...10 {
            for n in 0..<2 {
                let day = (stage - 1) * 4 + n * 2
                h.runs.append(RunEntry(date: start + day, stage: stage, minutes: 40, painDuring: 0))
                h.checkIns.append(CheckIn(date: start + day + 1, morningPain: 1))
            }
        }
        h.scores.append(OutcomeScore(date: start + 40, score: 70))
        let eligible = AppModel(snapshot: Snapshot(program: program, history: h, today: start + 40), today: start + 40)
        #expect(eligible.snapshot?.status.eligibleToAdvance == true)
        checkKeys(.confirmAdvance(to: nil), in: eligible, says: ["met. y: yes, any other key: not"])
    }

    @Test func onlyYRecordsAClinicianVisit() {
        let flagged = patient { $0.checkIns.append(CheckIn(date: start + 9, morningPain: 2, redFlags: ["night-pain"])) }
        checkKeys(
            .confirmClinicianSeen, in: AppModel(snapshot: flagged, today: start + 10),
            says: ["seen: y: yes, record the visit and lift", "the pause, any other key: not now."])
    }

    @Test func theRedPainAdviceStaysUntilEnterAsItSays() throws {
        let s = patient()
        let advice = try #require(s.evaluator.redPainAdvice(8, .during, on: s.today))
        checkKeys(.redPain(advice), in: AppModel(snapshot: s, today: s.today), says: ["Enter: read."])
    }

    @Test func theStopQuestionStopsOnYAndGoesOnOnAnyOtherKeyEnterIncluded() {
        let plan = TempoPlan(segments: TempoPlan.segments(fromTempo: "2-2")!, sets: 1, repsPerSet: 3, restSeconds: 0)
        var asked = TimerModel(plan: plan, title: "bridge", now: 0, use: .standAlone)
        _ = asked.advance(5_000_000_000)
        asked.requestQuit(5_000_000_000)
        for key in Self.probes {
            var t = asked
            let outcome = t.handle(key, now: 6_000_000_000)
            let did: PromptAction = outcome.close && !t.isActive ? .yes : t.stage == .running ? .no : .close
            #expect(did == TimerModel.stopKeys.action(for: key), "\(key)")
        }
        var grid = CellGrid(width: 80, height: 24, glyphs: .unicode)
        TimerScreen.render(asked, into: &grid, now: 5_000_000_000)
        #expect(grid.line(23) == " y stop  any other key goes on")
    }

    @Test func aSessionSummaryStaysUntilEnterAsItsFooterSays() {
        let plan = TempoPlan(segments: TempoPlan.segments(fromTempo: "2-2")!, sets: 1, repsPerSet: 1, restSeconds: 0)
        var summary = TimerModel(plan: plan, title: "bridge", now: 0, use: .session)
        _ = summary.advance(10_000_000_000)
        _ = summary.handle(.escape, now: 10_000_000_000)  // no pain given
        _ = summary.handle(.char("l"), now: 10_000_000_000)  // the pain after: later
        #expect(summary.stage == .summary)
        for key in Self.probes {
            var t = summary
            let outcome = t.handle(key, now: 10_000_000_000)
            #expect((outcome.close ? PromptAction.close : nil) == TimerModel.summaryKeys.action(for: key), "\(key)")
            #expect(outcome.close == (t.stage == .finished))
        }
        var grid = CellGrid(width: 80, height: 24, glyphs: .unicode)
        TimerScreen.render(summary, into: &grid, now: 10_000_000_000)
        #expect(grid.line(23) == " Enter: back to Today")
    }
}

extension Overlay {
    fileprivate var isRedPain: Bool { if case .redPain = self { true } else { false } }
}

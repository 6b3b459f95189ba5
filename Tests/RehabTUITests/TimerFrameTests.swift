import Testing
import RehabCore
import Terminal
@testable import RehabTUI

/// What the timer keeps at each size, read from its frame rather than from drawn cells.
@Suite struct TimerFrameTests {
    let second: Int64 = 1_000_000_000

    /// A set of three 7 s reps, one second in.
    func bridge() -> TimerModel {
        var t = TimerModel(
            plan: TempoPlan(segments: TempoPlan.segments(fromTempo: "5-2")!, sets: 1, repsPerSet: 3, restSeconds: 0),
            title: "bridge", now: 0)
        _ = t.advance(0)
        return t
    }

    func countdown(_ t: TimerModel, how: String? = nil, width: Int, height: Int, now: Int64) -> TimerFrame.Countdown? {
        let frame = TimerScreen.frame(t, how: how, zoneLine: nil, saveLine: nil, summaryScroll: 0, width: width, height: height, now: now)
        guard case .countdown(let c) = frame.body else { return nil }
        return c
    }

    @Test func at20x8TheCountIsPlainTextAboveOneUnlabelledBar() throws {
        let c = try #require(countdown(bridge(), how: "Lie on your back.", width: 20, height: 8, now: second))
        #expect(c.place.text == "Set 1/1 · rep 1/3" && c.place.y == 2)
        #expect(c.cue.y == 3)
        #expect(c.count == .plain(.init(text: "4 s", y: 4, style: .accent)))
        // The set's bar, the session line and the how-to find no room.
        #expect(c.bars.count == 1)
        #expect(c.bars.first?.label == nil && c.bars.first?.area.y == 5 && c.bars.first?.area.height == 1)
        #expect(c.session == nil && c.how.isEmpty && c.question.isEmpty && c.paused.isEmpty)
    }

    @Test func at120x40TheCountIsBigTheBarsThickAndLabelledAndTheHowToFits() throws {
        let c = try #require(countdown(bridge(), how: "Lie on your back, knees bent.", width: 120, height: 40, now: second))
        guard case .digits("4", _, _, let scale, _) = c.count else {
            Issue.record("not in big digits: \(c.count)")
            return
        }
        #expect(scale >= 3)
        #expect(c.bars.map(\.label) == ["Rep", "Set"] && c.bars.allSatisfy { $0.area.height == 2 })
        #expect(c.session?.text.hasPrefix("Session ") == true)
        #expect(c.how.map(\.text) == ["Lie on your back, knees bent."])
        // Each section below the one before.
        let ys = [c.place.y, c.cue.y] + c.bars.map(\.area.y) + [c.session!.y] + c.how.map(\.y)
        #expect(ys == ys.sorted() && Set(ys).count == ys.count, "\(ys)")
    }

    @Test func theStopQuestionSitsOnItsOwnRowsJustAboveTheKeys() throws {
        var t = bridge()
        _ = t.handle(.char("q"), now: 3 * second)
        let frame = TimerScreen.frame(t, how: nil, zoneLine: nil, saveLine: nil, summaryScroll: 0, width: 80, height: 24, now: 3 * second)
        #expect(frame.keys == "y stop  any other key goes on")
        guard case .countdown(let c) = frame.body else {
            Issue.record("no countdown: \(frame.body)")
            return
        }
        #expect(c.question.map(\.text).joined(separator: " ") == TimerScreen.stopQuestion)
        #expect(c.question.last?.y == 22)
        let questionRows = Set(c.question.map(\.y))
        #expect(c.bars.allSatisfy { !questionRows.contains($0.area.y) && !questionRows.contains($0.area.maxY - 1) })
        #expect(c.session.map { !questionRows.contains($0.y) } ?? true)
    }

    @Test func atItsEndTheTimerAsksThePainInTheMiddleWithThePainKeys() {
        var t = bridge()
        _ = t.advance(30 * second)
        let frame = TimerScreen.frame(t, how: nil, zoneLine: nil, saveLine: nil, summaryScroll: 0, width: 40, height: 12, now: 30 * second)
        #expect(frame.keys == TimerModel.painKeys.footer(fitting: 39))
        guard case .text(let placed) = frame.body else {
            Issue.record("not a question: \(frame.body)")
            return
        }
        #expect(placed.text.lines.map(\.text).contains { $0.hasPrefix("Worst pain during") })
        #expect(placed.offset == 0 && placed.centred)
        #expect(placed.area.y >= 2 && placed.area.maxY <= 11 && placed.area.height == placed.text.count)
    }
}

import Testing
import RehabCore
import Terminal
@testable import RehabTUI

/// What Today keeps at each size, read from its frame rather than from drawn cells.
@Suite struct TodayFrameTests {
    func frame(_ s: Snapshot, selection: Int = 0, width: Int, height: Int) -> (TodayFrame, Rect) {
        let area = AppView.body(width: width, height: height, notice: nil)
        return (TodayScreen.frame(s, selection: selection, notesScroll: 0, in: area, glyphs: .unicode), area)
    }

    /// Every row the frame hands out, in the order drawn from the top.
    func rows(_ f: TodayFrame) -> [Int] {
        [f.phase?.y, f.zones?.y, f.heading?.y].compactMap { $0 } + f.exercises.flatMap { Array($0.area.y..<$0.area.maxY) }
            + f.how.map(\.y) + f.hints.map(\.y) + f.gate.map(\.y)
    }

    @Test func at80x24TheHowToOfTheChosenExerciseFollowsTheListAndTheGateIsLast() {
        let s = patient()
        let (f, area) = frame(s, selection: 1, width: 80, height: 24)
        #expect(f.phase?.y == area.y + 1 && f.zones?.legend == true)
        #expect(f.exercises.count == s.status.plan.items.count)
        #expect(f.exercises.filter(\.selected).map(\.text) == [f.exercises[1].text])
        #expect(!f.how.isEmpty && f.how.first!.y > f.exercises.last!.area.y + 1)
        #expect(f.gate.last?.y == area.maxY - 1)
        let ys = rows(f)
        #expect(ys == ys.sorted() && Set(ys).count == ys.count, "\(ys)")
    }

    @Test func at40x12TheHowToGoesAndTheChosenExerciseStaysInView() {
        let s = patient()
        let last = s.status.plan.items.count - 1
        let (f, area) = frame(s, selection: last, width: 40, height: 12)
        #expect(f.zones?.legend == false)
        #expect(f.how.isEmpty)
        #expect(f.exercises.last?.selected == true && f.exercises.count < s.status.plan.items.count)
        #expect(f.gate.last?.y == area.maxY - 1)
        let ys = rows(f)
        #expect(ys == ys.sorted() && Set(ys).count == ys.count, "\(ys)")
    }
}

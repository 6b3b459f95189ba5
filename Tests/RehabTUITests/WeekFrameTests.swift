import Testing
import RehabCore
import Terminal
@testable import RehabTUI

/// What Week keeps at each size, read from its frame rather than from drawn cells.
@Suite struct WeekFrameTests {
    func frame(_ s: Snapshot, weekOffset: Int = 0, width: Int, height: Int) -> (WeekFrame, Rect) {
        let area = AppView.body(width: width, height: height, notice: nil)
        return (WeekScreen.frame(s, weekOffset: weekOffset, in: area, glyphs: .unicode), area)
    }

    /// The rows handed out below the day rows, in the order drawn.
    func rows(_ f: WeekFrame) -> [Int] {
        (f.chart.map { Array($0.top..<$0.top + $0.height) } ?? []) + f.values.map(\.y) + f.loadsHeld.map(\.y)
            + [f.trend?.y, f.gateHeading?.y].compactMap { $0 } + f.gate.map(\.y) + [f.more?.y].compactMap { $0 }
    }

    @Test func at120x40TheChartSitsAboveTheValuesTrendAndWholeGate() throws {
        let (f, area) = frame(patient(), width: 120, height: 40)
        let chart = try #require(f.chart)
        #expect(chart.height >= 5 && chart.top == f.zoneY + 1)
        #expect(f.values.map(\.kind) == [0, 1, 2] && f.values.first?.y == chart.top + chart.height)
        #expect(f.trend != nil && f.more == nil && !f.gate.isEmpty)
        let ys = rows(f)
        #expect(ys == ys.sorted() && Set(ys).count == ys.count && ys.last! < area.maxY, "\(ys)")
    }

    /// The chart needs five rows: at 80x24 the gate's seven lines leave fewer, so the values say it alone.
    @Test func at80x24TheWholeGateFitsAndTheChartGivesWay() {
        let (f, area) = frame(patient(), width: 80, height: 24)
        #expect(f.chart == nil && f.values.count == 3 && f.trend != nil)
        #expect(f.gate.count == 7 && f.more == nil)
        let ys = rows(f)
        #expect(ys == ys.sorted() && Set(ys).count == ys.count && ys.last! < area.maxY, "\(ys)")
    }

    /// At 40x12 the values are kept; the trend and the gate (g shows it) give way.
    @Test func at40x12TheValuesStayAndTheTrendAndGateGo() {
        let (f, area) = frame(patient(), width: 40, height: 12)
        #expect(f.chart == nil && f.nav == nil)
        #expect(f.values.map(\.kind) == [0, 1, 2] && f.values.last!.y < area.maxY)
        #expect(f.trend == nil && f.gateHeading == nil && f.gate.isEmpty)
    }

    @Test func daysAfterTodayHaveNoMarksOrValues() {
        let s = patient()
        let (f, _) = frame(s, width: 80, height: 24)
        let future = f.days.indices.filter { f.days[$0].date > s.today }
        #expect(!future.isEmpty)
        #expect(future.allSatisfy { !f.lived[$0] })
        #expect(f.values.allSatisfy { row in future.allSatisfy { row.texts[$0] == nil } })
        // Today's pain after exercise (1) is under today.
        let today = f.days.firstIndex { $0.date == s.today }!
        #expect(f.values.first { $0.kind == 1 }?.texts[today] == "1")
    }
}

import Foundation
import Testing
import RehabCore
import Terminal
@testable import RehabTUI

/// The Week screen: work per kind, the pain chart at the height it is given with its numbers,
/// a labelled trend, and a past week's gate as it stood at that week's end.
@Suite struct WeekScreenTests {
    /// Seventeen days of full activation sessions with pains that differ by one (1 and 2 must not
    /// look alike), one red day, and a check-in every morning.
    static let snapshot: Snapshot = {
        var h = History(enrolment: Enrolment(start: start, side: .right, baselinePain: 1))
        let pains = [1, 2, 3, 1, 2, 0, 1, 2, 1, 6, 2, 1, 3, 2, 1, 2, 1]
        for (d, pain) in pains.enumerated() {
            for e in program.phase(.activation)!.exercises {
                for side in e.sides == .each ? [Side.left, .right] : [nil] {
                    h.exercises.append(
                        ExerciseEntry(
                            date: start + d, exerciseID: e.id, side: side, sets: e.sets, reps: e.reps,
                            holdSeconds: e.holdSeconds, painDuring: pain, painAfter: d % 4 == 3 ? nil : max(0, pain - 1)))
                }
            }
            h.checkIns.append(CheckIn(date: start + d + 1, morningPain: d % 3))
        }
        return Snapshot(program: program, history: h, today: start + 16)
    }()

    static func model(weeksBack: Int) -> AppModel {
        var m = AppModel(snapshot: snapshot, today: snapshot.today)
        _ = m.update(.key(.char("2")), now: 0)
        for _ in 0..<weeksBack { _ = m.update(.key(.left), now: 0) }
        return m
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func theWeekIsAsRecorded(width: Int, height: Int) throws {
        try GoldenTests.check("week-month", Self.model(weeksBack: 0), now: 0, width: width, height: height)
        try GoldenTests.check("week-past", Self.model(weeksBack: 1), now: 0, width: width, height: height)
    }

    @Test func workIsShownPerKindNeverAddedUp() {
        let g = screen(Self.model(weeksBack: 0))
        let week = Self.snapshot.evaluator.week(containing: Self.snapshot.today, asOf: Self.snapshot.today)
        #expect(week.work.reps > 0 && week.work.holdSeconds > 0)
        #expect(g.contains(week.work.text) && week.work.text.hasPrefix("\(week.work.reps) reps · "), "\(g)")
        #expect(!g.contains("volume"))
        #expect(WorkDone(reps: 1, holdSeconds: 90, runMinutes: 20).text == "1 rep · 1.5 min held · 20 min run")
        #expect(WorkDone().text == "no exercise logged")
    }

    /// At 40 columns the week's facts (sessions and the work of each kind) wrap, never cut.
    @Test func theWeeksFactsWrapOnANarrowScreen() {
        let narrow = screen(Self.model(weeksBack: 0), width: 40, height: 12)
        let week = Self.snapshot.evaluator.week(containing: Self.snapshot.today, asOf: Self.snapshot.today)
        let words = narrow.text.split(separator: "\n").prefix(6).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(!narrow.contains("…"), "\(narrow)")
        for part in week.work.text.components(separatedBy: " · ") { #expect(words.contains(part), "\(part) not whole in \(narrow)") }
    }

    /// At 120x40 the chart fills the room the gate leaves, pains 1 and 2 get bars of different
    /// heights, and the scale and the values are written out.
    @Test func thePainChartUsesTheHeightItIsGivenAndSaysItsNumbers() throws {
        let tall = screen(Self.model(weeksBack: 1), width: 120, height: 40)
        let lines = tall.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let top = try #require(lines.firstIndex { $0.contains("Pain 10") })
        let values = try #require(lines.firstIndex { $0.contains("during") && !$0.contains("Pain") })
        #expect(values - top >= 15, "the chart is \(values - top) rows high:\n\(tall)")
        for label in ["8", "6", "4", "2"] {
            #expect(lines[top..<values].contains { $0.prefix(8).trimmingCharacters(in: .whitespaces) == label }, "no \(label) on the scale")
        }
        // Monday (pain 2) and Tuesday (pain 1) of the week before: bars of different heights.
        func barHeight(column: Int) -> Int {
            lines[top..<values].filter {
                let c = Array($0); return c.count > column && c[column] == "█"
            }.count
        }
        let monday = 1 + 8, tuesday = monday + 4
        #expect(barHeight(column: tuesday) > 0 && barHeight(column: monday) == 2 * barHeight(column: tuesday))
        // The values under each day, in the row of their kind.
        #expect(lines[values].contains("█ during  2   1   6   2   1   3   2"), "\(lines[values])")
        #expect(lines[values + 1].contains("? "), "an after not given is a ?: \(lines[values + 1])")
        let trend = try #require(lines.first { $0.contains("Trend") })
        #expect(trend.contains("mean pain after exercise, week by week (3 weeks)"))
    }

    /// `←` shows the gate as it stood on that week's Sunday, not today's.
    @Test func aPastWeekShowsItsOwnGate() {
        let past = screen(Self.model(weeksBack: 1), width: 120, height: 40)
        #expect(past.contains("Gate on Sun 2026-11-15"), "\(past)")
        #expect(past.contains("Day 14 of at least 14") || past.contains("14 days in this phase (at least 14)"))
        #expect(!past.contains("Day 17"))
        #expect(past.contains("Sun 2026-11-15 was not amber or red") && !past.contains("Today is"), "\(past)")
        let now = screen(Self.model(weeksBack: 0), width: 120, height: 40)
        #expect(now.contains("Gate today") && now.contains("17 days in this phase"))
        let first = screen(Self.model(weeksBack: 2), width: 120, height: 40)
        #expect(first.contains("Gate on Sun 2026-11-08") && first.contains("Day 7 of at least 14"))
    }
}

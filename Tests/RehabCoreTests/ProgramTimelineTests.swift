import Testing
import TestSupport
@testable import RehabCore

/// A clinician's new program applies from its first day; earlier days keep their verdicts.
@Suite struct ProgramTimelineTests {
    /// The default program with a stricter green limit and a shorter activation phase.
    static var stricter: Program {
        var p = program
        p.version = 2
        p.painZones.greenMaxDuring = 2
        p.phases[0].minimumDays = 10
        return p
    }

    static func timeline(switchOn offset: Int) -> ProgramTimeline {
        ProgramTimeline(periods: [
            .init(from: start, program: program, source: "default"),
            .init(from: day(offset), program: stricter, source: "/clinic/strict.json")
        ])!
    }

    @Test func daysBeforeASwitchKeepTheirZones() {
        var p = PatientBuilder()
        for d in 0..<10 { p.session(d, pain: 3); p.checkIn(d + 1, morning: 1) }
        let e = Evaluator(programs: Self.timeline(switchOn: 5), history: p.history)
        #expect((0..<5).allSatisfy { e.zones[day($0)]?.zone == .green })
        #expect((5..<10).allSatisfy { e.zones[day($0)]?.zone == .amber })
        #expect(e.zones[day(5)]?.reason == "pain during exercise 3 is above 2")
        // Judged by one program throughout, every day would be amber.
        let all = Evaluator(program: Self.stricter, history: p.history)
        #expect((0..<10).allSatisfy { all.zones[day($0)]?.zone == .amber })
    }

    @Test func aStatusUsesTheProgramInForceThatDay() {
        var p = PatientBuilder()
        p.goodDays(12)
        let e = Evaluator(programs: Self.timeline(switchOn: 8), history: p.history)
        let before = e.status(asOf: day(7))
        #expect(before.criteria.first { $0.id == "minimum-days" }?.detail == "Day 8 of at least 14 in this phase")
        let after = e.status(asOf: day(11))
        #expect(after.criteria.first { $0.id == "minimum-days" }?.detail == "12 days in this phase (at least 10)")
        #expect(e.program == Self.stricter)
        #expect(e.painRule(on: day(7)).rules.greenMaxDuring == 3)
        #expect(e.painRule(on: day(8)).rules.greenMaxDuring == 2)
    }

    @Test func periodsAreOrderedAndTheLaterOfOneDayWins() {
        var third = Self.stricter
        third.version = 3
        let t = ProgramTimeline(periods: [
            .init(from: day(5), program: Self.stricter, source: "b"),
            .init(from: start, program: program, source: "a"),
            .init(from: day(5), program: third, source: "c")
        ])!
        #expect(t.periods.map(\.source) == ["a", "b", "c"])
        #expect(t.period(on: day(4)).source == "a")
        #expect(t.period(on: day(5)).source == "c")
        #expect(t.period(on: start - 3).source == "a")
        #expect(t.current.program.version == 3)
        #expect(t.periods(overlapping: day(6), day(9)).map(\.source) == ["c"])
        #expect(t.periods(overlapping: day(0), day(9)).map(\.source) == ["a", "b", "c"])
        #expect(ProgramTimeline(periods: []) == nil)
    }

    @Test func aSingleProgramEvaluatorIsUnchanged() {
        let history = PropertyTests.randomHistory(seed: 7)
        let one = Evaluator(program: program, history: history)
        let timeline = Evaluator(programs: ProgramTimeline(program, from: start), history: history)
        #expect(one.zones == timeline.zones)
        for offset in stride(from: 0, to: 40, by: 5) {
            #expect(one.status(asOf: day(offset)) == timeline.status(asOf: day(offset)))
        }
    }
}

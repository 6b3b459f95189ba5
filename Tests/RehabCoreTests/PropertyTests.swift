import Testing
import TestSupport
@testable import RehabCore

/// Rules that must hold for any history, checked over many generated patients.
@Suite struct PropertyTests {
    static func randomHistory(seed: UInt64, days: Int = 40) -> History {
        var rng = SeededRandom(seed: seed)
        var p = PatientBuilder()
        for d in 0..<days {
            if Int.random(in: 0..<10, using: &rng) < 8 {
                p.session(
                    d, pain: Int.random(in: 0...10, using: &rng) < 8 ? Int.random(in: 0...3, using: &rng) : Int.random(in: 0...10, using: &rng),
                    painAfter: Bool.random(using: &rng) ? Int.random(in: 0...6, using: &rng) : nil)
            }
            if Int.random(in: 0..<10, using: &rng) < 7 {
                p.checkIn(
                    d, morning: Int.random(in: 0...4, using: &rng), limping: Int.random(in: 0..<40, using: &rng) == 0,
                    flags: Int.random(in: 0..<60, using: &rng) == 0 ? ["night-pain"] : [])
            }
            if Int.random(in: 0..<8, using: &rng) == 0 {
                p.test(
                    d, "single-leg-stance", Bool.random(using: &rng) ? .left : .right,
                    value: Double(Int.random(in: 10...45, using: &rng)), pain: Int.random(in: 0...4, using: &rng))
            }
        }
        return p.history
    }

    @Test(arguments: 0..<300)
    func aRedDayInTheLastWeekNeverLeavesActivation(seed: Int) {
        let history = Self.randomHistory(seed: UInt64(seed))
        let evaluator = Evaluator(program: program, history: history)
        for offset in stride(from: 10, to: 40, by: 3) {
            let asOf = day(offset)
            let s = evaluator.status(asOf: asOf)
            let redInWeek = DayRange(ending: asOf, count: 7).contains { evaluator.zones[$0]?.zone == .red }
            if redInWeek { #expect(!s.eligibleToAdvance) }
            if s.eligibleToAdvance {
                #expect(s.criteria.allSatisfy { $0.met })
                #expect(s.pause == nil && s.redFlags.isEmpty)
                #expect(s.daysInPhase >= 14)
                let maxPain = DayRange(ending: asOf, count: 7).compactMap { evaluator.index[$0].maxPainDuring }.max() ?? 99
                #expect(maxPain <= 3)
            }
        }
    }

    @Test(arguments: 0..<200)
    func zonesAgreeWithPainDuring(seed: Int) {
        let history = Self.randomHistory(seed: UInt64(seed) &* 7919)
        let evaluator = Evaluator(program: program, history: history)
        for (d, z) in evaluator.zones {
            if let pain = evaluator.index[d].maxPainDuring {
                if pain > 5 { #expect(z.zone == .red) }
                if pain > 3 { #expect(z.zone != .green) }
            }
            if evaluator.index.nextMorning(after: d)?.limping == true { #expect(z.zone == .red) }
        }
    }

    @Test(arguments: 0..<100)
    func anUnclearedRedFlagAlwaysPauses(seed: Int) {
        var history = Self.randomHistory(seed: UInt64(seed) &+ 12345)
        let flagDay = day(Int(seed % 30))
        history.checkIns.removeAll { $0.date == flagDay }
        history.checkIns.append(CheckIn(date: flagDay, morningPain: 2, redFlags: ["cannot-bear-weight"]))
        let s = Evaluator(program: program, history: history).status(asOf: day(39))
        #expect(s.paused)
        #expect(!s.eligibleToAdvance)
        #expect(s.plan.stopped)
    }
}

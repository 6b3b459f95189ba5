import Testing
@testable import RehabCore

/// Summarising the past (`History.summarisingExercises(before:)`) must never change a verdict on a
/// day from the cut on: commands that judge one day rely on it to read years of history fast.
@Suite struct ExerciseSummaryTests {
    /// Four months through every phase: several entries a day, loads that go up, down and repeat,
    /// holds, missing pain scores, red days, runs, check-ins and tests.
    static func randomPatient(seed: UInt64) -> History {
        var rng = SeededRandom(seed: seed)
        var h = History(enrolment: Enrolment(start: start, side: .right, baselinePain: Bool.random(using: &rng) ? 1 : nil))
        let phases: [(Int, PhaseID)] = [(0, .activation), (20, .strengthening), (50, .multiPlane), (80, .returnToRun)]
        for (offset, phase) in phases.dropFirst() { h.phaseChanges.append(PhaseChange(date: day(offset), phase: phase)) }
        var loads: [String: Double] = [:]
        var id: Int64 = 1
        for d in 0..<120 {
            let phase = phases.last { $0.0 <= d }!.1
            if Int.random(in: 0..<10, using: &rng) < 8 {
                let pain = Int.random(in: 0..<10, using: &rng) < 8 ? Int.random(in: 0...3, using: &rng) : Int.random(in: 0...8, using: &rng)
                for e in program.phase(phase)!.exercises where Int.random(in: 0..<5, using: &rng) > 0 {
                    var load: Double?
                    if e.loadable == true {
                        let step = [-2.5, 0, 0, 0, 2.5][Int.random(in: 0..<5, using: &rng)]
                        load = max(0, (loads[e.id] ?? 5) + step)
                        loads[e.id] = load
                    }
                    for side in e.sides == .each ? [Side.left, .right] : [nil] {
                        h.exercises.append(
                            ExerciseEntry(
                                id: id, date: day(d), exerciseID: e.id, side: side, sets: e.sets,
                                reps: e.reps, holdSeconds: e.holdSeconds, loadKg: load,
                                painDuring: Bool.random(using: &rng) ? pain : nil,
                                painAfter: Int.random(in: 0..<3, using: &rng) == 0 ? pain + 1 : nil))
                        id += 1
                    }
                }
            }
            if phase == .returnToRun, d % 2 == 0 {
                h.runs.append(RunEntry(date: day(d), stage: 1 + (d - 80) / 6, minutes: 20, painDuring: Int.random(in: 0...4, using: &rng)))
            }
            if Int.random(in: 0..<10, using: &rng) < 8 {
                h.checkIns.append(
                    CheckIn(
                        date: day(d + 1), morningPain: Int.random(in: 0...4, using: &rng),
                        limping: Int.random(in: 0..<50, using: &rng) == 0))
            }
            if d % 9 == 0 {
                h.tests.append(TestResult(date: day(d), testID: "single-leg-stance", side: .left, value: 32, pain: 0))
            }
        }
        return h
    }

    @Test(arguments: 0..<40)
    func verdictsFromTheCutOnAreUnchanged(seed: Int) {
        let full = Self.randomPatient(seed: UInt64(seed) &* 104_729)
        let whole = Evaluator(program: program, history: full)
        for cut in stride(from: 0, through: 121, by: 11).map(day) {
            let summarised = full.summarisingExercises(before: cut)
            #expect(summarised.exercises.allSatisfy { $0.date >= cut })
            let part = Evaluator(program: program, history: summarised)
            #expect(part.zones == whole.zones, "cut \(cut.iso)")
            #expect(part.index.records.mapValues(\.exerciseTotal) == whole.index.records.mapValues(\.exerciseTotal))
            for asOf in [cut, cut + 1, cut + 6, cut + 30] {
                #expect(part.status(asOf: asOf) == whole.status(asOf: asOf), "cut \(cut.iso), as of \(asOf.iso)")
                #expect(part.week(containing: asOf, asOf: asOf) == whole.week(containing: asOf, asOf: asOf))
            }
        }
    }

    @Test func theLoadsKeepEveryChangeOnEachSideAndJoinRepeats() {
        var h = History(enrolment: Enrolment(start: start, side: .right, baselinePain: 1))
        for (d, load) in [10.0, 10, 12.5, 12.5, 10, 15].enumerated() {
            h.exercises.append(ExerciseEntry(id: Int64(d + 1), date: day(d), exerciseID: "split-squat", side: .right, sets: 3, reps: 8, loadKg: load))
            h.exercises.append(ExerciseEntry(id: Int64(d + 50), date: day(d), exerciseID: "split-squat", side: .left, sets: 3, reps: 8, loadKg: 20))
            h.exercises.append(ExerciseEntry(id: Int64(d + 100), date: day(d), exerciseID: "goblet-squat", sets: 3, reps: 8, loadKg: 20))
        }
        let s = h.summarisingExercises(before: day(5))
        #expect(
            s.exerciseSummary?.loads == [
                LoadUsed(date: day(0), lastUsed: day(4), exerciseID: "goblet-squat", loadKg: 20),
                LoadUsed(date: day(0), lastUsed: day(4), exerciseID: "split-squat", side: .left, loadKg: 20),
                LoadUsed(date: day(0), lastUsed: day(1), exerciseID: "split-squat", side: .right, loadKg: 10),
                LoadUsed(date: day(2), lastUsed: day(3), exerciseID: "split-squat", side: .right, loadKg: 12.5),
                LoadUsed(date: day(4), exerciseID: "split-squat", side: .right, loadKg: 10)
            ])
        #expect(s.exerciseSummary?.days.map(\.entries) == [3, 3, 3, 3, 3])
        #expect(s.exerciseSummary?.days.first?.volume == 72)
        #expect(s.exercises.map(\.loadKg) == [15, 20, 20])
        // The same answer from a summarised past as from every entry; the other side apart.
        let right = h.loadsUsed(of: "split-squat", side: .right, before: day(6))
        #expect(right.map(\.loadKg) == [10, 12.5, 10, 15])
        #expect(s.loadsUsed(of: "split-squat", side: .right, before: day(6)) == right)
        #expect(
            s.loadsUsed(of: "split-squat", side: .left, before: day(6)) == [
                LoadUsed(date: day(0), lastUsed: day(5), exerciseID: "split-squat", side: .left, loadKg: 20)
            ])
        #expect(h.loadsUsed(of: "split-squat", side: nil, before: day(6)) == [])
    }
}

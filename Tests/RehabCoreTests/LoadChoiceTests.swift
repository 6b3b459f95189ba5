import Testing
import TestSupport
@testable import RehabCore

/// The load the plan offers (`LoadChoice`): per side, stepped back after a red day until the side
/// is done again, never raised by a paused day, and the same from a summarised past.
@Suite struct LoadChoiceTests {
    /// Strengthening from day 1; goblet squats at `loads` (day offset: kg, pain during), each day
    /// reported on the next morning at `morning` (1 unless given).
    func patient(_ loads: [(Int, Double, Int)], mornings: [Int: Int] = [:], visit: Int? = nil) -> History {
        var b = PatientBuilder()
        b.history.phaseChanges.append(PhaseChange(date: day(1), phase: .strengthening))
        for (d, kg, pain) in loads {
            b.history.exercises.append(
                ExerciseEntry(
                    id: Int64(b.history.exercises.count + 1), date: day(d), exerciseID: "goblet-squat",
                    sets: 3, reps: 8, loadKg: kg, painDuring: pain))
        }
        for d in 2...20 { b.checkIn(d, morning: mornings[d] ?? 1) }
        if let visit { b.history.clearances.append(FlagClearance(date: day(visit))) }
        return b.history
    }

    func offered(_ h: History, on d: Int) -> DayPlan.Item? {
        Evaluator(program: program, history: h).status(asOf: day(d)).plan.items.first { $0.exercise.id == "goblet-squat" }
    }

    @Test func aRedDayDuringThePauseAtTheSteppedBackLoadStepsBackAgain() {
        // 10, 12, 14; red at 14 on day 4 and a red morning after day 5: paused from day 5. The
        // stepped-back 12 done on day 6 flares too; after the visit the plan is at 10.
        let h = patient([(2, 10, 1), (3, 12, 1), (4, 14, 6), (6, 12, 6)], mornings: [6: 6], visit: 8)
        #expect(offered(h, on: 5)?.loadKg(on: nil) == 12)
        #expect(offered(h, on: 9)?.loadKg(on: nil) == 10)
        #expect(offered(h, on: 9)?.advice == .stepBack)
    }

    @Test func aRaiseOnAPausedDayNeverBecomesTheLoad() {
        let h = patient([(2, 10, 1), (3, 12, 1), (4, 14, 6), (6, 16, 1), (7, 16, 1)], mornings: [6: 6], visit: 8)
        #expect(offered(h, on: 7)?.loadKg(on: nil) == 12)
        #expect(offered(h, on: 9)?.loadKg(on: nil) == 12, "16 was only lifted while paused")
        // Done again after the visit, the 16 kg is the patient's load.
        let later = patient([(2, 10, 1), (3, 12, 1), (4, 14, 6), (6, 16, 1), (9, 16, 1)], mornings: [6: 6], visit: 8)
        // (green with its next-morning check-in, so "progress" adds the program's 2 kg step to it).
        #expect(offered(later, on: 10)?.loads.first?.raisedFromKg == 16)
        #expect(offered(later, on: 10)?.loadKg(on: nil) == 18)
    }

    @Test func theSameLoadsFromASummarisedPast() {
        let h = patient(
            [(2, 10, 1), (3, 12, 1), (4, 14, 6), (6, 12, 1), (7, 12, 6), (9, 12, 1), (10, 14, 1), (12, 14, 1)],
            mornings: [6: 6], visit: 8)
        for cut in 0...14 {
            let part = Evaluator(program: program, history: h.summarisingExercises(before: day(cut)))
            let whole = Evaluator(program: program, history: h)
            for asOf in cut...(cut + 3) {
                #expect(part.status(asOf: day(asOf)).plan == whole.status(asOf: day(asOf)).plan, "cut \(cut), as of \(asOf)")
            }
        }
    }
}

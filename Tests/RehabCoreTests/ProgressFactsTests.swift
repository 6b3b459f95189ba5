import Testing
@testable import RehabCore

@Suite struct ProgressFactsTests {
    let program = ProgramLoader.defaultProgram()
    let start = Day(iso: "2026-11-02")!

    @Test func setsLoggedCountEverySideAndSummarisedDays() {
        var h = History(enrolment: Enrolment(start: start, side: .right, baselinePain: nil))
        h.exercises += [
            ExerciseEntry(date: start, exerciseID: "clamshell", side: .left, sets: 2, reps: 10),
            ExerciseEntry(date: start, exerciseID: "clamshell", side: .right, sets: 3, reps: 10),
            ExerciseEntry(date: start, exerciseID: "glute-bridge", sets: 1, reps: 10),
            ExerciseEntry(date: start + 1, exerciseID: "clamshell", side: .left, sets: 1, reps: 10)
        ]
        for history in [h, h.summarisingExercises(before: start + 1)] {
            let e = Evaluator(program: program, history: history)
            #expect(e.setsLogged(of: "clamshell", on: start) == 5)
            #expect(e.setsLogged(of: "clamshell", on: start + 1) == 1)
            #expect(e.setsLogged(of: "glute-bridge", on: start + 1) == 0)
        }
    }

    @Test func aMeanPainIsZonedByThePainDuringBounds() {
        let zones = program.painZones
        #expect(zones.zone(ofMean: Double(zones.greenMaxDuring)) == .green)
        #expect(zones.zone(ofMean: Double(zones.greenMaxDuring) + 0.1) == .amber)
        #expect(zones.zone(ofMean: Double(zones.amberMaxDuring) + 0.1) == .red)
    }
}

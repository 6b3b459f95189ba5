import Testing
@testable import RehabCore

/// Each limit on what a patient records is one value type: its range, how a typed number is read
/// and the sentence that refuses it, shared by admission, the import check, forms, timer and CLI.
@Suite struct EntryValueTests {
    func refusal<Value: EntryValue>(_ type: Value.Type, _ text: String) -> String? {
        if case .failure(let refusal) = type.parse(text) { return refusal.sentence } else { return nil }
    }

    @Test func aPainScoreIsAWholeNumberFrom0To10() throws {
        #expect(PainScore.range == 0...10)
        #expect(PainScore(0)?.value == 0 && PainScore(10)?.value == 10)
        #expect(PainScore(-1) == nil && PainScore(11) == nil)
        #expect(try PainScore.parse("7").get() == PainScore(7))
        #expect(try PainScore.parse("0").get().value == 0)
        #expect(refusal(PainScore.self, "11") == "must be a pain score from 0 (none) to 10 (worst imaginable), not 11")
        #expect(refusal(PainScore.self, "-1") == "must be a pain score from 0 (none) to 10 (worst imaginable), not -1")
        #expect(refusal(PainScore.self, "7.5") == "must be a pain score from 0 (none) to 10 (worst imaginable), not \"7.5\"")
        #expect(refusal(PainScore.self, "abc") == "must be a pain score from 0 (none) to 10 (worst imaginable), not \"abc\"")
    }

    @Test func onlyPlainDigitsAreNumbers() throws {
        for text in ["", "-", "+3", "1e3", "0x10", "３", "٣", " 7", "7 ", "1.2.3", String(repeating: "9", count: 13)] {
            #expect(refusal(PainScore.self, text) != nil, "\(text)")
            #expect(refusal(LoadKg.self, text) != nil, "\(text)")
        }
        #expect(try PainScore.parse("007").get().value == 7)
    }

    @Test func countsSayTheirRangeAndUnit() throws {
        #expect(refusal(Sets.self, "0") == "must be from 1 to 50, not 0")
        #expect(refusal(Sets.self, "51") == "must be from 1 to 50, not 51")
        #expect(try Sets.parse("50").get().value == 50 && (try Sets.parse("1").get().value) == 1)
        #expect(refusal(Reps.self, "501") == "must be from 1 to 500, not 501")
        #expect(try Reps.parse("500").get().value == 500)
        #expect(refusal(HoldSeconds.self, "601") == "must be from 1 to 600 seconds, not 601")
        #expect(refusal(RunMinutes.self, "0") == "must be from 1 to 600 minutes, not 0")
        #expect(refusal(RestSeconds.self, "3601") == "must be from 0 to 3600 seconds, not 3601")
        #expect(try RestSeconds.parse("0").get().value == 0)
        #expect(refusal(PrepareSeconds.self, "121") == "must be from 0 to 120 seconds, not 121")
        #expect(refusal(Sets.self, "7.5") == "must be from 1 to 50, not \"7.5\"")
    }

    @Test func decimalsTakeOnePointAndSayWholeBoundsWithoutAFraction() throws {
        #expect(try LoadKg.parse("7.5").get().value == 7.5)
        #expect(try LoadKg.parse(".5").get().value == 0.5)
        #expect(try LoadKg.parse("500").get().value == 500)
        #expect(refusal(LoadKg.self, "500.5") == "must be from 0 to 500, not 500.5")
        #expect(refusal(LoadKg.self, "-1") == "must be from 0 to 500, not -1")
        #expect(refusal(LoadKg.self, "abc") == "must be from 0 to 500, not \"abc\"")
        #expect(refusal(TestValue.self, "100001") == "must be from 0 to 100000, not 100001")
        #expect(TestValue.refusal(of: .nan) != nil && TestValue.refusal(of: .infinity) != nil)
        #expect(LoadKg.refusal(of: nil) == nil && LoadKg.refusal(of: 0) == nil)
    }

    /// A range the program sets (run stages, the outcome score) is worded as the fixed ones are.
    @Test func aProgramsOwnRangeIsWordedTheSameWay() {
        #expect(EntryLimit.refusal(of: 11, in: 1...10) == "must be from 1 to 10, not 11")
        #expect(EntryLimit.refusal(of: 0, in: 1...600, " seconds") == "must be from 1 to 600 seconds, not 0")
        #expect(EntryLimit.refusal(of: 10, in: 1...10) == nil && EntryLimit.refusal(of: nil, in: 1...10) == nil)
    }

    /// Admission refuses with the type's own sentence, named by the front end.
    @Test func admissionRefusesInTheTypesWords() {
        let start = Day(iso: "2026-03-02")!
        let evaluator = Evaluator(
            program: ProgramLoader.defaultProgram(), history: History(enrolment: Enrolment(start: start, side: .left, baselinePain: 1)))
        let entry = ExerciseEntry(date: start, exerciseID: "glute-bridge", sets: 3, reps: 10, loadKg: 501, painDuring: 2)
        guard case .failure(let refusal) = Admission.judge(.exercise(entry), by: evaluator, today: start) else {
            Issue.record("a 501 kg load was admitted")
            return
        }
        #expect(refusal.sentence { _ in "--load-kg" } == "--load-kg must be from 0 to 500, not 501.")
        let pain = Admission.judge(.checkIn(CheckIn(date: start, morningPain: 11)), by: evaluator, today: start)
        guard case .failure(let painRefusal) = pain else { Issue.record("pain 11 was admitted"); return }
        #expect(painRefusal.sentence { _ in "Pain on waking" } == "Pain on waking \(PainScore.refusal(of: 11)!).")
    }
}

import Testing
import TestSupport
@testable import RehabCore

@Suite struct PainZoneTests {
    @Test func zonesFollowPainDuring() {
        var p = PatientBuilder()
        p.session(0, pain: 3); p.session(1, pain: 4); p.session(2, pain: 5); p.session(3, pain: 6)
        #expect(p.zone(0) == .green)
        #expect(p.zone(1) == .amber)
        #expect(p.zone(2) == .amber)
        #expect(p.zone(3) == .red)
    }

    @Test func painRisingAfterExerciseIsAmber() {
        var p = PatientBuilder()
        p.session(0, pain: 2, painAfter: 4)
        p.checkIn(1, morning: 1)
        #expect(p.zone(0) == .amber)
    }

    @Test func nextMorningAgainstBaseline() {
        var p = PatientBuilder()  // enrolment baseline 1
        p.session(0); p.checkIn(1, morning: 2)
        p.session(1); p.checkIn(2, morning: 3)
        #expect(p.zone(0) == .amber)  // 2 is above 1 but not by more than 1
        #expect(p.zone(1) == .red)  // 3 is more than baseline + 1
    }

    @Test func baselineBecomesTheMedianOfRecentMornings() {
        var p = PatientBuilder()
        for d in 0..<7 { p.session(d); p.checkIn(d + 1, morning: 2) }
        // Enough check-ins: the usual morning is now 2 (the enrolment value 1 + 1 at most), so a morning of 2 is green.
        let e = Evaluator(program: program, history: p.history)
        #expect(e.painRule.baseline(for: day(6), in: e.index) == 2)
        #expect(p.zone(6) == .green)
    }

    @Test func morningTallyGivesTheMedianOfSortedScores() {
        // Scores counted per value give the same median as the scores sorted, odd or even, and off the scale.
        #expect(MorningTally.Counts.count == PainScore.range.count, "one count per score of the pain scale")
        let windows: [[Int]] = [[3], [2, 7], [5, 1, 1, 9, 0], [4, 4, 6, 2], [10, 0, 10, 3], [12, 3, -1], [3, 14]]
        for scores in windows {
            var tally = MorningTally()
            for s in scores { tally.add(s) }
            #expect(tally.count == scores.count)
            #expect(tally.median == median(scores), "\(scores)")
        }
        #expect(MorningTally().median == nil)
    }

    @Test func zoneReasonsAreWordedFromTheirFigures() {
        var p = PatientBuilder()
        p.session(0, pain: 6); p.session(1, pain: 4); p.session(2, pain: 2, painAfter: 4); p.checkIn(3, morning: 1)
        let e = Evaluator(program: program, history: p.history)
        #expect(e.zones[day(0)]?.reason == "pain during exercise 6 is above 5")
        #expect(e.zones[day(1)]?.reason == "pain during exercise 4 is above 3")
        #expect(e.zones[day(2)]?.zone == .amber)
        #expect(e.zones[day(-5)] == nil && e.zones[day(400)] == nil, "days outside the judged ones have no zone")
        // The judged days in order, each once.
        let judged = e.zones.map(\.key)
        #expect(judged == judged.sorted() && judged.contains(day(0)) && judged.contains(day(2)))
    }

    @Test func limpingAndRunningPain() {
        var p = PatientBuilder()
        p.session(0); p.checkIn(1, morning: 1, limping: true)
        #expect(p.zone(0) == .red)
        p.history.runs.append(RunEntry(date: day(5), stage: 1, minutes: 20, painDuring: 3))
        p.history.runs.append(RunEntry(date: day(7), stage: 1, minutes: 20, painDuring: 4))
        #expect(p.zone(5) == .amber)
        #expect(p.zone(7) == .red)
    }
}

@Suite struct GateTests {
    @Test func fourteenGoodDaysAndTheTestOpenTheActivationGate() {
        var p = PatientBuilder()
        p.goodDays(14)
        p.passStance(13)
        p.history.scores.append(OutcomeScore(date: day(13), score: 70))  // the gate asks for a recent VISA-G
        let s = p.status(13)
        #expect(s.daysInPhase == 14)
        #expect(s.criteria.allSatisfy { $0.met }, "\(s.unmetCriteria)")
        #expect(s.eligibleToAdvance)
        #expect(s.requiredTests.isEmpty)
    }

    @Test func tooFewDaysKeepTheGateShut() {
        var p = PatientBuilder()
        p.goodDays(10)
        p.passStance(9)
        let s = p.status(9)
        #expect(!s.eligibleToAdvance)
        #expect(s.unmetCriteria.map(\.id) == ["minimum-days"])
        #expect(s.unmetCriteria[0].detail == "Day 10 of at least 14 in this phase")
    }

    @Test func painSixBlocksTheGate() {
        var p = PatientBuilder()
        p.goodDays(14)
        p.session(12, pain: 6)
        p.passStance(13)
        let s = p.status(13)
        #expect(!s.eligibleToAdvance)
        #expect(Set(s.unmetCriteria.map(\.id)) == ["no-red-days", "max-pain-during"])
    }

    @Test func missingTestSideIsNamed() {
        var p = PatientBuilder()
        p.goodDays(14)
        p.test(13, "single-leg-stance", .left, value: 30)
        let s = p.status(13)
        let tests = s.criteria.first { $0.id == "tests" }!
        #expect(!tests.met)
        #expect(tests.detail == "1 of 2 required tests done: single-leg stance right side missing")
        #expect(s.requiredTests.map(\.side) == [.right])
    }

    @Test func aTestDonePainfullyDoesNotCount() {
        var p = PatientBuilder()
        p.goodDays(14)
        p.test(13, "single-leg-stance", .left, value: 30, pain: 4)
        p.test(13, "single-leg-stance", .right, value: 30)
        let tests = p.status(13).criteria.first { $0.id == "tests" }!
        #expect(tests.detail == "1 of 2 required tests done: single-leg stance left side not yet passed")
    }

    @Test func adherenceCountsPlannedSessions() {
        var p = PatientBuilder()
        for d in 0..<14 where d % 3 != 0 { p.session(d); p.checkIn(d + 1) }  // 9 of 14
        p.passStance(13)
        let a = p.status(13).criteria.first { $0.id == "adherence" }!
        #expect(!a.met)
        #expect(a.detail == "9 of 14 planned sessions in the last 14 days (64 %, needs 80 %)")
    }

    /// Day 1 with nothing logged: no criterion about sessions is met, and none reads "0 days".
    @Test func theFirstDaysGateReadsAsEnglish() {
        let s = PatientBuilder().status(0)
        let detail = Dictionary(uniqueKeysWithValues: s.criteria.map { ($0.id, $0) })
        #expect(detail["adherence"]?.met == false)
        #expect(detail["adherence"]?.detail == "No sessions recorded yet in this phase (needs 80 % over the last 14 days)")
        #expect(detail["max-pain-during"]?.met == false)
        #expect(detail["max-pain-during"]?.detail == "No sessions recorded in the last 7 days (pain during must stay 3 or less)")
        var p = PatientBuilder()
        p.session(0)
        let second = p.status(1).criteria.first { $0.id == "adherence" }!
        #expect(second.detail == "1 of 1 planned session in the last day (100 %, needs 80 %)")
        for c in s.criteria + p.status(1).criteria { #expect(!c.detail.contains("(s)") && !c.detail.contains(" 0 days")) }
    }

    @Test func oneRedDayIsOneRedDay() {
        var p = PatientBuilder()
        p.goodDays(5)
        p.session(5, pain: 7)
        let red = p.status(5).criteria.first { $0.id == "no-red-days" }!
        #expect(red.detail.hasPrefix("1 red day in the last 7 days, the last on \(day(5).iso)"))
        #expect(counted(1, "entry", plural: "entries") == "1 entry" && counted(2, "entry", plural: "entries") == "2 entries")
        #expect(counted(0, "set") == "0 sets" && lastDays(1) == "the last day" && lastDays(7) == "the last 7 days")
    }

    @Test func anAmberTodayHoldsProgression() {
        var p = PatientBuilder()
        p.goodDays(14)
        p.session(14, pain: 4)
        p.passStance(13)
        p.history.scores.append(OutcomeScore(date: day(13), score: 70))
        #expect(p.status(13).eligibleToAdvance)
        #expect(!p.status(14).eligibleToAdvance)
        #expect(p.status(14).unmetCriteria.map(\.id).contains("settled-today"))
    }
}

@Suite struct PauseAndFlagTests {
    @Test func twoRedDaysInARowPause() {
        var p = PatientBuilder()
        p.goodDays(5)
        p.session(5, pain: 7); p.session(6, pain: 7)
        let s = p.status(7)
        #expect(s.pause?.cause == .redDays)
        #expect(s.pause?.since == day(6))
        #expect(!s.eligibleToAdvance)
        #expect(s.plan.message?.contains("physiotherapist") == true)
    }

    @Test func threeRedDaysInSevenPause() {
        var p = PatientBuilder()
        p.goodDays(10)
        p.session(3, pain: 6); p.session(5, pain: 6)
        #expect(p.status(6).pause == nil)
        p.session(8, pain: 6)
        #expect(p.status(8).pause?.since == day(8))
    }

    @Test func aClinicianVisitLiftsThePause() {
        var p = PatientBuilder()
        p.goodDays(5)
        p.session(5, pain: 7); p.session(6, pain: 7)
        p.history.clearances.append(FlagClearance(date: day(7)))
        #expect(p.status(7).pause == nil)
        #expect(p.status(6).pause != nil)
    }

    @Test func redFlagsStopTheProgramAndSayWhomToSee() {
        var p = PatientBuilder()
        p.goodDays(3)
        p.checkIn(3, morning: 2, flags: ["cannot-bear-weight"])
        let s = p.status(3)
        #expect(s.paused)
        #expect(s.redFlags.map(\.id) == ["cannot-bear-weight"])
        #expect(s.plan.stopped)
        #expect(s.plan.items.isEmpty)
        #expect(s.pause?.reason.contains("urgent care") == true)
        p.history.clearances.append(FlagClearance(date: day(4)))
        #expect(!p.status(4).paused)
    }

    @Test func lockingPausesProgressionButNotExercise() {
        var p = PatientBuilder()
        p.goodDays(14)
        p.passStance(13)
        p.checkIn(13, morning: 1, flags: ["locking-giving-way"])
        let s = p.status(13)
        #expect(s.paused)
        #expect(!s.eligibleToAdvance)
        #expect(!s.plan.stopped)
        #expect(!s.plan.items.isEmpty)
    }

    @Test func aRedDayStepsTheNextSessionBack() {
        var p = PatientBuilder()
        p.goodDays(3)
        p.session(3, pain: 6)
        let plan = p.status(4).plan
        #expect(plan.items.allSatisfy { $0.advice == .stepBack })
        #expect(plan.message?.contains("red") == true)
        var q = PatientBuilder()
        q.goodDays(3)
        q.session(3, pain: 4)
        #expect(q.status(4).plan.items.allSatisfy { $0.advice == .repeatLoad })
    }
}

@Suite struct ReturnToRunTests {
    /// A patient who has just entered the return-to-run phase on day 0.
    func runner() -> PatientBuilder {
        var p = PatientBuilder()
        p.history.phaseChanges.append(PhaseChange(date: day(0), phase: .returnToRun))
        return p
    }

    @Test func twoGreenRunsOpenTheNextStage() {
        var p = runner()
        p.run(0, stage: 1, minutes: 20, pain: 1)
        p.run(2, stage: 1, minutes: 20, pain: 2)
        #expect(p.status(3).runProgress?.currentStage == 2)
    }

    @Test func runsOnConsecutiveDaysDoNotCount() {
        var p = runner()
        p.run(0, stage: 1, minutes: 20, pain: 1)
        p.run(1, stage: 1, minutes: 20, pain: 1)
        let s = p.status(2)
        #expect(s.runProgress?.currentStage == 1)
        #expect(s.runProgress?.notes.count == 1)
        #expect(p.status(1).plan.run?.allowedToday == true)
        #expect(p.status(2).plan.run?.allowedToday == false)
    }

    @Test func eachVerdictSaysWhy() {
        var p = runner()
        p.run(0, stage: 1, minutes: 20, pain: 1)
        p.run(1, stage: 1, minutes: 20, pain: 1)
        p.run(3, stage: 2, minutes: 20, pain: 1)
        p.run(5, stage: 1, minutes: 5, pain: 1)
        p.run(7, stage: 1, minutes: 20, pain: 5)
        p.history.runs.append(RunEntry(date: day(9), stage: 1, minutes: 20, painDuring: 1))
        let stage1 = program.returnToRun.stage(1)!
        let reasons = p.status(9).runProgress?.verdicts.map(\.reason)
        #expect(
            reasons == [
                "green run 1 of 2 at stage 1",
                "it came 1 day after the run on \(day(0).iso): runs need 1 rest day between them",
                "stage 2 is not your current stage (1)",
                "5 min is shorter than stage 1's \(stage1.totalMinutes) min (\(stage1.description))",
                "a red day (running pain 5 is above 3): back to stage 1",
                "waiting for the next-morning check-in"
            ])
    }

    @Test func aRedRunSendsThePatientBackAStage() {
        var p = runner()
        for (i, d) in [0, 2, 4, 6].enumerated() { p.run(d, stage: i < 2 ? 1 : 2, minutes: 20, pain: 1) }
        #expect(p.status(7).runProgress?.currentStage == 3)
        p.run(8, stage: 3, minutes: 25, pain: 5)
        #expect(p.status(9).runProgress?.currentStage == 2)
    }

    @Test func stageTenTwiceCompletesTheProgram() {
        var p = runner()
        var d = 0
        for stage in 1...10 {
            for _ in 0..<2 {
                p.run(d, stage: stage, minutes: 40, pain: 0)  // each stage's whole outing, walking included
                d += 2
            }
        }
        p.history.scores.append(OutcomeScore(date: day(d), score: 70))
        let s = p.status(d)
        #expect(s.runProgress?.currentStage == 10)
        #expect(s.criteria.first { $0.id == "run-stage-completed" }?.met == true)
        #expect(s.eligibleToAdvance)
    }

    @Test func maintenanceCapsLimitSpikes() {
        let rules = program.returnToRun
        let runs = [
            RunEntry(date: day(0), stage: 10, minutes: 30, painDuring: 0),
            RunEntry(date: day(3), stage: 10, minutes: 40, painDuring: 0)
        ]
        // 40 min breaks the 33 min cap (10 % over 30), so it is flagged and raises nothing: still 33.
        let rule = MaintenanceRule(rules, runs: runs, from: day(0), asOf: day(10))
        #expect(rule.flags.map(\.date) == [day(3)])
        #expect(rule.caps(on: day(10)).runMinutes == 33)
    }
}

@Suite struct EnrolmentEdgeTests {
    @Test func aCheckInOnTheFirstMorningGivesNoZoneToTheDayBefore() {
        var p = PatientBuilder()
        p.checkIn(0, morning: 6)
        #expect(p.zone(-1) == nil)
        #expect(p.status(0).recentZones.allSatisfy { $0.zone == nil })
    }
}

/// Red pain gets the program's advice, worded from the program's own limits and pause rule.
@Suite struct RedPainAdviceTests {
    @Test func redPainIsAdvisedFromTheProgramsZonesAndPauseRule() throws {
        var p = PatientBuilder()
        p.goodDays(3)
        let evaluator = Evaluator(program: program, history: p.history)
        #expect(evaluator.redPainAdvice(5, .during, on: day(3)) == nil)
        let advice = try #require(evaluator.redPainAdvice(10, .during, on: day(3)))
        #expect(advice.stop == "Pain during exercise 10 is in the red zone (above 5): stop this exercise now.")
        #expect(advice.next == "Next session: \(Zone.red.action).")
        #expect(!advice.pauses && advice.seeSomeone.hasPrefix("2 red days in a row, or 3 within 7 days, pause the program"))
        #expect(evaluator.redPainAdvice(5, .run, on: day(3))?.stop.hasPrefix("Running pain 5 is in the red zone (above 3)") == true)
    }

    @Test func aSecondRedDayInARowSaysThePauseAndWhomToSee() throws {
        var p = PatientBuilder()
        p.goodDays(3)
        p.session(3, pain: 7)
        let advice = try #require(Evaluator(program: program, history: p.history).redPainAdvice(8, .during, on: day(4)))
        #expect(advice.pauses)
        #expect(advice.seeSomeone.hasPrefix("The program is paused: 2 red days in a row"), "\(advice.seeSomeone)")
        #expect(advice.seeSomeone.contains("physiotherapist or doctor"))
    }

    @Test func aProgramWithOtherLimitsMovesTheAdvice() throws {
        var own = program
        own.painZones.amberMaxDuring = 7
        let evaluator = Evaluator(program: own, history: PatientBuilder().history)
        #expect(evaluator.redPainAdvice(7, .during, on: day(0)) == nil)
        #expect(evaluator.redPainAdvice(8, .during, on: day(0))?.stop.contains("(above 7)") == true)
    }

    /// The command line's note is the same advice, whole.
    @Test func admissionNotesTheAdviceFirst() throws {
        let p = PatientBuilder()
        let entry = ExerciseEntry(date: day(0), exerciseID: "glute-bridge", sets: 3, reps: 10, painDuring: 9)
        guard case .success(let admitted) = Admission.judge(.exercise(entry), by: Evaluator(program: program, history: p.history), today: day(0))
        else {
            Issue.record("refused"); return
        }
        #expect(admitted.notes.first == Evaluator(program: program, history: p.history).redPainAdvice(9, .during, on: day(0))?.sentence)
    }
}

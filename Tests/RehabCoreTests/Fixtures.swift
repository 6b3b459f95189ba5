import RehabCore

let program = ProgramLoader.defaultProgram()
let start = Day(iso: "2026-03-02")!

func day(_ offset: Int) -> Day { start + offset }

/// A patient's history built day by day, the way the command line would record it.
struct PatientBuilder {
    var history = History(enrolment: Enrolment(start: start, side: .right, baselinePain: 1))

    /// A full activation session: every exercise, both sides where needed.
    mutating func session(_ offset: Int, pain: Int = 1, painAfter: Int? = nil) {
        for e in program.phase(.activation)!.exercises {
            let sides: [Side?] = e.sides == .each ? [.left, .right] : [nil]
            for side in sides {
                history.exercises.append(ExerciseEntry(date: day(offset), exerciseID: e.id, side: side, sets: e.sets,
                                                       reps: e.reps, holdSeconds: e.holdSeconds, painDuring: pain, painAfter: painAfter))
            }
        }
    }

    mutating func checkIn(_ offset: Int, morning: Int = 1, limping: Bool = false, flags: [String] = []) {
        history.checkIns.removeAll { $0.date == day(offset) }
        history.checkIns.append(CheckIn(date: day(offset), morningPain: morning, limping: limping, redFlags: flags))
    }

    mutating func test(_ offset: Int, _ id: String, _ side: Side?, value: Double, pain: Int = 0) {
        history.tests.append(TestResult(date: day(offset), testID: id, side: side, value: value, pain: pain))
    }

    /// `days` green days from the start, with a check-in each next morning.
    mutating func goodDays(_ days: Int) {
        for d in 0..<days { session(d); checkIn(d + 1) }
    }

    /// A run, reported on the next morning with a check-in at the usual pain (no flare).
    mutating func run(_ offset: Int, stage: Int, minutes: Int, pain: Int, morning: Int = 1) {
        history.runs.append(RunEntry(date: day(offset), stage: stage, minutes: minutes, painDuring: pain))
        checkIn(offset + 1, morning: morning)
    }

    mutating func passStance(_ offset: Int) {
        test(offset, "single-leg-stance", .left, value: 30)
        test(offset, "single-leg-stance", .right, value: 35)
    }

    func status(_ offset: Int) -> Status { Evaluator(program: program, history: history).status(asOf: day(offset)) }
    func zone(_ offset: Int) -> Zone? { Evaluator(program: program, history: history).zones[day(offset)]?.zone }
}

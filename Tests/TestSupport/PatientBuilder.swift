import RehabCore

/// A patient's history built day by day, the way the command line would record it.
public struct PatientBuilder {
    /// The first day of the program the tests of the engine use (a Monday).
    public static let standardStart = Day(iso: "2026-03-02")!

    public let start: Day
    public let program: Program
    public var history: History

    public init(start: Day = standardStart, program: Program = ProgramLoader.defaultProgram()) {
        self.start = start
        self.program = program
        history = History(enrolment: Enrolment(start: start, side: .right, baselinePain: 1))
    }

    public func day(_ offset: Int) -> Day { start + offset }

    /// A full activation session: every exercise, both sides where needed.
    public mutating func session(_ offset: Int, pain: Int = 1, painAfter: Int? = nil) {
        for e in program.phase(.activation)!.exercises {
            let sides: [Side?] = e.sides == .each ? [.left, .right] : [nil]
            for side in sides {
                history.exercises.append(
                    ExerciseEntry(
                        date: day(offset), exerciseID: e.id, side: side, sets: e.sets,
                        reps: e.reps, holdSeconds: e.holdSeconds, painDuring: pain, painAfter: painAfter))
            }
        }
    }

    public mutating func checkIn(_ offset: Int, morning: Int = 1, limping: Bool = false, flags: [String] = []) {
        let date = day(offset)
        history.checkIns.removeAll { $0.date == date }
        history.checkIns.append(CheckIn(date: date, morningPain: morning, limping: limping, redFlags: flags))
    }

    public mutating func test(_ offset: Int, _ id: String, _ side: Side?, value: Double, pain: Int = 0) {
        history.tests.append(TestResult(date: day(offset), testID: id, side: side, value: value, pain: pain))
    }

    /// `days` green days from the start, with a check-in each next morning.
    public mutating func goodDays(_ days: Int) {
        for d in 0..<days { session(d); checkIn(d + 1) }
    }

    /// A run, reported on the next morning with a check-in at the usual pain (no flare).
    public mutating func run(_ offset: Int, stage: Int, minutes: Int, pain: Int, morning: Int = 1) {
        history.runs.append(RunEntry(date: day(offset), stage: stage, minutes: minutes, painDuring: pain))
        checkIn(offset + 1, morning: morning)
    }

    public mutating func passStance(_ offset: Int) {
        test(offset, "single-leg-stance", .left, value: 30)
        test(offset, "single-leg-stance", .right, value: 35)
    }

    public func status(_ offset: Int) -> Status { Evaluator(program: program, history: history).status(asOf: day(offset)) }
    public func zone(_ offset: Int) -> Zone? { Evaluator(program: program, history: history).zones[day(offset)]?.zone }
}

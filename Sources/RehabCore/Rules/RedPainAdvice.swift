/// What the program says the moment a pain is in the red zone: stop, what the next session does,
/// and when to see someone. Worded from the program's own zones and pause rule, so a clinician's
/// program file that moves the limits moves the advice with them.
public struct RedPainAdvice: Sendable, Equatable {
    /// Which pain it is: each kind has its own red limit in the program.
    public enum Kind: Sendable, Equatable { case during, after, run }

    public let pain: Int
    /// "Pain during exercise 10 is in the red zone (above 5): stop this exercise now."
    public let stop: String
    /// "Next session: step back to the previous load or stage."
    public let next: String
    /// The pause this pain starts (with whom to see), or when one would start.
    public let seeSomeone: String
    /// This red day pauses the program: see someone before anything progresses.
    public let pauses: Bool

    /// What a voiced session says at once (the same words every time, so they are rendered once).
    public static let spoken = "Stop. Pain in the red zone."

    public var lines: [String] { [stop, next, seeSomeone] }
    public var sentence: String { lines.joined(separator: " ") }
}

extension Evaluator {
    /// The advice for `pain` of `kind` on `day`, or nil when it is not above the program's red limit.
    /// Whether it pauses the program is judged with the pain added to the day (as it is once saved).
    public func redPainAdvice(_ pain: Int, _ kind: RedPainAdvice.Kind, on day: Day) -> RedPainAdvice? {
        let program = programs.program(on: day)
        let zones = program.painZones
        let (limit, what, stopWhat): (Int, String, String) =
            switch kind {
            case .during: (zones.amberMaxDuring, "Pain during exercise", "stop this exercise now")
            case .after: (zones.amberMaxAfter ?? zones.amberMaxDuring, "Pain after exercise", "do no more exercise today")
            case .run: (zones.runAmberMaxDuring, "Running pain", "stop running for today")
            }
        guard pain > limit else { return nil }
        var judged = history
        switch kind {
        case .during, .after:
            let any = program.phases.first?.exercises.first?.id ?? "exercise"
            judged.exercises.append(
                ExerciseEntry(
                    date: day, exerciseID: any, sets: 0, reps: 0,
                    painDuring: kind == .during ? pain : nil, painAfter: kind == .after ? pain : nil))
        case .run:
            judged.runs.append(RunEntry(date: day, stage: 1, minutes: 0, painDuring: pain))
        }
        let pause = Evaluator(programs: programs, history: judged).pause(on: day)
        let rule = program.pause
        let seeSomeone =
            pause.map { "The program is \($0.kind == .stopped ? "stopped" : "paused"): \($0.reason)" }
            ?? "\(counted(rule.consecutiveRedDays, "red day")) in a row, or \(rule.redDaysInWindow) within \(rule.windowDays) days, "
            + "pause the program until you have seen your physiotherapist or doctor; see one sooner if the pain does not settle by tomorrow."
        return RedPainAdvice(
            pain: pain, stop: "\(what) \(pain) is in the red zone (above \(limit)): \(stopWhat).",
            next: "Next session: \(Zone.red.action).", seeSomeone: seeSomeone, pauses: pause != nil)
    }
}

import RehabCore

/// Everything the screens read: the program, the history and the engine's verdict for today.
/// Rebuilt after each save and when another process changes the database.
public struct Snapshot: Sendable {
    public let program: Program
    public let history: History
    public let evaluator: Evaluator
    public let today: Day
    public let status: Status

    public init(program: Program, history: History, today: Day) {
        self.init(programs: ProgramTimeline(program), history: history, today: today)
    }

    /// With every program the patient followed, each from the day it was adopted.
    public init(programs: ProgramTimeline, history: History, today: Day) {
        program = programs.current.program
        self.history = history
        self.today = today
        evaluator = Evaluator(programs: programs, history: history)
        status = evaluator.status(asOf: today)
    }

    public var phaseName: String {
        status.phase == .complete ? "Program complete" : program.phase(status.phase)?.name ?? status.phase.rawValue
    }
}

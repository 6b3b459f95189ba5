import ArgumentParser
import Foundation
import RehabCore
import RehabStore
import RehabTUI

/// `rehab` with no command: the full-screen program.
struct UICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Open the full-screen program (the default when no command is given).")
    @OptionGroup var data: DataOptions
    @Option(name: .customLong("as-of"), help: ArgumentHelp("Pretend today is this day (for trying things out).", valueName: "YYYY-MM-DD", visibility: .hidden))
    var asOf: String?

    func run() throws {
        try checkTerminalType()
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw UserError("The full-screen program needs a terminal; from scripts use the commands listed by `rehab --help`.")
        }
        let fixed = try asOf.map { try parseDay($0, "--as-of") }
        let runner: AppRunner
        do {
            runner = try AppRunner(directory: data.directory) { fixed ?? Day.today(in: .current, at: Date()) }
        } catch let e as SavedProgramUnreadable {
            throw UserError(e.description, exitCode: 2)
        }
        runner.run()
    }
}

/// `rehab timer`: the tempo timer on its own, for a quick set or to check its pacing.
struct TimerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timer",
        abstract: "Pace slow repetitions full screen: each segment cued with the bell, rest timed between sets.",
        discussion: """
        Give a tempo like 5-2-5 (lower 5 s, hold 2 s, raise 5 s), or --exercise ID to use that \
        exercise's tempo, sets and reps from your program. Keys: space pauses, s skips a segment, \
        b turns the bell off, q stops. This timer saves nothing: time a session from the \
        full-screen program (`rehab`) to have its sets logged.
        """)
    @OptionGroup var data: DataOptions
    @Option(help: ArgumentHelp("Seconds per segment of one repetition, for example 5-2-5.", valueName: "A-B-C")) var tempo: String?
    @Option(help: "Repetitions per set.") var reps: Int?
    @Option(help: "Number of sets.") var sets: Int?
    @Option(help: "Seconds of rest between sets.") var rest: Int?
    @Option(help: "Take tempo, sets, reps and rest from this exercise of your program.", completion: Completions.exercises) var exercise: String?
    @Flag(name: .customLong("no-bell"), help: "Do not ring the terminal bell at each segment.") var noBell = false

    func run() throws {
        let plan: TempoPlan
        let title: String
        if let exercise {
            if tempo != nil { throw UserError("Give either --tempo or --exercise, not both.") }
            let program = (try? data.openStore()).flatMap { try? Session.program(in: $0) } ?? ProgramLoader.defaultProgram()
            guard let e = program.exercise(exercise) else {
                throw UserError("Unknown exercise \"\(exercise)\"; `rehab program show` lists them.")
            }
            try checkRange(sets, 1...50, "--sets")
            try checkRange(reps, 1...500, "--reps")
            try checkRange(rest, 0...3600, "--rest", " seconds")
            var adjusted = e
            if let sets { adjusted.sets = sets }
            if let reps, !e.isHold { adjusted.reps = reps }
            plan = TempoPlan(exercise: adjusted, sides: e.sides == .each ? [.left, .right] : [nil], restSeconds: rest)
            title = e.name
        } else {
            guard let tempo else { throw UserError("Give --tempo A-B-C (seconds per segment, for example 5-2-5) or --exercise ID.") }
            guard let segments = TempoPlan.segments(fromTempo: tempo) else {
                throw UserError("--tempo must be 1 to 4 whole seconds joined by dashes, each 1-600, for example 5-2-5, not \"\(tempo)\".")
            }
            try checkRange(sets, 1...50, "--sets")
            try checkRange(reps, 1...500, "--reps")
            try checkRange(rest, 0...3600, "--rest", " seconds")
            plan = TempoPlan(segments: segments, sets: sets ?? 1, repsPerSet: reps ?? 10, restSeconds: rest ?? 60)
            title = "tempo \(tempo)"
        }
        try checkTerminalType()
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw UserError("The timer needs a terminal to show the countdown.")
        }
        let report = TimerRunner.run(plan: plan, title: title, bell: !noBell)
        let planned = Double(report.plannedMilliseconds) / 1000
        let took = Double(report.elapsedNanoseconds) / 1e9
        if report.completed {
            print(String(format: "Timer done: %d set%@ in %.3f s (planned %.3f s, drift %+.1f ms).",
                         report.setsDone, report.setsDone == 1 ? "" : "s", took, planned, (took - planned) * 1000))
        } else {
            print("Timer stopped after \(report.setsDone) full or part set\(report.setsDone == 1 ? "" : "s").")
        }
    }
}

/// ncurses without TERM says only "Error opening terminal", and with TERM=dumb it draws nothing
/// but the key line: say what to set instead.
func checkTerminalType(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws {
    let term = environment["TERM"] ?? ""
    if term.isEmpty {
        throw UserError("TERM is not set: set it to your terminal type, for example TERM=xterm-256color; from scripts use the commands listed by `rehab --help`.")
    }
    if term == "dumb" {
        throw UserError("TERM=dumb cannot show the full-screen program: set TERM to your terminal type, for example TERM=xterm-256color, or use the commands listed by `rehab --help`.")
    }
}

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
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("Pretend today is this day (for trying things out).", valueName: "YYYY-MM-DD", visibility: .hidden))
    var asOf: String?

    func run() throws {
        try checkTerminalType()
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw UserError("The full-screen program needs a terminal; from scripts use the commands listed by `rehab --help`.")
        }
        let fixed = try asOf.map { try parseDay($0, "--as-of") }
        let runner: AppRunner
        let sound = TimerSoundChoice.forApp(dataDirectory: data.directory)
        do {
            runner = try AppRunner(directory: data.directory, today: { fixed ?? localToday() }, sound: sound)
        } catch let e as SavedProgramUnreadable {
            throw UserError(e.description, exitCode: 2)
        }
        runner.run()
        // Said once the terminal is back, so it stays on screen after the program ends.
        if let problem = sound.player.logProblem { warn(problem) }
        if let unsaved = runner.model.unsavedAtExit {
            FileHandle.standardError.write(Data((unsaved + "\n").utf8))
            throw ExitCode(1)
        }
    }
}

/// `rehab timer`: the tempo timer on its own, for a quick set or to check its pacing.
struct TimerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timer",
        abstract: "Pace slow repetitions full screen: each segment cued by voice, tones or the bell, rest timed between sets.",
        discussion: """
            Give a tempo like 5-2-5 (always lower 5 s, hold 2 s, raise 5 s, in that order), or name the \
            segments in the order you do them, like raise5,hold2,lower5 for a bridge, or give \
            --exercise ID to use that \
            exercise's tempo, sets and reps from your program. A get-ready countdown comes first \
            (--prepare), and "three, two, one" before each set. Keys: space pauses, s skips a \
            segment, b changes the sound, v the voice's words, f the flash, q stops. This timer \
            saves nothing: time a session from the full-screen program (`rehab`, key e for the \
            whole session) to have its sets logged.

            Sound: voice needs espeak-ng and a player (pw-play, paplay or aplay); tones need a \
            player; without them the timer rings the terminal bell and says why once.
            """)
    @OptionGroup var data: DataOptions
    @Option(
        help: ArgumentHelp(
            "One repetition: 5-2-5 (lower, hold, raise) or named segments in order, for example raise5,hold2,lower5.",
            valueName: "A-B-C|cueN,...")) var tempo: String?
    @Option(help: "Repetitions per set.") var reps: Int?
    @Option(help: "Number of sets.") var sets: Int?
    @Option(help: "Seconds of rest between sets.") var rest: Int?
    @Option(help: "Take tempo, sets, reps and rest from this exercise of your program.", completion: Completions.exercises) var exercise: String?
    @Option(
        help: ArgumentHelp(
            "How cues sound: voice, tones, bell or off. Default: what you chose last, else the best that works here.",
            valueName: "voice|tones|bell|off")) var sound: SoundMode?
    @Option(
        help: ArgumentHelp(
            "Seconds of get-ready countdown before the first set and each side (0-120). Default: the program's, 10.",
            valueName: "SECONDS")) var prepare: Int?
    @Flag(help: "Flash the whole screen at each cue (a noisy room, or hard of hearing).") var flash = false
    @Option(
        name: .customLong("voice-words"),
        help: ArgumentHelp(
            "What the voice says: every segment (all), rep numbers and sides (reps), set start and end (sets).",
            valueName: "all|reps|sets")) var voiceWords: Verbosity?
    @Flag(name: .customLong("no-bell"), help: ArgumentHelp("The same as --sound off.", visibility: .hidden)) var noBell = false

    func run() throws {
        let plan: TempoPlan
        let title: String
        try check(PrepareSeconds.self, prepare, "--prepare")
        if noBell && sound != nil && sound != .off { throw UserError("Give either --no-bell or --sound, not both.") }
        let store = try? data.openStore()
        let program = store.flatMap { try? PatientData.program(in: $0) } ?? ProgramLoader.defaultProgram()
        let prepareSeconds = prepare ?? program.getReadySeconds
        if let exercise {
            if tempo != nil { throw UserError("Give either --tempo or --exercise, not both.") }
            guard let e = program.exercise(exercise) else {
                throw UserError("Unknown exercise \"\(exercise)\"; `rehab program show` lists them.")
            }
            try check(Sets.self, sets, "--sets")
            try check(Reps.self, reps, "--reps")
            try check(RestSeconds.self, rest, "--rest")
            var adjusted = e
            if let sets { adjusted.sets = sets }
            if let reps, !e.isHold { adjusted.reps = reps }
            // Enrolled: a side-lying exercise only on the painful side, never lying on a painful hip.
            let affected = store.flatMap { try? $0.enrolment() }?.side
            let sides = affected.map { e.sides(for: $0) } ?? (e.sides == .each ? [.left, .right] : [nil])
            if sides.isEmpty {
                let instead = program.phases.compactMap { $0.alternatives?.first { $0.id == e.alternative } }.first
                throw UserError(
                    "\(e.name) would mean lying on a painful hip, and both of yours hurt"
                        + (instead.map { "; do \($0.name.lowercased()) (--exercise \($0.id)) instead." } ?? "."))
            }
            plan = TempoPlan(exercise: adjusted, sides: sides, restSeconds: rest, prepareSeconds: prepareSeconds)
            title = e.name
        } else {
            guard let tempo else { throw UserError("Give --tempo A-B-C (seconds per segment, for example 5-2-5) or --exercise ID.") }
            guard let segments = TempoPlan.segments(fromTempo: tempo) else {
                throw UserError(
                    "--tempo must be 1 to 4 whole seconds joined by dashes (lower, hold, raise, pause), for example 5-2-5, or named segments in order, each a word and 1-600 seconds, for example raise5,hold2,lower5, not \"\(tempo)\"."
                )
            }
            try check(Sets.self, sets, "--sets")
            try check(Reps.self, reps, "--reps")
            try check(RestSeconds.self, rest, "--rest")
            plan = TempoPlan(
                segments: segments, sets: sets ?? 1, repsPerSet: reps ?? 10, restSeconds: rest ?? 60,
                prepareSeconds: prepareSeconds)
            title = "tempo \(tempo)"
        }
        // The same bound as a program's day (SessionLimits): --sets 50 --reps 500 --tempo 600 would be years.
        if plan.totalMilliseconds > SessionLimits.sessionSeconds * 1000 {
            throw UserError(
                "That timer would run \(plan.totalMilliseconds / 3_600_000) hours; a session lasts at most \(SessionLimits.sessionSeconds / 3600) hours: give fewer --sets or --reps, or a shorter --tempo."
            )
        }
        try checkTerminalType()
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw UserError("The timer needs a terminal to show the countdown.")
        }
        var timerSound = TimerSoundChoice.forTimer(dataDirectory: data.directory, requested: noBell ? .off : sound)
        if flash || voiceWords != nil {
            var settings = timerSound.settings
            if flash { settings.flash = true }
            if let voiceWords { settings.verbosity = voiceWords }
            timerSound = TimerSound(
                player: timerSound.player, settings: settings, choices: timerSound.choices,
                fallback: timerSound.fallback, detection: timerSound.detection, note: timerSound.note,
                remember: timerSound.remember)
        }
        let report = TimerRunner.run(plan: plan, title: title, sound: timerSound)
        // Said once the terminal is back, where they can be read (why sound fell back was shown
        // on the timer's screen, and remembered as said).
        for note in report.notes { warn(note) }
        if let problem = timerSound.player.logProblem { warn(problem) }
        let planned = Double(report.plannedMilliseconds) / 1000
        let took = Double(report.elapsedNanoseconds) / 1e9
        if report.completed {
            print(
                "Timer done: \(counted(report.setsDone, "set")) in "
                    + String(format: "%.3f s (planned %.3f s, drift %+.1f ms).", took, planned, (took - planned) * 1000))
        } else {
            print("Timer stopped after \(counted(report.setsDone, "full or part set")).")
        }
    }
}

/// ncurses without TERM says only "Error opening terminal", and with TERM=dumb it draws nothing
/// but the key line: say what to set instead.
func checkTerminalType(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws {
    let term = environment["TERM"] ?? ""
    if term.isEmpty {
        throw UserError(
            "TERM is not set: set it to your terminal type, for example TERM=xterm-256color; from scripts use the commands listed by `rehab --help`.")
    }
    if term == "dumb" {
        throw UserError(
            "TERM=dumb cannot show the full-screen program: set TERM to your terminal type, for example TERM=xterm-256color, or use the commands listed by `rehab --help`."
        )
    }
}

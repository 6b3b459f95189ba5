import RehabCore

extension Program {
    /// The default program with a glute bridge quick to time (tempo 1-1-1, 2 reps, `sets` sets)
    /// as the only exercise of the first phase, so its sets alone make a whole session.
    /// `prepare`: the get-ready countdown (none by default, so times start at the first rep).
    public static func quickBridge(sets: Int, rest: Int, prepare: Int = 0) -> Program {
        var program = ProgramLoader.defaultProgram()
        program.prepareSeconds = prepare
        program.phases[0].exercises = [quick(program.phases[0].exercises[0], sets: sets, rest: rest)]
        return program
    }

    /// A guided session quick to time: the glute bridge (both legs) and the clamshell (each side),
    /// tempo 1-1-1, 2 reps, `sets` sets each, with a get-ready countdown of `prepare` seconds.
    public static func quickSession(sets: Int, rest: Int, prepare: Int) -> Program {
        var program = ProgramLoader.defaultProgram()
        program.prepareSeconds = prepare
        let phase = program.phases[0].exercises
        // A per-side exercise named as the tests know it (activation no longer has a clamshell).
        var clamshell = phase.first { $0.id == "hip-hitch" }!
        clamshell.id = "clamshell"
        clamshell.name = "Clamshell"
        clamshell.how = "Lie on your side, knees bent, heels together. Open the top knee without rolling the pelvis back."
        program.phases[0].exercises = [quick(phase[0], sets: sets, rest: rest), quick(clamshell, sets: sets, rest: rest)]
        return program
    }

    private static func quick(_ exercise: Exercise, sets: Int, rest: Int) -> Exercise {
        var e = exercise
        e.sets = sets
        e.reps = 2
        e.holdSeconds = nil
        e.tempo = [TempoSegment(cue: "raise", seconds: 1), TempoSegment(cue: "hold", seconds: 1), TempoSegment(cue: "lower", seconds: 1)]
        e.restSeconds = rest
        return e
    }
}

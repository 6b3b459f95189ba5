import RehabCore

extension Program {
    /// The default program with a glute bridge quick to time (tempo 1-1-1, 2 reps, `sets` sets)
    /// as the only exercise of the first phase, so its sets alone make a whole session.
    public static func quickBridge(sets: Int, rest: Int) -> Program {
        var program = ProgramLoader.defaultProgram()
        var bridge = program.phases[0].exercises[0]
        bridge.sets = sets
        bridge.reps = 2
        bridge.tempo = [TempoSegment(cue: "raise", seconds: 1), TempoSegment(cue: "hold", seconds: 1), TempoSegment(cue: "lower", seconds: 1)]
        bridge.restSeconds = rest
        program.phases[0].exercises = [bridge]
        return program
    }
}

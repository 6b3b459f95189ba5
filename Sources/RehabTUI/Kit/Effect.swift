import RehabCore

/// Something `update` asks the loop (`Loop`) to do outside the model: write to the database, sound a
/// cue, quit. Results come back to `update` as messages (`.saved`, `.saveFailed`).
public enum Effect: Sendable, Equatable {
    case save(Change)
    /// Before a timed session starts: make its sounds ready and warm the player.
    case prepareSound([Cue], TimerSettings)
    /// A cue is due: play it as the patient chose (and ring the bell unless sound is off).
    /// `due` is the monotonic time the cue was scheduled for.
    case cue(Cue, SoundMode, Verbosity, due: Int64)
    /// The timed session is over: release the sound's players.
    case finishSound
    /// The patient changed how the timer sounds or looks.
    case rememberSettings(TimerSettings)
    case quit
}

/// One user action's worth of writing, done in one transaction.
public enum Change: Sendable, Equatable {
    /// Enrolment on a built-in program, by its command-line id.
    case enrol(Enrolment, program: String)
    case exercises([ExerciseEntry])
    /// Sets finished in the timer; their ids come back in `.saved` so pain can be added at the end.
    case timerSets([ExerciseEntry])
    /// The pain asked in and after the timer, written onto the entries the timer saved (nil keeps what is there).
    case painForTimerSets(painDuring: Int?, painAfter: Int?, entryIDs: [Int64])
    /// The "pain after" asked on Today, written onto the day's sets that had none.
    case painAfter(Int, entryIDs: [Int64])
    case run(RunEntry)
    case checkIn(CheckIn)
    case phaseChange(PhaseChange)
    case test(TestResult)
    case score(OutcomeScore)
    case clinicianSeen(FlagClearance)
}

import RehabCore

/// Something `update` asks the runner to do outside the model: write to the database, ring the
/// bell, quit. Results come back to `update` as messages (`.saved`, `.saveFailed`).
public enum Effect: Sendable, Equatable {
    case save(Change)
    case bell
    case quit
}

/// One user action's worth of writing, done in one transaction.
public enum Change: Sendable, Equatable {
    case enrol(Enrolment)
    case exercises([ExerciseEntry])
    /// Sets finished in the timer; their ids come back in `.saved` so pain can be added at the end.
    case timerSets([ExerciseEntry])
    /// The pain asked after the timer, written onto the entries the timer saved.
    case painForTimerSets(painDuring: Int, entryIDs: [Int64])
    case run(RunEntry)
    case checkIn(CheckIn)
    case phaseChange(PhaseChange)
    case test(TestResult)
    case score(OutcomeScore)
    case clinicianSeen(FlagClearance)
}

import RehabCore

/// Something the app loop does outside `update`: write to the database, ring the bell, quit.
public enum Effect: Sendable, Equatable {
    case save(Change)
    case bell
    case quit
}

/// One user action's worth of writing, done in one transaction.
public enum Change: Sendable, Equatable {
    case enrol(Enrolment)
    case exercises([ExerciseEntry])
    /// Sets finished in the timer; their ids come back so pain can be added at the end.
    case timerSets([ExerciseEntry])
    case painForTimerSets(painDuring: Int)
    case run(RunEntry)
    case checkIn(CheckIn)
    case phaseChange(PhaseChange)
    case test(TestResult)
    case score(OutcomeScore)
    case clinicianSeen(FlagClearance)
}

/// What a form is for, so its values can be turned into a change.
public enum FormPurpose: Sendable, Equatable { case warningSigns, setup, logExercise, logRun, checkIn, test, score, painAfter }

/// What to do on one day: exercises with their dose and load advice, or a run stage, or why not.
public struct DayPlan: Sendable, Equatable, Codable {
    public enum LoadAdvice: String, Codable, Sendable {
        /// Paused or stopped: keep the load, nothing progresses.
        case progress, repeatLoad = "repeat", stepBack = "step-back", hold
    }

    public struct Item: Sendable, Equatable, Codable {
        public let exercise: Exercise
        public let restSeconds: Int
        public let advice: LoadAdvice
        /// The load to use, when one has been logged before.
        public let loadKg: Double?
        /// Sides logged today (empty for a two-legged exercise not yet done).
        public let doneSides: [Side]
        public let doneToday: Bool

        /// The load to use on `side` (nil for a two-legged exercise). Loads are carried per side.
        public func loadKg(on side: Side?) -> Double? { loadKg }
    }

    /// Today's run stage.
    /// The command line's --json encodes it as it is: its property names are keys scripts read.
    public struct RunToday: Sendable, Equatable, Codable {
        public let stage: Int
        public let description: String
        /// What to log as the run's minutes: the whole outing, walking included, which is what it
        /// must last to count for the stage; after the ladder, the most the next run may last.
        public let runMinutes: Int
        /// The running part of the stage (4 x 1 min for walk 4 / run 1 x 4).
        public let runningMinutes: Int
        /// Green runs credited at this stage.
        public let greenRuns: Int
        public let greenRunsNeeded: Int
        /// False on a rest day between runs.
        public let allowedToday: Bool
        public let note: String
    }

    public let date: Day
    public let items: [Item]
    public let run: RunToday?
    /// A line shown above the plan: why it is stepped back, paused or stopped.
    public let message: String?
    public let stopped: Bool
}

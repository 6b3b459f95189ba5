/// What to do on one day: exercises with their dose and load advice, or a run stage, or why not.
public struct DayPlan: Sendable, Equatable, Codable {
    public enum LoadAdvice: String, Codable, Sendable {
        /// Paused or stopped: keep the load, nothing progresses.
        case progress, repeatLoad = "repeat", stepBack = "step-back", hold
    }

    public struct Item: Sendable, Equatable, Codable {
        public let exercise: Exercise
        /// The sides this patient does it on (nil: both legs together): a side-lying exercise
        /// only with the painful side up (`Exercise.sides(for:)`).
        public let sides: [Side?]
        /// "3 x 10 each side", "3 x 10, right side (lying on your left)".
        public let prescription: String
        public let restSeconds: Int
        public let advice: LoadAdvice
        /// Why the load is held or what it rises to, in the patient's words: "repeat (waiting for
        /// tomorrow morning's check-in)", "progress: 14 kg, up from 12 kg"; nil when `advice` says it all.
        public let adviceNote: String?
        /// The loads to use, where one has been logged before: one without a side for an exercise
        /// done with both legs, one for each side of a one-legged exercise (carried apart).
        public let loads: [SideLoad]
        /// Sides logged today (empty for a two-legged exercise not yet done).
        public let doneSides: [Side]
        public let doneToday: Bool

        /// The load to use on `side` (nil for a two-legged exercise).
        public func loadKg(on side: Side?) -> Double? { loads.first { $0.side == side }?.kg }

        /// " @ 10 kg", " @ 6 kg left, 12 kg right" (" @ 6 kg" when both sides are alike), a raised
        /// load with what it was (" @ 14 kg, up from 12 kg"), or "" with no load: how the plan and
        /// the screens show it.
        public var loadText: String {
            guard let first = loads.first else { return "" }
            func up(_ l: SideLoad) -> String { l.raisedFromKg.map { ", up from \($0.compact) kg" } ?? "" }
            if loads.allSatisfy({ $0.kg == first.kg && $0.raisedFromKg == first.raisedFromKg })
                && (first.side == nil || loads.count == Side.allCases.count)
            {
                return " @ \(first.kg.compact) kg" + up(first)
            }
            let separator = loads.contains { $0.raisedFromKg != nil } ? "; " : ", "
            return " @ " + loads.map { "\($0.kg.compact) kg" + ($0.side.map { " \($0.rawValue)" } ?? "") + up($0) }.joined(separator: separator)
        }
    }

    /// The load to use on one side (nil: both legs), whether a red day stepped it back, and the
    /// load it was raised from when "progress" added the program's step.
    public struct SideLoad: Sendable, Equatable, Codable {
        public let side: Side?
        public let kg: Double
        public let steppedBack: Bool
        public var raisedFromKg: Double? = nil
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

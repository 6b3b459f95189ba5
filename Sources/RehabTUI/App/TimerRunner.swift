import RehabCore
import Terminal

/// The tempo timer on its own (`rehab timer`): `StandAloneTimer` on the one loop, then a report.
public enum TimerRunner {
    public struct Report: Sendable {
        public let plannedMilliseconds: Int
        /// Measured from the first cue to the last, on the monotonic clock.
        public let elapsedNanoseconds: Int64
        public let completed: Bool
        public let setsDone: Int
        /// Settings that could not be kept, or a settings file not read (said after it ends, not
        /// over the screen).
        public var notes: [String] = []
    }

    public static func run(plan: TempoPlan, title: String, sound: TimerSound) -> Report {
        let loop = loop(plan: plan, title: title, sound: sound)
        loop.run()
        return loop.model.report
    }

    public static func run(plan: TempoPlan, title: String, sound: TimerSound, on backend: TerminalBackend) -> Report {
        let loop = loop(plan: plan, title: title, sound: sound)
        loop.run(on: backend)
        return loop.model.report
    }

    private static func loop(plan: TempoPlan, title: String, sound: TimerSound) -> Loop<StandAloneTimer> {
        Loop(model: StandAloneTimer(plan: plan, title: title, settings: sound.settings, soundChoices: sound.choices), sound: sound, data: nil)
    }
}

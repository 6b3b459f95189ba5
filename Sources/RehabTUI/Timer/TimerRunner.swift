import RehabCore
import Terminal

/// The tempo timer on its own (`rehab timer`): paces a plan full screen, then reports.
public enum TimerRunner {
    public struct Report: Sendable {
        public let plannedMilliseconds: Int
        /// Measured from the first cue to the last, on the monotonic clock.
        public let elapsedNanoseconds: Int64
        public let completed: Bool
        public let setsDone: Int
    }

    public static func run(plan: TempoPlan, title: String, bell: Bool) -> Report {
        let screen = TerminalScreen()
        screen.start()
        defer { screen.stop() }
        let clock = MonotonicClock()
        let loop = EventLoop(screen: screen, clock: clock)
        let start = clock.now
        var timer = TimerModel(plan: plan, title: title, now: start, bellOn: bell, asksPain: false)
        var finishedAt: Int64?
        var outcome = timer.advance(start)
        while true {
            if outcome.ringBell { screen.bell() }
            if outcome.close {
                finishedAt = finishedAt ?? clock.now
                break
            }
            var grid = screen.makeGrid()
            if grid.width >= AppView.minimumWidth && grid.height >= AppView.minimumHeight {
                TimerScreen.render(timer, into: &grid, now: clock.now)
            } else {
                Chrome.tooSmall(&grid)
            }
            screen.present(grid)
            let event = loop.next(deadline: timer.nextDeadline(clock.now), idleMilliseconds: nil)
            let now = clock.now
            switch event {
            case .tick, .resize: outcome = timer.advance(now)
            case .interrupted: outcome = timer.stop(now)
            case .key(let key):
                outcome = timer.handle(key, now: now)
            }
        }
        let done = timer.saved.count
        return Report(plannedMilliseconds: plan.totalMilliseconds, elapsedNanoseconds: (finishedAt ?? clock.now) - start,
                      completed: done == plan.blocks.count && timer.saved.allSatisfy { $0.reps == plan.repsPerSet },
                      setsDone: done)
    }
}

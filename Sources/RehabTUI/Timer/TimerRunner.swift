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
        let backend = CursesBackend()
        backend.start()
        defer { backend.stop() }
        return run(plan: plan, title: title, bell: bell, on: backend)
    }

    public static func run(plan: TempoPlan, title: String, bell: Bool, on backend: TerminalBackend) -> Report {
        let start = backend.now
        var timer = TimerModel(plan: plan, title: title, now: start, bellOn: bell, asksPain: false)
        var finishedAt: Int64?
        var outcome = timer.advance(start)
        while true {
            if outcome.ringBell { backend.bell() }
            if outcome.close {
                finishedAt = finishedAt ?? backend.now
                break
            }
            var grid = backend.makeGrid()
            if grid.width >= AppView.minimumWidth && grid.height >= AppView.minimumHeight {
                TimerScreen.render(timer, into: &grid, now: backend.now)
            } else {
                Chrome.tooSmall(&grid)
            }
            backend.present(grid)
            let event = backend.nextEvent(deadline: timer.nextDeadline(backend.now), idleMilliseconds: nil)
            let now = backend.now
            switch event {
            case .tick, .resize: outcome = timer.advance(now)
            case .interrupted: outcome = timer.stop(now)
            case .key(let key): outcome = timer.handle(key, now: now)
            }
        }
        let done = timer.saved.count
        return Report(plannedMilliseconds: plan.totalMilliseconds, elapsedNanoseconds: (finishedAt ?? backend.now) - start,
                      completed: done == plan.blocks.count && timer.saved.allSatisfy { $0.reps == plan.repsPerSet },
                      setsDone: done)
    }
}

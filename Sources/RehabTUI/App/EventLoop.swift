import Terminal

/// Waiting for the next thing to do, shared by the app and the stand-alone timer.
/// It sleeps until a key arrives or a deadline comes: no busy polling.
struct EventLoop {
    let screen: TerminalScreen
    let clock: MonotonicClock
    /// Wake this early through the terminal's millisecond timeout, then sleep the rest precisely.
    private let margin: Int64 = 2_000_000

    init(screen: TerminalScreen, clock: MonotonicClock) {
        self.screen = screen
        self.clock = clock
    }

    /// The next event: a key, a resize, a signal, or `.tick` at `deadline` (or after `idleMilliseconds`).
    func next(deadline: Int64?, idleMilliseconds: Int?) -> Event {
        guard let deadline else { return screen.nextEvent(timeoutMilliseconds: idleMilliseconds) }
        let remaining = deadline - clock.now
        if remaining > margin {
            let event = screen.nextEvent(timeoutMilliseconds: Int((remaining - margin) / 1_000_000))
            if event != .tick { return event }
        }
        clock.sleep(until: deadline)
        return .tick
    }
}

import Foundation

/// Nanoseconds since the clock was made, from a clock that never steps backwards
/// (so a change of the wall clock cannot disturb the timer).
public struct MonotonicClock: Sendable {
    private let origin = ContinuousClock.now
    public init() {}

    public var now: Int64 {
        let d = ContinuousClock.now - origin
        return d.components.seconds * 1_000_000_000 + d.components.attoseconds / 1_000_000_000
    }

    /// Sleeps until `deadline`, precisely: the last stretch is a plain nanosleep, not a poll.
    public func sleep(until deadline: Int64) {
        let remaining = deadline - now
        guard remaining > 0 else { return }
        var request = timespec(tv_sec: Int(remaining / 1_000_000_000), tv_nsec: Int(remaining % 1_000_000_000))
        var left = timespec()
        while nanosleep(&request, &left) != 0 && errno == EINTR { request = left }
    }
}

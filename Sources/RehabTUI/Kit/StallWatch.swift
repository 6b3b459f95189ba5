import Terminal

/// Notices time the loop did not run: the process was stopped and continued (Ctrl-Z, then fg),
/// the machine slept, or writing to the screen blocked (output held with Ctrl-S, a frozen
/// terminal). A wait ends by its deadline and drawing takes milliseconds, so either running far
/// past that is such time; the timer takes it as a pause from the last moment it was seen running.
struct StallWatch {
    /// Past this, a late wake-up or a slow frame is time the program did not run.
    static let limit: Int64 = 2_000_000_000
    private var seen: Int64

    init(_ backend: TerminalBackend) { seen = backend.now }

    /// Before the loop's own work (drawing): it should take milliseconds.
    mutating func working(_ backend: TerminalBackend) { seen = backend.now }

    /// After the loop's own work: since when it did not run, if it stalled.
    mutating func afterWork(_ backend: TerminalBackend) -> Int64? {
        defer { seen = backend.now }
        return backend.now - seen > Self.limit ? seen : nil
    }

    /// Just before waiting for the next event.
    mutating func waiting(_ backend: TerminalBackend) { seen = backend.now }

    /// After the wait: since when the loop did not run, when the process was continued or woke
    /// far past the deadline it asked for.
    mutating func woke(_ backend: TerminalBackend, event: Event, deadline: Int64?) -> Int64? {
        defer { seen = backend.now }
        if event == .resumed { return seen }
        guard let deadline, backend.now - max(deadline, seen) > Self.limit else { return nil }
        return seen
    }
}

import Terminal

/// What the runners need of a terminal: show a grid, wait for the next event (until a deadline on
/// its own monotonic clock), ring the bell, say its size. The ncurses screen is one backend; tests
/// use an in-memory one with a clock of their own, so whole flows run in microseconds.
public protocol TerminalBackend: AnyObject {
    /// Monotonic nanoseconds; deadlines are on this clock.
    var now: Int64 { get }
    var size: (width: Int, height: Int) { get }
    var glyphs: Glyphs { get }
    func present(_ grid: CellGrid)
    /// The next key, resize or signal, or `.tick` at `deadline` (or after `idleMilliseconds` with
    /// no deadline; nil: wait for as long as it takes).
    func nextEvent(deadline: Int64?, idleMilliseconds: Int?) -> Event
    func bell()
    /// Whether the loop waits for saves under way before it asks for the next event (the tests'
    /// terminal, whose clock would otherwise run ahead of them); the real terminal polls instead.
    var waitsForSaves: Bool { get }
}

extension TerminalBackend {
    public var waitsForSaves: Bool { false }
}

extension TerminalBackend {
    /// A blank grid of the terminal's size, ready to draw into.
    func makeGrid() -> CellGrid {
        let s = size
        return CellGrid(width: s.width, height: s.height, glyphs: glyphs)
    }
}

/// The real terminal through ncurses, with the monotonic clock. It sleeps until a key arrives or
/// a deadline comes: no busy polling.
public final class CursesBackend: TerminalBackend {
    let screen = TerminalScreen()
    let clock = MonotonicClock()
    /// Wake this early through the terminal's millisecond timeout, then sleep the rest precisely.
    private let margin: Int64 = 2_000_000

    public init() {}

    public func start() { screen.start() }
    public func stop() { screen.stop() }

    public var now: Int64 { clock.now }
    public var size: (width: Int, height: Int) { screen.size }
    public var glyphs: Glyphs { screen.glyphs }
    public func present(_ grid: CellGrid) { screen.present(grid) }
    public func bell() { screen.bell() }

    public func nextEvent(deadline: Int64?, idleMilliseconds: Int?) -> Event {
        guard let deadline else { return screen.nextEvent(timeoutMilliseconds: idleMilliseconds) }
        let remaining = deadline - clock.now
        if remaining > margin {
            let event = screen.nextEvent(timeoutMilliseconds: Int((remaining - margin) / 1_000_000))
            if event != .tick { return event }
        }
        clock.sleep(until: deadline)
        return screen.takeResumed() ? .resumed : .tick
    }
}

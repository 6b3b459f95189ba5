import CNcursesw
import Foundation

/// The real terminal, through ncursesw: set-up and clean-up, colours, drawing a `CellGrid`,
/// keys, the bell and signals. Nothing else in the program touches ncurses.
public final class TerminalScreen {
    public private(set) var glyphs: Glyphs = .unicode
    public private(set) var colour = false
    private var shown: CellGrid?
    private var running = false
    private var functionKeys: [Int32: Key] = [:]

    public init() {}

    /// Starts full-screen mode. Call `stop()` on every way out (it is also run at exit).
    public func start(environment: [String: String] = ProcessInfo.processInfo.environment) {
        glyphs = Self.chooseLocale() ? .unicode : .plain
        _ = initscr()
        cbreak()
        noecho()
        nonl()
        keypad(rehab_stdscr(), true)
        intrflush(rehab_stdscr(), false)
        set_escdelay(25)
        rehab_flow_control_off()
        curs_set(0)
        colour = has_colors() && environment["NO_COLOR"].map(\.isEmpty) ?? true
        if colour {
            start_color()
            use_default_colors()
            definePairs()
        }
        rehab_install_signal_handlers()
        functionKeys = [
            Int32(rehab_key_up()): .up, Int32(rehab_key_down()): .down,
            Int32(rehab_key_left()): .left, Int32(rehab_key_right()): .right,
            Int32(rehab_key_home()): .home, Int32(rehab_key_end()): .end,
            Int32(rehab_key_ppage()): .pageUp, Int32(rehab_key_npage()): .pageDown,
            Int32(rehab_key_enter()): .enter, Int32(rehab_key_backspace()): .backspace,
            Int32(rehab_key_dc()): .delete, Int32(rehab_key_btab()): .backTab
        ]
        running = true
        Self.active = self
        atexit { TerminalScreen.active?.stop() }
    }

    /// The terminal back as it was: echo, line mode, cursor.
    public func stop() {
        guard running else { return }
        running = false
        curs_set(1)
        endwin()
        Self.active = nil
    }

    nonisolated(unsafe) private static var active: TerminalScreen?

    /// Size in cells.
    public var size: (width: Int, height: Int) {
        (Int(getmaxx(rehab_stdscr())), Int(getmaxy(rehab_stdscr())))
    }

    /// Shows `grid`, writing only the rows that changed since the last frame.
    public func present(_ grid: CellGrid) {
        let window = rehab_stdscr()!
        let full = shown.map { $0.width != grid.width || $0.height != grid.height } ?? true
        if full { werase(window) }
        for y in 0..<grid.height {
            if !full, let previous = shown, rowsEqual(previous, grid, y) { continue }
            var x = 0
            while x < grid.width {
                let style = grid[x, y].style
                var run = ""
                let startX = x
                while x < grid.width && grid[x, y].style == style {
                    run.append(grid[x, y].character)
                    x += 1
                }
                apply(style, window)
                _ = mvwaddstr(window, Int32(y), Int32(startX), run)
            }
        }
        rehab_set_attr(window, rehab_attr_normal(), 0)
        wnoutrefresh(window)
        doupdate()
        shown = grid
    }

    /// Forgets what is on screen so the next `present` redraws everything.
    public func invalidate() {
        shown = nil
        clearok(rehab_stdscr(), true)
    }

    public func bell() { _ = beep() }

    /// Waits for a key, a resize or a signal, at most `timeoutMilliseconds` (nil: no limit).
    /// Returns `.tick` when the time runs out.
    public func nextEvent(timeoutMilliseconds: Int?) -> Event {
        if let signal = takeSignal() { return signal }
        if rehab_take_continued() != 0 { return .resumed }
        wtimeout(rehab_stdscr(), Int32(clamping: timeoutMilliseconds.map { max(0, $0) } ?? -1))
        var code: wint_t = 0
        let result = wget_wch(rehab_stdscr(), &code)
        if let signal = takeSignal() { return signal }
        if rehab_take_continued() != 0 { return .resumed }
        if result == rehab_key_code_yes() {
            if Int32(code) == rehab_key_resize() {
                invalidate()
                let s = size
                return .resize(width: s.width, height: s.height)
            }
            if let key = functionKeys[Int32(code)] { return .key(key) }
            return nextEvent(timeoutMilliseconds: 0)
        }
        if result == OK, let key = KeyMapping.character(UInt32(code)) { return .key(key) }
        return .tick
    }

    /// Whether the process was stopped and continued since the last call.
    public func takeResumed() -> Bool { rehab_take_continued() != 0 }

    private func takeSignal() -> Event? {
        let s = rehab_take_signal()
        return s == 0 ? nil : .interrupted(signal: Int32(s))
    }

    // MARK: - Styles

    private func definePairs() {
        // Pair numbers are Style raw values; -1 keeps the terminal's own background.
        let colours: [Style: Int16] = [
            .green: Int16(COLOR_GREEN), .amber: Int16(COLOR_YELLOW), .red: Int16(COLOR_RED),
            .warning: Int16(COLOR_RED), .accent: Int16(COLOR_CYAN), .key: Int16(COLOR_CYAN),
            .title: Int16(COLOR_BLUE)
        ]
        for (style, fg) in colours { init_pair(Int16(style.rawValue), fg, -1) }
    }

    private func apply(_ style: Style, _ window: UnsafeMutablePointer<WINDOW>) {
        let m = style.monochrome
        var attrs = rehab_attr_normal()
        var pair: Int16 = 0
        if colour {
            switch style {
            case .green, .amber, .accent, .key: pair = Int16(style.rawValue)
            case .red, .title: pair = Int16(style.rawValue); attrs |= rehab_attr_bold()
            case .warning: pair = Int16(style.rawValue); attrs |= rehab_attr_bold() | rehab_attr_reverse()
            case .selected: attrs |= rehab_attr_reverse()
            case .bold: attrs |= rehab_attr_bold()
            case .dim: attrs |= rehab_attr_dim()
            case .normal: break
            }
        } else {
            if m.bold { attrs |= rehab_attr_bold() }
            if m.reverse { attrs |= rehab_attr_reverse() }
            if m.underline { attrs |= rehab_attr_underline() }
            if m.dim { attrs |= rehab_attr_dim() }
        }
        rehab_set_attr(window, attrs, pair)
    }

    private func rowsEqual(_ a: CellGrid, _ b: CellGrid, _ y: Int) -> Bool {
        for x in 0..<b.width where a[x, y] != b[x, y] { return false }
        return true
    }

    /// Sets the locale from the environment; returns whether it is UTF-8 (trying C.UTF-8 if not).
    private static func chooseLocale() -> Bool {
        setlocale(LC_ALL, "")
        if isUTF8() { return true }
        let env = ProcessInfo.processInfo.environment
        // A locale that names no encoding at all (LANG unset, "C", "POSIX") gets C.UTF-8 when
        // the system has it; an explicit non-UTF-8 locale is respected and gets ASCII drawing.
        let explicit = [env["LC_ALL"], env["LC_CTYPE"], env["LANG"]].compactMap { $0 }.first { !$0.isEmpty }
        if explicit == nil || explicit == "C" || explicit == "POSIX" {
            if setlocale(LC_ALL, "C.UTF-8") != nil, isUTF8() { return true }
        }
        return false
    }

    private static func isUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}

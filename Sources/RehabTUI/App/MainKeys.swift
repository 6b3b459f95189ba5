import Terminal

/// What a key does on the main screens.
enum MainAction: Sendable, Equatable {
    case quit, help, nextTab, previousTab, show(Tab), backToToday, sound
    case checkIn, log, gate, test, score, clinicianSeen, advance
    /// Answer how the hip is after today's session.
    case painAfter
    /// Today's list of exercises.
    case up, down, first, last, startTimer, startSession
    /// Weeks on Week, phases on Program.
    case earlier, later, earliest, latest
    /// A screen taller than the terminal (Program).
    case scroll(ScrollMove)
}

/// The key map of each main screen: its own keys, then the keys every main screen shares.
enum MainKeys {
    static func map(for tab: Tab) -> KeyMap<MainAction> {
        switch tab {
        case .today: return today.then(common)
        case .week: return week.then(common)
        case .program: return program.then(common)
        }
    }

    static let today = KeyMap<MainAction>(
        [
            Binding("Up/Down j/k", "choose an exercise", [(.up, .up), (.char("k"), .up), (.down, .down), (.char("j"), .down)]),
            Binding("Home/End", nil, [(.home, .first), (.end, .last)]),
            // Not in help: the notes' own "more ↓ · PgDn scroll" says it where it applies.
            Binding(
                "PgUp/PgDn", nil,
                [(.pageUp, .scroll(.pageUp)), (.pageDown, .scroll(.pageDown))]),
            // Each side's sets in turn, the painful side last: the patient turns over once per exercise.
            Binding(
                "e", "whole session hands-free, painful side last",
                short: "e session", [(.char("e"), .startSession)]),
            Binding("Enter", "tempo timer for the selected exercise", short: "Enter timer", [(.enter, .startTimer), (.char(" "), .startTimer)]),
            Binding("f", "how the hip feels after today's session", [(.char("f"), .painAfter)])
        ], footer: [.startSession, .startTimer, .log, .checkIn, .gate, .nextTab, .help, .quit])

    // Not "l" for the next week or phase: l logs a session on every screen.
    static let week = KeyMap<MainAction>(
        [
            Binding("Left/Right", "previous / next week", short: "←→ weeks", [(.left, .earlier), (.char("h"), .earlier), (.right, .later)]),
            Binding("Home/End", "first / this week", [(.home, .earliest), (.end, .latest)])
        ], footer: [.earlier, .nextTab, .gate, .help, .quit])

    static let program = KeyMap<MainAction>(
        [
            Binding("Left/Right", "look at another phase", short: "←→ phases", [(.left, .earlier), (.char("h"), .earlier), (.right, .later)]),
            // The same keys scroll wherever text is taller than the screen (ScrollMove).
            Binding(
                "Up/Down j/k", "scroll the phase when it does not fit", short: "↑↓ scroll",
                [(.up, .scroll(.up)), (.char("k"), .scroll(.up)), (.down, .scroll(.down)), (.char("j"), .scroll(.down))]),
            Binding("PgUp/PgDn", "scroll a page", [(.pageUp, .scroll(.pageUp)), (.pageDown, .scroll(.pageDown))])
        ], footer: [.earlier, .nextTab, .help, .quit])  // the text's own "more ↓ · ↑↓ scroll" says it scrolls

    static let common = KeyMap<MainAction>([
        Binding(
            "Tab", "next screen (1 Today, 2 Week, 3 Program)", short: "Tab screens",
            [
                (.tab, .nextTab), (.backTab, .previousTab), (.char("1"), .show(.today)), (.char("t"), .show(.today)),
                (.char("2"), .show(.week)), (.char("w"), .show(.week)), (.char("3"), .show(.program)), (.char("p"), .show(.program))
            ]),
        Binding("c", "morning check-in", short: "c check-in", [(.char("c"), .checkIn)]),
        Binding("l", "log a session by hand", short: "l log", [(.char("l"), .log)]),
        Binding("r", "record a gate test", [(.char("r"), .test)]),
        Binding("s", "outcome score", [(.char("s"), .score)]),
        Binding("v", "I have seen a clinician (lifts a pause)", [(.char("v"), .clinicianSeen)]),
        Binding("g", "gate details", short: "g gate", [(.char("g"), .gate)]),
        Binding("a", "advance when the gate is met", [(.char("a"), .advance)]),
        Binding("b", "timer sound: voice/tones/bell/off", [(.char("b"), .sound)]),
        Binding("?", "this help", short: "? help", [(.char("?"), .help)]),
        Binding("q", "quit (everything is already saved)", short: "q quit", [(.char("q"), .quit), (.control("c"), .quit)]),
        Binding("Esc", nil, [(.escape, .backToToday)])
    ])
}

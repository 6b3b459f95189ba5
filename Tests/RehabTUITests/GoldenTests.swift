import Foundation
import Testing
import RehabCore
import Terminal
@testable import RehabTUI

/// Every screen, whole, at 80x24 and 40x12, against a plain-text file in `Golden/`, cell for cell:
/// the characters, then the style of each cell as a letter. Fixed data and a fixed `today`, so
/// the files never change with the date.
///
/// To re-record after a deliberate change of a screen:
///     REHAB_RECORD_GOLDEN=1 swift test --filter GoldenTests
/// then read `git diff Tests/RehabTUITests/Golden` and say in the commit why the screen changed.
@Suite struct GoldenTests {
    static let sizes = [(80, 24), (40, 12)]
    /// Screens also recorded at 120x40, where they must use the room (the timer's digits).
    static let large: Set<String> = [
        "timer", "timer-get-ready", "timer-rest", "timer-stop-question", "program", "form-check-in",
        "today-warning-signs"
    ]

    /// The screens by name, each a model (and the time at which it is drawn).
    static func screens() -> [(name: String, model: AppModel, now: Int64)] {
        let s = patient()
        let today = s.today
        func model(_ change: (inout AppModel) -> Void) -> AppModel {
            var m = AppModel(snapshot: s, today: today)
            change(&m)
            return m
        }
        func keys(_ keys: [Key], _ m: inout AppModel) { for k in keys { savingAll(m.update(.key(k), now: 0), &m) } }
        /// Every save the model asks for confirmed, as the runner would report it.
        func savingAll(_ effects: [Effect], _ m: inout AppModel) {
            var id: Int64 = 0
            for case .save(let change) in effects {
                let count = if case .timerSets(let e) = change { e.count } else { 0 }
                _ = m.update(
                    .saved(
                        change, s,
                        entryIDs: (0..<count).map { _ in
                            id += 1; return id
                        }), now: 0)
            }
        }
        let flagged = patient { $0.checkIns.append(CheckIn(date: start + 9, morningPain: 2, redFlags: ["cannot-bear-weight", "night-pain"])) }
        var running = patient(today: 80) { h in
            h.phaseChanges = [
                PhaseChange(date: start + 20, phase: .strengthening), PhaseChange(date: start + 40, phase: .multiPlane),
                PhaseChange(date: start + 60, phase: .returnToRun)
            ]
            h.runs.append(RunEntry(date: start + 78, stage: 1, minutes: 10, painDuring: 1))
        }
        running = Snapshot(program: program, history: running.history, today: running.today)
        return [
            ("today", model { _ in }, 0),
            (
                "today-part-done",
                AppModel(
                    snapshot: patient {
                        $0.exercises.append(
                            ExerciseEntry(date: start + 10, exerciseID: "static-abduction-lying", side: .left, sets: 1, holdSeconds: 10))
                    }, today: today), 0
            ),
            ("today-warning-signs", AppModel(snapshot: flagged, today: today), 0),
            ("today-running", AppModel(snapshot: running, today: running.today), 0),
            ("week", model { keys([.char("2")], &$0) }, 0),
            ("program", model { keys([.char("3")], &$0) }, 0),
            ("program-return-to-running", model { keys([.char("3"), .right, .right, .right], &$0) }, 0),
            ("help", model { keys([.char("?")], &$0) }, 0),
            ("help-week", model { keys([.char("2"), .char("?")], &$0) }, 0),
            ("help-program", model { keys([.char("3"), .char("?")], &$0) }, 0),
            ("gate", model { keys([.char("g")], &$0) }, 0),
            // The program's get-ready countdown (10 s) comes before the first rep.
            ("timer-get-ready", model { keys([.down, .enter], &$0) }, 3_200_000_000),
            ("timer", model { keys([.down, .enter], &$0) }, 16_500_000_000),
            ("timer-rest", model { keys([.enter], &$0) }, 135_000_000_000),
            (
                "timer-paused",
                model {
                    keys([.enter], &$0); _ = $0.update(.tick, now: 11_000_000_000); keys([.char(" ")], &$0)
                }, 11_000_000_000
            ),
            (
                "timer-pain",
                model {
                    keys([.enter], &$0); savingAll($0.update(.tick, now: 200_000_000_000), &$0); keys([.char("q"), .char("y"), .char("3")], &$0)
                }, 200_000_000_000
            ),
            ("timer-help", model { keys([.enter, .char("?")], &$0) }, 1_000_000_000),
            // The guided session: every exercise of the day; pain asked during the rest after each.
            ("session", model { keys([.char("e")], &$0) }, 1_000_000_000),
            (
                "session-pain-in-rest",
                model {
                    keys([.char("e")], &$0); savingAll($0.update(.tick, now: 400_000_000_000), &$0); keys([.char("2")], &$0)
                },
                400_000_000_000
            ),
            (
                "session-summary",
                model { m in
                    keys([.char("e")], &m)
                    savingAll(m.update(.tick, now: 10_000_000_000_000), &m)
                    for _ in 0..<5 { keys([.char("2"), .enter], &m) }
                }, 10_000_000_000_000
            ),
            (
                "timer-finished",
                model { m in
                    keys([.char("e")], &m)
                    savingAll(m.update(.tick, now: 10_000_000_000_000), &m)
                    for _ in 0..<5 { keys([.char("2"), .enter], &m) }
                    // A stray digit leaves the summary up (only Enter closes it); Enter goes back to
                    // Today and the next Enter starts a timer, drawn here long past its end: "Finished.".
                    keys([.char("3"), .enter, .enter], &m)
                }, 10_000_000_000_000
            ),
            ("form-warning-signs", AppModel(snapshot: nil, today: today), 0),
            (
                "form-setup",
                {
                    var m = AppModel(snapshot: nil, today: today); keys([.end, .enter], &m); return m
                }(), 0
            ),
            (
                "form-setup-help",
                {
                    var m = AppModel(snapshot: nil, today: today); keys([.down, .char("?")], &m); return m
                }(), 0
            ),
            ("form-log-exercise", model { keys([.char("l")], &$0) }, 0),
            ("form-log-run", model { $0.mode = .form(.logRun, Forms.logRun(snapshot: s, day: today)) }, 0),
            ("form-check-in", model { keys([.char("c")], &$0) }, 0),
            ("form-test", model { keys([.char("r")], &$0) }, 0),
            ("form-score", model { keys([.char("s")], &$0) }, 0),
            ("form-help", model { keys([.char("s"), .char("?")], &$0) }, 0),
            // Text taller than the screen scrolls (at 40x12 here; a larger screen shows it all).
            ("help-scrolled", model { keys([.char("?"), .down, .down, .down, .down, .down, .down], &$0) }, 0),
            ("program-scrolled", model { keys([.char("3"), .down, .down, .down, .down, .down], &$0) }, 0),
            ("form-check-in-questions", model { keys([.char("c")] + Array(repeating: .down, count: 8), &$0) }, 0),
            (
                "today-warning-signs-scrolled",
                {
                    var m = AppModel(snapshot: flagged, today: today); keys([.down, .down, .down], &m); return m
                }(), 0
            ),
            // A notice of several lines, whole, above the keys (the app's own, said when the program is revised).
            // The chosen exercise's row wraps where it would be cut (40 columns).
            ("today-second-chosen", model { keys([.down], &$0) }, 0),
            (
                "today-notice",
                model { $0.notice = Notice(text: "Revised default program, version 9: \(ProgramLoader.switchToDefault)", style: .amber) }, 0
            ),
            // q while the timer runs: it waits (still 4 s at 30 s), the question on its own rows.
            (
                "timer-stop-question",
                model {
                    keys([.down, .enter], &$0); _ = $0.update(.tick, now: 16_500_000_000)
                    _ = $0.update(.key(.char("q")), now: 16_500_000_000)
                }, 30_000_000_000
            )
        ]
    }

    static let styleLetters: [Style: Character] = [
        .normal: ".", .dim: "d", .bold: "b", .title: "t", .selected: "s", .key: "k",
        .green: "g", .amber: "a", .red: "r", .warning: "w", .accent: "c"
    ]

    /// The grid as ratatui's TestBackend prints a buffer: one quoted row per line, then the styles.
    static func golden(_ grid: CellGrid) -> String {
        var out = ""
        for y in 0..<grid.height {
            out += "\"" + String((0..<grid.width).map { grid[$0, y].character }) + "\"\n"
        }
        out += "styles:\n"
        for y in 0..<grid.height {
            out += "\"" + String((0..<grid.width).map { styleLetters[grid[$0, y].style] ?? "?" }) + "\"\n"
        }
        return out
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test(arguments: screens().map(\.name))
    func theScreenIsAsRecorded(name: String) throws {
        let screen = try #require(Self.screens().first { $0.name == name })
        for (width, height) in Self.sizes + (Self.large.contains(name) ? [(120, 40)] : []) {
            try Self.check(name, screen.model, now: screen.now, width: width, height: height)
        }
    }

    /// Draws `model` at one size and compares it with `Golden/name-WxH.txt` (or records it).
    static func check(_ name: String, _ model: AppModel, now: Int64, width: Int, height: Int) throws {
        let record = ProcessInfo.processInfo.environment["REHAB_RECORD_GOLDEN"] == "1"
        var grid = CellGrid(width: width, height: height)
        AppView.render(model, into: &grid, now: now)
        let actual = golden(grid)
        let file = folder.appendingPathComponent("\(name)-\(width)x\(height).txt")
        if record {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try? String(contentsOf: file, encoding: .utf8)
        guard let expected else {
            Issue.record("no golden file \(file.lastPathComponent): record it with REHAB_RECORD_GOLDEN=1")
            return
        }
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record(
                """
                \(file.lastPathComponent) differs (line \((first?.offset ?? 0) + 1)):
                expected \(first.map { String($0.element.1) } ?? "")
                actual   \(first.map { String($0.element.0) } ?? "")
                whole screen now:\(grid)
                """)
        }
    }
}

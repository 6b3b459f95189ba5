import Foundation
import RehabCore
import Testing
import TestSupport

/// The full-screen program driven through tmux, as a patient would use it.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is not installed (make test installs it)"))
struct FullScreenTests {
    /// A program whose glute bridge is quick to time: tempo 1-1-1, 2 reps, `sets` sets.
    func quickProgram(sets: Int, rest: Int) throws -> String {
        let file = NSTemporaryDirectory() + "quick-\(UUID().uuidString).json"
        try JSONEncoder().encode(Program.quickBridge(sets: sets, rest: rest)).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// A patient enrolled on the quick program, with rehab open in a tmux pane.
    func openQuick(sets: Int, rest: Int) throws -> (rehab: RehabBinary, tmux: Tmux, folder: String) {
        let rehab = RehabBinary()
        try rehab.run(["init", "--start", "2026-03-02", "--program", try quickProgram(sets: sets, rest: rest)])
        let (command, folder) = try script(rehab)
        return (rehab, try Tmux(command: command), folder)
    }

    /// A script that runs rehab in the pane, then records its exit and the terminal settings.
    /// The pane runs it as `sh run.sh`, never executing the file itself: while it is being written,
    /// a process that another test spawns at that moment inherits the open descriptor (Foundation
    /// opens without O_CLOEXEC), and executing a file that some process holds open for writing
    /// fails with ETXTBSY ("text file busy"). The pane then died at once and tmux said
    /// "no server running". A shell reading the file is not affected.
    func script(_ rehab: RehabBinary, extra: String = "") throws -> (command: String, folder: String) {
        let folder = URL(fileURLWithPath: rehab.dataDir).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/run.sh"
        try """
        #!/bin/sh
        cd "\(folder)"
        sh -c 'echo $$ > pid; exec "\(RehabBinary.path)" --data-dir "\(rehab.dataDir)" --as-of 2026-03-05 \(extra)'
        rc=$?
        stty -a > stty.tmp && mv stty.tmp stty.txt
        echo "EXIT=$rc"
        sleep 600
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return ("LANG=C.UTF-8 sh '\(path)'", folder)
    }

    func terminalRestored(_ folder: String) throws {
        let stty = try String(contentsOfFile: folder + "/stty.txt", encoding: .utf8)
        #expect(stty.contains(" echo ") || stty.contains(" echo\n"), "echo is off after rehab: \(stty)")
        #expect(stty.contains(" icanon"), "line mode is off after rehab: \(stty)")
        #expect(!stty.contains("-icanon") && !stty.contains("-echo "))
    }

    @Test func aPatientLogsTimesReviewsAndQuits() throws {
        let (rehab, tmux, folder) = try openQuick(sets: 1, rest: 1)
        try tmux.waitFor("Today's exercises")
        try tmux.waitFor("Gate: ")

        // A session by hand: glute bridge, 1 x 2, saved from the form.
        try tmux.keys("l")
        try tmux.waitFor("Log exercise")
        try tmux.keys("End", "Enter")
        try tmux.waitFor("Saved 1 entry for 2026-03-05")

        // The tempo timer: 1 set of 2 reps at 1-1-1, then pain 2.
        try tmux.keys("Enter")
        try tmux.waitFor("Set 1/1")
        try tmux.waitFor("Worst pain during the exercise", seconds: 20)
        try tmux.type("2")
        try tmux.keys("Enter")
        try tmux.waitFor("Saved 1 set of glute bridge")

        // Weekly progress, then resizes at any size, then quit.
        try tmux.keys("2")
        try tmux.waitFor("Week of 2026-03-02")
        try tmux.resize(width: 40, height: 12)
        try tmux.waitFor("Mon Tue Wed Thu Fri Sat Sun")
        try tmux.resize(width: 20, height: 8)
        try tmux.waitFor("Please enlarge")
        try tmux.resize(width: 100, height: 30)
        let week = try tmux.waitFor("next morning")
        #expect(week.contains("Sessions 1 of "))
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
        try terminalRestored(folder)

        let history = try rehab("history --json").json
        let days = history["days"] as? [[String: Any]] ?? []
        let entries = days.flatMap { $0["exercises"] as? [[String: Any]] ?? [] }
        #expect(entries.count == 2)
        let timed = entries.first { $0["tempoSeconds"] != nil }
        #expect(timed?["reps"] as? Int == 2)
        #expect(timed?["painDuring"] as? Int == 2)
        #expect((timed?["tempoSeconds"] as? Double).map { abs($0 - 3) < 0.3 } == true, "\(String(describing: timed))")
    }

    @Test func entriesFromAnotherProcessShowOnTheNextRedraw() throws {
        let (rehab, tmux, folder) = try openQuick(sets: 1, rest: 1)
        try tmux.waitFor("[ ] Glute bridge")
        // A script logs while the UI is open; the UI never sees "database is locked".
        let log = try rehab("log --date 2026-03-05 --exercise glute-bridge --sets 1 --reps 2 --pain-during 1")
        #expect(log.status == 0, "\(log.stderr)")
        try tmux.keys("1")
        try tmux.waitFor("[✓] Glute bridge")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
        try terminalRestored(folder)
    }

    @Test(arguments: ["TERM", "INT", "HUP"])
    func aSignalDuringTheTimerKeepsTheSetsDoneAndRestoresTheTerminal(signal: String) throws {
        let (rehab, tmux, folder) = try openQuick(sets: 2, rest: 60)
        try tmux.waitFor("Today's exercises")
        try tmux.keys("Enter")
        try tmux.waitFor("Rest before set 2/2", seconds: 20)
        let pid = try String(contentsOfFile: folder + "/pid", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let kill = Process()
        kill.executableURL = URL(fileURLWithPath: "/bin/kill")
        kill.arguments = ["-\(signal)", pid]
        try kill.run()
        kill.waitUntilExit()
        try tmux.waitFor("EXIT=0")
        try terminalRestored(folder)
        let history = try rehab("history --json").json
        let entries = (history["days"] as? [[String: Any]] ?? []).flatMap { $0["exercises"] as? [[String: Any]] ?? [] }
        #expect(entries.count == 1, "the finished set was not kept")
    }
}

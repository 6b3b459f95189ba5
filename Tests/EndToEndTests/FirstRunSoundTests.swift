import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
    import Glibc
#endif

/// Issue 22, item 12: sound on the first run. A choice made with `b` is kept even when the data
/// folder did not exist at start-up, and why the timer cannot sound as wanted is said once, on the
/// screen, never printed behind it after the timer ends.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is not installed (make test installs it)"))
struct FirstRunSoundTests {
    typealias Machine = HostileSoundTests.Machine

    /// A shell script that runs rehab with the machine's environment, stderr to a file, then says EXIT=.
    func script(_ machine: Machine, _ args: String, environment extra: [String: String] = [:]) throws -> (path: String, stderr: String) {
        let path = machine.folder + "/run.sh", errors = machine.folder + "/stderr.txt"
        try """
        \(Machine.exports(machine.environment.merging(extra) { $1 }))
        cd '\(machine.folder)'
        '\(RehabProcess.path)' \(args) 2> '\(errors)'
        echo "EXIT=$?"
        /bin/sleep 600
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return (path, errors)
    }

    func mode(_ path: String) -> mode_t { var st = stat(); return stat(path, &st) == 0 ? st.st_mode & 0o777 : 0 }

    @Test func aSoundChosenRightAfterTheFirstSetUpIsKept() throws {
        let machine = try Machine()
        defer { machine.remove() }
        #expect(!FileManager.default.fileExists(atPath: machine.data))
        let run = try script(machine, "")
        let tmux = try Tmux(command: "sh '\(run.path)'")
        try tmux.waitFor("Welcome to rehab")
        try tmux.keys("End", "Enter")  // no warning sign: on to the programs
        try tmux.waitFor("Choose a program")
        try tmux.keys("End", "Enter")  // the form's defaults, then Start
        try tmux.waitFor("Today's exercises")
        try tmux.keys("b")
        try tmux.waitFor("Timer sound:")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
        let settings = machine.data + "/settings.json"
        let text = try String(contentsOfFile: settings, encoding: .utf8)
        #expect(text.contains("\"sound\""), "\(text)")
        #expect(mode(settings) == 0o600)
    }

    @Test func aSoundChosenInTheTimerBeforeAnyDataFolderIsKept() throws {
        let machine = try Machine()
        defer { machine.remove() }
        let run = try script(machine, "timer --tempo 1 --sets 1 --reps 6 --rest 0 --prepare 0", environment: ["PATH": machine.bin])
        let tmux = try Tmux(command: "sh '\(run.path)'")
        try tmux.waitFor("Session ")
        try tmux.keys("b")
        let chosen = try tmux.waitFor("Sound: bell")
        let screen = try tmux.waitFor("EXIT=0", seconds: 40)
        #expect(!chosen.isEmpty)
        let settings = machine.data + "/settings.json"
        // Tones work here (the fake player, no espeak-ng): b moved on to the bell.
        #expect(
            (try? String(contentsOfFile: settings, encoding: .utf8))?.contains("\"bell\"") == true,
            "\(screen) \((try? String(contentsOfFile: run.stderr, encoding: .utf8)) ?? "") \(String(describing: try? FileManager.default.contentsOfDirectory(atPath: machine.folder))) \(String(describing: try? String(contentsOfFile: settings, encoding: .utf8)))"
        )
        #expect(mode(settings) == 0o600 && mode(machine.data) == 0o700)
    }

    @Test func whySoundFellBackIsShownOnTheTimerOnceAndNeverPrintedAfterIt() throws {
        let machine = try Machine()
        defer { machine.remove() }
        unlink(machine.player)  // no player at all on this PATH
        #expect(try machine.run("init --start 2026-03-02 --side right").contains("EXIT=0"))
        let timer = "timer --tempo 1 --sets 1 --reps 6 --rest 0 --prepare 0"
        let run = try script(machine, timer, environment: ["PATH": machine.bin])
        let tmux = try Tmux(command: "sh '\(run.path)'")
        let shown = try tmux.waitFor("installed: the bell")
        #expect(shown.contains("No sound player (pw-play, paplay, aplay) installed: the bell rings instead."), "\(shown)")
        try tmux.waitFor("EXIT=0", seconds: 40)
        #expect(try String(contentsOfFile: run.stderr, encoding: .utf8).isEmpty, "printed after the timer ended")
        // Said once: the data folder remembers it, and the next timer starts without it.
        #expect((try? String(contentsOfFile: machine.data + "/settings.json", encoding: .utf8))?.contains("installed: the bell") == true)
        let second = try Tmux(command: "sh '\(run.path)'")
        let running = try second.waitFor("rep")
        #expect(!running.contains("installed: the bell"), "\(running)")
        try second.waitFor("EXIT=0", seconds: 40)
    }
}

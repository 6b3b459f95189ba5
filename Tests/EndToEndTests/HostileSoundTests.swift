import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
    import Glibc
#endif

/// Issue 23, hostile input round two: sound players that hang, caches and settings rehab did not
/// make, cue logs that cannot be written. `rehab` runs in a tmux pane with a fake `pw-play` first
/// on PATH (it answers the silence check, then hangs on every cue), its own HOME, cache, temporary
/// folder and data folder.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is not installed (make test installs it)"))
struct HostileSoundTests {
    /// One test's folders and its fake player.
    struct Machine {
        let folder: String
        var bin: String { folder + "/bin" }
        var cache: String { folder + "/cache" }
        var temporary: String { folder + "/tmp" }
        var data: String { folder + "/data" }
        /// The fake player's path: how its processes are found (their command line holds it).
        var player: String { bin + "/pw-play" }

        /// `hangOnCheck`: the player hangs even on the silence check.
        let hangOnCheck: Bool

        init(hangOnCheck: Bool = false) throws {
            self.hangOnCheck = hangOnCheck
            var template = Array((NSTemporaryDirectory() + "rehab-hostile-sound-XXXXXX").utf8CString)
            guard let made = mkdtemp(&template) else { throw TestFailure("no temporary folder") }
            folder = String(cString: made)
            for f in [bin, cache, temporary, folder + "/home"] {
                try FileManager.default.createDirectory(atPath: f, withIntermediateDirectories: true)
            }
            // A loop rather than one long sleep: killed, the shell leaves no child running for long.
            try """
            #!/bin/sh
            case "$1" in *rehab-sound-check*) \(hangOnCheck ? "" : "exit 0") ;; esac
            while :; do /bin/sleep 1; done
            """.write(toFile: player, atomically: true, encoding: .utf8)
            chmod(player, 0o755)
        }

        /// Runs `rehab ARGS` in a tmux pane (with `extra` environment), typing `keys` once it
        /// shows `ready`, and waits for it to exit. The pane's last screen, with "EXIT=n".
        @discardableResult
        func run(
            _ args: String, environment extra: [String: String] = [:], keysWhen ready: String? = nil, keys: [String] = [],
            seconds: Double = 40, stderr: String? = nil, quitWhen: String? = nil
        ) throws -> String {
            let env = environment.merging(extra) { $1 }
            let script = folder + "/run.sh"
            // Ctrl-C and Ctrl-\\ go to the pane's whole foreground group: this shell must outlive
            // them to say EXIT= (a patient's interactive shell is not in rehab's group).
            try """
            trap '' INT QUIT
            \(Self.exports(env))
            cd '\(folder)'
            '\(RehabProcess.path)' \(args)\(stderr.map { " 2> '\($0)'" } ?? "")
            echo "EXIT=$?"
            /bin/sleep 600
            """.write(toFile: script, atomically: true, encoding: .utf8)
            let tmux = try Tmux(command: "sh '\(script)'")
            if let ready {
                try tmux.waitFor(ready, seconds: seconds)
                for key in keys { try tmux.keys(key) }
            }
            if let quitWhen {
                try tmux.waitFor(quitWhen, seconds: seconds)
                try tmux.keys("q")
            }
            return try tmux.waitFor("EXIT=", seconds: seconds)
        }

        /// This machine's own HOME, cache, temporary and data folders, its player first on PATH.
        var environment: [String: String] {
            [
                "HOME": folder + "/home", "XDG_CACHE_HOME": cache, "TMPDIR": temporary, "REHAB_HOME": data,
                "PATH": bin + ":/usr/bin:/bin", "LANG": "C.UTF-8",
                // A machine busy with the whole suite and a release build once took over the usual
                // 5 s to start the fake player for the check, and the timer rang the bell instead
                // (no tones written). Only the tests of a hanging player need the usual budget.
                "REHAB_SOUND_CHECK_SECONDS": hangOnCheck ? "5" : "30"
            ]
        }

        /// `environment` as shell lines.
        static func exports(_ environment: [String: String]) -> String {
            environment.map { "export \($0.key)='\($0.value)'" }.sorted().joined(separator: "\n")
        }

        /// The fake players still running.
        var playersRunning: Int {
            let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            return pids.filter { pid in Int(pid) != nil && Self.procFile("/proc/\(pid)/cmdline").contains(player) }.count
        }

        /// A /proc file's text (read to its end: /proc files say their size is 0).
        static func procFile(_ path: String) -> String {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return "" }
            defer { close(fd) }
            var bytes: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = read(fd, &buffer, buffer.count)
                if n <= 0 { break }
                bytes += buffer[0..<n]
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        func remove() { try? FileManager.default.removeItem(atPath: folder) }
    }

    static let quickTones = "timer --tempo 1 --sets 1 --reps 4 --rest 0 --prepare 0 --sound tones"

    // MARK: 1. Players that never end neither pile up nor outlive rehab

    @Test func aPlayerThatHangsIsEndedAtTheNextCueAndNoneOutlivesRehab() throws {
        let machine = try Machine()
        defer { machine.remove() }
        let screen = try machine.run(Self.quickTones)
        #expect(screen.contains("EXIT=0"), "\(screen)")
        #expect(machine.playersRunning == 0, "players left running after rehab timer exited")
    }

    // MARK: 2. Ctrl-C while the sound is checked

    @Test func ctrlCWhileTheSoundIsCheckedEndsTheTimerAtOnceAndLeavesNothing() throws {
        let machine = try Machine(hangOnCheck: true)
        defer { machine.remove() }
        // The check gives up on hanging players after 5 s; Ctrl-C must not wait for that.
        let screen = try machine.run(Self.quickTones, keysWhen: "Getting the sound ready", keys: ["C-c"], seconds: 4)
        #expect(screen.contains("EXIT=0"), "\(screen)")
        #expect(screen.contains("Timer stopped after 0"), "\(screen)")
        #expect(machine.playersRunning == 0, "the player of the sound check outlived rehab")
        let left = try FileManager.default.contentsOfDirectory(atPath: machine.temporary)
        #expect(left.filter { $0.hasPrefix("rehab-sound") }.isEmpty, "left in TMPDIR: \(left)")
    }

    // MARK: 5, 7. The cache: a folder rehab did not make keeps its mode; a damaged tone is rewritten

    @Test func theCacheKeepsTheModeOfAFolderRehabDidNotMakeAndDamagedTonesAreRewritten() throws {
        let machine = try Machine()
        defer { machine.remove() }
        let shared = machine.folder + "/shared"
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        chmod(shared, 0o755)
        #expect(symlink(shared, machine.cache + "/rehab") == 0)
        #expect(try machine.run(Self.quickTones).contains("EXIT=0"))
        #expect(modeOf(shared) == 0o755, "the mode of a folder rehab did not make was changed")
        let tones = shared + "/tones"
        let names = try FileManager.default.contentsOfDirectory(atPath: tones).sorted()
        #expect(names.count >= 5, "\(names)")
        let good = names.map { FileManager.default.contents(atPath: tones + "/" + $0) }
        // Damaged (a full disk, a crash): larger than a header, but silent.
        for name in names { try Data(count: 100).write(to: URL(fileURLWithPath: tones + "/" + name)) }
        #expect(try machine.run(Self.quickTones).contains("EXIT=0"))
        #expect(names.map { FileManager.default.contents(atPath: tones + "/" + $0) } == good, "damaged tone files were not rewritten")
    }

    // MARK: 8. Leftovers: none on an early exit, and those of a dead rehab are swept

    @Test func anEarlyExitLeavesNoScratchFolderNorPlayerAndStaleOnesAreSwept() throws {
        let machine = try Machine(hangOnCheck: true)
        defer { machine.remove() }
        // A rehab killed earlier left these (pid 999999 is not running).
        let staleCheck = machine.temporary + "/rehab-sound-check-999999-1"
        try FileManager.default.createDirectory(atPath: staleCheck, withIntermediateDirectories: true)
        #expect(try machine.run("init --start 2026-03-02 --side right").contains("EXIT=0"))
        // The full-screen program quits while the sound check still waits for the hanging player.
        let screen = try machine.run("--as-of 2026-03-03", keysWhen: "Today", keys: ["q"])
        #expect(screen.contains("EXIT=0"), "\(screen)")
        let left = try FileManager.default.contentsOfDirectory(atPath: machine.temporary)
        #expect(left.filter { $0.hasPrefix("rehab-sound") }.isEmpty, "left in TMPDIR: \(left)")
        #expect(machine.playersRunning == 0, "the player of the sound check outlived rehab")
    }

    @Test func halfWrittenSoundsOfADeadRehabAreSweptFromTheCache() throws {
        let machine = try Machine()
        defer { machine.remove() }
        let tones = machine.cache + "/rehab/tones", voice = machine.cache + "/rehab/voice"
        for f in [tones, voice] { try FileManager.default.createDirectory(atPath: f, withIntermediateDirectories: true) }
        let stale = [tones + "/hold-1.wav.tmp-999999-7", voice + "/0123.wav.espeak-999999-8.wav"]
        for f in stale { try Data(count: 10).write(to: URL(fileURLWithPath: f)) }
        let mine = voice + "/0123.wav.espeak-1-8.wav"  // pid 1 is running: not ours to judge dead
        try Data(count: 10).write(to: URL(fileURLWithPath: mine))
        #expect(try machine.run(Self.quickTones).contains("EXIT=0"))
        for f in stale { #expect(!FileManager.default.fileExists(atPath: f), "\(f) was not swept") }
        #expect(FileManager.default.fileExists(atPath: mine))
    }

    // MARK: 6. settings.json: written only when a setting is chosen, never over a FIFO

    @Test func aDamagedSettingsFileIsLeftUntilASettingIsChosenAndAFIFOIsNeverReplaced() throws {
        let machine = try Machine()
        defer { machine.remove() }
        try FileManager.default.createDirectory(atPath: machine.data, withIntermediateDirectories: true)
        let settings = machine.data + "/settings.json"
        let damaged = "{\"sound\":\"tones\",\"flash\":tru}"
        try damaged.write(toFile: settings, atomically: true, encoding: .utf8)
        // Voice cannot work here (espeak-ng is not on this PATH), so the timer falls back to tones
        // and would remember having said why.
        let screen = try machine.run("timer --tempo 1 --sets 1 --reps 2 --rest 0 --prepare 0", environment: ["PATH": machine.bin])
        #expect(screen.contains("EXIT=0"), "\(screen)")
        #expect(screen.contains("are damaged: the defaults are used until you change a setting"), "\(screen)")
        #expect(try String(contentsOfFile: settings, encoding: .utf8) == damaged, "the damaged file was rewritten without a setting chosen")

        // A FIFO of that name: b (a setting chosen) must not replace it.
        unlink(settings)
        #expect(mkfifo(settings, 0o600) == 0)
        let fifo = try machine.run(
            "timer --tempo 1 --sets 1 --reps 3 --rest 0 --prepare 0", environment: ["PATH": machine.bin],
            keysWhen: "rep", keys: ["b"])
        #expect(fifo.contains("EXIT=0"), "\(fifo)")
        var st = stat()
        #expect(lstat(settings, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO, "settings.json is no longer a FIFO")
    }

    // MARK: 4. Notes go into the program's notice line, never over the full screen

    @Test func aSettingNotKeptIsSaidInTheNoticeLineNotPrintedOverTheScreen() throws {
        let machine = try Machine()
        defer { machine.remove() }
        #expect(try machine.run("init --start 2026-03-02 --side right").contains("EXIT=0"))
        try FileManager.default.createDirectory(atPath: machine.data + "/settings.json", withIntermediateDirectories: true)
        let errors = machine.folder + "/stderr.txt"
        // b while Today shows, then the screen is read before q.
        let screen = try machine.run(
            "--as-of 2026-03-03", keysWhen: "Today's exercises", keys: ["b"], seconds: 20, stderr: errors,
            quitWhen: "were not kept")
        #expect(screen.contains("EXIT=0"), "\(screen)")
        let printed = try String(contentsOfFile: errors, encoding: .utf8)
        #expect(printed.isEmpty, "printed over the full screen: \(printed)")
    }

    // MARK: 15. Two first runs at once

    @Test func aSetUpFormReplacedByAnotherWindowsEnrolmentIgnoresTheKeysMeantForIt() throws {
        let machine = try Machine()
        defer { machine.remove() }
        let script = machine.folder + "/run.sh"
        try """
        \(Machine.exports(machine.environment))
        '\(RehabProcess.path)'
        echo "EXIT=$?"
        /bin/sleep 600
        """.write(toFile: script, atomically: true, encoding: .utf8)
        let tmux = try Tmux(command: "sh '\(script)'")
        try tmux.waitFor("Welcome to rehab")
        // Terminal A enrols while B's form is open.
        let a = RehabProcess(dataDir: machine.data)
        #expect(try a.run(["init", "--start", "2026-11-30", "--side", "left"]).status == 0)
        // B's next keys, typed at once, were meant for its form: Down, then Enter on Start.
        try tmux.keys("Down", "Enter")
        let screen = try tmux.waitFor("set up in another window")
        usleep(500_000)
        let after = try tmux.screen()
        #expect(screen.contains("Today's exercises"), "\(screen)")
        #expect(
            !after.contains("Getting the sound ready") && !after.contains("Set 1/") && !after.contains("Get ready"),
            "a key meant for the form started a timer:\n\(after)")
        try tmux.keys("q")
        try tmux.waitFor("EXIT=0")
    }

    // MARK: 11. A cue log that cannot be written never crashes nor blocks the timer

    @Test func aCueLogThatCannotBeWrittenIsGivenUpWithANote() throws {
        let machine = try Machine()
        defer { machine.remove() }
        let full = try machine.run("timer --tempo 1 --sets 1 --reps 2 --rest 0 --prepare 0 --sound off", environment: ["REHAB_CUE_LOG": "/dev/full"])
        #expect(full.contains("EXIT=0"), "\(full)")
        #expect(full.contains("REHAB_CUE_LOG /dev/full: No space left on device"), "\(full)")
        let fifo = machine.folder + "/cues.fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let unread = try machine.run(
            "timer --tempo 1 --sets 1 --reps 2 --rest 0 --prepare 0 --sound off", environment: ["REHAB_CUE_LOG": fifo],
            seconds: 20)
        #expect(unread.contains("EXIT=0"), "\(unread)")
        #expect(unread.contains("REHAB_CUE_LOG \(fifo):"), "\(unread)")
    }

    // MARK: 14. Sound off, with no player: nothing about a bell

    @Test func soundOffWithNoPlayerSaysNothingAboutTheBell() throws {
        let machine = try Machine()
        defer { machine.remove() }
        unlink(machine.player)
        let screen = try machine.run("timer --tempo 1 --sets 1 --reps 2 --rest 0 --prepare 0 --sound off", environment: ["PATH": machine.bin])
        #expect(screen.contains("EXIT=0"), "\(screen)")
        #expect(!screen.contains("bell") && !screen.contains("No sound player"), "\(screen)")
    }

    // MARK: make stress: a minute of hanging players and signals

    static let stress = ProcessInfo.processInfo.environment["REHAB_STRESS"] == "1"

    @Test(.enabled(if: stress, "runs for a minute under make stress"))
    func aMinuteOfHangingPlayersAndSignalsLeavesNothingBehind() throws {
        let machine = try Machine()
        defer { machine.remove() }
        let signals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
        let end = Date().addingTimeInterval(60)
        var runs = 0
        while Date() < end {
            let script = machine.folder + "/stress.sh"
            try """
            \(Machine.exports(machine.environment))
            echo $$ > '\(machine.folder)/pid'
            exec '\(RehabProcess.path)' \(Self.quickTones)
            """.write(toFile: script, atomically: true, encoding: .utf8)
            let tmux = try Tmux(command: "sh '\(script)'")
            usleep(UInt32.random(in: 100_000...2_500_000))
            let pid =
                Int32((try? String(contentsOfFile: machine.folder + "/pid", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
                ?? 0
            if pid > 0 { kill(pid, signals.randomElement()!) }
            // Ended by the signal, or by itself; either way nothing it started may be left.
            func running() -> Bool {
                let stat = Machine.procFile("/proc/\(pid)/stat")
                return !stat.isEmpty && !stat.contains(") Z ")
            }
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline, running() { usleep(50_000) }
            #expect(pid > 0 && !running(), "rehab did not end on a signal: \((try? tmux.screen()) ?? "")")
            #expect(machine.playersRunning == 0, "run \(runs): players left running")
            let left = (try? FileManager.default.contentsOfDirectory(atPath: machine.temporary)) ?? []
            #expect(left.filter { $0.hasPrefix("rehab-sound") }.isEmpty, "run \(runs): left in TMPDIR: \(left)")
            runs += 1
        }
        print("\(runs) runs of rehab timer with a hanging player, each ended by a random signal")
    }

    func modeOf(_ path: String) -> mode_t {
        var st = stat()
        return stat(path, &st) == 0 ? st.st_mode & 0o7777 : 0
    }
}

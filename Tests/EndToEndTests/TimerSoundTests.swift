import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
    import Glibc
#endif

/// `rehab timer` heard through a private PulseAudio server: with REHAB_CUE_LOG set, the timer
/// writes `<scheduled CLOCK_MONOTONIC ns> <kind>` for each cue it plays; each line is compared
/// with the sound's onset in the recording of the server's null sink.
@Suite(
    .serialized,
    .enabled(
        if: Tmux.available && PrivateSoundServer.available,
        "tmux, pulseaudio, parec or paplay is missing (make test installs them)"))
struct TimerSoundTests {
    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    @Test func timerCuesSoundOnTime() throws {
        let server = try PrivateSoundServer()
        defer { server.stop() }
        var template = Array((NSTemporaryDirectory() + "rehab-timer-sound-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw TestFailure("no temporary folder") }
        let folder = String(cString: made)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let log = folder + "/cues.log"
        let env = server.environment
        let exports = ["XDG_RUNTIME_DIR", "PULSE_SERVER", "HOME", "XDG_CACHE_HOME"].map { "export \($0)='\(env[$0]!)'" }
        let script = folder + "/run.sh"
        try """
        \(exports.joined(separator: "\n"))
        export REHAB_CUE_LOG='\(log)' REHAB_HOME='\(folder)/data' LANG=C.UTF-8
        cd '\(folder)'
        '\(RehabProcess.path)' timer --tempo 1-1-1 --sets 2 --reps 3 --rest 5 --prepare 5 --sound tones --data-dir '\(folder)/data'
        echo "EXIT=$?"
        sleep 600
        """.write(toFile: script, atomically: true, encoding: .utf8)

        let recording = try server.record()
        let tmux = try Tmux(command: "sh '\(script)'")
        // 5 s to get ready, 2 x 3 reps of 3 s, 5 s of rest: about 28 s.
        let deadline = Date().addingTimeInterval(60)
        var screen = ""
        while Date() < deadline {
            screen = try tmux.screen()
            let lines = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if lines.contains(" done") || screen.contains("EXIT=") { break }
            usleep(200_000)
        }
        usleep(600_000)  // the last sound ends
        try? tmux.keys("q")
        let recorded = recording.stop()
        let lines = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n")
        guard !lines.isEmpty else {
            Issue.record("`rehab timer` wrote no REHAB_CUE_LOG lines. The pane showed:\n\(screen.trimmingCharacters(in: .whitespacesAndNewlines))")
            return
        }
        try? recorded.write(to: Self.packageRoot + "/.build/sound-check/timer.wav")
        var scheduled: [Int64] = [], kinds: [String] = []
        for line in lines {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let ns = Int64(parts[0]) else { Issue.record("not a cue line: \(line)"); continue }
            scheduled.append(ns); kinds.append(String(parts[1]))
        }
        let c = OnsetComparison(scheduledNs: scheduled, labels: kinds, onsetsNs: recorded.onsets())
        print("rehab timer --tempo 1-1-1 --sets 2 --reps 3 --rest 5 --prepare 5 --sound tones, sound onsets:\n\(c)")
        // 1 getReady, 3 countdown, 18 segments, 1 rest, 1 done at least.
        #expect(kinds.count >= 22, "\(kinds)")
        #expect(kinds.last == "done")
        // Every cue heard, in its own slot, near its time; how near (10 ms, a median of 3, no
        // drift) is measured by `make bench` over a five-minute session, not asserted on a machine
        // that may be busy.
        #expect(c.missing.isEmpty, "no sound for \(c.missing)")
        #expect(c.offTheGrid.isEmpty, "sounded off the grid: \(c.offTheGrid)")
    }
}

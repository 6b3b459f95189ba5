import Foundation
import Testing
import RehabCore
import Sound
import TestSupport

/// Sound heard on time: cues played through a private PulseAudio server's null sink, the sink
/// recorded, and each sound's onset compared with when the cue was due. One session at a time
/// (serialized): two at once would share two cores with the recorders.
@Suite(.serialized, .enabled(if: PrivateSoundServer.available, "pulseaudio, parec and paplay are missing (make test installs them)"))
struct CueTimingTests {
    /// 20 cues over 20 s, as a timer would give them, the first at the session's start.
    static let cues: [Cue] = {
        var cues = [Cue(at: 0, kind: .getReady, words: [.all: "get ready", .reps: "get ready", .sets: "get ready"])]
        for (i, n) in ["three", "two", "one"].enumerated() {
            cues.append(Cue(at: 2000 + i * 1000, kind: .countdown(3 - i), words: [.all: n, .reps: n, .sets: n]))
        }
        var t = 5000
        for rep in 1...4 {
            for segment in ["lower", "hold", "raise"] {
                let words: [Verbosity: String] = segment == "lower" ? [.all: "\(rep) lower", .reps: "\(rep)"] : [.all: segment]
                cues.append(Cue(at: t, kind: .segment(segment), words: words))
                t += 1000
            }
        }
        cues.append(Cue(at: t, kind: .rest, words: [.all: "rest", .reps: "rest", .sets: "rest"]))
        cues.append(Cue(at: t + 1500, kind: .switchSides, words: [.all: "other side", .reps: "other side", .sets: "other side"]))
        cues.append(Cue(at: t + 3000, kind: .segment("pause"), words: [.all: "pause"]))
        cues.append(Cue(at: t + 4000, kind: .done, words: [.all: "done", .reps: "done", .sets: "done"]))
        return cues
    }()

    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// Plays the session in-process as the timer would: sleep until each cue is due, then `play`.
    /// The onset threshold: tones start at full strength; a spoken word can start softly (a breathy
    /// "h"), so it is found from where the voice file starts, just above espeak-ng's trim level.
    func session(_ mode: SoundMode, saveAs name: String) throws -> OnsetComparison {
        let server = try PrivateSoundServer()
        defer { server.stop() }
        let setup = SoundOutput.detect(environment: server.environment)
        #expect(setup.player != nil, "no player works with the private server")
        guard setup.availableModes.contains(mode) else { throw TestFailure("\(mode) is not available: \(setup.fallbackNote ?? "")") }
        let sound = SoundOutput(setup: setup, cacheFolder: server.folder + "/cache")
        let recording = try server.record()
        let prepareStart = Monotonic.now()
        sound.prepare(Self.cues, mode: mode, verbosity: .all)
        let prepareMs = Double(Monotonic.now() - prepareStart) / 1e6
        // The session starts now: the first cue is due at once, as in the timer.
        let start = Monotonic.now()
        var scheduled: [Int64] = []
        for cue in Self.cues {
            let due = start + UInt64(cue.at) * 1_000_000
            Monotonic.sleep(until: due)
            sound.play(cue, mode: mode, verbosity: .all)
            scheduled.append(Int64(due))
        }
        Monotonic.sleep(until: Monotonic.now() + 800_000_000)  // the last sound ends
        sound.finish()
        let recorded = recording.stop()
        let saved = Self.packageRoot + "/.build/sound-check/\(name).wav"
        try? recorded.write(to: saved)
        checkWithSox(saved)
        let comparison = OnsetComparison(
            scheduledNs: scheduled, labels: Self.cues.map { "\($0.kind)" }, onsetsNs: recorded.onsets(threshold: mode == .voice ? 48 : 200))
        print(
            "Sound onsets, \(mode) (player \(setup.player?.name ?? "none"), prepare \(String(format: "%.0f", prepareMs)) ms, \(recorded.chunks) chunks):\n\(comparison)"
        )
        return comparison
    }

    /// sox reads the saved recording as sound (its peak is a cue's, not silence) and draws its
    /// spectrogram beside it, to look at (`make test` installs sox; skipped without it).
    func checkWithSox(_ wav: String) {
        guard PrivateSoundServer.find("sox") != nil else { print("sox is missing: \(wav) not checked"); return }
        let out = wav + ".stat.txt"
        defer { unlink(out) }
        guard
            let pid = try? TestSpawn.start(
                ["sox", wav, "-n", "stat"].map { Array($0.utf8) }, environment: ProcessInfo.processInfo.environment,
                stdout: out, stderr: nil)
        else { Issue.record("sox did not start"); return }
        #expect(TestSpawn.wait(pid) == 0, "sox cannot read \(wav)")
        let stat = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        let peak = stat.split(separator: "\n").first { $0.hasPrefix("Maximum amplitude:") }.flatMap { Double($0.split(separator: " ").last ?? "") }
        #expect((peak ?? 0) > 0.1, "sox finds no cue in \(wav): \(stat)")
        if let pid = try? TestSpawn.start(
            ["sox", wav, "-n", "spectrogram", "-o", wav + ".png"].map { Array($0.utf8) },
            environment: ProcessInfo.processInfo.environment, stdout: "/dev/null", stderr: nil)
        {
            #expect(TestSpawn.wait(pid) == 0)
        }
    }

    /// Every cue heard, each in its own slot and near its time (precision is `make bench`'s).
    func check(_ c: OnsetComparison) {
        #expect(c.missing.isEmpty, "no sound for \(c.missing)")
        #expect(c.offTheGrid.isEmpty, "sounded off the grid: \(c.offTheGrid)")
    }

    @Test func tonesSoundOnTime() throws {
        check(try session(.tones, saveAs: "tones"))
    }

    @Test(.enabled(if: PrivateSoundServer.find("espeak-ng") != nil, "espeak-ng is missing (make test installs it)"))
    func voiceSoundsOnTime() throws {
        check(try session(.voice, saveAs: "voice"))
    }
}

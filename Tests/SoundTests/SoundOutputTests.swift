import Foundation
import Testing
import RehabCore
@testable import Sound
#if canImport(Glibc)
    import Glibc
#endif

/// What can be checked without hearing anything: the WAV bytes, the tones' pitches, the cache's
/// names and permissions, detection where nothing is installed, and that playing never waits.
struct WAVFileTests {
    @Test func headerFieldsAndLength() {
        let wav = WAVFile(sampleRate: 48_000, samples: [0, 1, -1, 32767, -32768])
        let d = [UInt8](wav.data)
        #expect(d.count == 44 + 10)
        #expect(String(decoding: d[0..<4], as: UTF8.self) == "RIFF")
        #expect(d.le32(4) == UInt32(36 + 10))
        #expect(String(decoding: d[8..<16], as: UTF8.self) == "WAVEfmt ")
        #expect(d.le32(16) == 16)  // fmt chunk size
        #expect(d.le16(20) == 1)  // PCM
        #expect(d.le16(22) == 1)  // mono
        #expect(d.le32(24) == 48_000)
        #expect(d.le32(28) == 96_000)  // bytes per second
        #expect(d.le16(32) == 2)  // block align
        #expect(d.le16(34) == 16)  // bits per sample
        #expect(String(decoding: d[36..<40], as: UTF8.self) == "data")
        #expect(d.le32(40) == 10)
        #expect(Int16(bitPattern: d.le16(50)) == 32767)
        #expect(WAVFile(data: wav.data) == wav)
    }

    @Test func trimmingRemovesLeadingAndTrailingQuiet() {
        let wav = WAVFile(sampleRate: 1000, samples: [0, 3, -10, 2000, -2000, 5, 0] + [Int16](repeating: 0, count: 100))
        let trimmed = wav.trimmed(threshold: 64, tailMilliseconds: 2)
        #expect(trimmed.samples == [2000, -2000, 5, 0])
    }

    @Test func readsAHeaderWithExtraChunks() {
        var d = Data(Array("RIFF".utf8)); d.appendLE(UInt32(0)); d.append(contentsOf: Array("WAVE".utf8))
        d.append(contentsOf: Array("LIST".utf8)); d.appendLE(UInt32(3)); d.append(contentsOf: [1, 2, 3, 0])
        d.append(WAVFile(sampleRate: 22_050, samples: [7, -7]).data.dropFirst(12))
        #expect(WAVFile(data: d) == WAVFile(sampleRate: 22_050, samples: [7, -7]))
        #expect(WAVFile(data: Data("not a wav".utf8)) == nil)
    }
}

struct ToneTests {
    /// The fundamental, from the zero crossings of the first note's middle.
    static func pitch(_ wav: WAVFile, milliseconds: Int) -> Double {
        let n = wav.sampleRate * milliseconds / 1000
        let middle = Array(wav.samples[n / 4..<n * 3 / 4])
        var crossings = 0
        for i in 1..<middle.count where (middle[i - 1] < 0) != (middle[i] < 0) { crossings += 1 }
        return Double(crossings) / 2 / (Double(middle.count) / Double(wav.sampleRate))
    }

    @Test func eachKindHasItsOwnPitchOrTune() {
        var seen: [String: Tone] = [:]
        for tone in Tone.allCases {
            let first = tone.notes[0]
            let hz = Self.pitch(tone.wav, milliseconds: first.milliseconds)
            #expect(abs(hz - first.hertz) < first.hertz * 0.03, "\(tone): \(hz) Hz, planned \(first.hertz)")
            let signature = tone.notes.map { "\(Int($0.hertz))" }.joined(separator: ">")
            #expect(seen[signature] == nil, "\(tone) sounds like \(String(describing: seen[signature]))")
            seen[signature] = tone
        }
        #expect(Set([Tone.lower, .hold, .raise, .pause].map { $0.notes[0].hertz }).count == 4)
        #expect(Tone.rest.notes[0].hertz > Tone.rest.notes[1].hertz)  // falling
        #expect(Tone.getReady.notes[0].hertz < Tone.getReady.notes[1].hertz)  // rising
        #expect(Tone.done.notes.map(\.hertz) == Tone.done.notes.map(\.hertz).sorted())
    }

    @Test func sharpAttackAndLength() {
        for tone in Tone.allCases where tone != .softTick && tone != .countdown {
            let wav = tone.wav
            #expect((150...250).contains(wav.milliseconds), "\(tone) lasts \(wav.milliseconds) ms")
            // Loud within 2 ms: the onset a patient (and the recording) hears is the file's start.
            let twoMs = wav.samples.prefix(wav.sampleRate * 2 / 1000 + 20)
            #expect(twoMs.map { abs(Int($0)) }.max()! > 5000, "\(tone)")
        }
        #expect(Tone.softTick.wav.samples.map { abs(Int($0)) }.max()! < Tone.lower.wav.samples.map { abs(Int($0)) }.max()! / 2)
    }

    @Test func cuesMapToTones() {
        let words: [Verbosity: String] = [.all: "lower"]
        #expect(Tone(Cue(at: 0, kind: .segment("lower"), words: words), verbosity: .all) == .lower)
        #expect(Tone(Cue(at: 0, kind: .segment("lower"), words: words), verbosity: .sets) == .softTick)
        #expect(Tone(Cue(at: 0, kind: .segment("Raise"), words: [:]), verbosity: .sets) == .raise)
        #expect(Tone(Cue(at: 0, kind: .segment("squeeze"), words: [:]), verbosity: .all) == .segment)
        #expect(Tone(Cue(at: 0, kind: .countdown(2), words: [.all: "two"]), verbosity: .all) == .countdown)
        #expect(Tone(Cue(at: 0, kind: .done, words: [:]), verbosity: .reps) == .done)
    }
}

struct SoundCacheTests {
    @Test func xdgThenHome() {
        #expect(SoundCache(environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"])?.voiceFolder == "/c/rehab/voice")
        #expect(SoundCache(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/h"])?.voiceFolder == "/h/.cache/rehab/voice")
        #expect(SoundCache(environment: [:]) == nil)
    }

    @Test func namesDependOnPhraseAndSettings() {
        let a = SoundCache.fileName(for: "espeak-ng v=en s=170\nlower")
        #expect(a == SoundCache.fileName(for: "espeak-ng v=en s=170\nlower"))
        #expect(a != SoundCache.fileName(for: "espeak-ng v=en s=170\nraise"))
        #expect(a != SoundCache.fileName(for: "espeak-ng v=en s=150\nlower"))
        #expect(a.count == 20 && a.hasSuffix(".wav"))
    }

    @Test func privateFoldersAndFiles() throws {
        let base = try TemporaryFolder()
        let cache = SoundCache(environment: ["XDG_CACHE_HOME": base.path + "/cache"])!
        let old = umask(0o022); defer { umask(old) }
        #expect(cache.makeFolder(cache.voiceFolder))
        for folder in [base.path + "/cache", cache.root, cache.voiceFolder] { #expect(mode(folder) == 0o700, "\(folder)") }
        let file = cache.voiceFolder + "/x.wav"
        #expect(SoundCache.writeAtomically(Data([1, 2, 3]), to: file))
        #expect(mode(file) == 0o600)
        #expect(FileManager.default.contents(atPath: file) == Data([1, 2, 3]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.voiceFolder) == ["x.wav"])  // no temp file left
    }

    @Test func tonesAreWrittenPrivately() throws {
        let base = try TemporaryFolder()
        let setup = SoundSetup(player: SoundPlayer(name: "true", path: "/bin/true", arguments: []), speech: nil, environment: [:])
        let out = SoundOutput(setup: setup, cacheFolder: base.path + "/rehab")
        let cue = Cue(at: 0, kind: .segment("hold"), words: [:])
        let file = try #require(out.file(for: cue, mode: .tones, verbosity: .all))
        #expect(file.hasPrefix(base.path + "/rehab/tones/hold-"))
        #expect(mode(file) == 0o600 && mode(base.path + "/rehab/tones") == 0o700)
        #expect(WAVFile(data: FileManager.default.contents(atPath: file)!) == Tone.hold.wav)
        #expect(out.file(for: cue, mode: .bell, verbosity: .all) == nil)
    }

    func mode(_ path: String) -> mode_t {
        var st = stat(); stat(path, &st); return st.st_mode & 0o777
    }
}

struct DetectionTests {
    @Test func nothingOnThePathMeansTheBellAtOnce() {
        let start = ContinuousClock.now
        let setup = SoundOutput.detect(environment: ["PATH": "", "HOME": "/nonexistent"])
        #expect(ContinuousClock.now - start < .milliseconds(200))
        #expect(setup.availableModes == [.bell, .off])
        #expect(setup.bestMode == .bell)
        #expect(setup.fallbackNote == "No sound player (pw-play, paplay, aplay) installed: the bell rings instead.")
    }

    /// paplay installed with no sound server running is not "no player": the note says which it is.
    @Test func anInstalledPlayerWithoutASoundServerIsSaidAsSuch() throws {
        let runtime = try TemporaryFolder()
        let noServer = SoundSetup(player: nil, speech: nil, environment: ["XDG_RUNTIME_DIR": runtime.path], installed: ["paplay"])
        #expect(noServer.fallbackNote == "No sound server (PipeWire or PulseAudio) is running: the bell rings instead.")
        // A server named in PULSE_SERVER, or aplay alone (no server needed): the player itself failed.
        let named = SoundSetup(
            player: nil, speech: nil, environment: ["XDG_RUNTIME_DIR": runtime.path, "PULSE_SERVER": "unix:/x"], installed: ["paplay"])
        #expect(named.fallbackNote == "paplay played no test sound (no sound device?): the bell rings instead.")
        let alsa = SoundSetup(player: nil, speech: nil, environment: ["XDG_RUNTIME_DIR": runtime.path], installed: ["aplay"])
        #expect(alsa.fallbackNote == "aplay played no test sound (no sound device?): the bell rings instead.")
        #expect([noServer, named, alsa].allSatisfy { ($0.fallbackNote?.count ?? 99) <= 78 }, "a note longer than the timer's line")
    }

    @Test func aPlayerWithoutSpeechMeansTones() {
        let setup = SoundSetup(player: SoundPlayer(name: "paplay", path: "/usr/bin/paplay", arguments: []), speech: nil, environment: [:])
        #expect(setup.availableModes == [.tones, .bell, .off])
        #expect(setup.fallbackNote == "No speech engine (espeak-ng) found: the timer uses tones.")
        let both = SoundSetup(player: setup.player, speech: SpeechEngine(path: "/usr/bin/espeak-ng"), environment: [:])
        #expect(both.availableModes == [.voice, .tones, .bell, .off] && both.fallbackNote == nil)
    }

    /// A player that fails (exit 1) or hangs does not count; one that hangs is given up after 2 s.
    @Test func aFailingPlayerIsSkipped() throws {
        let base = try TemporaryFolder()
        for name in ["pw-play", "paplay"] {
            try "#!/bin/sh\nexit 1\n".write(toFile: base.path + "/" + name, atomically: true, encoding: .utf8)
            chmod(base.path + "/" + name, 0o755)
        }
        try "#!/bin/sh\nexit 0\n".write(toFile: base.path + "/aplay", atomically: true, encoding: .utf8)
        chmod(base.path + "/aplay", 0o755)
        let setup = SoundOutput.detect(environment: ["PATH": base.path])
        #expect(setup.player?.name == "aplay")
        #expect(setup.availableModes == [.tones, .bell, .off])
    }
}

struct PlayingTests {
    /// A player that takes 3 s per sound: `play` still returns at once, ends the one still
    /// playing, and the players are reaped later.
    @Test func playReturnsAtOnce() throws {
        let base = try TemporaryFolder()
        let slow = base.path + "/slow-player"
        try "#!/bin/sh\nsleep 3\n".write(toFile: slow, atomically: true, encoding: .utf8)
        chmod(slow, 0o755)
        let setup = SoundSetup(player: SoundPlayer(name: "slow", path: slow, arguments: []), speech: nil, environment: ["PATH": "/usr/bin:/bin"])
        let out = SoundOutput(setup: setup, cacheFolder: base.path + "/cache")
        let cues = (0..<5).map { Cue(at: $0 * 100, kind: .segment("lower"), words: [.all: "lower"]) }
        out.prepare([], mode: .tones, verbosity: .all)
        var slowest = Duration.zero
        for cue in cues {
            let start = ContinuousClock.now
            out.play(cue, mode: .tones, verbosity: .all)
            slowest = max(slowest, ContinuousClock.now - start)
        }
        // Each sound takes the player 3 s; a play that waited for it would take that long.
        // 100 ms leaves room for a loaded machine's spawn.
        #expect(slowest < .milliseconds(100), "play took \(slowest)")
        // A player still busy at the next cue is ended: players never pile up. The ended ones
        // are reaped as soon as they are gone (a loaded machine may take a moment to end them):
        // bell and off start nothing and reap.
        let ending = ContinuousClock.now + .seconds(2)  // before a 3 s sound would end by itself
        while out.playersRunning > 1 && ContinuousClock.now < ending {
            usleep(20_000)
            out.play(cues[0], mode: .off, verbosity: .all)
        }
        #expect(out.playersRunning <= 1, "\(out.playersRunning) players: the ones a cue replaced were not ended")
        out.play(cues[0], mode: .bell, verbosity: .all)
        #expect(out.playersRunning <= 1)  // the bell starts nothing
        let deadline = ContinuousClock.now + .seconds(5)
        while out.playersRunning > 0 && ContinuousClock.now < deadline { usleep(50_000); out.finish() }
        #expect(out.playersRunning == 0)
    }

    /// A voice phrase that is not rendered yet plays its tone, and is rendered for next time.
    @Test func anUnrenderedPhrasePlaysItsTone() throws {
        let base = try TemporaryFolder()
        let fakeSpeech = base.path + "/espeak-ng"
        // Writes a WAV after half a second: slower than the cue.
        try "#!/bin/sh\nsleep 0.5\nwhile [ \"$1\" != -w ]; do shift; done\ncp \(base.path)/word.wav \"$2\"\n"
            .write(toFile: fakeSpeech, atomically: true, encoding: .utf8)
        chmod(fakeSpeech, 0o755)
        FileManager.default.createFile(atPath: base.path + "/word.wav", contents: Tone.hold.wav.data)
        let setup = SoundSetup(
            player: SoundPlayer(name: "true", path: "/bin/true", arguments: []),
            speech: SpeechEngine(path: fakeSpeech), environment: ["PATH": "/usr/bin:/bin"])
        let out = SoundOutput(setup: setup, cacheFolder: base.path + "/cache")
        let cue = Cue(at: 0, kind: .segment("raise"), words: [.all: "up now"])
        #expect(out.file(for: cue, mode: .voice, verbosity: .all)?.contains("/tones/raise-") == true)
        let start = ContinuousClock.now
        out.play(cue, mode: .voice, verbosity: .all)
        #expect(ContinuousClock.now - start < .milliseconds(100))  // espeak-ng takes 500 ms here
        // Waited for longer than the render's own 5 s budget: on a loaded machine the render can
        // end just inside it, after a wait of the same length had given up (it failed so once).
        let deadline = ContinuousClock.now + .seconds(15)
        while out.file(for: cue, mode: .voice, verbosity: .all)?.contains("/voice/") != true && ContinuousClock.now < deadline { usleep(20_000) }
        #expect(out.file(for: cue, mode: .voice, verbosity: .all)?.contains("/voice/") == true)
    }
}

/// A `mktemp -d` folder removed when the test ends.
final class TemporaryFolder {
    let path: String
    init() throws {
        var template = Array((NSTemporaryDirectory() + "rehab-sound-test-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
        path = String(cString: made)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

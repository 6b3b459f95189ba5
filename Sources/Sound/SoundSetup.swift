import Foundation
import RehabCore
#if canImport(Glibc)
    import Glibc
#endif

/// A command that plays a WAV file and exits.
public struct SoundPlayer: Sendable, Equatable {
    public let name: String
    public let path: String
    let arguments: [String]

    /// The players tried, best first: PipeWire's, PulseAudio's, ALSA's (macOS has afplay).
    static var candidates: [(name: String, arguments: [String])] {
        #if os(macOS)
            return [("afplay", [])]
        #else
            return [("pw-play", []), ("paplay", []), ("aplay", ["-q"])]
        #endif
    }

    func arguments(playing file: String) -> [String] { arguments + [file] }

    /// pw-play and paplay play through a sound server; aplay talks to the device itself.
    static func needsServer(_ name: String) -> Bool { name == "pw-play" || name == "paplay" }

    /// PulseAudio's player can be started ahead and fed samples at the cue (see `PrimedPlayer`).
    var canBePrimed: Bool { name == "paplay" }
}

/// espeak-ng, with the voice and speed rehab speaks with.
public struct SpeechEngine: Sendable, Equatable {
    public let path: String
    /// A clear, unhurried voice: the default English voice at 170 words a minute.
    public static let voice = "en"
    public static let wordsPerMinute = 170
    var settingsKey: String { "espeak-ng v=\(Self.voice) s=\(Self.wordsPerMinute) trimmed rate=\(Tone.sampleRate)" }

    func arguments(writing file: String, words: String) -> [String] {
        // A phrase starting with "-" would be read as an option.
        ["-v", Self.voice, "-s", String(Self.wordsPerMinute), "-w", file, words.hasPrefix("-") ? " " + words : words]
    }
}

/// What sound can do here, found once at start-up: the first player that works, whether the
/// speech engine renders, the modes that follow, and why a better mode is missing.
public struct SoundSetup: Sendable {
    public let player: SoundPlayer?
    public let speech: SpeechEngine?
    /// The environment players and espeak-ng run in (PULSE_SERVER, XDG_RUNTIME_DIR, PATH, HOME).
    public let environment: [String: String]
    /// The players found installed (on PATH), whether or not one played.
    public let installed: [String]

    public init(player: SoundPlayer?, speech: SpeechEngine?, environment: [String: String], installed: [String]? = nil) {
        self.player = player; self.speech = speech; self.environment = environment
        self.installed = installed ?? player.map { [$0.name] } ?? []
    }

    /// Voice needs a player and espeak-ng, tones a player; bell and off always work.
    public var availableModes: [SoundMode] {
        var modes: [SoundMode] = []
        if player != nil && speech != nil { modes.append(.voice) }
        if player != nil { modes.append(.tones) }
        return modes + [.bell, .off]
    }

    /// The mode a patient who never chose gets: voice, else tones, else the bell.
    public var bestMode: SoundMode { availableModes.first ?? .bell }

    /// One plain sentence when the best mode is not voice, saying why; nil when voice works. When
    /// no player played, it says which is missing: a player, or the sound server the installed
    /// ones play through (paplay without PulseAudio or PipeWire running fails the same way).
    public var fallbackNote: String? {
        guard player != nil else {
            // Short enough for one line of the timer at 80 columns.
            let bell = "the bell rings instead."
            guard !installed.isEmpty else {
                return "No sound player (\(SoundPlayer.candidates.map(\.name).joined(separator: ", "))) installed: \(bell)"
            }
            if installed.contains(where: SoundPlayer.needsServer), !Self.soundServerRuns(environment) {
                return "No sound server (PipeWire or PulseAudio) is running: \(bell)"
            }
            return "\(Self.list(installed, and: true)) played no test sound (no sound device?): \(bell)"
        }
        guard speech != nil else { return "No speech engine (espeak-ng) found: the timer uses tones." }
        return nil
    }

    /// "pw-play, paplay or aplay" (or "and").
    static func list(_ names: [String], and: Bool = false) -> String {
        names.count <= 1 ? names.first ?? "" : names.dropLast().joined(separator: ", ") + (and ? " and " : " or ") + names.last!
    }

    /// Whether a PipeWire or PulseAudio server is there to play through: its socket in the
    /// runtime folder, or a server named in PULSE_SERVER.
    static func soundServerRuns(_ environment: [String: String]) -> Bool {
        if let named = environment["PULSE_SERVER"], !named.isEmpty { return true }
        let runtime = environment["XDG_RUNTIME_DIR"] ?? "/run/user/\(getuid())"
        return ["/pulse/native", "/pipewire-0"].contains { path in
            var st = stat()
            return stat(runtime + path, &st) == 0 && st.st_mode & S_IFMT == S_IFSOCK
        }
    }

    /// The longest the whole check takes (a loaded machine can take a second or two to start a
    /// player; only players that hang cost it all).
    static let checkBudget: Duration = .seconds(5)

    /// `checkBudget`, or the seconds in REHAB_SOUND_CHECK_SECONDS (1 to 60) for a machine slower
    /// than that: one too busy to start a player in time gets the bell, and says so.
    static func checkBudget(_ environment: [String: String]) -> Duration {
        guard let text = environment["REHAB_SOUND_CHECK_SECONDS"], let seconds = Int(text) else { return checkBudget }
        return .seconds(min(60, max(1, seconds)))
    }

    /// The scratch folder of a check: `rehab-sound-check-PID-N` in the temporary folder.
    static let scratchPrefix = "rehab-sound-check-"

    /// Finds what works, in well under a second when something does and at once when nothing is
    /// installed (PATH is searched before anything is started). A player "works" when it plays a
    /// short silent WAV and exits 0, espeak-ng when it renders a word, all within `checkBudget`.
    public static func detect(environment: [String: String] = ProcessInfo.processInfo.environment) -> SoundSetup {
        Leftovers.sweep(NSTemporaryDirectory(), prefixes: [scratchPrefix, SoundOutput.privateFolderPrefix])
        let scratch = NSTemporaryDirectory() + scratchPrefix + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(scratch, 0o700) == 0 else { return SoundSetup(player: nil, speech: nil, environment: environment) }
        Leftovers.track(path: scratch)
        defer { try? FileManager.default.removeItem(atPath: scratch); Leftovers.forget(path: scratch) }

        // espeak-ng renders while the players are tried.
        var speechCheck: (path: String, pid: pid_t)?
        let spoken = scratch + "/speech.wav"
        if let path = SoundProcess.find("espeak-ng", environment: environment),
            let pid = SoundProcess.start(path, SpeechEngine(path: path).arguments(writing: spoken, words: "ready"), environment: environment)
        {
            speechCheck = (path, pid)
        }

        var player: SoundPlayer?
        let silence = scratch + "/silence.wav"
        let found = SoundPlayer.candidates.compactMap { c in SoundProcess.find(c.name, environment: environment).map { (c, $0) } }
        // One budget for the whole check: players that hang cost it once, not once each.
        let giveUp = ContinuousClock.now + checkBudget(environment)
        func remaining() -> Double { max(0, SoundOutput.seconds(giveUp - .now)) }
        if !found.isEmpty, SoundCache.writeAtomically(WAVFile.silence(milliseconds: 20).data, to: silence) {
            for (candidate, path) in found where remaining() > 0 {
                let p = SoundPlayer(name: candidate.name, path: path, arguments: candidate.arguments)
                if SoundProcess.run(path, p.arguments(playing: silence), environment: environment, within: remaining()) {
                    player = p
                    break
                }
            }
        }

        var speech: SpeechEngine?
        if let check = speechCheck, SoundProcess.succeeds(check.pid, within: remaining()),
            let data = FileManager.default.contents(atPath: spoken), let wav = WAVFile(data: data), !wav.samples.isEmpty
        {
            speech = SpeechEngine(path: check.path)
        }
        return SoundSetup(player: player, speech: speech, environment: environment, installed: found.map(\.0.name))
    }
}

extension WAVFile {
    /// Silence, for checking a player and warming it up.
    static func silence(milliseconds: Int) -> WAVFile {
        WAVFile(sampleRate: Tone.sampleRate, samples: [Int16](repeating: 0, count: Tone.sampleRate * milliseconds / 1000))
    }
}

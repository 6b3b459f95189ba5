import Foundation
import RehabCore
#if canImport(Glibc)
    import Glibc
#endif

/// The timer's cues as sound: spoken words (espeak-ng) or tones, prepared as WAV files before the
/// session and played without ever waiting for the player: with paplay, by one player started
/// before the session that keeps its stream open for the whole session and is handed each cue's
/// samples (`PrimedPlayer`); with the others, or when a sound still plays at the next cue, by
/// spawning the player on the file.
/// Bell and off play nothing here (the runner rings the terminal bell itself).
///
///     let setup = SoundOutput.detect()            // once at start-up: modes, fallback sentence
///     let sound = SoundOutput(setup: setup)
///     sound.prepare(cues, mode: .voice, verbosity: .all)   // before the session clock starts
///     sound.play(cue, mode: .voice, verbosity: .all)       // at each cue; returns at once
///     sound.finish()                                        // reaps players that ended
public final class SoundOutput: CueOutput {
    public let setup: SoundSetup
    private let toneFolder: String?
    /// A private temporary folder used when the cache folder cannot be made; removed with the output.
    private var temporaryFolder: String?
    private let voices: VoiceLibrary?
    private var toneFiles: [Tone: String] = [:]
    private var silenceFile: String?
    /// Players started and not yet reaped.
    private var playing: [pid_t] = []
    /// The player with a stream open for the session, and when it is free again (its last sound
    /// played). A stream ended after each sound costs paplay a core while it drains, one killed
    /// mid-stream makes the server rewind, and a second one left waiting was measured to make the
    /// server's clock slip by half a millisecond a second: one stream, kept open, costs nothing.
    private var stream: (player: PrimedPlayer, freeAt: ContinuousClock.Instant)?
    /// The samples of each file played so far (or prepared), so a cue reads no file.
    private var samples: [String: Data] = [:]

    /// How many cues' phrases `prepare` renders before returning (the rest render in the background).
    static let phrasesRenderedFirst = 4
    /// The longest `prepare` spends rendering phrases up front.
    static let renderBudget: Duration = .milliseconds(900)

    /// What works here; see `SoundSetup.detect`.
    public static func detect(environment: [String: String] = ProcessInfo.processInfo.environment) -> SoundSetup {
        SoundSetup.detect(environment: environment)
    }

    /// A cache for this process alone when the usual one cannot be made: `rehab-sound-PID-XXXXXX`.
    static let privateFolderPrefix = "rehab-sound-"

    /// `cacheFolder` replaces `$XDG_CACHE_HOME/rehab` (tests give a temporary folder).
    public init(setup: SoundSetup, cacheFolder: String? = nil) {
        self.setup = setup
        var cache = cacheFolder.map(SoundCache.init(root:)) ?? SoundCache(environment: setup.environment)
        if let c = cache, !(c.makeFolder(c.toneFolder) && c.makeFolder(c.voiceFolder)) { cache = nil }
        cache?.sweepLeftovers()
        if cache == nil, setup.player != nil {
            // No usable cache (a read-only home): a private folder for this process only.
            var template = Array((NSTemporaryDirectory() + Self.privateFolderPrefix + "\(getpid())-XXXXXX").utf8CString)
            if let made = mkdtemp(&template) {
                let folder = String(cString: made)
                temporaryFolder = folder
                Leftovers.track(path: folder)
                cache = SoundCache(root: folder)
                _ = cache?.makeFolder(folder + "/tones"); _ = cache?.makeFolder(folder + "/voice")
            }
        }
        toneFolder = cache?.toneFolder
        if let cache, let engine = setup.speech, setup.player != nil {
            voices = VoiceLibrary(engine: engine, folder: cache.voiceFolder, environment: setup.environment)
        } else {
            voices = nil
        }
    }

    deinit {
        voices?.stop()
        // The waiting player has nothing to play: end it and reap it now, as no later reap will come.
        // No later reap will come: end the player and reap it now.
        if let stream {
            stream.player.stop()
            var status: Int32 = 0
            while waitpid(stream.player.pid, &status, 0) < 0 && errno == EINTR {}
            self.stream = nil
        }
        finish()
        if let temporaryFolder { try? FileManager.default.removeItem(atPath: temporaryFolder); Leftovers.forget(path: temporaryFolder) }
    }

    /// Writes the tones, renders the first cues' phrases (the rest in the background) and warms the
    /// player up by playing a short silence and waiting for it: a cold player starts hundreds of
    /// milliseconds late. Takes up to about 1.5 s; call it before the session clock starts.
    public func prepare(_ cues: [Cue], mode: SoundMode, verbosity: Verbosity) {
        guard mode == .voice || mode == .tones, let player = setup.player else { return }
        writeTones()
        if mode == .voice, let voices {
            var phrases: [String] = []
            for cue in cues { if let p = cue.spoken(verbosity), !phrases.contains(p) { phrases.append(p) } }
            let first = cues.prefix(Self.phrasesRenderedFirst).compactMap { $0.spoken(verbosity) }
            let deadline = ContinuousClock.now + Self.renderBudget
            for phrase in first where ContinuousClock.now < deadline { voices.render(phrase) }
            voices.renderInBackground(phrases)
        }
        for file in toneFiles.values { _ = pcm(of: file) }
        // The stream starts with a moment of silence, before the first cue and not during it:
        // a stream's first sound was measured up to 750 ms late, the later ones on time. A player
        // that keeps no stream is warmed by playing the silence file once and waiting for it.
        if openStream(), let stream, stream.player.play(Self.warmUpSilence) {
            usleep(300_000)
        } else if let silenceFile, let pid = SoundProcess.start(player.path, player.arguments(playing: silenceFile), environment: setup.environment) {
            _ = SoundProcess.succeeds(pid, within: 1)
        }
    }

    /// Starts the cue's sound and returns: its voice file when rendered, else its tone.
    public func play(_ cue: Cue, mode: SoundMode, verbosity: Verbosity) {
        reap()
        guard mode == .voice || mode == .tones, let player = setup.player else { return }
        if toneFiles.isEmpty { writeTones() }
        var voice: (file: String, pcm: Data)?
        if mode == .voice, let voices, let phrase = cue.spoken(verbosity) {
            voice = voices.readySound(phrase)
            if voice == nil { voices.renderInBackground([phrase]) }  // ready for the next time it is said
        }
        guard let file = voice?.file ?? toneFiles[Tone(cue, verbosity: verbosity)] else { return }
        let now = ContinuousClock.now
        if let open = stream, open.freeAt <= now, let sound = voice?.pcm ?? pcm(of: file) {
            if open.player.play(sound) {
                stream?.freeAt = now + Self.duration(of: sound) + .milliseconds(50)
                return
            }
            playing.append(open.player.pid)  // gone (the server stopped): reaped below
            stream = nil
        }
        // A player still busy with an earlier cue has hung or is slow: it is ended, so players never
        // pile up and the cues stay in order.
        for pid in playing { SoundProcess.end(pid) }
        reap()
        if let pid = SoundProcess.start(player.path, player.arguments(playing: file), environment: setup.environment) {
            playing.append(pid)
        }
        // The stream was gone: a new one, ready from the next cue on.
        if stream == nil, openStream() { _ = stream?.player.play(Self.warmUpSilence) }
    }

    /// The session is over: the last sound plays to its end, then the stream's player is stopped
    /// and the players that ended are reaped. The next `prepare` opens a new stream.
    public func finish() {
        // The last sound (often "done") plays to its end before its stream is closed.
        if let last = stream?.freeAt, last > .now { Thread.sleep(forTimeInterval: min(3, Self.seconds(last - .now))) }
        if let stream { stream.player.stop(); playing.append(stream.player.pid) }
        stream = nil
        reap()
    }

    /// 50 ms of silence (48 kHz mono 16-bit): starts a stream before its first cue.
    static let warmUpSilence = Data(count: Tone.sampleRate / 20 * 2)

    /// How long 48 kHz mono 16-bit samples play.
    static func duration(of pcm: Data) -> Duration { .microseconds(pcm.count / 2 * 1_000_000 / Tone.sampleRate) }
    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

    /// Starts the player with an open stream; false when the player cannot be, or did not start.
    @discardableResult
    private func openStream() -> Bool {
        guard stream == nil, let player = setup.player, player.canBePrimed,
            let started = PrimedPlayer(path: player.path, rate: Tone.sampleRate, environment: setup.environment)
        else { return false }
        stream = (started, .now)
        return true
    }

    /// A file's samples when it is 48 kHz mono 16-bit (every file rehab writes is), read once.
    private func pcm(of file: String) -> Data? {
        if let known = samples[file] { return known }
        guard let data = FileManager.default.contents(atPath: file), let wav = WAVFile(data: data), wav.sampleRate == Tone.sampleRate else {
            return nil
        }
        samples[file] = wav.pcm
        return wav.pcm
    }

    /// How many players are still playing (or ended and not yet reaped).
    public var playersRunning: Int { playing.count }

    /// Reaps every player that ended; never waits.
    private func reap() {
        playing.removeAll { SoundProcess.ended($0) != nil }
    }

    /// Each tone once, in the cache (named by a hash of how it is made, so a changed tone is a new file).
    private func writeTones() {
        guard let toneFolder else { return }
        for tone in Tone.allCases {
            let key = "tone v1 \(tone.rawValue) \(tone.notes.map { "\($0.hertz)/\($0.milliseconds)" }) \(tone.amplitude) \(Tone.sampleRate)"
            let path = toneFolder + "/" + tone.rawValue + "-" + SoundCache.fileName(for: key)
            if SoundCache.holds(tone.wav.data, at: path) { toneFiles[tone] = path }
        }
        let silence = toneFolder + "/silence-20ms.wav"
        if SoundCache.holds(WAVFile.silence(milliseconds: 20).data, at: silence) { silenceFile = silence }
    }

    /// The file a cue would play now (nil for bell and off): for tests and the bench.
    public func file(for cue: Cue, mode: SoundMode, verbosity: Verbosity) -> String? {
        guard mode == .voice || mode == .tones, setup.player != nil else { return nil }
        if toneFiles.isEmpty { writeTones() }
        if mode == .voice, let phrase = cue.spoken(verbosity), let voice = voices?.readySound(phrase) { return voice.file }
        return toneFiles[Tone(cue, verbosity: verbosity)]
    }
}

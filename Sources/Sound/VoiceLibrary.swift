import Foundation
import Synchronization
#if canImport(Glibc)
    import Glibc
#endif

/// The spoken phrases of a session as WAV files, rendered once by espeak-ng and kept in the cache
/// folder (the file name is a hash of the phrase and the voice settings). Phrases are rendered in
/// the order they are first needed, on a background thread; a phrase not rendered yet is simply
/// not ready, and its cue plays a tone.
final class VoiceLibrary: Sendable {
    let engine: SpeechEngine
    let folder: String
    let environment: [String: String]

    private struct State {
        /// Rendered phrases and their samples, kept in memory so a cue reads no file.
        var ready: [String: Data] = [:]
        var queue: [String] = []
        var queued: Set<String> = []
        var working = false
        var stopped = false
    }
    private let state = Mutex(State())

    init(engine: SpeechEngine, folder: String, environment: [String: String]) {
        self.engine = engine; self.folder = folder; self.environment = environment
    }

    func file(for phrase: String) -> String {
        folder + "/" + SoundCache.fileName(for: engine.settingsKey + "\n" + phrase)
    }

    /// The phrase's file and samples when it is rendered; never waits.
    func readySound(_ phrase: String) -> (file: String, pcm: Data)? {
        state.withLock { $0.ready[phrase] }.map { (file(for: phrase), $0) }
    }

    /// Renders `phrase` now unless an earlier session did (then reads its file) or this one did;
    /// true when it is ready.
    @discardableResult
    func render(_ phrase: String) -> Bool {
        if state.withLock({ $0.ready[phrase] != nil }) { return true }
        let target = file(for: phrase)
        var sound: WAVFile?
        if SoundCache.isReady(target), let data = FileManager.default.contents(atPath: target), let wav = WAVFile(data: data),
            wav.sampleRate == Tone.sampleRate
        {
            sound = wav
        } else {
            let raw = target + SoundCache.renderingMarker + "\(getpid())-\(UInt32.random(in: 0...UInt32.max)).wav"
            Leftovers.track(path: raw)
            defer { unlink(raw); Leftovers.forget(path: raw) }
            guard SoundProcess.run(engine.path, engine.arguments(writing: raw, words: phrase), environment: environment, within: 5),
                let data = FileManager.default.contents(atPath: raw), let wav = WAVFile(data: data), !wav.samples.isEmpty
            else { return false }
            let made = wav.trimmed().resampled(to: Tone.sampleRate)
            guard SoundCache.writeAtomically(made.data, to: target) else { return false }
            sound = made
        }
        guard let pcm = sound?.pcm else { return false }
        state.withLock { $0.ready[phrase] = pcm }
        return true
    }

    /// Queues phrases (in order) for the background thread, starting it when idle.
    func renderInBackground(_ phrases: [String]) {
        let start = state.withLock { s -> Bool in
            for p in phrases where s.ready[p] == nil && !s.queued.contains(p) {
                s.queue.append(p); s.queued.insert(p)
            }
            guard !s.working, !s.queue.isEmpty, !s.stopped else { return false }
            s.working = true
            return true
        }
        guard start else { return }
        let thread = Thread { [self] in
            while let phrase = state.withLock({ s -> String? in
                guard !s.stopped, !s.queue.isEmpty else { s.working = false; return nil }
                return s.queue.removeFirst()
            }) {
                render(phrase)
            }
        }
        thread.name = "rehab voice rendering"
        thread.start()
    }

    /// The background thread stops after the phrase it is rendering.
    func stop() { state.withLock { $0.stopped = true } }
}

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
        var ready: Set<String> = []
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

    /// The phrase's file when it is rendered; never waits.
    func readyFile(_ phrase: String) -> String? {
        state.withLock { $0.ready.contains(phrase) } ? file(for: phrase) : nil
    }

    /// Renders `phrase` now unless an earlier session or this one already did; true when its file is ready.
    @discardableResult
    func render(_ phrase: String) -> Bool {
        if state.withLock({ $0.ready.contains(phrase) }) { return true }
        let target = file(for: phrase)
        if !SoundCache.isReady(target) {
            let raw = target + ".espeak-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).wav"
            defer { unlink(raw) }
            guard ChildProcess.run(engine.path, engine.arguments(writing: raw, words: phrase), environment: environment, within: 5),
                  let data = FileManager.default.contents(atPath: raw), let wav = WAVFile(data: data), !wav.samples.isEmpty,
                  SoundCache.writeAtomically(wav.trimmed().data, to: target) else { return false }
        }
        state.withLock { _ = $0.ready.insert(phrase) }
        return true
    }

    /// Marks the phrases already in the cache as ready (a stat each), so a second session needs no espeak-ng.
    func adoptCached(_ phrases: [String]) {
        for phrase in phrases where SoundCache.isReady(file(for: phrase)) {
            state.withLock { _ = $0.ready.insert(phrase) }
        }
    }

    /// Queues phrases (in order) for the background thread, starting it when idle.
    func renderInBackground(_ phrases: [String]) {
        let start = state.withLock { s -> Bool in
            for p in phrases where !s.ready.contains(p) && !s.queued.contains(p) {
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

import Foundation
import RehabCore
import Terminal

/// Carries out the timer's cues: the sound (through a `CueOutput`), the terminal bell, and, when
/// `REHAB_CUE_LOG` names a file, a line per cue with the monotonic time it was due, so the
/// audio tests can compare what was heard with the schedule.
public final class CuePlayer {
    /// Replaced once the background detection has found what works (`SoundDetection`).
    var output: CueOutput
    /// The cue log's descriptor; -1 when there is none, or once it failed.
    private var log: Int32 = -1
    private let logPath: String?
    /// Why the cue log was given up, said once when the screen is closed (`rehab timer`, `rehab`).
    public private(set) var logProblem: String?

    /// A cue log is a debugging aid: one that cannot be written (a full disk, /dev/full, a FIFO
    /// nobody reads) is given up with a note, and never blocks or ends the timer.
    public init(output: CueOutput = SilentCueOutput(), logPath: String? = ProcessInfo.processInfo.environment["REHAB_CUE_LOG"]) {
        self.output = output
        self.logPath = logPath.flatMap { $0.isEmpty ? nil : $0 }
        guard let path = self.logPath else { return }
        // Non-blocking: opening a FIFO with no reader fails at once instead of waiting for one.
        log = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK | O_CLOEXEC, 0o600)
        if log < 0 { giveUpLog(errno) }
    }

    deinit { if log >= 0 { close(log) } }

    private func writeLog(_ line: String) {
        guard log >= 0 else { return }
        let bytes = Array(line.utf8)
        let written = bytes.withUnsafeBytes { write(log, $0.baseAddress, $0.count) }
        if written != bytes.count { giveUpLog(written < 0 ? errno : ENOSPC) }
    }

    private func giveUpLog(_ code: Int32) {
        if log >= 0 { close(log); log = -1 }
        logProblem = logProblem ?? "REHAB_CUE_LOG \(logPath ?? ""): \(String(cString: strerror(code))); no cue was logged from then on."
    }

    /// Before the session's clock starts: sounds rendered, player warm.
    func prepare(_ cues: [Cue], _ settings: TimerSettings, mode: SoundMode) {
        guard mode == .voice || mode == .tones else { return }
        output.prepare(cues, mode: mode, verbosity: settings.verbosity)
    }

    /// The sound first (its timing is what is heard), then the bell, then the log line.
    /// `due` and `now` are on the runner's clock; the log says when the cue was due on
    /// CLOCK_MONOTONIC, the clock a recording of the sound is stamped with.
    func play(_ cue: Cue, mode: SoundMode, verbosity: Verbosity, due: Int64, now: Int64, bell: () -> Void) {
        // Read beside `now`, before playing: the two clocks' difference, not the time playing took.
        var ts = timespec()
        if log >= 0 { clock_gettime(CLOCK_MONOTONIC, &ts) }
        if mode == .voice || mode == .tones { output.play(cue, mode: mode, verbosity: verbosity) }
        if mode != .off { bell() }
        if log >= 0 {
            let monotonic = Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
            writeLog("\(monotonic - (now - due)) \(Self.name(cue.kind))\n")
        }
    }

    /// The session is over: no player left waiting.
    func finish() { output.finish() }

    static func name(_ kind: Cue.Kind) -> String {
        switch kind {
        case .getReady: return "getReady"
        case .countdown(let n): return "countdown:\(n)"
        case .segment(let cue): return "segment:\(cue)"
        case .rest: return "rest"
        case .switchSides: return "switchSides"
        case .done: return "done"
        case .stop: return "stop"
        }
    }
}

/// What the runners are given about sound: how to play cues, what the patient chose before,
/// what works on this machine, and where to keep a new choice.
public struct TimerSound {
    public let player: CuePlayer
    public let settings: TimerSettings
    /// The modes that work here, best first (bell and off always).
    public let choices: [SoundMode]
    /// Keeps a choice for the next session; returns why it could not be kept (said in the
    /// program's own notice line, never printed over the full screen).
    public let remember: (TimerSettings) -> String?
    /// What the patient should read about the settings file (damaged, unreadable), or nil.
    public let note: String?
    /// Why the best sound is not available here, in one sentence (nil when voice works).
    public let fallback: String?
    /// When what works is still being found in the background: `choices` and `fallback` come from it.
    public let detection: SoundDetection?

    public init(
        player: CuePlayer = CuePlayer(), settings: TimerSettings = TimerSettings(sound: .bell),
        choices: [SoundMode] = [.bell, .off], fallback: String? = nil, detection: SoundDetection? = nil,
        note: String? = nil, remember: @escaping (TimerSettings) -> String? = { _ in nil }
    ) {
        (self.player, self.settings, self.choices) = (player, settings, choices)
        (self.fallback, self.detection, self.remember, self.note) = (fallback, detection, remember, note)
    }
}

/// What works here for sound, found on a thread of its own: trying a player means playing a moment
/// of silence through it, and the full-screen program's first frame must not wait for that.
public final class SoundDetection: @unchecked Sendable {
    public struct Found: @unchecked Sendable {
        public let output: CueOutput
        /// Best first; bell and off always.
        public let choices: [SoundMode]
        public let fallback: String?
        public init(output: CueOutput, choices: [SoundMode], fallback: String?) {
            (self.output, self.choices, self.fallback) = (output, choices, fallback)
        }
    }

    private let lock = NSLock()
    private var found: Found?

    public init(_ detect: @escaping @Sendable () -> Found) {
        Thread { [self] in
            let result = detect()
            lock.withLock { found = result }
        }.start()
    }

    /// What was found, or nil while it is still being found.
    public var result: Found? { lock.withLock { found } }

    /// The longest a session waits for it: the check itself gives up on players after 5 s.
    public static let patience: Int64 = 6_000_000_000

    /// Waits for it while reading the terminal, so a patient is never held: a signal, q or Esc
    /// ends the wait at once, and so does `patience` running out (the session then starts with
    /// what is known, the bell). Every key and signal that came is handed back, to be acted on.
    func wait(on backend: TerminalBackend, patience: Int64 = SoundDetection.patience) -> (found: Found?, events: [Event]) {
        var events: [Event] = []
        let giveUp = backend.now + patience
        while backend.now < giveUp {
            // A moment of real time first: a check that is about to end needs no event read.
            for _ in 0..<10 where result == nil { usleep(2_000) }
            if let found = result { return (found, events) }
            let event = backend.nextEvent(deadline: min(giveUp, backend.now + 50_000_000), idleMilliseconds: nil)
            switch event {
            case .tick, .resize, .resumed: continue
            case .interrupted, .key:
                events.append(event)
                if Self.endsTheWait(event) { return (nil, events) }
            }
        }
        return (result, events)
    }

    /// A signal, q or Esc while the sound is checked: the patient wants out, not to wait.
    static func endsTheWait(_ event: Event) -> Bool {
        switch event {
        case .interrupted: return true
        case .key(let key): return key == .char("q") || key == .escape
        default: return false
        }
    }
}

import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// A PulseAudio player started before it is needed: `paplay --raw` already connected to the
/// server, waiting for samples on a pipe. Spawning paplay for a file at the cue was measured 4-5 ms
/// late (2.5 ms of it loading paplay's 30 libraries, the rest connecting and opening a stream); a
/// primed one sounds within about a millisecond of the write. It keeps its stream for the whole
/// session and plays each sound it is handed (`SoundOutput` hands it one only when the last has
/// played); between sounds it waits on the pipe at no cost. Its input is never ended while it
/// plays: paplay spins at full CPU on the end of its input until the server says the stream
/// drained, measured at 1-2 s of a core for every sound; it is stopped at the session's end.
final class PrimedPlayer {
    let pid: pid_t
    private var input: Int32

    /// Every sound is 48 kHz mono 16-bit (tones are made so, voice files are resampled to it).
    /// 50 ms of buffer: a sound written whole starts at once, and a busy machine does not starve it.
    static func arguments(rate: Int) -> [String] {
        ["--raw", "--format=s16le", "--rate=\(rate)", "--channels=1", "--latency-msec=50"]
    }

    /// Starts paplay at `path` waiting on a pipe; nil when it cannot start.
    init?(path: String, rate: Int, environment: [String: String]) {
        var fds: [Int32] = [0, 0]
        guard Self.privatePipe(&fds) else { return nil }
        // A phrase must fit in the pipe, so the write never waits (1 MB is 10 s of sound).
        _ = fcntl(fds[1], Self.setPipeSize, 1 << 20)
        _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)
        guard let pid = SoundProcess.start(path, Self.arguments(rate: rate), environment: environment, standardInput: fds[0]) else {
            close(fds[0]); close(fds[1]); return nil
        }
        close(fds[0])
        self.pid = pid
        input = fds[1]
    }

    /// Hands the samples to the player; never waits. False when it is gone (the server stopped):
    /// the caller then spawns a player for the file instead.
    func play(_ pcm: Data) -> Bool {
        guard input >= 0 else { return false }
        guard SoundProcess.ended(pid) == nil else { dismiss(); return false }
        // A player that died since would raise SIGPIPE, which ends a process: block it on this
        // thread for the write, and take it if it came.
        var pipeSignal = sigset_t(), previous = sigset_t()
        sigemptyset(&pipeSignal); sigaddset(&pipeSignal, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        let written = pcm.withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
        if written < 0 && errno == EPIPE {
            var zero = timespec()
            _ = sigtimedwait(&pipeSignal, nil, &zero)
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        if written <= 0 { dismiss() }
        return written > 0  // a sound longer than the pipe is cut short rather than waited for
    }

    /// The sound has played: end the player (the caller reaps it).
    func stop() {
        kill(pid, SIGTERM)
        dismiss()
    }

    /// Ends input without a sound: paplay exits at once.
    func dismiss() {
        if input >= 0 { close(input); input = -1 }
    }

    deinit { dismiss() }

    /// Linux's F_SETPIPE_SZ, which Swift's Glibc module does not import.
    static let setPipeSize: Int32 = 1031

    /// A pipe whose ends close on exec, made so atomically (pipe2): another thread spawning
    /// espeak-ng meanwhile must not inherit the write end, or the player would never see its end.
    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    static let pipe2: Pipe2? = dlsym(nil, "pipe2").map { unsafeBitCast($0, to: Pipe2.self) }

    static func privatePipe(_ fds: inout [Int32]) -> Bool {
        if let pipe2 { return fds.withUnsafeMutableBufferPointer { pipe2($0.baseAddress!, O_CLOEXEC) } == 0 }
        guard pipe(&fds) == 0 else { return false }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return true
    }
}

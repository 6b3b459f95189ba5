import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Starting another program with posix_spawn, the one way rehab and its tests do it: arguments
/// are any bytes (not only valid UTF-8), each standard stream goes where it is told, and the child
/// starts with no signal blocked and every signal at its default. The caller's blocked signals
/// would otherwise be inherited (through Foundation's `Process`, a tmux server then never sees
/// SIGCHLD), and the full-screen program's handlers, which only set flags, would keep Ctrl-C from
/// stopping a sound.
public enum Spawn {
    /// Where a standard stream of the child goes.
    public enum Stream: Sendable {
        case null
        /// A descriptor of the caller's, duplicated into the child.
        case descriptor(Int32)
        /// A file, created or truncated, private (0600).
        case file(String)
        /// Standard error only: wherever standard output goes.
        case standardOutput
    }

    public struct Failure: Error, CustomStringConvertible {
        public let program: String
        public let code: Int32
        public var description: String { "cannot start \(program): \(String(cString: strerror(code)))" }
    }

    /// Starts `arguments[0]` (a path, or a name looked up in the environment's PATH) and returns
    /// its pid; the caller reaps it. `closing`: descriptors the child must not keep (a pipe's
    /// other end).
    public static func start(
        _ arguments: [[UInt8]], environment: [String: String], input: Stream = .null,
        output: Stream = .null, error: Stream = .null, closing: [Int32] = [],
        workingFolder: String? = nil
    ) throws(Failure) -> pid_t {
        let program = String(decoding: arguments.first ?? [], as: UTF8.self)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (fd, stream) in [(Int32(0), input), (1, output), (2, error)] {
            switch stream {
            case .null: posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
            case .descriptor(let source): posix_spawn_file_actions_adddup2(&actions, source, fd)
            case .file(let path): posix_spawn_file_actions_addopen(&actions, fd, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            case .standardOutput: posix_spawn_file_actions_adddup2(&actions, 1, fd)
            }
        }
        for fd in closing { posix_spawn_file_actions_addclose(&actions, fd) }
        if let workingFolder {
            guard let addChdir, addChdir(&actions, workingFolder) == 0 else { throw Failure(program: program, code: ENOTDIR) }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] =
            arguments.map { bytes in
                let p = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
                for (i, b) in bytes.enumerated() { p[i] = CChar(bitPattern: b) }
                p[bytes.count] = 0
                return p
            } + [nil]
        defer { argv.forEach { $0?.deallocate() } }
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, program, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw Failure(program: program, code: rc) }
        return pid
    }

    /// The same, for arguments that are text.
    public static func start(
        _ arguments: [String], environment: [String: String], input: Stream = .null,
        output: Stream = .null, error: Stream = .null, closing: [Int32] = [],
        workingFolder: String? = nil
    ) throws(Failure) -> pid_t {
        try start(
            arguments.map { Array($0.utf8) }, environment: environment, input: input, output: output, error: error,
            closing: closing, workingFolder: workingFolder)
    }

    /// The executable `name` in the environment's PATH (or `name` itself when it is a path); nil
    /// when PATH is empty or lacks it.
    public static func find(_ name: String, environment: [String: String]) -> String? {
        if name.hasPrefix("/") { return access(name, X_OK) == 0 ? name : nil }
        for folder in (environment["PATH"] ?? "").split(separator: ":") where !folder.isEmpty {
            let path = folder + "/" + name
            var st = stat()
            if stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG, access(path, X_OK) == 0 { return path }
        }
        return nil
    }

    /// Waits for `pid`; its exit status as `waitpid` gives it.
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status
    }

    /// glibc's posix_spawn_file_actions_addchdir_np (2.29 and later), which Swift's Glibc module does not import.
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    static let addChdir: AddChdir? = dlsym(nil, "posix_spawn_file_actions_addchdir_np").map { unsafeBitCast($0, to: AddChdir.self) }
}

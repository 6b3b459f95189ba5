import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starting a program from a test with posix_spawn: arguments are any bytes (not only valid
/// UTF-8), standard input is /dev/null, output goes to files, and the child starts with no signal
/// blocked and every signal at its default. A test thread's blocked signals are otherwise
/// inherited through Foundation's `Process` (a tmux server then never sees SIGCHLD).
public enum Spawn {
    /// Starts `arguments[0]` (looked up in PATH) and returns its pid; the caller waits for it.
    /// `stderr` nil sends standard error to the `stdout` file.
    public static func start(_ arguments: [[UInt8]], environment: [String: String], stdout: String, stderr: String?,
                             workingFolder: String? = nil) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if let stderr {
            posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        if let workingFolder {
            guard let addChdir, addChdir(&actions, workingFolder) == 0 else { throw TestFailure("cannot set the working folder \(workingFolder)") }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { bytes in
            let p = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (i, b) in bytes.enumerated() { p[i] = CChar(bitPattern: b) }
            p[bytes.count] = 0
            return p
        } + [nil]
        defer { argv.forEach { $0?.deallocate() } }
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let program = String(decoding: arguments.first ?? [], as: UTF8.self)
        let rc = posix_spawnp(&pid, program, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw TestFailure("cannot start \(program): \(String(cString: strerror(rc)))") }
        return pid
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

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starting the player and the speech engine with posix_spawn: standard input, output and error
/// on /dev/null (a player must never write over the full-screen UI), no signal blocked and the
/// usual ones at their defaults (the UI's handlers only set flags, and Ctrl-C should stop a sound).
enum ChildProcess {
    /// The executable `name` in the environment's PATH; nil when PATH is empty or lacks it.
    static func find(_ name: String, environment: [String: String]) -> String? {
        if name.hasPrefix("/") { return access(name, X_OK) == 0 ? name : nil }
        for folder in (environment["PATH"] ?? "").split(separator: ":") where !folder.isEmpty {
            let path = folder + "/" + name
            var st = stat()
            if stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG, access(path, X_OK) == 0 { return path }
        }
        return nil
    }

    /// Starts `path ARGS`, reading `standardInput` (else /dev/null); its pid, or nil when it could
    /// not start. Never waits.
    static func start(_ path: String, _ arguments: [String], environment: [String: String], standardInput: Int32? = nil) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let standardInput {
            posix_spawn_file_actions_adddup2(&actions, standardInput, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, path, &actions, &attributes, argv, envp) == 0 else { return nil }
        return pid
    }

    /// The exit status of `pid` if it has ended (reaping it), nil while it runs. Never waits.
    static func ended(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        let r = waitpid(pid, &status, WNOHANG)
        if r == pid { return status }
        if r < 0 && errno == ECHILD { return -1 }  // already reaped elsewhere: it is over
        return nil
    }

    /// Waits up to `seconds` for `pid`; on time out kills and reaps it. True when it exited 0 in time.
    static func succeeds(_ pid: pid_t, within seconds: Double) -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if let status = ended(pid) { return status == 0 }
            usleep(2_000)
        }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return false
    }

    /// Runs `path ARGS` to its end, up to `seconds`; true when it exited 0.
    static func run(_ path: String, _ arguments: [String], environment: [String: String], within seconds: Double) -> Bool {
        guard let pid = start(path, arguments, environment: environment) else { return false }
        return succeeds(pid, within: seconds)
    }
}

import ChildProcesses
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Starting, watching and reaping the player and the speech engine (spawned as `Spawn` does it).
enum SoundProcess {
    /// The executable `name` in the environment's PATH; nil when PATH is empty or lacks it.
    static func find(_ name: String, environment: [String: String]) -> String? {
        Spawn.find(name, environment: environment)
    }

    /// Starts `path ARGS`, reading `standardInput` (else /dev/null), writing nowhere: a player
    /// must never write over the full-screen UI. Its pid, or nil when it could not start. Never waits.
    static func start(_ path: String, _ arguments: [String], environment: [String: String], standardInput: Int32? = nil) -> pid_t? {
        guard let pid = try? Spawn.start([path] + arguments, environment: environment, input: standardInput.map { .descriptor($0) } ?? .null) else {
            return nil
        }
        Leftovers.track(child: pid)
        return pid
    }

    /// The exit status of `pid` if it has ended (reaping it), nil while it runs. Never waits.
    static func ended(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        let r = waitpid(pid, &status, WNOHANG)
        if r == pid { Leftovers.forget(child: pid); return status }
        if r < 0 && errno == ECHILD { Leftovers.forget(child: pid); return -1 }  // already reaped elsewhere: it is over
        return nil
    }

    /// Ends `pid` at once (a player that hangs ignores gentler requests); reaped later by `ended`.
    static func end(_ pid: pid_t) { kill(pid, SIGKILL) }

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
        Leftovers.forget(child: pid)
        return false
    }

    /// Runs `path ARGS` to its end, up to `seconds`; true when it exited 0.
    static func run(_ path: String, _ arguments: [String], environment: [String: String], within seconds: Double) -> Bool {
        guard let pid = start(path, arguments, environment: environment) else { return false }
        return succeeds(pid, within: seconds)
    }
}

import Foundation
import Synchronization
#if canImport(Glibc)
    import Glibc
#endif

/// What sound leaves on the machine while it works (players, espeak-ng, a scratch folder, half
/// written files) and must not outlive rehab. Each is tracked while it exists and cleaned up at
/// exit, however rehab ends short of a kill -9 (quit, an error, a handled signal: they all leave
/// through `exit`). What a kill -9 left behind, the next start sweeps (`sweep`).
enum Leftovers {
    private struct Tracked {
        var children: Set<pid_t> = []
        var paths: Set<String> = []
        var cleansAtExit = false
    }
    private static let tracked = Mutex(Tracked())

    static func track(child pid: pid_t) { tracked.withLock { $0.children.insert(pid) }; cleanAtExit() }
    static func forget(child pid: pid_t) { _ = tracked.withLock { $0.children.remove(pid) } }
    static func track(path: String) { tracked.withLock { $0.paths.insert(path) }; cleanAtExit() }
    static func forget(path: String) { _ = tracked.withLock { $0.paths.remove(path) } }

    /// Ends every child still running and removes every path still tracked.
    static func cleanUp() {
        let (children, paths) = tracked.withLock { t in
            defer { t.children = []; t.paths = [] }
            return (t.children, t.paths)
        }
        for pid in children {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }

    private static func cleanAtExit() {
        let first = tracked.withLock { t -> Bool in
            defer { t.cleansAtExit = true }
            return !t.cleansAtExit
        }
        if first { atexit { Leftovers.cleanUp() } }
    }

    /// The names rehab gives what it leaves while it works carry its pid ("-PID-"): a file or
    /// folder in `folder` whose name starts with one of `prefixes` or holds one of `markers`, of a
    /// rehab no longer running, is removed.
    static func sweep(_ folder: String, prefixes: [String] = [], markers: [String] = []) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names {
            let tail: Substring?
            if let p = prefixes.first(where: { name.hasPrefix($0) }) {
                tail = name.dropFirst(p.count)
            } else if let m = markers.first(where: { name.contains($0) }), let r = name.range(of: m) {
                tail = name[r.upperBound...]
            } else {
                tail = nil
            }
            guard let tail, let pid = pid_t(tail.prefix { $0.isNumber }), pid > 0, pid != getpid() else { continue }
            // Still running (or another user's, which is not ours to touch): leave it.
            if kill(pid, 0) == 0 || errno != ESRCH { continue }
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }
}

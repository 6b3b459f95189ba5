import Foundation
import TestSupport
#if canImport(Glibc)
    import Glibc
#endif

/// A private tmux server for one test: start a command in a pane, type keys, read the screen.
/// tmux is spawned with an empty signal mask and default handlers, because the test thread's
/// mask would otherwise be inherited and the server would never see SIGCHLD.
final class Tmux {
    let socket = "rehab-e2e-" + UUID().uuidString.prefix(8)
    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// The pane stays when its command ends, so a command that dies at once (it once did, with
    /// "text file busy") shows its last words in `waitFor`'s failure, not "no server running".
    init(width: Int = 80, height: Int = 24, command: String) throws {
        try run([
            "start-server", ";", "set-option", "-g", "remain-on-exit", "on", ";",
            "new-session", "-d", "-s", "main", "-x", String(width), "-y", String(height), command
        ])
    }

    deinit { _ = try? run(["kill-server"]) }

    func keys(_ keys: String...) throws { try run(["send-keys", "-t", "main"] + keys) }
    func type(_ text: String) throws { try run(["send-keys", "-t", "main", "-l", text]) }
    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", "main", "-x", String(width), "-y", String(height)])
    }

    func screen() throws -> String { try run(["capture-pane", "-p", "-t", "main"]) }

    /// Waits until the screen shows `text` (up to `seconds`), and returns the screen.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            usleep(50_000)
        }
        throw TmuxError("screen never showed \"\(text)\"; it shows:\n\(last)")
    }

    @discardableResult
    func run(_ args: [String]) throws -> String {
        let out = NSTemporaryDirectory() + "tmux-\(UUID().uuidString).out"
        defer { unlink(out) }
        let argv = ["tmux", "-L", socket, "-f", "/dev/null"] + args
        let pid = try TestSpawn.start(argv.map { Array($0.utf8) }, environment: ProcessInfo.processInfo.environment, stdout: out, stderr: nil)
        _ = TestSpawn.wait(pid)
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }
}

struct TmuxError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// The built `rehab` binary, started with posix_spawn so that arguments can be any bytes (not
/// only valid UTF-8) and so that a test can kill it at a moment of its choosing. Each instance
/// has its own data folder under the temporary folder.
public struct RehabProcess: Sendable {
    public let dataDir: String
    /// The folder holding `dataDir`, for backups, exports and other files of one test.
    public let folder: String

    public init(label: String = "test") {
        folder = NSTemporaryDirectory() + "rehab-\(label)-" + UUID().uuidString
        dataDir = folder + "/data"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    public init(dataDir: String) {
        self.dataDir = dataDir
        folder = URL(fileURLWithPath: dataDir).deletingLastPathComponent().path
    }

    public var database: String { dataDir + "/rehab.sqlite" }

    /// Beside the test bundle in SwiftPM's build folder (`make test` builds it first).
    public static let path: String = {
        if let explicit = ProcessInfo.processInfo.environment["REHAB_BIN"] { return explicit }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("rehab").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/rehab").path
    }()

    public struct Result: Sendable {
        public let status: Int32
        /// The signal that ended the process, 0 when it exited.
        public let signal: Int32
        public let stdout: String
        public let stderr: String
        public var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] ?? [:] }
        public var stderrLines: [Substring] { stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast() }
    }

    /// A started process; `finish` waits for it.
    public final class Running: Sendable {
        public let pid: pid_t
        let out: String, err: String
        init(pid: pid_t, out: String, err: String) { self.pid = pid; self.out = out; self.err = err }

        public func kill(_ signal: Int32 = SIGKILL) { _ = Glibc.kill(pid, signal) }

        public func finish() -> Result {
            let status = TestSpawn.wait(pid)
            defer { unlink(out); unlink(err) }
            let o = FileManager.default.contents(atPath: out) ?? Data()
            let e = FileManager.default.contents(atPath: err) ?? Data()
            let signalled = (status & 0x7f) != 0 && (status & 0x7f) != 0x7f
            return Result(
                status: signalled ? -1 : (status >> 8) & 0xff, signal: signalled ? status & 0x7f : 0,
                stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
        }

        /// True while the process exists and has not exited (a zombie counts as ended).
        public var alive: Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
            guard let close = stat.lastIndex(of: ")") else { return false }
            let state = stat[stat.index(close, offsetBy: 2)]
            return state != "Z" && state != "X"
        }
    }

    /// Starts `rehab ARGS --data-dir DIR` (without `--data-dir` when `dataDirArgument` is false);
    /// arguments are raw bytes, the working folder is `folder` (see `Spawn`).
    public func start(
        bytes args: [[UInt8]], dataDirArgument: Bool = true, environment: [String: String] = [:],
        executable: String = RehabProcess.path, prefix: [String] = []
    ) throws -> Running {
        let tag = UUID().uuidString.prefix(8)
        let out = NSTemporaryDirectory() + "rehab-out-\(tag)", err = NSTemporaryDirectory() + "rehab-err-\(tag)"
        // Relative paths in the arguments (a backup's --out, say) land in the test's own folder.
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var env = ProcessInfo.processInfo.environment
        // Should an argument ever be lost (a "--" before it, say), the default folder is still this test's.
        env["REHAB_HOME"] = dataDir
        env["XDG_DATA_HOME"] = folder + "/xdg"
        env.merge(environment) { $1 }
        let full: [[UInt8]] =
            prefix.map { Array($0.utf8) } + [Array(executable.utf8)] + args
            + (dataDirArgument ? [Array("--data-dir".utf8), Array(dataDir.utf8)] : [])
        let pid = try TestSpawn.start(full, environment: env, stdout: out, stderr: err, workingFolder: folder)
        return Running(pid: pid, out: out, err: err)
    }

    /// Runs `rehab ARGS --data-dir DIR`; `dataDirLast: false` passes ARGS exactly as given.
    @discardableResult
    public func run(_ args: [String], environment: [String: String] = [:], prefix: [String] = [], dataDirLast: Bool = true) throws -> Result {
        try start(bytes: args.map { Array($0.utf8) }, dataDirArgument: dataDirLast, environment: environment, prefix: prefix).finish()
    }

    @discardableResult
    public func run(bytes args: [[UInt8]]) throws -> Result { try start(bytes: args).finish() }

    /// `run` split on spaces, for readable tests.
    @discardableResult
    public func callAsFunction(_ line: String) throws -> Result { try run(line.split(separator: " ").map(String.init)) }
}

public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}

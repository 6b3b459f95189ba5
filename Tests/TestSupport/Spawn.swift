import ChildProcesses
import Foundation

/// The tests start programs as the product does (`ChildProcesses.Spawn`): output to files.
public enum TestSpawn {
    /// Starts `arguments[0]` (looked up in PATH) and returns its pid; the caller waits for it.
    /// `stderr` nil sends standard error to the `stdout` file.
    public static func start(
        _ arguments: [[UInt8]], environment: [String: String], stdout: String, stderr: String?,
        workingFolder: String? = nil
    ) throws -> pid_t {
        do {
            return try Spawn.start(
                arguments, environment: environment, output: .file(stdout),
                error: stderr.map { .file($0) } ?? .standardOutput, workingFolder: workingFolder)
        } catch {
            throw TestFailure(error.description)
        }
    }

    public static func wait(_ pid: pid_t) -> Int32 { Spawn.wait(pid) }
}

import Foundation

/// Runs the built `rehab` binary as a patient's script would.
struct RehabBinary {
    let dataDir: String

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] ?? [:] }
    }

    /// The binary sits beside the test bundle in SwiftPM's build folder.
    static var path: String {
        if let explicit = ProcessInfo.processInfo.environment["REHAB_BIN"] { return explicit }
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = testBinary.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("rehab").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/rehab").path
    }

    init() {
        dataDir = NSTemporaryDirectory() + "rehab-e2e-" + UUID().uuidString + "/data"
    }

    /// Runs `rehab ARGS --data-dir DIR`; `dataDirLast: false` passes ARGS exactly as given.
    @discardableResult
    func run(_ args: [String], environment: [String: String] = [:], dataDirLast: Bool = true) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.path)
        process.arguments = args + (dataDirLast ? ["--data-dir", dataDir] : [])
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Drain stderr on another thread so a chatty child never blocks on a full pipe.
        nonisolated(unsafe) var e = Data()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { e = err.fileHandleForReading.readDataToEndOfFile(); drained.signal() }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// `run` split on spaces, for readable tests.
    @discardableResult
    func callAsFunction(_ line: String) throws -> Result { try run(line.split(separator: " ").map(String.init)) }
}

func date(_ offset: Int, from start: String = "2026-03-02") -> String {
    var parts = start.split(separator: "-").compactMap { Int($0) }
    var comps = DateComponents(); comps.year = parts[0]; comps.month = parts[1]; comps.day = parts[2]
    var cal = Calendar(identifier: .gregorian); cal.timeZone = TimeZone(identifier: "UTC")!
    let d = cal.date(byAdding: .day, value: offset, to: cal.date(from: comps)!)!
    let c = cal.dateComponents([.year, .month, .day], from: d)
    parts = [c.year!, c.month!, c.day!]
    return String(format: "%04d-%02d-%02d", parts[0], parts[1], parts[2])
}

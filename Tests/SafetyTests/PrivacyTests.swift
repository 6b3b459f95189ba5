import Foundation
import TestSupport
import RehabCore
import Testing

/// Health data stays private: folder 0700, files 0600 whatever the umask, after every command that
/// writes a file; and no command opens a network connection.
@Suite struct PrivacyTests {
    /// Runs rehab under `umask 000`, the most permissive a user could have.
    let permissiveUmask = ["/bin/sh", "-c", "umask 000; exec \"$0\" \"$@\""]

    @Test func filesArePrivateEvenWithAPermissiveUmask() throws {
        let rehab = RehabProcess(label: "privacy")
        func run(_ args: [String]) throws {
            let r = try rehab.run(args, prefix: permissiveUmask)
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        try run(["init", "--start", "2026-03-02"])
        try run(rehab.logArguments("private"))
        try run(["checkin", "--date", "2026-03-04", "--morning-pain", "1"])
        let backup = rehab.folder + "/backup.sqlite"
        try run(["backup", "--out", backup])
        try run(["backup", "--out", backup, "--force"])
        try run(["export", "--format", "csv", "--out", rehab.folder + "/export.csv"])
        try run(["export", "--format", "json", "--out", rehab.folder + "/export.json"])
        try run(["restore", backup])
        for file in ["backup.sqlite", "export.csv", "export.json"] {
            #expect(mode(rehab.folder + "/" + file) == 0o600, "\(file)")
        }
        #expect(mode(rehab.dataDir) == 0o700)
        let files = try FileManager.default.contentsOfDirectory(atPath: rehab.dataDir)
        #expect(files.contains { $0.hasPrefix("rehab-before-restore-") }, "\(files)")
        for file in files { #expect(mode(rehab.dataDir + "/" + file) == 0o600, "\(file)") }

        // The write-ahead log and index, as a killed process leaves them: each `log` is killed the
        // moment its log file appears (a fixed delay missed that moment on a loaded machine, where
        // starting the binary alone took longer than the delays tried).
        var killedWithLog = false
        #expect(!FileManager.default.fileExists(atPath: rehab.database + "-wal"), "a command that ended left its log behind")
        for n in 0..<30 where !killedWithLog {
            let running = try rehab.start(bytes: rehab.logArguments("killed \(n)").map { Array($0.utf8) }, prefix: permissiveUmask)
            let giveUp = monotonicSeconds() + 10
            while running.alive && !FileManager.default.fileExists(atPath: rehab.database + "-wal") && monotonicSeconds() < giveUp {
                usleep(200)
            }
            running.kill(SIGKILL)
            _ = running.finish()
            killedWithLog = FileManager.default.fileExists(atPath: rehab.database + "-wal")
        }
        #expect(killedWithLog, "no kill left a -wal file behind")
        for file in try FileManager.default.contentsOfDirectory(atPath: rehab.dataDir) {
            #expect(mode(rehab.dataDir + "/" + file) == 0o600, "\(file)")
        }
    }

    // MARK: Network

    static let strace = ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// System calls that would reach a network, from an `strace -f -e trace=network` log. Local
    /// sockets to the name-service cache daemon (glibc's user lookups) are not network access.
    static func networkUse(in trace: String) -> [String] {
        trace.split(separator: "\n").map(String.init).filter { line in
            // "1234  socket(AF_INET, ...) = 3": the process id, blanks, then the call.
            let call = String(line.drop { $0.isNumber }.drop { $0 == " " })
            if call.hasPrefix("socket(") || call.hasPrefix("socketpair(") { return !call.contains("(AF_UNIX") && !call.contains("(AF_LOCAL") }
            let addressed = ["connect(", "bind(", "sendto(", "sendmsg(", "sendmmsg(", "accept(", "accept4(", "listen("]
            guard addressed.contains(where: { call.hasPrefix($0) }) else { return false }
            if call.contains("sa_family=AF_UNIX") { return !call.contains("nscd/socket") }
            return true
        }
    }

    func traced(_ args: [String], _ rehab: RehabProcess, strace: String) throws -> (RehabProcess.Result, String) {
        let log = rehab.folder + "/strace-\(UUID().uuidString.prefix(6)).txt"
        let r = try rehab.run(args, prefix: [strace, "-f", "-e", "trace=network", "-o", log])
        defer { unlink(log) }
        return (r, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }

    @Test func noCommandOpensANetworkConnection() throws {
        guard let strace = Self.strace else {
            Issue.record("strace is not installed (`make deps` installs it); cannot watch for network use")
            return
        }
        let rehab = RehabProcess(label: "network")
        let backup = rehab.folder + "/backup.sqlite"
        let programFile = rehab.folder + "/program.json"
        try #require(ProgramLoader.defaultProgramText()).write(toFile: programFile, atomically: true, encoding: .utf8)
        let commands: [[String]] = [
            ["init", "--start", "2026-03-02"], rehab.logArguments("traced"), ["checkin", "--date", "2026-03-04", "--morning-pain", "1"],
            ["test", "--date", "2026-03-03", "--name", "single-leg-stance", "--side", "left", "--value", "20", "--pain", "0"],
            ["status", "--as-of", "2026-03-05", "--json"], ["plan", "--as-of", "2026-03-05"], ["week", "--as-of", "2026-03-05"],
            ["history"], ["export", "--format", "csv"], ["export", "--format", "json"], ["backup", "--out", backup],
            ["restore", backup], ["program", "show"], ["program", "validate", programFile], ["advance", "--as-of", "2026-03-05"],
            ["--help"], ["log", "--date", "nonsense"]
        ]
        var calls = 0
        for args in commands {
            let (r, trace) = try traced(args, rehab, strace: strace)
            #expect(r.status != -1 && r.signal == 0, "\(args) did not run under strace: \(r.stderr)")
            #expect(trace.contains("+++ exited with \(r.status) +++"), "\(args): strace did not follow rehab to its exit")
            let used = Self.networkUse(in: trace)
            #expect(used.isEmpty, "\(args) used the network: \(used)")
            calls += trace.split(separator: "\n").count
        }
        // The watch itself works: a process that makes an Internet socket (and sends nothing) is caught.
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") {
            let log = rehab.folder + "/control.txt"
            let control = Process()
            control.executableURL = URL(fileURLWithPath: strace)
            control.arguments = ["-f", "-e", "trace=network", "-o", log, "/usr/bin/python3", "-c", "import socket; socket.socket().close()"]
            try control.run()
            control.waitUntilExit()
            let trace = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            #expect(!Self.networkUse(in: trace).isEmpty, "the strace check misses an AF_INET socket: \(trace)")
        }
        print("network: \(commands.count) commands traced, \(calls) socket-family calls seen, none to a network")
    }

    @Test func theBinaryLinksNoNetworkingLibrary() throws {
        let ldd = Process()
        ldd.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        ldd.arguments = [RehabProcess.path]
        let out = Pipe()
        ldd.standardOutput = out
        try ldd.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ldd.waitUntilExit()
        #expect(text.contains("libFoundation"), "ldd output looks wrong: \(text)")
        for library in ["FoundationNetworking", "libcurl", "libssl", "libnghttp", "libgnutls"] {
            #expect(!text.contains(library), "rehab links \(library)")
        }
    }
}

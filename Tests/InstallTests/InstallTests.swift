import Foundation
import RehabCore
import TestSupport
import Testing

/// `make install` as a patient gets it: the five files and nothing else, a binary that runs with
/// the clone out of reach, a man page that renders, completions that complete.
@Suite(.serialized)
struct InstallTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The debug binary `make test` built (the release one only differs in speed and size).
    static var builtBinary: String { RehabProcess.path }

    /// `make test` builds it (`make manual-tool`); a bare `swift test` may not have.
    static var canInstall: Bool { FileManager.default.isExecutableFile(atPath: root + "/.build/debug/generate-manual") }

    static let installed = [
        "bin/rehab", "share/man/man1/rehab.1", "share/bash-completion/completions/rehab",
        "share/zsh/site-functions/_rehab", "share/fish/vendor_completions.d/rehab.fish"
    ]

    @Test func theEmbeddedProgramIsTheFileByteForByte() throws {
        let file = try Data(contentsOf: URL(fileURLWithPath: Self.root + "/Sources/RehabCore/Resources/default-program.json"))
        #expect(ProgramLoader.defaultProgramText().map { Data($0.utf8) } == file)
    }

    @Test(.enabled(if: canInstall, "needs .build/debug/generate-manual: run `make test`, or `make manual-tool` first"))
    func installsFiveFilesAndTheBinaryRunsAlone() throws {
        let tmp = try Temp()
        let prefix = tmp.path + "/prefix"
        try Self.makeInstall(prefix: prefix, stage: tmp.path + "/stage")

        // Exactly the five files, no resource folder.
        let files = try FileManager.default.subpathsOfDirectory(atPath: prefix).filter { path in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: prefix + "/" + path, isDirectory: &isDir) && !isDir.boolValue
        }
        #expect(Set(files) == Set(Self.installed))
        let binary = try Data(contentsOf: URL(fileURLWithPath: prefix + "/bin/rehab"))
        #expect(binary.range(of: Data("rehab_RehabCore.resources".utf8)) == nil, "the binary still names a resource bundle")

        // The binary alone in an empty folder, started from there with the build folder hidden
        // (a private tmpfs mounted over it, when this machine allows a user namespace).
        let alone = tmp.path + "/empty"
        try FileManager.default.createDirectory(atPath: alone, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: prefix + "/bin/rehab", toPath: alone + "/rehab")
        let data = tmp.path + "/data"
        let hidden = Self.canHide
        func rehab(_ args: String...) throws -> Run {
            let command = [alone + "/rehab"] + args + ["--data-dir", data]
            let line =
                hidden
                ? ["unshare", "-rm", "sh", "-c", "mount -t tmpfs tmpfs \"$0\" && exec \"$@\"", Self.root + "/.build"] + command
                : command
            return try Run(line, in: alone, environment: ["HOME": tmp.path + "/home", "REHAB_HOME": nil, "XDG_DATA_HOME": nil])
        }
        let version = try rehab("--version")
        let expectedVersion = try String(contentsOfFile: Self.root + "/VERSION", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(version.status == 0)
        let lines = version.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines.first == "rehab \(expectedVersion)")
        #expect(lines.dropFirst().first?.hasPrefix("commit ") == true)
        #expect(lines.dropFirst(2).first?.hasPrefix("database schema ") == true)
        #expect(lines.last == "program format \(ProgramFormat.version)")

        let today = Self.isoToday()
        let initRun = try rehab("init", "--start", today, "--side", "left", "--baseline-pain", "2")
        #expect(initRun.status == 0, "\(initRun.stderr)")
        #expect(initRun.stdout.contains("starts on \(today)"))
        let plan = try rehab("plan", "--as-of", today)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("Glute bridge") || plan.stdout.lowercased().contains("glute"))
        let status = try rehab("status", "--as-of", today)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("Activation phase"))
        let report = try rehab("report", "--to", today, "--format", "md")
        #expect(report.status == 0, "\(report.stderr)")
        #expect(!report.stdout.isEmpty)
        if !hidden {
            print(
                "InstallTests: user namespaces are not available, so the build folder was not hidden; the binary was run alone from an empty folder")
        }

        // Uninstall removes the five files and leaves the data.
        let uninstall = try Run(["make", "-C", Self.root, "--no-print-directory", "uninstall", "PREFIX=" + prefix], in: tmp.path)
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        for file in Self.installed { #expect(!FileManager.default.fileExists(atPath: prefix + "/" + file)) }
        #expect(FileManager.default.fileExists(atPath: data + "/rehab.sqlite"))
    }

    @Test(.enabled(if: canInstall && FileManager.default.isExecutableFile(atPath: "/usr/bin/man"), "needs generate-manual and man"))
    func theManPageRendersAndShowsTheReadmeExamples() throws {
        let tmp = try Temp()
        let prefix = tmp.path + "/prefix"
        try Self.makeInstall(prefix: prefix, stage: tmp.path + "/stage")
        let man = try Run(
            ["man", "--warnings", "-l", prefix + "/share/man/man1/rehab.1"], in: tmp.path,
            environment: ["MANWIDTH": "120", "MAN_KEEP_FORMATTING": nil, "PAGER": "cat", "MANPAGER": "cat"])
        #expect(man.status == 0)
        #expect(man.stderr.isEmpty, "man warned: \(man.stderr)")
        let page = man.stdout.replacingOccurrences(of: "\u{8}.", with: "", options: .regularExpression)
        #expect(page.contains("A phase-based rehabilitation program for runners with hip pain"))
        for command in ["init", "plan", "log", "checkin", "test", "status", "report", "export", "program"] {
            #expect(page.contains("rehab " + command), "the man page misses \(command)")
        }
        // Each README example on a line of its own, in the man page and in `rehab --help`.
        let examples = try Self.readmeExamples()
        #expect(examples.count >= 8)
        let pageLines = page.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let help = try Run([Self.builtBinary, "--help"], in: tmp.path).stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for example in examples {
            #expect(pageLines.contains { $0.hasPrefix(example) }, "the man page lacks the README example as a line: \(example)")
            #expect(help.contains { $0.hasPrefix(example) }, "rehab --help lacks the README example: \(example)")
        }
        // EXIT STATUS lists the codes with the README's words.
        let readme = try String(contentsOfFile: Self.root + "/README.md", encoding: .utf8).replacingOccurrences(of: "\n", with: " ")
        let exit = try #require(page.range(of: "EXIT STATUS")).upperBound
        let section = page[exit...].split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for (code, words) in [
            ("0", "done"), ("1", "bad input"), ("2", "the data could not be read or written"),
            ("3", "not allowed by the program's rules (a gate not met, a pause, a red flag)")
        ] {
            #expect(readme.contains("\(code) \(words)"), "the README no longer says \(code) \(words)")
            #expect(
                section.contains { $0.lowercased().hasPrefix(code) && $0.lowercased().contains(words) },
                "EXIT STATUS lacks \(code): \(section.prefix(10))")
        }
    }

    @Test(.enabled(if: canInstall, "needs .build/debug/generate-manual: run `make test`"))
    func completionsOfferCommandsOptionsAndIdsFromTheProgramInForce() throws {
        let tmp = try Temp()
        let prefix = tmp.path + "/prefix"
        try Self.makeInstall(prefix: prefix, stage: tmp.path + "/stage")
        let data = tmp.path + "/data"
        let environment = [
            "PATH": prefix + "/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
            "HOME": tmp.path, "REHAB_HOME": nil, "XDG_DATA_HOME": nil
        ]
        // With no data yet, the built-in program's ids; and asking creates no data folder.
        func bash(_ words: [String]) throws -> [String] {
            let script = """
                source "\(prefix)/share/bash-completion/completions/rehab"
                COMP_WORDS=(\(words.map { "'\($0)'" }.joined(separator: " ")))
                COMP_CWORD=\(words.count - 1)
                COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
                _rehab rehab "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                printf '%s\\n' "${COMPREPLY[@]}"
                """
            let run = try Run(["bash", "-c", script], in: tmp.path, environment: environment)
            #expect(run.status == 0, "\(run.stderr)")
            return run.stdout.split(separator: "\n").map(String.init)
        }
        #expect(Set(try bash(["rehab", ""])).isSuperset(of: ["init", "plan", "log", "status", "report", "program"]))
        #expect(Set(try bash(["rehab", "log", "--"])).isSuperset(of: ["--exercise", "--date", "--data-dir"]))
        // With no data yet, the first phase's exercises, those a new patient's plan allows.
        let firstPhase = ProgramLoader.defaultProgram().phases[0].allExercises.map(\.id)
        #expect(Set(try bash(["rehab", "log", "--data-dir", data, "--exercise", ""])) == Set(firstPhase))
        #expect(!firstPhase.contains("goblet-squat") && firstPhase.count < ProgramLoader.defaultProgram().phases.flatMap(\.exercises).count)
        #expect(try bash(["rehab", "export", "--format", ""]) == ["csv", "json"])
        #expect(try bash(["rehab", "report", "--format", ""]) == ["md", "html"])
        #expect(!FileManager.default.fileExists(atPath: data), "completion created the data folder")
        let defaultTests = ProgramLoader.defaultProgram().allTests.map(\.id)
        #expect(Set(try bash(["rehab", "test", "--data-dir", data, "--name", ""])) == Set(defaultTests))
        #expect(try bash(["rehab", "log", "--data-dir", data, "--exercise", "glute-b"]) == ["glute-bridge"])

        // A clinician's program in force: its ids, not the default's.
        let custom = ProgramLoader.defaultProgramText()!.replacingOccurrences(of: "\"glute-bridge\"", with: "\"bridge-with-band\"")
        try custom.write(toFile: tmp.path + "/clinic.json", atomically: true, encoding: .utf8)
        let enrol = try Run(
            [prefix + "/bin/rehab", "init", "--start", Self.isoToday(), "--program", tmp.path + "/clinic.json", "--data-dir", data],
            in: tmp.path, environment: environment)
        #expect(enrol.status == 0, "\(enrol.stderr)")
        let offered = try bash(["rehab", "log", "--data-dir", data, "--exercise", ""])
        #expect(offered.contains("bridge-with-band") && !offered.contains("glute-bridge"))
        // Only today's phase: none of a later phase's exercises, which the plan does not allow yet.
        let later = ProgramLoader.defaultProgram().phases.dropFirst().flatMap { $0.allExercises.map(\.id) }
        #expect(Set(offered).isDisjoint(with: later), "\(offered)")
        #expect(try bash(["rehab", "timer", "--data-dir", data, "--exercise", "bridge-"]) == ["bridge-with-band"])

        // File paths for --out and --program.
        #expect(try bash(["rehab", "export", "--out", tmp.path + "/clin"]).contains(tmp.path + "/clinic.json"))
        #expect(try bash(["rehab", "init", "--program", tmp.path + "/clin"]) == [tmp.path + "/clinic.json"])
        // A program is an id as often as a file: the built-in ids are offered too.
        #expect(try bash(["rehab", "init", "--program", "h"]) == ["hamstring-tendinopathy", "hip-flexor"])
        #expect(try bash(["rehab", "program", "use", "fai"]) == ["fai-labral"])

        // zsh and fish, when this machine has them.
        if let fish = Self.which("fish") {
            let run = try Run(
                [
                    fish, "--no-config", "-i", "-c",
                    "source \(prefix)/share/fish/vendor_completions.d/rehab.fish; complete -C 'rehab log --data-dir \(data) --exercise '"
                ],
                in: tmp.path, environment: environment)
            #expect(
                run.stdout.split(separator: "\n").map { String($0.split(separator: "\t")[0]) }.contains("bridge-with-band"),
                "fish: \(run.stdout) \(run.stderr)")
        }
        if let zsh = Self.which("zsh") {
            let run = try Run([zsh, "-n", prefix + "/share/zsh/site-functions/_rehab"], in: tmp.path, environment: environment)
            #expect(run.status == 0, "zsh cannot parse _rehab: \(run.stderr)")
        }
    }

    // MARK: helpers

    static func makeInstall(prefix: String, stage: String) throws {
        let run = try Run(
            [
                "make", "-C", root, "--no-print-directory", "install-built",
                "REHAB_BIN=" + builtBinary, "STAGE=" + stage, "PREFIX=" + prefix
            ], in: root)
        try #require(run.status == 0, "make install-built failed: \(run.stdout) \(run.stderr)")
    }

    /// The commands of the README's "Every day from the shell" section, without their comments.
    static func readmeExamples() throws -> [String] {
        let readme = try String(contentsOfFile: root + "/README.md", encoding: .utf8)
        guard let start = readme.range(of: "## Every day from the shell") else { return [] }
        let section = readme[start.upperBound...].components(separatedBy: "\n## ")[0]
        return section.split(separator: "\n").filter { $0.hasPrefix("    rehab ") }
            .map { $0.split(separator: "#")[0].trimmingCharacters(in: .whitespaces) }
    }

    static var canHide: Bool {
        guard which("unshare") != nil else { return false }
        return (try? Run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs tmpfs \"$0\"", NSTemporaryDirectory()], in: "/"))?.status == 0
    }

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static func isoToday() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}

/// A temporary folder, removed at the end of the test.
final class Temp {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "rehab-install-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A finished child process. `environment` adds to this process's (nil removes a variable).
struct Run {
    let status: Int32
    let stdout: String
    let stderr: String

    init(_ arguments: [String], in directory: String, environment: [String: String?] = [:]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        try process.run()
        nonisolated(unsafe) var e = Data()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            e = err.fileHandleForReading.readDataToEndOfFile(); drained.signal()
        }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        status = process.terminationStatus
        stdout = String(decoding: o, as: UTF8.self)
        stderr = String(decoding: e, as: UTF8.self)
    }
}

import ArgumentParser
import Foundation
import TestSupport
import GRDB
import RehabCore
import RehabStore
import Testing
@testable import rehab

/// Generated command lines: valid ones mutated by swapping, dropping, duplicating and replacing
/// words with empty strings, huge numbers, impossible dates, control characters and invalid UTF-8.
/// Every one either succeeds or is refused with one sentence and exit 1, 2 or 3 (a rule refusal
/// may list its reasons), and a refused command writes nothing. None crashes.
///
/// Thousands run in-process (parsing and running the real commands), in a child test process so
/// that a crash is reported with the input that caused it and the commands' output stays out of
/// the test log; a few hundred run through the binary with raw bytes as arguments.
@Suite struct CommandLineFuzzTests {
    static let workerFolder = ProcessInfo.processInfo.environment["REHAB_FUZZ_WORKER"]
    static var inProcessRuns: Int { stress ? 8_000 : 2_000 }
    static var binaryRuns: Int { stress ? 1_500 : 200 }

    /// Memory-backed when there is one: thousands of commits, each with an fsync, would otherwise
    /// spend most of the test waiting for the disk. What is checked does not depend on it.
    static let scratch: String = access("/dev/shm", W_OK) == 0 ? "/dev/shm/" : NSTemporaryDirectory()

    // MARK: Generation

    static let templates: [[String]] = [
        [
            "log", "--date", "2026-03-03", "--exercise", "glute-bridge", "--sets", "3", "--reps", "10", "--pain-during", "1", "--pain-after", "2",
            "--note", "ok"
        ],
        ["log", "--date", "2026-03-04", "--exercise", "clamshell", "--side", "left", "--sets", "3", "--reps", "10", "--load-kg", "2.5"],
        ["log", "--date", "2026-03-04", "--exercise", "static-abduction-lying", "--side", "right", "--sets", "5", "--hold-seconds", "10"],
        ["log", "--date", "2026-05-02", "--run-stage", "1", "--minutes", "20", "--pain-during", "1"],
        ["checkin", "--date", "2026-03-04", "--morning-pain", "1", "--limping", "--red-flag", "night-pain"],
        ["clear-flags", "--date", "2026-03-05", "--seen-clinician", "--note", "GP"],
        ["test", "--date", "2026-03-03", "--name", "single-leg-stance", "--side", "left", "--value", "30", "--pain", "0"],
        ["score", "--date", "2026-03-03", "--score", "60"],
        ["status", "--as-of", "2026-03-05", "--json"], ["plan", "--as-of", "2026-03-05"], ["week", "--as-of", "2026-03-05", "--json"],
        ["advance", "--as-of", "2026-03-20", "--override", "Physio assessed strength in clinic"], ["advance", "--as-of", "2026-03-20"],
        ["history", "--from", "2026-03-01", "--to", "2026-03-10", "--json"],
        ["export", "--format", "csv", "--out", "export.csv"], ["export", "--format", "json", "--out", "export.json"],
        ["backup", "--out", "backup.sqlite"], ["backup", "--out", "backup.sqlite", "--force"], ["restore", "backup.sqlite"],
        ["init", "--start", "2026-03-02", "--side", "right", "--baseline-pain", "1"], ["program", "show"], ["program", "validate", "program.json"]
    ]
    static let optionNames = [
        "--date", "--exercise", "--side", "--sets", "--reps", "--hold-seconds", "--load-kg", "--pain-during", "--pain-after",
        "--note", "--run-stage", "--minutes", "--morning-pain", "--limping", "--red-flag", "--seen-clinician", "--name",
        "--value", "--pain", "--score", "--as-of", "--json", "--override", "--from", "--to", "--format", "--out", "--force",
        "--start", "--baseline-pain", "--program", "--dat", "-d", "--", "-", "--date=2026-03-03", "--sets=3", "--help", "-h"
    ]
    static let subcommands = [
        "log", "checkin", "clear-flags", "test", "score", "status", "plan", "week", "advance", "history", "export",
        "backup", "restore", "init", "program", "help", "LOG", "lgo", "validate", "show"
    ]
    /// Paths stay inside the test's folder (the working directory) or point nowhere.
    static let nastyValues: [String] = [
        "", " ", "-", "-1", "0", "1", "10", "11", "50", "51", "500", "501", "600", "601", "100000", "100001", "3.5", "1e3", "1e309", "-1e309",
        "nan", "NaN", "inf", "-inf", "-0", "+3", "0x10", "0b1", "007", "３", "٣", "999999999999999999999", "9223372036854775807",
        "-9223372036854775808", "9223372036854775808", "2026-02-29", "2024-02-29", "2026-13-01", "2026-00-10", "0000-00-00", "1899-12-31",
        "1900-01-01", "2999-12-31", "3000-01-01", "2026-3-2", "2026-03-02T10:00", "20260302", "２０２６-03-02", "2026-03-02\n",
        "left", "right", "both", "LEFT", "glute-bridge", "clamshell", "night-pain", "cannot-bear-weight", "single-leg-stance", "csv", "json",
        "xml", "é", "🦵🏽", "\u{FFFD}", "a\nb", "\r", "\t", "\u{1B}[2J\u{1B}[31mred", "\u{202E}txt.exe", "\u{0007}", "\u{7F}", "\u{85}",
        "\u{2028}", String(repeating: "9", count: 400), String(repeating: "x", count: 3000), String(repeating: "é", count: 2001),
        "backup.sqlite", "export.csv", "program.json", "data", "data/rehab.sqlite", "/nonexistent-rehab-fuzz/x", "missing.sqlite", "."
    ]
    static let wholeNumbers = [
        "0", "-1", "1", "2", "10", "11", "20", "21", "50", "51", "100", "101", "300", "301", "500", "501", "600",
        "601", "3600", "100000", "20001", "9223372036854775807", "-9223372036854775808", "007", "+3", "-0"
    ]
    static let typedValues: [(options: Set<String>, values: [String])] = [
        (
            [
                "--sets", "--reps", "--hold-seconds", "--pain-during", "--pain-after", "--run-stage", "--minutes", "--morning-pain", "--pain",
                "--score", "--baseline-pain"
            ], wholeNumbers
        ),
        (["--load-kg", "--value"], wholeNumbers + ["nan", "inf", "-inf", "1e309", "-1e309", "3.5", "1e3", "0.0000001", "99999.99", "500.0001"]),
        (
            ["--date", "--as-of", "--from", "--to", "--start"],
            [
                "2026-02-29", "2024-02-29", "2026-13-01", "2026-00-10", "0000-00-00", "1899-12-31",
                "1900-01-01", "2999-12-31", "3000-01-01", "2026-3-2", "2026-03-02T10:00", "20260302", "２０２６-03-02", "2026-03-01", "2026-03-02",
                "2026-03-03", "2027-03-02", "2026-12-31", "2026-03-02 ", ""
            ]
        ),
        (["--side"], ["left", "right", "both", "LEFT", "Left ", "", "l", "middle"]),
        (["--format"], ["csv", "json", "CSV", "xml", ""])
    ]
    static let plausibleValues = [
        "0", "1", "2", "3", "5", "7", "10", "20", "30", "60", "100", "2026-03-01", "2026-03-02", "2026-03-03",
        "2026-03-09", "2026-03-16", "2026-05-02", "2027-01-01", "left", "right", "both", "clamshell", "hip-hitch",
        "single-leg-stance", "night-pain", "csv", "json", "2.5", "0.5"
    ]
    static let invalidUTF8: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFE], [0x80]]

    /// One argument vector (without --data-dir), as bytes.
    static func generate(_ rng: inout SeededRandom) -> [[UInt8]] {
        var words = templates.randomElement(using: &rng)!.map { Array($0.utf8) }
        let mutations = Int.random(in: 0..<10, using: &rng) == 0 ? 0 : Int.random(in: 1...3, using: &rng)
        for _ in 0..<mutations {
            let at = words.isEmpty ? 0 : Int.random(in: 0..<words.count, using: &rng)
            // Weighted so that about half the lines get past the parser to rehab's own checks.
            let roll = Int.random(in: 0..<50, using: &rng)
            if words.isEmpty { words.append(Array(subcommands.randomElement(using: &rng)!.utf8)); continue }
            let dashes = Array("--".utf8)
            let values = words.indices.filter { $0 > 0 && !words[$0].starts(with: dashes) && words[$0 - 1].starts(with: dashes) }
            let options = words.indices.filter { $0 > 0 && words[$0].starts(with: dashes) }
            switch roll {
            case 0..<25:  // a value replaced, mostly by a nasty one of the option's own type
                let at = values.randomElement(using: &rng) ?? at
                let option = at > 0 ? String(decoding: words[at - 1], as: UTF8.self) : ""
                let typed = typedValues.first { $0.options.contains(option) }?.values
                words[at] = Array(((typed != nil && Int.random(in: 0..<4, using: &rng) > 0) ? typed! : nastyValues).randomElement(using: &rng)!.utf8)
            case 25..<30: words[values.randomElement(using: &rng) ?? at] = Array(plausibleValues.randomElement(using: &rng)!.utf8)
            case 30..<34: words[options.randomElement(using: &rng) ?? at] = Array(optionNames.randomElement(using: &rng)!.utf8)
            case 34..<38: words.remove(at: at)
            case 38..<41: words.insert(words[at], at: at)
            case 41..<44:
                words.insert(
                    Array((Bool.random(using: &rng) ? optionNames : nastyValues).randomElement(using: &rng)!.utf8),
                    at: Int.random(in: 0...words.count, using: &rng))
            case 44..<46: if words.count > 1 { words.swapAt(at, Int.random(in: 0..<words.count, using: &rng)) }
            case 46..<48: words[0] = Array(subcommands.randomElement(using: &rng)!.utf8)
            default:  // invalid UTF-8 inside a word
                let w = words[at]
                words[at].insert(contentsOf: invalidUTF8.randomElement(using: &rng)!, at: w.isEmpty ? 0 : Int.random(in: 0...w.count, using: &rng))
            }
        }
        // Commands that take the terminal are not for scripts; `help` and `--help` are fine.
        if let first = words.first.map({ String(decoding: $0, as: UTF8.self) }), ["ui", "timer", "generate-sample"].contains(first) {
            words[0] = Array("status".utf8)
        }
        return words
    }

    static func show(_ words: [[UInt8]]) -> String {
        words.map { w in
            let s = String(decoding: w, as: UTF8.self)
            let shown = s.count > 60 ? String(s.prefix(57)) + "..." : s
            return "\"" + shown.unicodeScalars.map { $0.isASCII && $0.value >= 32 ? String($0) : "\\u{\(String($0.value, radix: 16))}" }.joined()
                + "\""
        }.joined(separator: " ")
    }

    /// A folder with an enrolled patient, a backup and a program file, as the templates expect.
    static func prepare(_ folder: String) throws -> RehabProcess {
        let rehab = RehabProcess(dataDir: folder + "/data")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try rehab.enrol()
        for n in 0..<3 { try rehab.run(rehab.logArguments("seed \(n)", date: "2026-03-0\(n + 2)")) }
        try rehab.run(["backup", "--out", folder + "/backup.sqlite"])
        try rehab.run(["backup", "--out", folder + "/restorable.sqlite"])
        try ProgramLoader.defaultProgramText()!.write(toFile: folder + "/program.json", atomically: true, encoding: .utf8)
        return rehab
    }

    /// Every file under the folder, with its size: a refused command must leave this unchanged.
    static func listing(_ folder: String) -> [String] {
        let items = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String]) ?? []
        return items.filter { !$0.hasSuffix("-shm") && !$0.hasSuffix("-wal") && !$0.hasSuffix("current.txt") && !$0.hasSuffix("failures.txt") }
            .sorted().map { "\($0) \((try? FileManager.default.attributesOfItem(atPath: folder + "/" + $0)[.size] as? Int) ?? -1)" }
    }

    // MARK: In-process

    /// Starts this test bundle again, running only `inProcessWorker`, and reads what it found.
    @Test func thousandsOfCommandLinesInProcess() throws {
        let folder = Self.scratch + "rehab-fuzz-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try Self.prepare(folder)
        let me = RehabProcess(dataDir: folder + "/data")
        let running = try me.start(
            bytes: ["--testing-library", "swift-testing", "--filter", "inProcessWorker"].map { Array($0.utf8) },
            dataDirArgument: false, environment: ["REHAB_FUZZ_WORKER": folder, "HOME": folder],
            executable: URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path)
        let result = running.finish()
        let current = (try? String(contentsOfFile: folder + "/current.txt", encoding: .utf8)) ?? "?"
        #expect(result.signal == 0, "the in-process fuzz crashed (signal \(result.signal)) on: \(current)")
        let failures = ((try? String(contentsOfFile: folder + "/failures.txt", encoding: .utf8)) ?? "").split(separator: "\n")
        for failure in failures.prefix(20) { Issue.record("\(failure)") }
        let summary = (try? String(contentsOfFile: folder + "/summary.txt", encoding: .utf8)) ?? ""
        #expect(!summary.isEmpty, "the worker did not finish: exit \(result.status), \(result.stdout.suffix(2000))")
        #expect(result.status == 0 || !failures.isEmpty, "worker exit \(result.status): \(result.stdout.suffix(2000))")
        print("command-line fuzz in-process: \(summary)")
    }

    @Test(.enabled(if: workerFolder != nil, "runs only inside thousandsOfCommandLinesInProcess"))
    func inProcessWorker() throws {
        let folder = try #require(Self.workerFolder)
        // Relative paths in the generated arguments land in the test's folder.
        FileManager.default.changeCurrentDirectoryPath(folder)
        let data = folder + "/data"
        let failuresFile = folder + "/failures.txt"
        _ = FileManager.default.createFile(atPath: failuresFile, contents: nil)
        let failures = try FileHandle(forWritingTo: URL(fileURLWithPath: failuresFile))
        func fail(_ words: [[UInt8]], _ what: String) {
            failures.write(Data("\(what) — for: rehab \(Self.show(words))\n".utf8))
        }
        var config = Configuration()
        config.readonly = true
        // A separate read-only connection, to see the data as the next command would.
        func openWitness() throws -> DatabaseQueue { try DatabaseQueue(path: data + "/rehab.sqlite", configuration: config) }
        var witness = try openWitness()
        // Everything the patient logged, as text. (Any command opening the store commits an empty
        // transaction while GRDB sets up WAL mode, so "did anything commit" is not the question.)
        func contents() -> String {
            (try? witness.read { db in
                try ["enrolment", "program", "exerciseEntry", "runEntry", "checkIn", "testResult", "phaseChange", "flagClearance", "outcomeScore"]
                    .map { table in
                        "\(table): " + (try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid")).map(\.description).joined(separator: "; ")
                    }
                    .joined(separator: "\n")
            }) ?? "unreadable"
        }

        var rng = SeededRandom(seed: 20261124)
        var accepted = 0, refused = 0, parseErrors = 0, ruleRefusals = 0, validateSkipped = 0
        var parseTime = 0.0, runTime = 0.0, checkTime = 0.0, listTime = 0.0
        let began = monotonicSeconds()
        for _ in 0..<Self.inProcessRuns {
            let words = Self.generate(&rng)
            try Self.show(words).write(toFile: folder + "/current.txt", atomically: false, encoding: .utf8)
            // Arguments reach Swift as CommandLine.arguments does: invalid UTF-8 becomes U+FFFD.
            let args = words.map { String(decoding: $0, as: UTF8.self) } + ["--data-dir", data]
            let tl = monotonicSeconds()
            let listingBefore = Self.listing(folder)
            listTime += monotonicSeconds() - tl
            var contentsBefore: String?
            var message: String?
            var exitCode: Int32 = 0
            let t0 = monotonicSeconds()
            do {
                var command = try RehabCommand.parseAsRoot(args)
                parseTime += monotonicSeconds() - t0
                // `program validate` lists a bad file's errors and exits by itself: binary runs only.
                if command is ProgramCommand.Validate { validateSkipped += 1; continue }
                contentsBefore = contents()
                let t1 = monotonicSeconds()
                defer { runTime += monotonicSeconds() - t1 }
                do {
                    try command.run()
                    accepted += 1
                    // A restore replaces the file the witness has open.
                    try witness.close()
                    witness = try openWitness()
                    continue
                } catch let e as UserError {
                    message = e.description; exitCode = e.exitCode
                } catch let e as StoreError {
                    message = e.description; exitCode = 2
                } catch {
                    if RehabCommand.exitCode(for: error) == .success { accepted += 1; continue }  // help
                    fail(words, "run() threw \(type(of: error)) instead of a one-sentence error: \(error)")
                    continue
                }
            } catch {
                parseTime += monotonicSeconds() - t0
                parseErrors += 1
                refused += 1
                // The parser cannot have written anything. Its message costs ArgumentParser ~12 ms to
                // build in a debug build, so one in three is checked here; the binary runs check all.
                guard parseErrors % 3 == 0 else { continue }
                if RehabCommand.exitCode(for: error) == .success { refused -= 1; accepted += 1; continue }
                message = RehabCommand.usageMessage(for: error); exitCode = 1
                let printed = RehabCommand.printable(message ?? "")
                if printed.trimmingCharacters(in: .whitespaces).isEmpty || printed.contains(where: { $0.isNewline }) || printed.count > 700 {
                    fail(words, "parser message is not one short line: \(printed)")
                }
                continue
            }
            refused += 1
            if exitCode == 3 { ruleRefusals += 1 }
            let printed = RehabCommand.printable(message ?? "", keepingLines: exitCode == 3)
            if printed.trimmingCharacters(in: .whitespaces).isEmpty { fail(words, "empty message") }
            if exitCode != 3 && printed.contains(where: { $0.isNewline }) { fail(words, "message is not one line: \(printed)") }
            if printed.count > 700 { fail(words, "message of \(printed.count) characters") }
            if ![1, 2, 3].contains(exitCode) { fail(words, "exit code \(exitCode)") }
            let t2 = monotonicSeconds()
            if let contentsBefore, contents() != contentsBefore { fail(words, "refused (\(printed)) but the data changed") }
            let listingAfter = Self.listing(folder)
            if listingAfter != listingBefore {
                fail(words, "refused (\(printed)) but files changed: \(Set(listingAfter).symmetricDifference(listingBefore))")
            }
            checkTime += monotonicSeconds() - t2
        }
        try
            "\(Self.inProcessRuns) command lines: \(accepted) accepted, \(refused) refused (\(parseErrors) by the parser, \(ruleRefusals) by the program's rules), \(validateSkipped) program-validate lines parsed only, 0 crashes; seconds parsing \(Int(parseTime)), running \(Int(runTime)), checking \(Int(checkTime)), listing \(Int(listTime)), total \(Int(monotonicSeconds() - began))"
            .write(toFile: folder + "/summary.txt", atomically: true, encoding: .utf8)
    }

    // MARK: Through the binary

    /// `rehab program validate FILE` on a bad file lists every error, one per line, and exits 1:
    /// a report asked for, not a refusal.
    static func isValidationReport(_ words: [[UInt8]], _ r: RehabProcess.Result) -> Bool {
        guard words.count >= 2, words[0] == Array("program".utf8), words[1] == Array("validate".utf8), r.status == 1,
            let first = r.stderrLines.first, first.hasPrefix("rehab: "), first.contains(" error"), first.hasSuffix(":")
        else { return false }
        return r.stderrLines.dropFirst().allSatisfy { $0.hasPrefix("  ") && $0.count < 600 }
    }

    @Test func hundredsOfRawCommandLinesThroughTheBinary() throws {
        let folder = Self.scratch + "rehab-fuzzbin-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rehab = try Self.prepare(folder)
        var rng = SeededRandom(seed: 77)
        let lock = NSLock()
        nonisolated(unsafe) var problems: [String] = []
        nonisolated(unsafe) var counts = (accepted: 0, refused: 0)
        let inputs = (0..<Self.binaryRuns).map { _ in Self.generate(&rng) }
        // Two at a time: also concurrent use of one folder.
        DispatchQueue.concurrentPerform(iterations: 2) { lane in
            for words in inputs.enumerated().filter({ $0.offset % 2 == lane }).map({ $0.element }) {
                do {
                    let running = try rehab.start(bytes: words)
                    let r = running.finish()
                    lock.lock(); defer { lock.unlock() }
                    if r.signal != 0 { problems.append("crashed with signal \(r.signal): rehab \(Self.show(words))"); continue }
                    if r.status == 0 { counts.accepted += 1; continue }
                    counts.refused += 1
                    if ![1, 2, 3].contains(r.status) { problems.append("exit \(r.status): rehab \(Self.show(words)): \(r.stderr)") }
                    if Self.isValidationReport(words, r) { continue }
                    if r.status != 3 && r.stderrLines.count != 1 {
                        problems.append("\(r.stderrLines.count) lines: rehab \(Self.show(words)): \(r.stderr)")
                    }
                    if !r.stderr.hasPrefix("rehab: ") { problems.append("unexpected message: rehab \(Self.show(words)): \(r.stderr)") }
                    if r.stderr.count > 720 { problems.append("\(r.stderr.count) characters: rehab \(Self.show(words))") }
                } catch {
                    lock.lock(); problems.append("could not run: \(error)"); lock.unlock()
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.count) problems, first: \(problems.prefix(5))")
        #expect(counts.accepted > 0 && counts.refused > 0)
        #expect(try rehab.integrityCheck() == ["ok"])
        print(
            "command-line fuzz through the binary: \(inputs.count) raw command lines, \(counts.accepted) accepted, \(counts.refused) refused, \(problems.count) problems"
        )
    }
}

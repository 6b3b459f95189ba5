import Foundation
import TestSupport
import Testing
import RehabCore
@testable import rehab

/// Issue 11, hostile input: text that is a formula, an escape sequence or markup; dates and files
/// far too large; numbers that are not what they look like; messages that do not say what is wrong.
/// Each test goes through the binary, as a patient or a clinician's file would.
@Suite struct HostileInputTests {
    static let escape = "\u{1B}]52;c;aGk=\u{07}\u{1B}[2J"

    /// The default program as a file, changed by `edit`, saved in the test's folder.
    func programFile(_ rehab: RehabProcess, _ name: String, _ edit: (inout [String: Any]) -> Void) throws -> String {
        let shown = try RehabProcess(label: "program").run(["program", "show", "--json"])
        var program = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        edit(&program)
        let path = rehab.folder + "/" + name
        try JSONSerialization.data(withJSONObject: program, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: path))
        return path
    }

    func export(_ rehab: RehabProcess) throws -> String { try rehab.run(["export", "--format", "json"]).stdout }

    /// The JSON export of a patient enrolled on 2026-03-02 with one entry noted `note`, on 2026-03-03.
    func exportOfOneEntry(_ note: String) throws -> String {
        let source = RehabProcess(label: "hostile")
        try source.enrol(logging: note)
        return try export(source)
    }

    func importFile(_ rehab: RehabProcess, _ text: String, _ name: String = "import.json") throws -> RehabProcess.Result {
        let path = rehab.folder + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return try rehab.run(["import", path])
    }

    // MARK: 5. import --merge never re-judges days already judged

    @Test func importCannotBringAProgramChangeOverDaysAlreadyJudged() throws {
        let mine = RehabProcess(label: "hostile"), other = RehabProcess(label: "hostile")
        try mine.enrol()
        try other.enrol()
        // On the other computer a stricter program was adopted from the second day.
        let strict = try programFile(other, "strict.json") { p in
            p["version"] = 2
            var zones = p["painZones"] as! [String: Any]
            zones["greenMaxDuring"] = 0; zones["amberMaxDuring"] = 0
            p["painZones"] = zones
        }
        #expect(try other.run(["program", "use", strict, "--from", "2026-03-03"]).status == 0)
        // Here, days already judged green with pain 1 under the default program.
        for day in ["2026-03-03", "2026-03-04", "2026-03-05"] {
            #expect(
                try mine.run(["log", "--date", day, "--exercise", "glute-bridge", "--sets", "3", "--reps", "10", "--pain-during", "1"]).status == 0)
        }
        let before = try export(mine)
        let result = try importFile(mine, try export(other), "other.json")
        let merged = try mine.run(["import", mine.folder + "/other.json", "--merge"])
        for r in [result, merged] {
            #expect(r.status == 1, "\(r.stderr)")
            #expect(r.stderr.contains("takes effect on 2026-03-03, but your data already holds days up to 2026-03-05"), "\(r.stderr)")
            #expect(r.stderrLines.count == 1)
        }
        #expect(try export(mine) == before)
        #expect(try mine.run(["status", "--as-of", "2026-03-06", "--json"]).json["paused"] as? Bool == false)
    }

    // MARK: 6. CSV formula injection

    @Test func csvTextCellsThatLookLikeFormulasAreQuotedAndNumbersAreNot() throws {
        let rehab = RehabProcess(label: "hostile")
        try rehab.enrol()
        let notes = ["=HYPERLINK(\"http://x.test\",\"click\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\tlead tab", "\rlead cr", "fine - text"]
        for note in notes {
            let r = try rehab.run([
                "log", "--date", "2026-03-03", "--exercise", "glute-bridge", "--sets", "1", "--reps", "10",
                "--load-kg", "2.5", "--note=\(note)"
            ])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let csv = try rehab.run(["export", "--format", "csv"]).stdout
        // The note is followed by the planned and ended columns, empty for sets done as prescribed.
        let rows = csv.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map { String($0.dropLast(2)) }
        #expect(rows.count == notes.count)
        #expect(rows[0].hasSuffix(",\"'=HYPERLINK(\"\"http://x.test\"\",\"\"click\"\")\""), "\(rows[0])")
        #expect(rows[1].hasSuffix(",'+cmd|' /C calc'!A0"), "\(rows[1])")
        #expect(rows[2].hasSuffix(",'-2+3"))
        #expect(rows[3].hasSuffix(",'@SUM(1)"))
        #expect(rows[4].hasSuffix(",'\tlead tab"))
        #expect(rows[5].hasSuffix(",\"'\rlead cr\""))
        #expect(rows[6].hasSuffix(",fine - text"))
        // Numeric columns are left alone: sets 1 to 7 of the day, 10 reps, 2.5 kg.
        #expect(rows.enumerated().allSatisfy { $1.hasPrefix("2026-03-03,exercise,glute-bridge,,\($0 + 1),10,,2.5,") })
        // The JSON export keeps every note exactly as written.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(export(rehab).utf8)) as? [String: Any])
        #expect((json["exercises"] as? [[String: Any]])?.compactMap { $0["note"] as? String } == notes)
    }

    // MARK: 7. Terminal escapes in text output

    @Test func textOutputShowsControlCharactersEscapedAndJSONKeepsThemExactly() throws {
        let rehab = RehabProcess(label: "hostile")
        try rehab.enrol()
        let evilName = "Hip" + Self.escape
        let file = try programFile(rehab, "evil.json") { p in
            p["name"] = evilName
            var phases = p["phases"] as! [[String: Any]]
            phases[0]["name"] = "Activation" + Self.escape
            var exercises = phases[0]["exercises"] as! [[String: Any]]
            exercises[0]["name"] = "Bridge" + Self.escape
            phases[0]["exercises"] = exercises
            p["phases"] = phases
        }
        #expect(try rehab.run(["program", "use", file, "--from", "2026-03-02"]).status == 0)
        let id = "glute-bridge"
        let log = try rehab.run(["log", "--date", "2026-03-03", "--exercise", id, "--sets", "3", "--reps", "10", "--note", "ok" + Self.escape])
        #expect(log.status == 0, "\(log.stderr)")
        var outputs = [log]
        for args in [
            ["history"], ["status", "--as-of", "2026-03-03"], ["plan", "--as-of", "2026-03-03"], ["program", "show"],
            ["report", "--to", "2026-03-03", "--format", "md"], ["report", "--to", "2026-03-03", "--format", "html"]
        ] {
            let r = try rehab.run(args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            outputs.append(r)
        }
        for r in outputs {
            #expect(!r.stdout.contains("\u{1B}") && !r.stdout.contains("\u{07}"), "\(r.stdout)")
        }
        // `log` says the exercise's name in lowercase.
        #expect(outputs[0].stdout.contains("bridge\\u{1B}]52;c;agk=\\u{7}\\u{1B}[2j"), "\(outputs[0].stdout)")
        #expect(outputs[1].stdout.contains("ok\\u{1B}]52;c;aGk=\\u{7}\\u{1B}[2J"), "\(outputs[1].stdout)")
        // JSON is exact: the encoder escapes, and decoding gives back every byte.
        let status = try rehab.run(["status", "--as-of", "2026-03-03", "--json"])
        #expect((status.json["program"] as? [String: Any])?["name"] as? String == evilName)
        #expect(status.stdout.contains("Hip\\u001b]52;c;aGk=\\u0007\\u001b[2J"), "\(status.stdout)")
        let history = try rehab.run(["history", "--json"])
        let days = history.json["days"] as? [[String: Any]]
        #expect((days?.first?["exercises"] as? [[String: Any]])?.first?["note"] as? String == "ok" + Self.escape)
    }

    // MARK: 8. Markdown and HTML reports escape every program-file field

    @Test func reportsEscapeTheOutcomeNameAndEveryOtherProgramField() throws {
        let rehab = RehabProcess(label: "hostile")
        try rehab.enrol()
        let hostile = "VISA-G <img src=x onerror=alert(1)>\n# Injected"
        let file = try programFile(rehab, "outcome.json") { p in
            var outcome = p["outcome"] as! [String: Any]
            outcome["name"] = hostile
            p["outcome"] = outcome
            var phases = p["phases"] as! [[String: Any]]
            phases[0]["name"] = "Act <b>ivation</b>\n## Phase"
            p["phases"] = phases
            p["name"] = "Program <script>x</script>\n# Name"
        }
        #expect(try rehab.run(["program", "use", file, "--from", "2026-03-02"]).status == 0)
        #expect(try rehab.run(["score", "--date", "2026-03-03", "--score", "60"]).status == 0)
        let md = try rehab.run(["report", "--to", "2026-03-04", "--format", "md"])
        #expect(md.status == 0, "\(md.stderr)")
        // Every < of the file's text is escaped, and no line of it became a heading of its own.
        let text = Array(md.stdout)
        #expect(!text.indices.contains { text[$0] == "<" && ($0 == 0 || text[$0 - 1] != "\\") }, "\(md.stdout)")
        let lines = md.stdout.split(separator: "\n")
        #expect(!lines.contains { $0 == "# Injected" || $0 == "# Name" || $0 == "## Phase" })
        #expect(lines.contains { $0.hasPrefix("## VISA-G \\<img src=x onerror=alert(1)\\> \\# Injected (0-100") }, "\(md.stdout)")
        let html = try rehab.run(["report", "--to", "2026-03-04", "--format", "html"])
        #expect(html.status == 0)
        #expect(!html.stdout.contains("<img") && !html.stdout.contains("<b>ivation") && !html.stdout.contains("<script>"))
        #expect(html.stdout.contains("VISA-G &lt;img src=x onerror=alert(1)&gt;"))
    }

    // MARK: 10. Date windows and import limits

    @Test func daysFarFromTheProgramAreRefusedWithTheWindow() throws {
        let rehab = RehabProcess(label: "hostile")
        let start = try rehab.run(["init", "--start", "2999-12-31"])
        #expect(start.status == 1)
        #expect(start.stderr.contains("--start 2999-12-31 is outside the days rehab accepts: from "), "\(start.stderr)")
        #expect(start.stderr.contains("(ten years ago) to ") && start.stderr.contains("(a year from today)"))
        #expect(!FileManager.default.fileExists(atPath: rehab.database))
        try rehab.enrol()
        for args in [
            ["status", "--as-of", "2999-12-31"], ["plan", "--as-of", "2999-12-31"], ["week", "--as-of", "2999-12-31"],
            ["advance", "--as-of", "2999-12-31"], ["report", "--to", "2999-12-31", "--format", "html"],
            ["status", "--as-of", "9999-12-31"], ["status", "--as-of", "0001-01-01"],
            [
                "log", "--date", "2999-12-31",
                "--exercise", "glute-bridge", "--sets", "3", "--reps", "10"
            ]
        ] {
            let r = try rehab.run(args)
            #expect(r.status == 1, "\(args)")
            #expect(r.stderr.contains("is outside the days rehab accepts") && r.stderr.contains("a year from today"), "\(args): \(r.stderr)")
            #expect(!r.stderr.contains("not a date on the calendar"))
        }
        // The day before the start: the program has not started, it is not "day 0".
        let early = try rehab.run(["status", "--as-of", "2026-03-01"])
        #expect(early.status == 1)
        #expect(
            early.stderr == "rehab: --as-of 2026-03-01 is before your program starts, on 2026-03-02; give a day from then on.\n", "\(early.stderr)")
    }

    @Test func importRefusesEntriesInTheFutureAndFilesTooLarge() throws {
        let exported = try exportOfOneEntry("a note")
        let target = RehabProcess(label: "hostile")
        let future = try importFile(target, exported.replacingOccurrences(of: "\"2026-03-03\"", with: "\"2999-12-31\""))
        #expect(future.status == 1)
        #expect(future.stderr.contains("exercises[0].date 2999-12-31 is in the future (today is "), "\(future.stderr)")
        // Tomorrow too: one rule for every path, entries are dated no later than today.
        let tomorrow = Day.today(in: .current, at: Date()) + 1
        let early = try importFile(target, exported.replacingOccurrences(of: "\"2026-03-03\"", with: "\"\(tomorrow.iso)\""), "tomorrow.json")
        #expect(early.status == 1)
        #expect(early.stderr.contains("exercises[0].date \(tomorrow.iso) is in the future"), "\(early.stderr)")
        let merged = try target.run(["import", "--merge", target.folder + "/tomorrow.json"])
        #expect(merged.status == 1, "\(merged.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target.database))
        // A file over the size limit is refused from its size, without reading it.
        let huge = target.folder + "/huge.json"
        #expect(FileManager.default.createFile(atPath: huge, contents: nil))
        #expect(truncate(huge, 200 * 1024 * 1024) == 0)
        let big = try target.run(["import", huge])
        #expect(big.status == 1)
        #expect(
            big.stderr == "rehab: Cannot read the export file \(huge): it is 200 MB, over the 32 MB such a file may be; nothing was read.\n",
            "\(big.stderr)")
        // Too many entries in a small file.
        let many =
            "{\"format\": \"rehab-export\", \"version\": 2, \"checkIns\": [" + Array(repeating: "0", count: 100_001).joined(separator: ",") + "]}"
        let crowded = try importFile(target, many, "many.json")
        #expect(crowded.status == 1)
        #expect(crowded.stderr.contains("too large to import: checkIns lists 100001 items; rehab imports at most 100000"), "\(crowded.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target.database))
    }

    // MARK: 11. Messages that name the field and what is expected

    @Test func importErrorsNameTheFieldAndWhatIsExpected() throws {
        let text = try exportOfOneEntry("a note")
        let target = RehabProcess(label: "hostile")
        let cases: [(String, String)] = [
            (text.replacingOccurrences(of: "\"sets\" : 3", with: "\"sets\" : 8.5"), "(exercises[0].sets): expected a whole number, found 8.5"),
            (
                text.replacingOccurrences(of: "\"sets\" : 3", with: "\"sets\" : 9223372036854775808"),
                "(exercises[0].sets): expected a whole number of a sensible size, found a number too large"
            ),
            (text.replacingOccurrences(of: "\"sets\" : 3", with: "\"sets\" : 1e400"), "expected a number of a sensible size"),
            (
                text.replacingOccurrences(of: "\"sets\" : 3", with: "\"sets\" : \"3\""),
                "(exercises[0].sets): expected a whole number, found text \"3\""
            ),
            // What only the decoder finds is on its line too.
            (text.replacingOccurrences(of: "\"exerciseID\"", with: "\"exercise\""), "(exercises[0].exerciseID): is missing"),
            (
                text.replacingOccurrences(of: "\"exerciseID\"", with: "\"side\" : \"middle\", \"exerciseID\""),
                "(exercises[0].side): expected one of \"left\", \"right\"; found \"middle\""
            )
        ]
        for (file, expected) in cases {
            let r = try importFile(target, file)
            #expect(r.status == 1)
            #expect(r.stderr.contains(expected), "\(r.stderr)")
            #expect(r.stderr.contains("line "), "\(r.stderr)")
            #expect(!r.stderr.contains("not valid JSON") && !r.stderr.contains("Cannot initialize"))
        }
        var bytes = Array(text.utf8)
        bytes.insert(0xFF, at: bytes.firstIndex(of: UInt8(ascii: "2"))!)
        let path = target.folder + "/latin.json"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let latin = try target.run(["import", path])
        #expect(latin.status == 1)
        #expect(latin.stderr.contains("is not UTF-8 text here; save it as UTF-8"), "\(latin.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target.database))
    }

    @Test func aHugeWholeNumberInAProgramIsCalledTooLargeNotWrittenAsAFloat() throws {
        let rehab = RehabProcess(label: "hostile")
        let file = try programFile(rehab, "sets.json") { p in
            var phases = p["phases"] as! [[String: Any]]
            var exercises = phases[0]["exercises"] as! [[String: Any]]
            exercises[0]["sets"] = 4_611_686_018_427_387_904
            phases[0]["exercises"] = exercises
            p["phases"] = phases
        }
        let r = try rehab.run(["program", "validate", file])
        #expect(r.status == 1)
        #expect(
            r.stderr.contains("(phases[0].exercises[0].sets): expected a whole number of a sensible size, found a number too large"), "\(r.stderr)")
        #expect(!r.stderr.contains("e+18"))
    }

    @Test func aMissingOrDumbTerminalTypeIsExplained() throws {
        let rehab = RehabProcess(label: "hostile")
        try rehab.enrol()
        let unset = try rehab.run([], environment: ["TERM": ""])
        #expect(unset.status == 1)
        #expect(unset.stderr.hasPrefix("rehab: TERM is not set: set it to your terminal type, for example TERM=xterm-256color"), "\(unset.stderr)")
        let dumb = try rehab.run(["timer", "--tempo", "5-2-5"], environment: ["TERM": "dumb"])
        #expect(dumb.status == 1)
        #expect(dumb.stderr.hasPrefix("rehab: TERM=dumb cannot show the full-screen program"), "\(dumb.stderr)")
    }

    /// A full disk cannot be made on demand without mounting one; the translation of the error is
    /// what decides the message and the exit code.
    @Test func aFullDiskIsSaidAsSuchWithExit2() {
        let full = writeFailure("/tmp/x/export.csv", errno: ENOSPC)
        #expect(full.exitCode == 2)
        #expect(full.description == "Cannot write /tmp/x/export.csv: the disk is full; free some space and try again. Nothing was written.")
        #expect(writeFailure("x", errno: EDQUOT).exitCode == 2)
        #expect(writeFailure("x", errno: EROFS).exitCode == 2)
        #expect(writeFailure("x", errno: ENOENT).exitCode == 1)
        #expect(writeFailure("x", errno: ENOENT).description.contains("check the folder exists"))
    }

    // MARK: 12. Accepted but should not be

    @Test func decimalOptionsAcceptDigitsAndADecimalPointOnly() throws {
        for good in ["0", "12", "2.5", ".5", "007", "99999.99"] { #expect(StrictDecimal(argument: good) != nil, "\(good)") }
        for bad in ["0x10", "1e3", "+3", "-1", "nan", "inf", "1.2.3", "", ".", "３", "1_000", " 1"] {
            #expect(StrictDecimal(argument: bad) == nil, "\(bad)")
        }
        #expect(StrictDecimal(argument: "0x10")?.value == nil)
        let rehab = RehabProcess(label: "hostile")
        try rehab.enrol()
        let hex = try rehab.run(["test", "--date", "2026-03-03", "--name", "single-leg-stance", "--side", "left", "--value", "0x10", "--pain", "0"])
        #expect(hex.status == 1)
        #expect(hex.stderr.contains("'0x10' is invalid for '--value"), "\(hex.stderr)")
        let days = try rehab.run(["history", "--json"]).json["days"] as? [Any]
        #expect(days?.isEmpty == true, "nothing was recorded")
    }

    @Test func anOverrideReasonIsCappedLikeANote() throws {
        let rehab = RehabProcess(label: "hostile")
        try rehab.enrol()
        let r = try rehab.run(["advance", "--as-of", "2026-03-03", "--override", "advance " + String(repeating: "x", count: 100_000)])
        #expect(r.status == 1)
        #expect(r.stderr == "rehab: --override is too long (over 2000 characters); a short reason is enough.\n", "\(r.stderr)")
        #expect(try rehab.run(["status", "--as-of", "2026-03-03", "--json"]).json["phase"] as? String == "activation")
        // The clinician's note on a visit has the same cap.
        let visit = try rehab.run(["clear-flags", "--date", "2026-03-03", "--seen-clinician", "--note", String(repeating: "x", count: 2001)])
        #expect(visit.status == 1)
        #expect(visit.stderr == "rehab: --note is too long (over 2000 characters).\n", "\(visit.stderr)")
    }

    @Test func aProgramWithoutRedFlagsOrWithAnUnclosedCommentIsRefusedWithItsLine() throws {
        let rehab = RehabProcess(label: "hostile")
        let noFlags = try programFile(rehab, "no-flags.json") { $0["redFlags"] = [] as [Any] }
        let text = try String(contentsOfFile: noFlags, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("\"redFlags\"") }! + 1
        let r = try rehab.run(["program", "validate", noFlags])
        #expect(r.status == 1)
        #expect(r.stderr.contains("line \(line) (redFlags): must list at least one red-flag question"), "\(r.stderr)")
        #expect(try rehab.run(["init", "--start", "2026-03-02", "--program", noFlags]).status == 1)

        let valid = try programFile(rehab, "valid.json") { _ in }
        let unclosed = rehab.folder + "/unclosed.json"
        let lines = try String(contentsOfFile: valid, encoding: .utf8).split(separator: "\n").count
        try (try String(contentsOfFile: valid, encoding: .utf8) + "\n  /* a note the clinician never closed\n").write(
            toFile: unclosed, atomically: true, encoding: .utf8)
        let u = try rehab.run(["program", "validate", unclosed])
        #expect(u.status == 1)
        #expect(u.stderr.contains("line \(lines + 1), column 3: a /* comment starts here and is never closed with */"), "\(u.stderr)")
        #expect(try rehab.run(["init", "--start", "2026-03-02", "--program", unclosed]).status == 1)
    }

    @Test func aNulInsideAnImportedNoteOrARepeatedKeyIsRefusedWithItsPath() throws {
        let text = try exportOfOneEntry("before after")
        let target = RehabProcess(label: "hostile")
        let nul = try importFile(target, text.replacingOccurrences(of: "\"before after\"", with: "\"before\\u0000after\""))
        #expect(nul.status == 1)
        #expect(nul.stderr.contains("(exercises[0].note): holds a NUL character"), "\(nul.stderr)")
        let repeated = try importFile(target, text.replacingOccurrences(of: "\"sets\" : 3", with: "\"sets\" : 3, \"sets\" : 50"))
        #expect(repeated.status == 1)
        #expect(repeated.stderr.contains("(exercises[0].sets): appears twice in the same object; keep one"), "\(repeated.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target.database))
        // The file itself imports.
        #expect(try importFile(target, text).status == 0)
    }
}

import Foundation
import Testing
import TestSupport

/// `rehab today`, the line for a shell prompt, through the binary. It reads a verdict every write
/// keeps (the todayGlance table, and its copy in the file rehab.sqlite-today): after each kind of write
/// it must say what a full evaluation says, from the file, from the row with the file removed, and
/// with the row deleted too (which makes it evaluate in full).
@Suite struct TodayTests {
    /// Today on this computer's calendar, as the binary reads it (the C library's local time).
    static let today: String = {
        var now = time(nil), parts = tm()
        localtime_r(&now, &parts)
        return String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }()
    func d(_ offset: Int) -> String { date(offset, from: Self.today) }

    func patient(daysAgo: Int = 9) throws -> RehabProcess {
        let rehab = RehabProcess(label: "today")
        try ok(rehab, ["init", "--start", d(-daysAgo), "--side", "right", "--baseline-pain", "1"])
        return rehab
    }

    /// Runs a program other than rehab (sqlite3, flock) and returns its standard output.
    @discardableResult
    func tool(_ args: [String], in folder: String) throws -> String {
        let out = folder + "/tool-\(UUID().uuidString.prefix(8))"
        defer { unlink(out) }
        let pid = try TestSpawn.start(args.map { Array($0.utf8) }, environment: ProcessInfo.processInfo.environment, stdout: out, stderr: nil)
        _ = TestSpawn.wait(pid)
        return (try? String(contentsOfFile: out, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    /// `today --json` read from the kept file, and from the kept row, equals the one evaluated in
    /// full, and its counts are those of `plan --json` for today.
    func agrees(_ rehab: RehabProcess, after what: String) throws {
        let kept = try tool(["sqlite3", rehab.database, "SELECT count(*) FROM todayGlance WHERE day = '\(Self.today)'"], in: rehab.folder)
        #expect(kept == "1", "after \(what): no verdict kept for today")
        let file = rehab.database + "-today"
        #expect(FileManager.default.fileExists(atPath: file), "after \(what): no copy for the prompt")
        let fromFile = try ok(rehab, ["today", "--json"])
        unlink(file)
        let fromRow = try ok(rehab, ["today", "--json"])
        try tool(["sqlite3", rehab.database, "DELETE FROM todayGlance"], in: rehab.folder)
        let evaluated = try ok(rehab, ["today", "--json"])
        #expect(fromFile.stdout == evaluated.stdout, "after \(what), from the file")
        #expect(fromRow.stdout == evaluated.stdout, "after \(what), from the row")
        #expect(evaluated.json["date"] as? String == Self.today)
        let items = try ok(rehab, ["plan", "--as-of", Self.today, "--json"]).json["exercises"] as? [[String: Any]] ?? []
        #expect(evaluated.json["planned"] as? Int == items.count, "after \(what): \(evaluated.stdout)")
        #expect(evaluated.json["done"] as? Int == items.filter { $0["done"] as? Bool == true }.count, "after \(what): \(evaluated.stdout)")
    }

    /// Logs every exercise of the day's plan in full, as prescribed: a day that counts as a session.
    func fullSession(_ rehab: RehabProcess, _ day: String) throws {
        let items = try ok(rehab, ["plan", "--as-of", day, "--json"]).json["exercises"] as? [[String: Any]] ?? []
        #expect(!items.isEmpty)
        for item in items {
            let id = item["id"] as? String ?? "", sets = item["sets"] as? Int ?? 0
            let dose = (item["reps"] as? Int).map { ["--reps", "\($0)"] } ?? ["--hold-seconds", "\(item["holdSeconds"] as? Int ?? 0)"]
            let sides: [String?] =
                switch item["sides"] as? String {
                case "each": ["left", "right"];
                case "both": [nil];
                case let side: [side]
                }
            for side in sides {
                try ok(
                    rehab,
                    ["log", "--date", day, "--exercise", id, "--sets", "\(sets)"] + dose + (side.map { ["--side", $0] } ?? [])
                        + ["--pain-during", "0", "--pain-after", "0"])
            }
        }
    }

    @Test func agreesWithAFullEvaluationAfterEveryKindOfWrite() throws {
        let rehab = try patient()
        try agrees(rehab, after: "init")
        try ok(rehab, ["log", "--date", d(-1), "--exercise", "glute-bridge", "--sets", "3", "--reps", "10", "--pain-during", "1"])
        try agrees(rehab, after: "a session yesterday")
        #expect(try ok(rehab, ["today"]).stdout.hasSuffix(", check-in due\n"))
        try ok(rehab, ["checkin", "--date", d(0), "--morning-pain", "1"])
        try agrees(rehab, after: "this morning's check-in")
        try ok(rehab, ["log", "--date", d(0), "--exercise", "glute-bridge", "--sets", "3", "--reps", "10", "--pain-during", "1", "--pain-after", "1"])
        try agrees(rehab, after: "a log today")
        #expect(try ok(rehab, ["today", "--json"]).json["done"] as? Int == 1)
        try ok(rehab, ["checkin", "--date", d(0), "--morning-pain", "1", "--red-flag", "hot-swollen-hip"])
        try agrees(rehab, after: "a red flag")
        #expect(try ok(rehab, ["today"]).stdout == "hip: STOPPED, see your physio\n")
        try ok(rehab, ["clear-flags", "--date", d(0), "--seen-clinician"])
        try agrees(rehab, after: "clear-flags")

        let shown = try ok(rehab, ["program", "show", "--json"]).stdout
        let revised = rehab.folder + "/revised.json"
        try shown.replacingOccurrences(of: "\"version\" : 2", with: "\"version\" : 3")
            .write(toFile: revised, atomically: true, encoding: .utf8)
        try ok(rehab, ["program", "use", revised, "--from", d(-2)])
        try agrees(rehab, after: "a program change")

        let backup = rehab.folder + "/backup.sqlite"
        try ok(rehab, ["backup", "--out", backup])
        try ok(rehab, ["log", "--date", d(0), "--exercise", "hip-circles", "--side", "right", "--sets", "2", "--reps", "8"])
        try agrees(rehab, after: "a log after the backup")
        try ok(rehab, ["restore", backup])
        try agrees(rehab, after: "restore")

        let export = rehab.folder + "/export.json"
        try ok(rehab, ["export", "--format", "json", "--out", export])
        let copy = RehabProcess(label: "today-import")
        try ok(copy, ["import", export])
        try agrees(copy, after: "import")
        #expect(try ok(copy, ["today"]).stdout == (try ok(rehab, ["today"]).stdout))
    }

    /// The copy in rehab.sqlite-today is read (an edited but whole file is believed), and is not believed
    /// when it cannot be sure: cut short, emptied by a write that did not finish, made for another
    /// database file or another build, or locked by a write between its commit and the new copy.
    @Test func believesTheCopyOnlyWhenSure() throws {
        let rehab = try patient()
        let file = rehab.database + "-today"
        let right = try ok(rehab, ["today"]).stdout
        let stopped = "hip: STOPPED, see your physio\n"
        #expect(right != stopped)
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
        let edited = lines.map { $0.hasPrefix(Self.today + " ") ? "\(Self.today) stopped 0 0 checkin done" : $0 }
        #expect(edited != lines, "no line for today in \(lines)")
        func said(_ lines: [String]) throws -> String {
            try (lines.map { $0 + "\n" }.joined()).write(toFile: file, atomically: false, encoding: .utf8)
            return try ok(rehab, ["today"]).stdout
        }
        #expect(try said(edited) == stopped)
        #expect(try said(Array(edited.dropLast())) == right, "cut short")
        #expect(try said(edited.map { $0.hasPrefix("database ") ? "database 1-2" : $0 }) == right, "another database file")
        #expect(try said(edited.map { $0.hasPrefix("build ") ? "build 1-2-3-4.5" : $0 }) == right, "another build")
        #expect(try said([]) == right, "emptied")

        #expect(try said(edited) == stopped)
        let marker = rehab.folder + "/locked"
        let holder = [
            "/usr/bin/python3", "-c",
            "import fcntl, os, sys, time\nfcntl.flock(os.open(sys.argv[1], os.O_RDONLY), fcntl.LOCK_EX)\nopen(sys.argv[2], 'w').close()\ntime.sleep(60)",
            file, marker
        ]
        let pid = try TestSpawn.start(
            holder.map { Array($0.utf8) }, environment: ProcessInfo.processInfo.environment, stdout: rehab.folder + "/holder.out", stderr: nil)
        defer { kill(pid, SIGKILL); _ = TestSpawn.wait(pid) }
        let began = Date()
        while !FileManager.default.fileExists(atPath: marker) && Date().timeIntervalSince(began) < 30 { usleep(10_000) }
        #expect(try ok(rehab, ["today"]).stdout == right, "locked by a write")
    }

    /// A write that can neither empty nor remove the copy commits nothing: the copy would be stale.
    @Test func aWriteThatCannotEmptyTheCopyCommitsNothing() throws {
        let rehab = try patient()
        let file = rehab.database + "-today"
        unlink(file)
        try FileManager.default.createDirectory(atPath: file + "/inside", withIntermediateDirectories: true)
        let log = try rehab.run([
            "log", "--date", d(0), "--exercise", "glute-bridge", "--sets", "3", "--reps", "10", "--pain-during", "0", "--pain-after", "0"
        ])
        #expect(log.status == 2 && log.stderr.contains(file), "\(log)")
        try FileManager.default.removeItem(atPath: file)
        #expect(try ok(rehab, ["today", "--json"]).json["done"] as? Int == 0)
        #expect(try tool(["sqlite3", rehab.database, "SELECT count(*) FROM exerciseEntry"], in: rehab.folder) == "0")
    }

    /// Two red days in a row pause the program; the week's sessions done make a rest day.
    @Test func wordsEachState() throws {
        let paused = try patient()
        for day in [-3, -2] {
            try ok(paused, ["log", "--date", d(day), "--exercise", "glute-bridge", "--sets", "3", "--reps", "10", "--pain-during", "1"])
            try ok(paused, ["checkin", "--date", d(day + 1), "--morning-pain", "6"])
        }
        try agrees(paused, after: "two red days")
        #expect(try ok(paused, ["today"]).stdout == "hip: PAUSED, see your physio\n")
        #expect(try ok(paused, ["today", "--short"]).stdout == "PAUSED\n")
        #expect(try ok(paused, ["today", "--json"]).json["state"] as? String == "paused")

        // A program of one session a week: yesterday's full session makes today a rest day.
        let resting = try patient()
        let shown = try ok(resting, ["program", "show", "--json"]).stdout
        let weekly = resting.folder + "/weekly.json"
        try shown.replacingOccurrences(of: "\"sessionsPerWeek\" : 7", with: "\"sessionsPerWeek\" : 1")
            .replacingOccurrences(of: "\"version\" : 2", with: "\"version\" : 3")
            .write(toFile: weekly, atomically: true, encoding: .utf8)
        try ok(resting, ["program", "use", weekly, "--from", d(-9)])
        try fullSession(resting, d(-1))
        try ok(resting, ["checkin", "--date", d(0), "--morning-pain", "0"])
        try agrees(resting, after: "a full session yesterday")
        #expect(try ok(resting, ["today"]).stdout == "hip: rest day\n")
        #expect(try ok(resting, ["today", "--short"]).stdout == "rest\n")

        let working = try patient()
        try ok(
            working, ["log", "--date", d(0), "--exercise", "glute-bridge", "--sets", "3", "--reps", "10", "--pain-during", "0", "--pain-after", "0"])
        let planned = (try ok(working, ["plan", "--as-of", d(0), "--json"]).json["exercises"] as? [[String: Any]] ?? []).count
        #expect(try ok(working, ["today"]).stdout == "hip: 1/\(planned) done\n")
        #expect(try ok(working, ["today", "--short"]).stdout == "1/\(planned)\n")
        let json = try ok(working, ["today", "--json"])
        #expect(json.stdout.split(separator: "\n").count == 1)
        #expect(json.json["line"] as? String == "hip: 1/\(planned) done")
        #expect(json.json["checkInDue"] as? Bool == false)
        // --data-dir before the command, and the parser's own path for unusual words, say the same.
        #expect(try working.run(["--data-dir", working.dataDir, "today"], dataDirLast: false).stdout == "hip: 1/\(planned) done\n")
        #expect(try working.run(["today", "--json", "--short"]).status == 1)
    }

    @Test func printsNothingWithoutData() throws {
        let rehab = RehabProcess(label: "today-empty")
        for args in [["today"], ["today", "--json"], ["today", "--short"]] {
            let r = try rehab.run(args)
            #expect(r.status == 0 && r.stdout.isEmpty && r.stderr.isEmpty, "\(args): \(r)")
        }
        try FileManager.default.createDirectory(atPath: rehab.dataDir, withIntermediateDirectories: true)
        let r = try rehab.run(["today"])
        #expect(r.status == 0 && r.stdout.isEmpty && r.stderr.isEmpty, "\(r)")
        #expect(!FileManager.default.fileExists(atPath: rehab.database), "today created a database")
    }

    /// During a restore (the folder locked) or while another program holds the database
    /// exclusively, it says "busy" at once: the store's own patience is 10 s.
    @Test func saysBusyRatherThanWaiting() throws {
        let rehab = try patient()
        let marker = rehab.folder + "/locked"
        // python3 doing `body` with the path as argv[1], then making the marker and sleeping until killed.
        func python(_ body: String, _ path: String) -> [String] {
            ["/usr/bin/python3", "-c", "import fcntl, os, sqlite3, sys, time\n\(body)\nopen(sys.argv[2], 'w').close()\ntime.sleep(60)", path, marker]
        }
        func whileHeld(_ holder: [String], check: () throws -> Void) throws {
            unlink(marker)
            let pid = try TestSpawn.start(
                holder.map { Array($0.utf8) }, environment: ProcessInfo.processInfo.environment,
                stdout: rehab.folder + "/holder.out", stderr: nil)
            defer { kill(pid, SIGKILL); _ = TestSpawn.wait(pid) }
            let began = Date()
            while !FileManager.default.fileExists(atPath: marker) && Date().timeIntervalSince(began) < 30 { usleep(10_000) }
            try check()
        }
        func busy() throws {
            let began = Date()
            #expect(try ok(rehab, ["today"]).stdout == "hip: busy\n")
            #expect(try ok(rehab, ["today", "--short"]).stdout == "busy\n")
            #expect(Date().timeIntervalSince(began) < 8, "waited as long as a store would")
        }
        // What restore holds while it swaps the file.
        try whileHeld(python("fcntl.flock(os.open(sys.argv[1], os.O_RDONLY), fcntl.LOCK_EX)", rehab.dataDir), check: busy)
        // Another program's exclusive lock on the database itself.
        try whileHeld(
            python(
                """
                c = sqlite3.connect(sys.argv[1], isolation_level=None); c.execute("PRAGMA locking_mode = EXCLUSIVE")
                c.execute("BEGIN EXCLUSIVE"); c.execute("DELETE FROM todayGlance WHERE 0")
                """, rehab.database), check: busy)
        // An ordinary write in progress does not stop a reader: the line comes from the last commit.
        try whileHeld(
            python(
                """
                c = sqlite3.connect(sys.argv[1], isolation_level=None); c.execute("BEGIN IMMEDIATE"); c.execute("DELETE FROM todayGlance WHERE 0")
                """, rehab.database),
            check: {
                let line = try ok(rehab, ["today"]).stdout
                #expect(line.hasPrefix("hip: 0/"), "\(line)")
            })
    }
}

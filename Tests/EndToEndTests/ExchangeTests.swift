import Foundation
import TestSupport
import Testing

/// `rehab export` and `rehab import` through the binary.
@Suite struct ExchangeTests {
    @Test func exportImportExportGivesTheSameFile() throws {
        let original = RehabProcess()
        let sample = try SamplePatient.write()
        #expect(try original.run(["import", sample]).status == 0)
        // One more entry through the command line, with text that needs escaping.
        let log = try original.run([
            "log", "--date", "2026-05-29", "--exercise", "step-down", "--side", "left", "--sets", "3",
            "--reps", "8", "--pain-during", "1", "--note", "a \"good\", day\nfine"
        ])
        #expect(log.status == 0, "\(log.stderr)")
        let first = try original("export --format json")
        #expect(first.status == 0)
        let file = original.dataDir + "/../export.json"
        try first.stdout.write(toFile: file, atomically: true, encoding: .utf8)

        let copy = RehabProcess()
        let imported = try copy.run(["import", file])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(
            imported.stdout.hasPrefix(
                "Imported 499 exercise entries, 60 check-ins, 8 tests, 2 phase changes, 1 clinician visit, 4 scores, 2 programs from"),
            "\(imported.stdout)")
        let second = try copy("export --format json")
        #expect(second.stdout == first.stdout)
        #expect(try copy("export --format csv").stdout == original("export --format csv").stdout)
        #expect(try copy("status --as-of 2026-05-30 --json").stdout == original("status --as-of 2026-05-30 --json").stdout)
    }

    @Test func csvHasOneRowPerSetWithQuotedText() throws {
        let rehab = RehabProcess()
        #expect(try rehab("init --start 2026-03-02 --side left").status == 0)
        #expect(
            try rehab.run([
                "log", "--date", "2026-03-02", "--exercise", "hip-hitch", "--side", "left", "--sets", "3", "--reps", "10",
                "--note", "sore, \"a bit\""
            ]).status == 0)
        let lines = try rehab("export --format csv").stdout.components(separatedBy: "\r\n")
        #expect(lines[0] == "date,kind,exercise,side,set,reps,hold_seconds,load_kg,pain_during,pain_after,run_stage,minutes,note,planned,ended")
        #expect(lines[1...3].map { $0.split(separator: ",")[4] } == ["1", "2", "3"])
        #expect(lines[1].hasSuffix(",\"sore, \"\"a bit\"\"\",,"))
        #expect(lines.count == 5)
    }

    @Test func importingTheSameFileTwiceIsRefusedUnlessMerging() throws {
        let rehab = RehabProcess()
        let sample = try SamplePatient.write()
        #expect(try rehab.run(["import", sample]).status == 0)
        let before = try rehab("export --format json").stdout
        let again = try rehab.run(["import", sample])
        #expect(again.status == 1)
        #expect(
            again.stderr.hasPrefix(
                "rehab: 573 entries in the file are already in your data (the first: glute-bridge on 2026-03-02); nothing was imported. Add --merge"),
            "\(again.stderr)")
        #expect(again.stderr.split(separator: "\n").count == 1)
        #expect(try rehab("export --format json").stdout == before)
        let merged = try rehab.run(["import", sample, "--merge"])
        #expect(merged.status == 0)
        #expect(merged.stdout.hasPrefix("Nothing new in"))
        #expect(try rehab("export --format json").stdout == before)
    }

    @Test func aFileFromANewerRehabIsRefusedAndNothingIsCreated() throws {
        let rehab = RehabProcess()
        var doc = SamplePatient.document()
        doc["version"] = 4
        let file = NSTemporaryDirectory() + "rehab-newer-\(UUID().uuidString).json"
        try JSONSerialization.data(withJSONObject: doc).write(to: URL(fileURLWithPath: file))
        let r = try rehab.run(["import", file])
        #expect(r.status == 1)
        #expect(r.stderr.contains("version 4 export from a newer rehab"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: rehab.dataDir))
        let missing = try rehab.run(["import", file + ".nope"])
        #expect(missing.status == 1 && missing.stderr.contains("does not exist"))
        let csv = try rehab.run(["import", "/etc/hostname"])
        #expect(csv.status == 1 && csv.stderr.contains("not a rehab JSON export"))
    }
}

import Foundation
import TestSupport
import GRDB
import Testing

/// `rehab backup` and `rehab restore` as a patient uses them.
@Suite struct BackupCommandTests {
    @Test func backupThenRestoreBringsTheDataBack() throws {
        let rehab = RehabProcess(label: "backup")
        try rehab.enrol(logging: "kept")
        let out = rehab.folder + "/hip-backup.sqlite"
        let backup = try rehab.run(["backup", "--out", out])
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.contains("integrity check ok"))
        #expect(mode(out) == 0o600)

        // Refuses to overwrite without --force, and says how.
        let again = try rehab.run(["backup", "--out", out])
        #expect(again.status == 1 && again.stderrLines.count == 1 && again.stderr.contains("--force"), "\(again.stderr)")
        try rehab.run(rehab.logArguments("after the backup"))
        #expect(try rehab.run(["backup", "--out", rehab.folder]).status == 1, "a folder as --out")
        let live = try rehab.run(["backup", "--out", rehab.database, "--force"])
        #expect(live.status == 2 && live.stderr.contains("database in use"), "\(live.stderr)")

        let restore = try rehab.run(["restore", out])
        #expect(restore.status == 0, "\(restore.stderr)")
        #expect(try rehab.notes() == ["kept"])
        let safety = try #require(try FileManager.default.contentsOfDirectory(atPath: rehab.dataDir).first { $0.hasPrefix("rehab-before-restore-") })
        #expect(restore.stdout.contains(safety))
        let queue = try DatabaseQueue(path: rehab.dataDir + "/" + safety)
        #expect(try queue.read { db in try String.fetchAll(db, sql: "SELECT note FROM exerciseEntry") } == ["kept", "after the backup"])
        try queue.close()
        // And rehab carries on with the restored data.
        #expect(try rehab.run(rehab.logArguments("next")).status == 0)
        #expect(try rehab.notes() == ["kept", "next"])
    }

    @Test func restoreIsRefusedWhileAnotherProgramHasTheDataOpen() throws {
        let rehab = RehabProcess(label: "in-use")
        try rehab.enrol(logging: "current")
        let out = rehab.folder + "/backup.sqlite"
        try rehab.run(["backup", "--out", out])
        try rehab.run(rehab.logArguments("newer"))

        // Another program (here this test process, standing for the full-screen rehab) reads the data.
        let other = try DatabasePool(path: rehab.database)
        #expect(try other.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM exerciseEntry") } == 2)
        let before = rehab.fileBytes()
        let refused = try rehab.run(["restore", out])
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderrLines.count == 1 && refused.stderr.contains("open in another rehab"), "\(refused.stderr)")
        #expect(rehab.fileBytes() == before)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: rehab.dataDir).allSatisfy { $0.hasPrefix("rehab.sqlite") },
            "a refused restore left files behind")
        try other.close()

        let restored = try rehab.run(["restore", out])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try rehab.notes() == ["current"])
    }

    @Test func restoreChecksTheFileFirst() throws {
        let rehab = RehabProcess(label: "restore-bad")
        try rehab.enrol(logging: "precious")
        let garbage = rehab.folder + "/garbage.sqlite"
        try Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 37) }).write(to: URL(fileURLWithPath: garbage))
        let cases: [([String], Int32, String)] = [
            (["restore", rehab.folder + "/missing.sqlite"], 1, "does not exist"),
            (["restore", rehab.folder], 1, "is a folder"),
            (["restore", garbage], 2, "cannot be restored"),
            (["restore", rehab.database], 2, "database in use"),
            (["restore", ""], 1, "Give the backup file")
        ]
        let before = rehab.fileBytes()
        for (args, status, words) in cases {
            let r = try rehab.run(args)
            #expect(r.status == status, "\(args): \(r.stderr)")
            #expect(r.stderrLines.count == 1 && r.stderr.contains(words), "\(args): \(r.stderr)")
            #expect(rehab.fileBytes() == before)
        }
        #expect(try rehab.notes() == ["precious"])
    }
}

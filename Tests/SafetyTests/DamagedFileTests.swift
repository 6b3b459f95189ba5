import Foundation
import TestSupport
import GRDB
import Testing

/// A damaged, foreign or newer database, a read-only folder and a full disk, through the binary:
/// one clear sentence, exit 2, and the user's file byte for byte as it was.
@Suite struct DamagedFileTests {
    /// Commands that read, write or copy the database.
    static let commands: [[String]] = [
        ["status", "--as-of", "2026-03-05"], ["log", "--date", "2026-03-03", "--exercise", "glute-bridge", "--sets", "3", "--reps", "10"],
        ["checkin", "--date", "2026-03-04", "--morning-pain", "1"], ["init", "--start", "2026-03-02"], ["history", "--json"],
        ["export", "--format", "csv"], ["advance", "--as-of", "2026-03-20"]
    ]

    func expectRefusal(
        _ rehab: RehabProcess, _ args: [String], mentioning words: [String], file: String, unchanged before: Data?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let r = try rehab.run(args)
        #expect(r.status == 2, "\(args): exit \(r.status) \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderrLines.count == 1, "\(args): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(words.contains { r.stderr.contains($0) }, "\(args): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, "\(args) printed \(r.stdout)", sourceLocation: sourceLocation)
        #expect(rehab.fileBytes(file) == before, "\(args) changed \(file)", sourceLocation: sourceLocation)
    }

    /// A real database with a few days in it, as one file (its log folded in).
    func realDatabase() throws -> Data {
        let rehab = RehabProcess(label: "source")
        try rehab.enrol()
        for n in 0..<5 { try rehab.run(rehab.logArguments("day \(n)", date: "2026-03-0\(n + 2)")) }
        let out = rehab.folder + "/copy.sqlite"
        try #require(try rehab.run(["backup", "--out", out]).status == 0)
        return try #require(rehab.fileBytes(out))
    }

    @Test func damagedDatabasesAreReportedAndLeftAsTheyWere() throws {
        let good = try realDatabase()
        var flipped = good
        for i in stride(from: 4096 * 2 + 17, to: good.count, by: 29) { flipped[i] ^= 0xA5 }
        let cases: [(String, Data, [String])] = [
            ("empty", Data(), ["empty"]),
            ("100 bytes", good.prefix(100), ["damaged"]),
            ("one page", good.prefix(4096), ["damaged"]),
            ("half", good.prefix(good.count / 2), ["damaged"]),
            ("last page missing", good.prefix(good.count - 4096), ["damaged"]),
            ("garbage", Data((0..<20000).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }), ["damaged"]),
            ("zeros", Data(count: 8192), ["damaged"]),
            ("flipped bits", flipped, ["damaged"]),
            ("text file", Data("date,exercise\n2026-03-02,glute-bridge\n".utf8), ["damaged"])
        ]
        for (name, contents, words) in cases {
            let rehab = RehabProcess(label: "damaged")
            try FileManager.default.createDirectory(atPath: rehab.dataDir, withIntermediateDirectories: true)
            try contents.write(to: URL(fileURLWithPath: rehab.database))
            for args in Self.commands where !(name == "empty" && args[0] == "init") {
                try expectRefusal(rehab, args, mentioning: words, file: rehab.database, unchanged: contents)
            }
            let backup = try rehab.run(["backup", "--out", rehab.folder + "/backup.sqlite"])
            #expect(backup.status == 2 && backup.stderrLines.count == 1, "\(name): backup \(backup.stderr)")
            #expect(!FileManager.default.fileExists(atPath: rehab.folder + "/backup.sqlite"), "\(name): a backup of a damaged file was kept")
            #expect(try FileManager.default.contentsOfDirectory(atPath: rehab.dataDir) == ["rehab.sqlite"], "\(name): files were added")
        }
    }

    @Test func aDatabaseFromANewerRehabIsRefusedUntouched() throws {
        let rehab = RehabProcess(label: "newer")
        try FileManager.default.createDirectory(atPath: rehab.dataDir, withIntermediateDirectories: true)
        try realDatabase().write(to: URL(fileURLWithPath: rehab.database))
        let queue = try DatabaseQueue(path: rehab.database)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v9-from-the-future')")
            try db.execute(sql: "CREATE TABLE futureThing (id INTEGER PRIMARY KEY)")
        }
        try queue.close()
        let before = rehab.fileBytes()
        for args in Self.commands {
            try expectRefusal(rehab, args, mentioning: ["newer version of rehab"], file: rehab.database, unchanged: before)
        }
    }

    // MARK: Read-only folder

    /// As an ordinary user: a folder without write permission. Root ignores permissions, so as
    /// root the commands run as `nobody` (setpriv) on a folder that `nobody` owns.
    @Test(
        .enabled(
            if: !isRoot || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
            "running as root without setpriv: cannot drop privileges to test folder permissions"))
    func aReadOnlyFolderGetsAClearMessageAndKeepsTheFile() throws {
        let rehab = RehabProcess(label: "readonly")
        try rehab.enrol(logging: "before")
        var prefix: [String] = []
        if isRoot {
            chmod(rehab.folder, 0o755)
            for path in [rehab.dataDir, rehab.database] { chown(path, 65534, 65534) }
            prefix = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
        }
        chmod(rehab.dataDir, 0o500)
        defer { chmod(rehab.dataDir, 0o700) }
        let before = rehab.fileBytes()
        let log = try rehab.run(rehab.logArguments("after"), prefix: prefix)
        #expect(log.status == 2, "\(log.stderr)")
        #expect(log.stderrLines.count == 1 && log.stderr.contains("Cannot write to") && log.stderr.contains("permissions"), "\(log.stderr)")
        let status = try rehab.run(["status", "--as-of", "2026-03-05"], prefix: prefix)
        #expect(status.status == 0 || (status.status == 2 && status.stderrLines.count == 1), "\(status.stderr)")
        let backup = try rehab.run(["backup", "--out", rehab.dataDir + "/inside.sqlite"], prefix: prefix)
        #expect(backup.status == 2 && backup.stderrLines.count == 1, "\(backup.stderr)")
        #expect(rehab.fileBytes() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: rehab.dataDir).sorted() == ["rehab.sqlite", "rehab.sqlite-today"])
        chmod(rehab.dataDir, 0o700)
        #expect(try rehab.notes() == ["before"])
    }

    /// A file system mounted read-only (a failing disk is often remounted so).
    @Test(.enabled(if: Mount.available, Mount.unavailableReason))
    func aReadOnlyFileSystemGetsAClearMessageAndKeepsTheFile() throws {
        let mount = try #require(Mount(sizeKiB: 4096))
        defer { mount.unmount() }
        let rehab = RehabProcess(dataDir: mount.point + "/data")
        try rehab.enrol(logging: "before")
        let before = rehab.fileBytes()
        try mount.remountReadOnly()
        let log = try rehab.run(rehab.logArguments("after"))
        #expect(log.status == 2, "\(log.stderr)")
        #expect(log.stderrLines.count == 1 && log.stderr.contains("Cannot write to"), "\(log.stderr)")
        let status = try rehab.run(["status", "--as-of", "2026-03-05"])
        #expect(status.status == 0 || (status.status == 2 && status.stderrLines.count == 1), "\(status.stderr)")
        #expect(rehab.fileBytes() == before)
    }

    // MARK: Full disk

    @Test(.enabled(if: Mount.available, Mount.unavailableReason))
    func aFullDiskLosesNothingAlreadySavedAndSaysSo() throws {
        let mount = try #require(Mount(sizeKiB: 1024))
        defer { mount.unmount() }
        let rehab = RehabProcess(dataDir: mount.point + "/data")
        try rehab.enrol()
        var confirmed: [String] = []
        for n in 0..<3 { let note = "saved \(n)"; if try rehab.run(rehab.logArguments(note)).status == 0 { confirmed.append(note) } }
        try #require(confirmed.count == 3)
        // Fill every last block.
        let filler = mount.point + "/filler"
        let fd = open(filler, O_WRONLY | O_CREAT, 0o600)
        let block = [UInt8](repeating: 0x55, count: 4096)
        while write(fd, block, block.count) == block.count {}
        close(fd)

        // Logging on: each either saves or says the disk is full, and nothing earlier is harmed.
        let long = String(repeating: "a long note to fill the log ", count: 70)
        var refusals: [RehabProcess.Result] = []
        for n in 0..<40 {
            let r = try rehab.run(rehab.logArguments("\(long)\(n)"))
            if r.status == 0 { confirmed.append("\(long)\(n)") } else { refusals.append(r) }
        }
        #expect(!refusals.isEmpty, "the disk never filled up")
        for r in refusals {
            #expect(r.status == 2 && r.stderrLines.count == 1, "\(r.stderr)")
            #expect(r.stderr.contains("is full; nothing was saved or changed"), "\(r.stderr)")
        }
        let backup = try rehab.run(["backup", "--out", mount.point + "/backup.sqlite"])
        #expect(backup.status == 2 && backup.stderr.contains("full"), "\(backup.stderr)")
        #expect(!FileManager.default.fileExists(atPath: mount.point + "/backup.sqlite"))
        let export = try rehab.run(["export", "--format", "json", "--out", mount.point + "/export.json"])
        #expect(export.status != 0 && export.stderrLines.count == 1, "\(export.stderr)")
        #expect(!FileManager.default.fileExists(atPath: mount.point + "/export.json"), "a partial export was left")
        #expect(try FileManager.default.contentsOfDirectory(atPath: mount.point).sorted() == ["data", "filler"], "temporary files were left")

        // Space again: everything confirmed is there and the database is sound.
        unlink(filler)
        #expect(try rehab.integrityCheck() == ["ok"])
        #expect(Set(try rehab.notes()) == Set(confirmed))
        #expect(try rehab.run(rehab.logArguments("after the clean-up")).status == 0)
        print("full disk: \(confirmed.count - 3) logs saved and \(refusals.count) refused once the disk was full")
    }
}

/// A small tmpfs, to have a disk that fills up or turns read-only (root only).
struct Mount {
    let point: String

    static let available: Bool = {
        guard isRoot, FileManager.default.isExecutableFile(atPath: "/bin/mount") else { return false }
        guard let probe = Mount(sizeKiB: 64) else { return false }
        probe.unmount()
        return true
    }()
    static let unavailableReason: Comment = "needs root and a working `mount -t tmpfs` to simulate a full or read-only disk"

    init?(sizeKiB: Int) {
        point = NSTemporaryDirectory() + "rehab-mount-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: point, withIntermediateDirectories: true)
        guard Self.shell(["/bin/mount", "-t", "tmpfs", "-o", "size=\(sizeKiB)k,mode=0755", "tmpfs", point]) == 0 else {
            rmdir(point)
            return nil
        }
    }

    func remountReadOnly() throws {
        guard Self.shell(["/bin/mount", "-o", "remount,ro", point]) == 0 else { throw TestFailure("cannot remount \(point) read-only") }
    }

    func unmount() {
        _ = Self.shell(["/bin/umount", "-l", point])
        rmdir(point)
    }

    static func shell(_ args: [String]) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: args[0])
        p.arguments = Array(args.dropFirst())
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
}

import Foundation
import RehabCore
import Synchronization

/// The verdicts the `todayGlance` table keeps, copied to a small file beside the database
/// (`today.glance`), so a prompt's `rehab today` reads them without SQLite: opening the database
/// (its schema parsed, its -wal and -shm files made and removed) costs about 1 ms, as much as
/// starting rehab itself (BENCHMARKS.md). The table stays the record; the file is believed only
/// when it is sure to say what the table says:
/// - a write empties the file (synced) under an exclusive flock before its commit, and fills it
///   after, still holding the lock: a reader that gets the lock shared, without waiting, sees the
///   last commit's verdicts, or an empty file (a write failed or was killed in between);
/// - the file names the build that wrote it and the database file (device and inode) it copies:
///   another build, or a restored file, is not believed;
/// - its last line is `end`: a file cut short is not believed.
/// Whenever the file is not believed, `rehab today` reads the table.
public enum TodayFile {
    public static let name = "today.glance"
    static let firstLine = "rehab today 1"

    /// The database file, as the file names it.
    static func identity(_ database: stat) -> String { "\(database.st_dev)-\(database.st_ino)" }

    /// The verdict the file keeps for `day`, if the file is whole, unlocked, and written by this
    /// build for `database` (the stat of the database file); nil otherwise.
    static func verdict(directory: String, database: stat, on day: Day) -> TodayGlance? {
        guard let build = TodaySnapshot.build else { return nil }
        let fd = open(directory + "/" + name, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        // Held exclusively only while a write is between its commit and the file's new content.
        guard flock(fd, LOCK_SH | LOCK_NB) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0, count < bytes.count else { return nil }
        return glance(in: String(decoding: bytes[..<count], as: UTF8.self), build: build, database: identity(database), on: day)
    }

    /// The verdict on `day` in a file's `text`, if the text is whole and made for `build` and `database`.
    static func glance(in text: String, build: String, database: String, on day: Day) -> TodayGlance? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 5, lines[0] == firstLine, lines[1] == "build " + build, lines[2] == "database " + database,
            lines[lines.count - 2] == "end", lines[lines.count - 1].isEmpty
        else { return nil }
        let iso = day.iso
        for line in lines[3..<(lines.count - 2)] {
            let fields = line.split(separator: " ")
            guard fields.count == 6, fields[0] == iso else { continue }
            guard let state = TodayGlance.State(rawValue: String(fields[1])), let done = Int(fields[2]), let planned = Int(fields[3]),
                fields[4] == "checkin", fields[5] == "due" || fields[5] == "done"
            else { return nil }
            return TodayGlance(state: state, done: done, planned: planned, checkInDue: fields[5] == "due")
        }
        return nil
    }

    /// The file's text for `glances`.
    static func text(_ glances: [(Day, TodayGlance)], build: String, database: String) -> String {
        var text = "\(firstLine)\nbuild \(build)\ndatabase \(database)\n"
        for (day, g) in glances {
            text += "\(day.iso) \(g.state.rawValue) \(g.done) \(g.planned) checkin \(g.checkInDue ? "due" : "done")\n"
        }
        return text + "end\n"
    }

    /// One write's hold on the file, from before its commit to after it (see the type's comment).
    final class Write: Sendable {
        private let directory: String
        /// The open, locked file (-1 when it could not be opened: then nothing is kept in it, and
        /// a file left there by an earlier write is removed), and the verdicts to fill it with.
        private let state = Mutex<(fd: Int32, glances: [(Day, TodayGlance)])>((-1, []))

        init(directory: String) { self.directory = directory }

        /// Empties the file, synced, before the commit that makes its verdicts stale; keeps
        /// `glances` (those the table now holds) for `publish`. Run inside the write's transaction.
        func invalidate(keeping glances: [(Day, TodayGlance)]) {
            state.withLock { state in
                state.glances = glances
                if state.fd < 0 {
                    let path = directory + "/" + TodayFile.name
                    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
                    guard fd >= 0 else {
                        unlink(path)
                        return
                    }
                    while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
                    state.fd = fd
                }
                // Already empty (a batch of writes keeping no verdicts): nothing to sync again.
                var st = stat()
                if fstat(state.fd, &st) == 0 && st.st_size == 0 { return }
                if ftruncate(state.fd, 0) != 0 || fsync(state.fd) != 0 {
                    close(state.fd)
                    state.fd = -1
                    unlink(directory + "/" + TodayFile.name)
                }
            }
        }

        /// After the commit: writes the kept verdicts for the database at `databasePath`, and lets go of the file.
        func publish(databasePath: String) {
            state.withLock { state in
                guard state.fd >= 0 else { return }
                var st = stat()
                if !state.glances.isEmpty, let build = TodaySnapshot.build, stat(databasePath, &st) == 0 {
                    var text = TodayFile.text(state.glances, build: build, database: TodayFile.identity(st))
                    // One write of a few hundred bytes; a shorter one leaves no `end` line and is not believed.
                    _ = text.withUTF8 { pwrite(state.fd, $0.baseAddress, $0.count, 0) }
                }
                close(state.fd)  // and with it the lock
                state.fd = -1
            }
        }

        /// A write that did not commit: the file stays empty, and `rehab today` reads the table.
        deinit {
            state.withLock { state in if state.fd >= 0 { close(state.fd) } }
        }
    }
}

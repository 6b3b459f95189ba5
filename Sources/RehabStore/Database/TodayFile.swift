import Foundation
import RehabCore
import Synchronization

/// The verdicts the `todayGlance` table keeps, copied to a small file beside the database
/// (`rehab.sqlite-today`, a companion of the database like its -wal and -shm), so that a prompt's
/// `rehab today` reads them without SQLite: opening the database (its schema parsed, its -wal and
/// -shm files made and removed) costs about 1 ms, as much as starting rehab itself (BENCHMARKS.md).
/// The table stays the record; the file is believed only when it is sure to say what the table says:
/// - a write empties the file (synced) under an exclusive flock before its commit, and fills it
///   after, still holding the lock: a reader that gets the lock shared, without waiting, sees the
///   last commit's verdicts, or an empty file (a write failed or was killed in between);
/// - the file names the build that wrote it and the database file (device and inode) it copies:
///   another build, or a restored file, is not believed;
/// - its last line is `end`: a file cut short is not believed.
/// Whenever the file is not believed, `rehab today` reads the table.
public enum TodayFile {
    public static let name = "rehab.sqlite-today"
    static let firstLine = "rehab today 1"

    public static func path(in directory: String) -> String { directory + "/" + name }

    /// The lines before the verdicts: what the file was made by and for.
    private static func header(build: String, database: String) -> String { "\(firstLine)\nbuild \(build)\ndatabase \(database)\n" }

    /// The database file, as the file names it.
    static func identity(_ database: stat) -> String { "\(database.st_dev)-\(database.st_ino)" }

    /// The verdict the file keeps for `day`, if the file is whole, unlocked, and written by this
    /// build for `database` (the stat of the database file); nil otherwise.
    static func verdict(directory: String, database: stat, on day: Day) -> TodayGlance? {
        guard let build = TodaySnapshot.build else { return nil }
        let fd = open(path(in: directory), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        // Held exclusively only while a write is between its commit and the file's new content.
        guard flock(fd, LOCK_SH | LOCK_NB) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0, count < bytes.count else { return nil }
        return glance(in: bytes[..<count], build: build, database: identity(database), on: day)
    }

    /// The verdict on `day` in a file's `bytes`, if they are whole and made for `build` and `database`.
    /// Read byte by byte, without generic collections of substrings: each new generic type costs
    /// the Swift runtime a metadata look-up (about 100 k instructions, a third of this command).
    static func glance(in bytes: ArraySlice<UInt8>, build: String, database: String, on day: Day) -> TodayGlance? {
        let header = Array(header(build: build, database: database).utf8), last = Array("end\n".utf8)
        guard bytes.count >= header.count + last.count, bytes.starts(with: header), bytes.suffix(last.count).elementsEqual(last) else {
            return nil
        }
        let lines = words(bytes.dropFirst(header.count).dropLast(last.count), separator: "\n")
        for line in lines {
            let fields = words(ArraySlice(line.utf8), separator: " ")
            guard fields.count == 6, fields[0] == day.iso else { continue }
            guard let state = TodayGlance.State(rawValue: fields[1]), let done = Int(fields[2]), let planned = Int(fields[3]),
                fields[4] == "checkin", fields[5] == "due" || fields[5] == "done"
            else { return nil }
            return TodayGlance(state: state, done: done, planned: planned, checkInDue: fields[5] == "due")
        }
        return nil
    }

    /// `bytes` cut at each `separator` (a line's end, a space), as strings.
    private static func words(_ bytes: ArraySlice<UInt8>, separator: Unicode.Scalar) -> [String] {
        var words: [String] = [], start = bytes.startIndex
        for index in bytes.indices where bytes[index] == UInt8(ascii: separator) {
            words.append(String(decoding: bytes[start..<index], as: UTF8.self))
            start = index + 1
        }
        if start < bytes.endIndex { words.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return words
    }

    /// The file's text for `glances`.
    static func text(_ glances: [(Day, TodayGlance)], build: String, database: String) -> String {
        var text = header(build: build, database: database)
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
        /// `glances` (those the table now holds) for `publish`. Run inside the write's transaction,
        /// which fails (commits nothing) when the file can be neither emptied nor removed.
        func invalidate(keeping glances: [(Day, TodayGlance)]) throws {
            let path = TodayFile.path(in: directory)
            // 0, or the errno of a file that could be neither emptied nor removed.
            let failure: Int32 = state.withLock { state in
                state.glances = glances
                if state.fd < 0 {
                    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
                    guard fd >= 0 else { return unlink(path) == 0 || errno == ENOENT ? 0 : errno }
                    while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
                    state.fd = fd
                }
                // Already empty (a batch of writes keeping no verdicts): nothing to sync again.
                var st = stat()
                if fstat(state.fd, &st) == 0 && st.st_size == 0 { return 0 }
                if ftruncate(state.fd, 0) == 0 && fsync(state.fd) == 0 { return 0 }
                close(state.fd)
                state.fd = -1
                return unlink(path) == 0 || errno == ENOENT ? 0 : errno
            }
            if failure != 0 { throw StoreError.notWritable(path, detail: String(cString: strerror(failure))) }
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

        /// A write that did not commit leaves the file empty: `rehab today` reads the table.
        deinit {
            state.withLock { state in if state.fd >= 0 { close(state.fd) } }
        }
    }
}

import Foundation
import Synchronization

/// The folder holding the patient's data: made private when rehab makes it, never changed when
/// rehab finds it (it may be a shared folder such as /tmp, or /).
enum DataFolder {
    /// Makes `directory` (and any missing parent) mode 0700. An existing folder is left as it is,
    /// but refused when a new database would go into it while other users can read or write it.
    static func prepare(_ directory: String, forNewDatabase: Bool) throws(StoreError) {
        var st = stat()
        if stat(directory, &st) == 0 {
            guard st.st_mode & S_IFMT == S_IFDIR else { throw .notWritable(directory, detail: "it is a file, not a folder") }
            if forNewDatabase, st.st_mode & 0o066 != 0 { throw .openFolder(directory) }
            return
        }
        try makeFolders(directory)
    }

    /// Creates each missing folder of `directory`, each 0700 whatever the umask; folders that
    /// exist are not touched.
    private static func makeFolders(_ directory: String) throws(StoreError) {
        var missing: [String] = []
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        while !FileManager.default.fileExists(atPath: url.path) && url.path != "/" {
            missing.append(url.path)
            url.deleteLastPathComponent()
        }
        for folder in missing.reversed() {
            if mkdir(folder, 0o700) != 0 && errno != EEXIST {
                let e = errno
                throw e == ENOSPC
                    ? .diskFull(directory) : .notWritable(directory, detail: "cannot create the folder: \(String(cString: strerror(e)))")
            }
            // mkdir applies the umask (which can remove the owner's bits); this folder is ours.
            chmod(folder, 0o700)
        }
    }
}

/// A lock on the data folder itself (flock on the folder), so no file is added to it: every
/// `RehabStore` holds it shared for its whole life, `restore` holds it exclusively while it swaps
/// the database. A restore therefore never replaces a file that another rehab has open or is
/// opening, and a rehab never opens a file that a restore is replacing. Each side waits for the
/// other (bounded by `patience`) rather than failing at once.
final class DataFolderLock: Sendable {
    enum Kind { case shared, exclusive }

    /// How long a rehab waits for another one, as SQLite's own busy timeout (`configuration()`).
    static let patience: Duration = .seconds(10)

    /// The open folder; -1 once released (or when the folder could not be opened).
    private let fd: Mutex<Int32>

    /// Nil when the folder does not exist. Waits while another rehab holds the lock the other way.
    /// A file system without flock (some network ones) gets no lock, as before this lock existed.
    init?(_ directory: String, _ kind: Kind, busy: @autoclosure () -> StoreError) throws(StoreError) {
        // O_CLOEXEC: a sound player started by the full-screen program must not inherit the lock.
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 && (errno == ENOENT || errno == ENOTDIR) { return nil }
        self.fd = Mutex(fd)
        guard fd >= 0 else { return }
        let operation = (kind == .shared ? LOCK_SH : LOCK_EX) | LOCK_NB
        let deadline = ContinuousClock.now + Self.patience
        while flock(fd, operation) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else { return }
            // Polling with short naps, not a blocking flock: a blocking call cannot be given a
            // time limit without signals, and each holder keeps the lock for a fraction of a second.
            guard ContinuousClock.now < deadline else {
                Foundation.close(fd)
                throw busy()
            }
            usleep(2_000)
        }
    }

    func release() {
        fd.withLock { fd in
            if fd >= 0 { Foundation.close(fd) }
            fd = -1
        }
    }

    deinit { release() }
}

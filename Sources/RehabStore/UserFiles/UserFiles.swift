import Foundation
import Synchronization

/// What a path names, in words, when it is not what rehab can read from or write to.
public enum FileKind: Equatable, Sendable {
    case absent
    case regularFile
    case folder
    /// A FIFO, a device, a socket: reading one may never end (a FIFO, /dev/zero), and replacing
    /// one by a file breaks it (/dev/null).
    case special(String)
    /// A symbolic link whose target does not exist.
    case danglingLink

    /// What `path` is, following symbolic links (a link is judged by what it points to).
    public init(of path: String) {
        var st = stat()
        if stat(path, &st) != 0 {
            var link = stat()
            self = lstat(path, &link) == 0 ? .danglingLink : .absent
            return
        }
        self = FileKind(mode: st.st_mode)
    }

    /// Whether `path` itself is a symbolic link. Replacing one by rename would replace the link,
    /// not the file it points to (`--out /dev/stdout` would replace /dev/stdout), so it never is.
    public static func isSymbolicLink(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK
    }

    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regularFile
        case S_IFDIR: self = .folder
        case S_IFIFO: self = .special("a FIFO (named pipe)")
        case S_IFCHR: self = .special("a character device")
        case S_IFBLK: self = .special("a block device")
        case S_IFSOCK: self = .special("a socket")
        default: self = .special("not a file")
        }
    }

    /// "a folder", "a FIFO (named pipe)": for sentences saying it is not a regular file.
    public var words: String {
        switch self {
        case .absent: return "missing"
        case .regularFile: return "a regular file"
        case .folder: return "a folder"
        case .special(let words): return words
        case .danglingLink: return "a symbolic link to a file that does not exist"
        }
    }
}

/// Reading a file the user named (a backup, an export, a program file): only a regular file, and
/// never more bytes than it had when opened, so a FIFO or /dev/zero cannot hang or fill the disk.
public enum InputFile {
    /// "2 MB", rounded up; under a megabyte "40 KB".
    public static func megabytes(_ bytes: Int) -> String {
        bytes < 1024 * 1024 ? "\((bytes + 1023) / 1024) KB" : "\((bytes + 1024 * 1024 - 1) / (1024 * 1024)) MB"
    }

    /// Why a file cannot be read, as the end of a sentence ("it is a FIFO (named pipe), not a regular file").
    public struct Problem: Error, Equatable, Sendable {
        public let reason: String
    }

    /// An open descriptor on a regular file and its size at opening; the caller closes it.
    static func open(_ path: String) throws(Problem) -> (fd: Int32, size: Int64) {
        // Judged before opening, as opening a FIFO for reading waits for a writer...
        let kind = FileKind(of: path)
        if kind == .absent { throw Problem(reason: "it does not exist") }
        if kind != .regularFile { throw Problem(reason: "it is \(kind.words), not a regular file") }
        // ...and again on what was opened (O_NONBLOCK: never wait), in case it changed meanwhile.
        let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw Problem(reason: "it cannot be read (\(String(cString: strerror(errno))))") }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            _ = Glibc.close(fd)
            throw Problem(reason: "it is \(FileKind(mode: st.st_mode).words), not a regular file")
        }
        return (fd, Int64(st.st_size))
    }

    /// The file's bytes, up to its size when opened. A file over `limit` bytes is refused from its
    /// size, before a byte is read (a 2 GB file named by mistake once took 32 s and 8 GB).
    public static func read(_ path: String, limit: Int) throws(Problem) -> Data {
        let (fd, size) = try open(path)
        defer { _ = Glibc.close(fd) }
        if size > Int64(limit) {
            throw Problem(reason: "it is \(megabytes(Int(size))), over the \(megabytes(limit)) such a file may be; nothing was read")
        }
        var data = Data(count: Int(size))
        var done = 0
        while done < Int(size) {
            let n = data.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + done, Int(size) - done) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw Problem(reason: "it cannot be read (\(String(cString: strerror(errno))))") }
            if n == 0 { break }  // it shrank meanwhile
            done += n
        }
        return data.prefix(done)
    }
}

/// SQLite's own check of a file's first bytes, made before SQLite (or a copy) touches the file.
enum SQLiteFile {
    static let magic = Array("SQLite format 3\0".utf8)

    /// Throws `failure(reason)` unless `path` is a regular file starting with a SQLite header.
    static func checkHeader(_ path: String, failure: (String) -> StoreError) throws(StoreError) {
        let fd: Int32
        do { (fd, _) = try InputFile.open(path) } catch { throw failure(error.reason) }
        defer { _ = Glibc.close(fd) }
        var header = [UInt8](repeating: 0, count: 100)
        let n = header.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, 100) }
        if n <= 0 { throw failure("it is empty") }
        if Array(header.prefix(magic.count)) != magic { throw failure("it is not a SQLite database") }
        if n < 100 { throw failure("it is too short to be a SQLite database") }
    }
}

/// Temporary files a signal must not leave behind (a restore's copy of a backup, a half-made
/// backup): while any is registered, SIGINT, SIGTERM and SIGHUP remove them, then end the process
/// as the signal would have.
enum TempFiles {
    static let capacity = 32
    /// C strings built before any signal, since the handler may only make async-signal-safe calls.
    nonisolated(unsafe) static let paths: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        p.initialize(repeating: nil, count: capacity)
        return p
    }()
    private static let state = Mutex<[Int32: sigaction]>([:])
    static let signals = [SIGINT, SIGTERM, SIGHUP]

    static let suffixes = ["", "-wal", "-shm", "-journal"]

    /// Registers a database file and its -wal, -shm and -journal companions, before they exist.
    static func register(database path: String) {
        state.withLock { previous in
            for suffix in suffixes {
                guard let slot = (0..<capacity).first(where: { paths[$0] == nil }) else { break }
                paths[slot] = strdup(path + suffix)
            }
            if previous.isEmpty {
                for signal in signals {
                    var action = sigaction()
                    action.__sigaction_handler.sa_handler = removeTempFilesAndDie
                    sigemptyset(&action.sa_mask)
                    var old = sigaction()
                    sigaction(signal, &action, &old)
                    previous[signal] = old
                }
            }
        }
    }

    /// Forgets the files (kept, or already removed); the previous handlers are back with the last.
    static func unregister(database path: String) {
        state.withLock { previous in
            let names = Set(suffixes.map { path + $0 })
            for slot in 0..<capacity {
                guard let p = paths[slot], names.contains(String(cString: p)) else { continue }
                paths[slot] = nil
                free(p)
            }
            guard (0..<capacity).allSatisfy({ paths[$0] == nil }) else { return }
            for (signal, old) in previous {
                var old = old
                sigaction(signal, &old, nil)
            }
            previous = [:]
        }
    }
}

private func removeTempFilesAndDie(_ signal: Int32) {
    for slot in 0..<TempFiles.capacity {
        if let path = TempFiles.paths[slot] { unlink(path) }
    }
    Glibc.signal(signal, SIG_DFL)
    raise(signal)
}

/// Files written safely: private (0600) from their first byte, flushed to the disk, put in place
/// atomically, and a full disk said as such (backups, restores and exports use them).
extension RehabStore {
    /// True when `candidate` exists and is the same file (device and inode) as one of `paths`.
    static func sameFile(_ candidate: String, as paths: [String]) -> Bool {
        var a = stat()
        guard stat(candidate, &a) == 0 else { return false }
        return paths.contains { p in
            var b = stat()
            return stat(p, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino
        }
    }

    func sameFile(_ candidate: String, as paths: [String]) -> Bool { Self.sameFile(candidate, as: paths) }

    static func size(_ path: String) -> Int64? {
        var st = stat()
        return stat(path, &st) == 0 ? Int64(st.st_size) : nil
    }

    /// A new, empty, 0600 file beside `neighbour`, named so that nobody mistakes it for data, and
    /// registered in `TempFiles` before it exists: the caller removes and unregisters it.
    static func privateTempFile(near neighbour: String) throws(StoreError) -> String {
        let url = URL(fileURLWithPath: neighbour)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString.prefix(8))").path
        TempFiles.register(database: temp)
        let fd = open(temp, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let e = errno
            TempFiles.unregister(database: temp)
            throw e == ENOSPC ? .diskFull(neighbour) : .notWritable(url.deletingLastPathComponent().path, detail: String(cString: strerror(e)))
        }
        closeDescriptor(fd)
        return temp
    }

    static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }

    /// Byte copy of a regular file into a new 0600 file, never more than the source's size when
    /// opened (a file that grows meanwhile is not followed); ENOSPC is reported as a full disk.
    static func copyFile(_ source: String, to destination: String, reportingAs name: String) throws(StoreError) {
        let input: Int32, size: Int64
        do { (input, size) = try InputFile.open(source) } catch { throw .notABackup(source, detail: error.reason) }
        defer { closeDescriptor(input) }
        let output = open(destination, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard output >= 0 else {
            let e = errno
            throw e == ENOSPC ? .diskFull(name) : .notWritable(destination, detail: String(cString: strerror(e)))
        }
        defer { closeDescriptor(output) }
        fchmod(output, 0o600)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var left = size
        while left > 0 {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(input, $0.baseAddress, Int(min(Int64($0.count), left))) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw .failed("cannot read \(source): \(String(cString: strerror(errno)))")
            }
            left -= Int64(n)
            var written = 0
            while written < n {
                let w = buffer.withUnsafeBytes { Glibc.write(output, $0.baseAddress! + written, n - written) }
                if w < 0 {
                    if errno == EINTR { continue }
                    let e = errno
                    throw e == ENOSPC || e == EDQUOT ? .diskFull(name) : .failed("cannot write \(destination): \(String(cString: strerror(e)))")
                }
                written += w
            }
        }
    }

    static func syncFile(_ path: String, reportingAs name: String) throws(StoreError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .failed("cannot reopen \(path): \(String(cString: strerror(errno)))") }
        defer { closeDescriptor(fd) }
        if fsync(fd) != 0 {
            let e = errno
            throw e == ENOSPC || e == EDQUOT ? .diskFull(name) : .failed("cannot flush \(name) to disk: \(String(cString: strerror(e)))")
        }
    }

    static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY)
        if fd >= 0 { fsync(fd); closeDescriptor(fd) }
    }

    /// Puts a finished temporary file at `destination`: a hard link when it must not replace
    /// anything (atomic "create if absent"), a rename otherwise.
    static func publish(_ temp: String, at destination: String, replacing: Bool) throws(StoreError) {
        let folder = URL(fileURLWithPath: destination).deletingLastPathComponent().path
        if replacing {
            guard rename(temp, destination) == 0 else {
                throw .notWritable(destination, detail: String(cString: strerror(errno)))
            }
        } else if link(temp, destination) != 0 {
            let e = errno
            if e == EEXIST { throw .exists(destination) }
            // Some file systems have no hard links; fall back to a checked rename.
            guard e == EPERM || e == ENOTSUP || e == EOPNOTSUPP || e == EMLINK else {
                throw .notWritable(destination, detail: String(cString: strerror(e)))
            }
            if FileManager.default.fileExists(atPath: destination) { throw .exists(destination) }
            guard rename(temp, destination) == 0 else { throw .notWritable(destination, detail: String(cString: strerror(errno))) }
        }
        chmod(destination, 0o600)
        syncDirectory(folder)
    }

    static func safetyCopyName(in directory: String, now: Date) throws(StoreError) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let stamp = formatter.string(from: now)
        for n in 1...100 {
            let name = directory + "/rehab-before-restore-\(stamp)\(n == 1 ? "" : "-\(n)").sqlite"
            if !FileManager.default.fileExists(atPath: name) { return name }
        }
        throw .failed("too many safety copies named rehab-before-restore-\(stamp) in \(directory)")
    }
}

/// `close(2)`, under a name that the store's own `close()` does not hide.
func closeDescriptor(_ fd: Int32) { _ = Foundation.close(fd) }

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
        if size > Int64(limit) { throw Problem(reason: "it is \(megabytes(Int(size))), over the \(megabytes(limit)) such a file may be; nothing was read") }
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

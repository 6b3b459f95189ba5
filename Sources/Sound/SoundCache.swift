import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// The folder where rendered sounds are kept between sessions: `$XDG_CACHE_HOME/rehab`, else
/// `~/.cache/rehab`. Voice files go in `voice/`, tones in `tones/`; folders are 0700 and files
/// 0600 (a list of spoken exercise names says something about the patient).
public struct SoundCache: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    /// Where the XDG rules put it for this environment; nil without a usable HOME.
    public init?(environment: [String: String]) {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            root = xdg + "/rehab"
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            root = home + "/.cache/rehab"
        } else {
            return nil
        }
    }

    public var voiceFolder: String { root + "/voice" }
    public var toneFolder: String { root + "/tones" }

    /// Makes `folder` and any missing parent 0700 (whatever the umask). A folder that exists is
    /// left as it is: rehab did not make it (it may be a symbolic link to a folder the patient
    /// shares), and the files rehab writes in it are 0600 anyway. False when it cannot be made.
    @discardableResult
    public func makeFolder(_ folder: String) -> Bool {
        var missing: [String] = []
        var path = folder
        while !path.isEmpty && path != "/" && access(path, F_OK) != 0 {
            missing.append(path)
            path = (path as NSString).deletingLastPathComponent
        }
        for p in missing.reversed() {
            if mkdir(p, 0o700) != 0 && errno != EEXIST { return false }
            chmod(p, 0o700)
        }
        var st = stat()
        return stat(folder, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
    }

    /// Writes `data` to `path` as a 0600 file, whole or not at all: a temporary file beside it,
    /// then a rename, so a player never reads half a file and two rehabs never mix their writes.
    @discardableResult
    public static func writeAtomically(_ data: Data, to path: String) -> Bool {
        let temp = path + Self.temporaryMarker + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        Leftovers.track(path: temp)
        defer { Leftovers.forget(path: temp) }
        let fd = open(temp, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        fchmod(fd, 0o600)
        let written = data.withUnsafeBytes { buffer -> Bool in
            var done = 0
            while done < buffer.count {
                let n = write(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                done += n
            }
            return true
        }
        close(fd)
        guard written, rename(temp, path) == 0 else { unlink(temp); return false }
        return true
    }

    /// What names a file while it is written (`NAME.tmp-PID-N`) or rendered (`NAME.espeak-PID-N.wav`).
    static let temporaryMarker = ".tmp-"
    static let renderingMarker = ".espeak-"

    /// Removes what a rehab that is no longer running left in the cache while writing.
    public func sweepLeftovers() {
        for folder in [voiceFolder, toneFolder] {
            Leftovers.sweep(folder, markers: [Self.temporaryMarker, Self.renderingMarker])
        }
    }

    /// A stable name for a sound: FNV-1a (64 bits) of everything that changes the sound. Not a
    /// security hash; it only has to tell different phrases and settings apart.
    public static func fileName(for key: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex + ".wav"
    }

    /// Whether `path` holds exactly `data`, writing it when it does not (missing, or damaged by a
    /// crash, a full disk or a hand): a sound made here is known byte for byte, so it is checked
    /// whole, never trusted for its size. False when it cannot be written.
    static func holds(_ data: Data, at path: String) -> Bool {
        if isRegularFile(path), FileManager.default.contents(atPath: path) == data { return true }
        return writeAtomically(data, to: path)
    }

    /// Whether `path` is a regular file of more than a header (a complete earlier render).
    static func isReady(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFREG && st.st_size > 44
    }

    /// Whether `path` is a regular file (following a symbolic link).
    static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFREG
    }
}

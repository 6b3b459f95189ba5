import Foundation
import RehabCore

/// How the patient wants the timer to sound, remembered in `settings.json` in the data folder.
/// A missing file means the defaults. A damaged one also means the defaults, with a one-line note,
/// and is left as it is until the patient changes a setting (it may be mended by hand meanwhile).
public enum TimerSettingsFile {
    public static let name = "settings.json"

    public struct Loaded: Equatable, Sendable {
        public let settings: TimerSettings
        /// One sentence when the file could not be read; nil otherwise.
        public let note: String?

        /// Whether a setting the patient chose differs from what was loaded. Only such a change
        /// is written over a file that could not be read (it may be mended by hand meanwhile);
        /// remembering that a note was shown is not one.
        public func isChosen(_ changed: TimerSettings) -> Bool {
            var bookkeeping = changed
            bookkeeping.fallbackSaid = settings.fallbackSaid
            return note == nil || bookkeeping != settings
        }
    }

    public static func path(in directory: String) -> String { directory + "/" + name }

    /// The file is a few lines; anything much larger is not one rehab wrote.
    public static let maxBytes = 64 * 1024

    public static func load(from directory: String) -> Loaded {
        let path = path(in: directory)
        if FileKind(of: path) == .absent { return Loaded(settings: TimerSettings(), note: nil) }
        let data: Data
        do { data = try InputFile.read(path, limit: maxBytes) } catch {
            return Loaded(settings: TimerSettings(), note: "The timer settings \(path) cannot be read (\(error.reason)): the defaults are used.")
        }
        do {
            return Loaded(settings: try JSONDecoder().decode(TimerSettings.self, from: data), note: nil)
        } catch {
            return Loaded(
                settings: TimerSettings(), note: "The timer settings \(path) are damaged: the defaults are used until you change a setting.")
        }
    }

    /// Writes the settings as a 0600 file, whole or not at all (a temporary file, then a rename).
    public static func save(_ settings: TimerSettings, to directory: String) throws(StoreError) {
        try DataFolder.prepare(directory, forNewDatabase: false)
        let path = path(in: directory)
        if FileKind.isSymbolicLink(path) { throw .notWritable(path, detail: "it is a symbolic link") }
        // Only a regular file is ever replaced: a folder, a FIFO or a device of that name stays.
        switch FileKind(of: path) {
        case .absent, .regularFile: break
        case let kind: throw .notWritable(path, detail: "it is \(kind.words), not a regular file")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(settings) else { throw .failed("cannot encode the timer settings") }
        let temp = path + ".tmp-\(getpid())"
        let fd = open(temp, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw errno == ENOSPC ? .diskFull(path) : .notWritable(directory, detail: String(cString: strerror(errno)))
        }
        fchmod(fd, 0o600)
        let bytes = data + Data("\n".utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced, rename(temp, path) == 0 else {
            let e = errno
            unlink(temp)
            throw e == ENOSPC ? .diskFull(path) : .notWritable(path, detail: String(cString: strerror(e)))
        }
    }
}

import Foundation
import RehabStore

// Files named on the command line: read only when regular (a FIFO would hang the read, /dev/zero
// never ends), written only as a new file or over a regular one (--force must never replace
// /dev/null, a FIFO, a socket or a folder by a file).

/// The bytes of a file the user named, up to `limit` bytes; `what` names it in the error, e.g.
/// "the program file".
func readUserFile(_ path: String, _ what: String, limit: Int) throws -> Data {
    do { return try InputFile.read(path, limit: limit) } catch {
        throw UserError("Cannot read \(what) \(path): \(error.reason).")
    }
}

/// Checks `--out` before anything is done: a new path, or a regular file when `replacing` (--force).
func checkOutputPath(_ path: String, replacing: Bool = false, forceHint: Bool = false) throws {
    switch FileKind(of: path) {
    case .absent:
        return
    case .regularFile:
        if replacing && FileKind.isSymbolicLink(path) {
            throw UserError("\(path) is a symbolic link; --force replaces only a regular file, so give the path of the file itself.")
        }
        if replacing { return }
        throw UserError(
            forceHint
                ? "\(path) already exists; add --force to replace it, or choose another name."
                : "\(path) already exists; choose another name or remove it first.")
    case .folder:
        throw UserError("\(path) is a folder; give a file name, for example \(path)/\(forceHint ? "rehab-backup.sqlite" : "rehab-export").")
    case let kind:
        throw UserError(
            "\(path) is \(kind.words), not a regular file; give --out the name of a new file\(replacing ? " or of a file to replace" : "").")
    }
}

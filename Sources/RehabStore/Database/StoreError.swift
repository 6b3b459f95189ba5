import Foundation

/// A storage problem, said in one sentence a patient can act on.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case notInitialised(String)
    /// The data folder named (by REHAB_HOME or --data-dir) is a file.
    case folderIsAFile(String)
    case alreadyInitialised(String)
    case damaged(String, detail: String)
    case newerSchema(String)
    case foreign(String, detail: String)
    case openFolder(String)
    case restoring(String)
    case locked(String)
    case notWritable(String, detail: String)
    case diskFull(String)
    case exists(String)
    case isLiveDatabase(String)
    case inUse(String)
    case notABackup(String, detail: String)
    case failed(String)

    public var description: String {
        switch self {
        case .notInitialised(let dir):
            return "No rehab data in \(dir) yet: run `rehab init --start YYYY-MM-DD` first."
        case .folderIsAFile(let path):
            let parent = (path as NSString).deletingLastPathComponent
            return "\(path) is a file, but rehab needs the folder that holds its data: set REHAB_HOME (or --data-dir) to a folder"
                + ((path as NSString).lastPathComponent == "rehab.sqlite" ? ", here \(parent.isEmpty ? "." : parent)." : ".")
        case .alreadyInitialised(let dir):
            return "rehab is already set up in \(dir); your existing data was left untouched."
        case .damaged(let path, let detail):
            return
                "The database \(path) is damaged or is not a rehab database (\(detail)); it was left untouched — restore a backup or move it aside."
        case .newerSchema(let path):
            return "The database \(path) was written by a newer version of rehab; update rehab to open it (the file was left untouched)."
        case .foreign(let path, let detail):
            return
                "\(path) is a SQLite database of another program, not rehab's (\(detail)); it was left untouched — move it aside or choose another folder with --data-dir."
        case .openFolder(let dir):
            return
                "The folder \(dir) can be read or written by other users, so it cannot hold your health data; run `chmod 700 \(dir)` or choose another folder with --data-dir — nothing was written."
        case .restoring(let dir):
            return "Another rehab has been restoring a backup into \(dir) for too long; try again in a moment — nothing was changed."
        case .locked(let path):
            return "The database \(path) is busy in another program for too long; try again in a moment."
        case .notWritable(let path, let detail):
            return "Cannot write to \(path) (\(detail)); check the folder's permissions."
        case .diskFull(let path):
            return "The disk holding \(path) is full; nothing was saved or changed — free some space and try again."
        case .exists(let path):
            return "\(path) already exists; nothing was written — choose another name or remove it first."
        case .isLiveDatabase(let path):
            return "\(path) is the database in use; write the backup to a file outside the data folder."
        case .inUse(let path):
            return
                "The database \(path) is open in another rehab (the full-screen program or a script); close it and try again — nothing was changed."
        case .notABackup(let path, let detail):
            return "\(path) cannot be restored: \(detail); your current data was left untouched."
        case .failed(let detail):
            return "Storage failed: \(detail)."
        }
    }
}

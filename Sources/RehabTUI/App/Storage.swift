import Foundation
import RehabCore
import RehabStore

/// Where the loop reads and writes the patient's data: the database in the product, memory in
/// tests (so a failed save or a write by another process is one line of a test). A storage only
/// writes: every change was judged before it comes here (`AppModel.admit`, `PatientData.saveOnFreshData`).
public protocol AppStorage: AnyObject {
    /// The data as judged on `today`, or nil before the patient enrolled.
    func load(today: Day) throws -> Snapshot?
    /// Writes one change in one transaction; returns the ids of the exercise entries written, in order.
    func save(_ change: Change, today: Day) throws -> [Int64]
    /// Changes on every commit, by this process or another.
    func signature() -> [Int]
}

/// The SQLite database in the data folder, opened when it exists (or when the patient enrols).
public final class DatabaseStorage: AppStorage {
    private let directory: String
    private var store: RehabStore?

    /// Opens the data before the screen changes, so a damaged database is reported in plain text.
    public init(directory: String) throws {
        self.directory = directory
        // Said now, not after the set-up form has been filled in.
        if FileKind(of: directory) == .regularFile { throw StoreError.folderIsAFile(directory) }
        if FileManager.default.fileExists(atPath: path) { store = try RehabStore(directory: directory) }
    }

    private var path: String { directory + "/rehab.sqlite" }

    public func load(today: Day) throws -> Snapshot? {
        // Another process may have enrolled since we started.
        if store == nil, FileManager.default.fileExists(atPath: path) { store = try RehabStore(directory: directory) }
        guard let store, try store.enrolment() != nil else { return nil }
        let programs = try store.programTimeline()
        // The screens judge today and show totals of earlier days: the entries before today load
        // as day totals, so years of history reload fast after every save.
        return Snapshot(programs: programs, history: try store.history(summarisingBefore: today.firstDayReadInFull), today: today)
    }

    public func save(_ change: Change, today: Day) throws -> [Int64] {
        switch change {
        case .enrol(let enrolment, let id):
            let s = try RehabStore(directory: directory, create: true)
            // Recorded as `rehab init --program ID` records it.
            let program = BuiltInPrograms.named(id) ?? BuiltInPrograms.standard
            try s.enrol(enrolment, programText: program.text, source: id)
            store = s
        case .exercises(let entries), .timerSets(let entries): return try requireStore().add(entries)
        case .painForTimerSets(let during, let after, let ids): try requireStore().updatePain(entryIDs: ids, painDuring: during, painAfter: after)
        case .test(let result): try requireStore().add(result)
        case .score(let score): try requireStore().save(score)
        case .clinicianSeen(let clearance): try requireStore().add(clearance)
        case .run(let run): _ = try requireStore().add(run)
        case .checkIn(let checkIn): _ = try requireStore().save(checkIn)
        case .phaseChange(let change): try requireStore().add(change)
        case .painAfter(let pain, let ids): try requireStore().updatePain(entryIDs: ids, painDuring: nil, painAfter: pain)
        }
        return []
    }

    private func requireStore() throws(StoreError) -> RehabStore {
        if let store { return store }
        throw StoreError.notInitialised(directory)
    }

    /// Size and modification time of the database and its write-ahead log: changes on every commit.
    public func signature() -> [Int] {
        ["", "-wal"].flatMap { suffix -> [Int] in
            var st = stat()
            guard stat(path + suffix, &st) == 0 else { return [0, 0, 0] }
            return [Int(st.st_size), st.st_mtim.tv_sec, st.st_mtim.tv_nsec]
        }
    }
}

import RehabCore
import RehabStore

/// The patient's data as the app's loop reads and writes it: saves carried out (the timer's on a
/// thread of their own), each judged again when another process wrote since, and the writes of
/// other processes noticed. `rehab timer` has none.
final class PatientData {
    private let storage: AppStorage
    private let today: () -> Day
    private var dataSignature: [Int] = []
    /// The timer's saves, carried out one after another off the loop thread.
    private(set) lazy var saves = BackgroundSaves { [unowned self] change in self.write(change) }

    /// Saves under way are looked for this often (nanoseconds): the terminal cannot be woken.
    static let savePoll: Int64 = 20_000_000

    init(storage: AppStorage, today: @escaping () -> Day) {
        self.storage = storage
        self.today = today
    }

    /// The data as it is today, or nil before enrolment.
    func load() throws -> Snapshot? {
        // Read before the data: a write by another process in between is then seen as a change
        // (read after, it was taken as already shown, and Today missed it until the next write).
        dataSignature = storage.signature()
        return try storage.load(today: today())
    }

    /// The results of saves that have finished, in the order they were asked (after waiting for
    /// those under way when `waiting`).
    func finishedSaves(waiting: Bool) -> [Message] {
        if waiting { saves.waitUntilIdle() }
        return saves.hasResults ? saves.takeResults() : []
    }

    /// Every save asked for, done, and its results.
    func finishSaves() -> [Message] {
        var results: [Message] = []
        while saves.isBusy || saves.hasResults {
            saves.waitUntilIdle()
            results += saves.takeResults()
        }
        return results
    }

    /// Carries out one `.save`: the timer's on their thread (their results come later), any other
    /// after those under way, so saves land in the order asked.
    func save(_ change: Change) -> [Message] {
        switch change {
        case .timerSets, .painForTimerSets:
            // The timer's saves never hold up its cues.
            saves.submit(change)
            return []
        default:
            saves.waitUntilIdle()
            return saves.takeResults() + [saveOnFreshData(change)]
        }
    }

    /// The model judged `change` on the data it last read; when another process has written since
    /// (a red day logged in a second terminal closes the gate), it is judged again on the fresh
    /// data, by the same judge (`AppModel.judge`), before the storage, which only writes, is asked.
    private func saveOnFreshData(_ change: Change) -> Message {
        let day = today()
        if storage.signature() != dataSignature, let fresh = try? storage.load(today: day),
            case .failure(let refusal) = AppModel.judge(change, snapshot: fresh, today: day)
        {
            return .saveFailed(change, refusal.sentence(naming: \.label))
        }
        return write(change)
    }

    /// Writes one change and reads the data back (on the loop, or on the saving thread).
    private func write(_ change: Change) -> Message {
        do {
            let ids = try storage.save(change, today: today())
            dataSignature = storage.signature()
            guard let snapshot = try storage.load(today: today()) else { return .saveFailed(change, "the data could not be read back.") }
            return .saved(change, snapshot, entryIDs: ids)
        } catch {
            switch change {
            case .timerSets, .painForTimerSets: return .saveFailed(change, Self.briefly(error))
            default: return .saveFailed(change, String(describing: error))
            }
        }
    }

    /// Why a timer save failed, short enough for the timer's one line (the database's path is
    /// left out: it is the patient's own data folder).
    static func briefly(_ error: Error) -> String {
        switch error as? StoreError {
        case .locked?: return "the database is busy in another program"
        case .diskFull?: return "the disk is full"
        case .notWritable(_, let detail)?: return "cannot write to the data folder: \(detail)"
        default: return String(describing: error)
        }
    }

    /// Another process (a script, a second terminal) wrote, or the day changed since `shown`:
    /// the new data.
    func outsideChange(shown: Day?) -> Message? {
        let signature = storage.signature()
        let day = today()
        guard signature != dataSignature || day != shown else { return nil }
        dataSignature = signature
        guard let snapshot = try? storage.load(today: day) else { return nil }
        return .dataChanged(snapshot, today: day)
    }
}

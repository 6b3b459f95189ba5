import Foundation
import RehabCore
import RehabStore
import Terminal

/// Runs the full-screen app: opens the data, draws, waits for keys and deadlines, and carries out
/// the effects `AppModel.update` asks for. Every change is written at once, in one transaction.
public final class AppRunner {
    private let directory: String
    private let today: () -> Day
    private var store: RehabStore?
    private var model: AppModel
    private let clock = MonotonicClock()
    private var timerEntryIDs: [Int64] = []
    private var dataSignature: [Int] = []

    /// Opens the data before the screen changes, so a damaged database is reported in plain text.
    public init(directory: String, today: @escaping () -> Day) throws {
        self.directory = directory
        self.today = today
        let fm = FileManager.default
        if fm.fileExists(atPath: directory + "/rehab.sqlite") {
            store = try RehabStore(directory: directory)
        }
        model = AppModel(snapshot: nil, today: today())
        if let snapshot = try loadSnapshot() { model = AppModel(snapshot: snapshot, today: snapshot.today) }
        dataSignature = signature()
    }

    /// Runs until the patient quits or a signal arrives; the terminal is always restored.
    public func run() {
        let screen = TerminalScreen()
        screen.start()
        defer { screen.stop() }
        let loop = EventLoop(screen: screen, clock: clock)
        var running = true
        draw(screen)
        while running {
            let deadline = timerDeadline()
            let event = loop.next(deadline: deadline, idleMilliseconds: 5000)
            if case .tick = event, deadline == nil { pickUpOutsideChanges() }
            if case .key = event { pickUpOutsideChanges() }
            let effects = model.update(event, now: clock.now)
            running = perform(effects, screen)
            draw(screen)
        }
    }

    private func timerDeadline() -> Int64? {
        if case .timer(let t, _, _) = model.mode { return t.nextDeadline(clock.now) }
        return nil
    }

    private func draw(_ screen: TerminalScreen) {
        var grid = screen.makeGrid()
        AppView.render(model, into: &grid, now: clock.now)
        screen.present(grid)
    }

    /// Carries out effects; the bell first so its timing is not delayed by saving or drawing.
    private func perform(_ effects: [Effect], _ screen: TerminalScreen) -> Bool {
        if effects.contains(.bell) { screen.bell() }
        var keepRunning = true
        for effect in effects {
            switch effect {
            case .bell: break
            case .quit: keepRunning = false
            case .save(let change): save(change)
            }
        }
        return keepRunning
    }

    private func save(_ change: Change) {
        do {
            switch change {
            case .enrol(let enrolment):
                let s = try RehabStore(directory: directory, create: true)
                try s.enrol(enrolment, programText: ProgramLoader.defaultProgramText() ?? "", source: "default")
                store = s
            case .exercises(let entries):
                _ = try requireStore().add(entries)
            case .timerSets(let entries):
                timerEntryIDs += try requireStore().add(entries)
            case .painForTimerSets(let pain):
                try requireStore().updatePain(entryIDs: timerEntryIDs, painDuring: pain, painAfter: nil)
                timerEntryIDs = []
            case .test(let result):
                try requireStore().add(result)
            case .score(let score):
                try requireStore().save(score)
            case .clinicianSeen(let clearance):
                try requireStore().add(clearance)
            case .run(let run):
                _ = try requireStore().add(run)
            case .checkIn(let checkIn):
                _ = try requireStore().save(checkIn)
            case .phaseChange(let change):
                // The gate is judged again on fresh data: another process may have logged meanwhile.
                guard let fresh = try loadSnapshot(), fresh.status.eligibleToAdvance else {
                    model.saveFailed("the gate is no longer met.")
                    return
                }
                try requireStore().add(change)
            }
            if let snapshot = try loadSnapshot() { model.didSave(change, snapshot: snapshot) }
            dataSignature = signature()
        } catch {
            model.saveFailed(String(describing: error))
        }
    }

    private func requireStore() throws(StoreError) -> RehabStore {
        if let store { return store }
        throw StoreError.notInitialised(directory)
    }

    private func loadSnapshot() throws -> Snapshot? {
        guard let store, try store.enrolment() != nil else { return nil }
        let programs = try store.programTimeline()
        // The screens judge today and show totals of earlier days: the entries before today load
        // as day totals, so years of history reload fast after every save.
        let day = today()
        return Snapshot(programs: programs, history: try store.history(summarisingBefore: day), today: day)
    }

    /// Another process (a script, a second terminal) wrote, or the day changed: reload.
    private func pickUpOutsideChanges() {
        let now = signature()
        guard now != dataSignature || today() != model.today else { return }
        dataSignature = now
        if store == nil, FileManager.default.fileExists(atPath: directory + "/rehab.sqlite") {
            store = try? RehabStore(directory: directory)
        }
        if let snapshot = try? loadSnapshot() {
            if model.snapshot == nil, case .form(.setup, _) = model.mode { model.mode = .main }
            model.refresh(snapshot, today: today())
        }
    }

    /// Size and modification time of the database and its write-ahead log: changes on every commit.
    private func signature() -> [Int] {
        ["", "-wal"].flatMap { suffix -> [Int] in
            var st = stat()
            guard stat(directory + "/rehab.sqlite" + suffix, &st) == 0 else { return [0, 0, 0] }
            return [Int(st.st_size), st.st_mtim.tv_sec, st.st_mtim.tv_nsec]
        }
    }
}

import Foundation
import RehabCore
import RehabStore
import Terminal

/// Runs the full-screen app: waits for the next event, hands it to `AppModel.update` as a message,
/// carries out the effects `update` asks for and hands their results back as messages, then draws.
/// It keeps no state of the patient's: the model alone changes, and only in `update`.
public final class AppRunner {
    private let storage: AppStorage
    private let today: () -> Day
    public private(set) var model: AppModel
    private var dataSignature: [Int] = []
    private let cues: CuePlayer
    /// Keeps the timer settings the patient chose, for the next session.
    private let remember: (TimerSettings) -> String?
    /// What works for sound, while it is still being found in the background.
    private var detection: SoundDetection?
    /// The timer's saves, carried out one after another off the loop thread.
    private lazy var saves = BackgroundSaves { [unowned self] change in self.save(change) }

    /// Opens the data before the screen changes, so a damaged database is reported in plain text.
    public convenience init(directory: String, today: @escaping () -> Day, sound: TimerSound = TimerSound()) throws {
        try self.init(storage: DatabaseStorage(directory: directory), today: today, sound: sound)
    }

    public init(storage: AppStorage, today: @escaping () -> Day, sound: TimerSound = TimerSound()) throws {
        self.storage = storage
        self.today = today
        self.cues = sound.player
        self.remember = sound.remember
        let day = today()
        // Read before the data: a write by another process in between is then seen as a change
        // (read after, it was taken as already shown, and Today missed it until the next write).
        dataSignature = storage.signature()
        if let snapshot = try storage.load(today: day) {
            model = AppModel(snapshot: snapshot, today: snapshot.today, timerSettings: sound.settings, soundChoices: sound.choices)
        } else {
            model = AppModel(snapshot: nil, today: day, timerSettings: sound.settings, soundChoices: sound.choices)
        }
        detection = sound.detection
        if detection == nil { apply(.soundDetected(choices: sound.choices, fallback: sound.fallback)) }
        if let note = sound.note { apply(.note(note)) }
    }

    /// A message with no effect but remembering settings, handled before the loop runs.
    private func apply(_ message: Message) {
        for case .rememberSettings(let settings) in model.update(message, now: 0) {
            if let note = remember(settings) { _ = model.update(.note(note), now: 0) }
        }
    }

    /// Once the background detection has found what works: the sound to play through, and the
    /// message that tells the model.
    private func detected(_ found: SoundDetection.Found? = nil) -> Message? {
        guard detection != nil, let found = found ?? detection?.result else { return nil }
        detection = nil
        cues.output = found.output
        return .soundDetected(choices: found.choices, fallback: found.fallback)
    }

    /// Runs on the real terminal until the patient quits or a signal arrives; the terminal is
    /// always restored.
    public func run() {
        let backend = CursesBackend()
        backend.start()
        defer { backend.stop() }
        run(on: backend)
    }

    /// Runs on any backend until `update` asks to quit, then waits for every save under way.
    public func run(on backend: TerminalBackend) {
        var running = true
        var stall = StallWatch(backend)
        // The size the terminal starts at (later ones come as events): scrolling stops at the end.
        let size = backend.makeGrid()
        _ = dispatch(.resize(width: size.width, height: size.height), backend)
        draw(backend, &stall)
        while running {
            running = collectSaves(backend) && running
            guard running else { break }
            var deadline = model.nextDeadline(backend.now)
            // Saves under way are looked for every few milliseconds (the terminal cannot be woken).
            if saves.isBusy { deadline = min(deadline ?? .max, backend.now + Self.savePoll) }
            stall.waiting(backend)
            let event = backend.nextEvent(deadline: deadline, idleMilliseconds: 5000)
            if let since = stall.woke(backend, event: event, deadline: deadline) {
                running = dispatch(.didNotRun(since: since), backend) && running
            }
            running = dispatch(detected(), backend) && running
            // Another process's writes are looked for when the patient acts or the loop idles,
            // never on the timer's ticks (its cues must not wait for a reload), and never while
            // a save is under way (the storage is then the saving thread's).
            let settingUp = model.isSettingUp
            if !saves.isBusy {
                if case .key = event { running = dispatch(outsideChange(), backend) && running }
                if case .tick = event, deadline == nil { running = dispatch(outsideChange(), backend) && running }
            }
            // Keys meant for a set-up form that another rehab's enrolment just replaced are not
            // acted on, this one and any typed ahead: Down and Enter would start a timer on the
            // Today that took its place.
            if event.isKey && settingUp && !model.isSettingUp {
                var typedAhead = backend.nextEvent(deadline: nil, idleMilliseconds: 0)
                while typedAhead.isKey { typedAhead = backend.nextEvent(deadline: nil, idleMilliseconds: 0) }
                if typedAhead != .tick { running = dispatch(Message(typedAhead), backend) && running }
            } else {
                running = dispatch(Message(event), backend) && running
            }
            running = collectSaves(backend) && running
            draw(backend, &stall)
        }
        // Every set asked to be saved is saved (or said not to be) before the program ends.
        while saves.isBusy || saves.hasResults {
            saves.waitUntilIdle()
            _ = dispatch(saves.takeResults(), backend)
        }
    }

    static let savePoll: Int64 = 20_000_000

    private func draw(_ backend: TerminalBackend, _ stall: inout StallWatch) {
        stall.working(backend)
        var grid = backend.makeGrid()
        AppView.render(model, into: &grid, now: backend.now)
        backend.present(grid)
        if let since = stall.afterWork(backend) {
            _ = dispatch(.didNotRun(since: since), backend)
            draw(backend, &stall)
        }
    }

    /// The results of saves that have finished, handed to `update` in the order they were asked.
    private func collectSaves(_ backend: TerminalBackend) -> Bool {
        if backend.waitsForSaves { saves.waitUntilIdle() }
        return saves.hasResults ? dispatch(saves.takeResults(), backend) : true
    }

    /// Feeds messages to `update`, then every result of their effects, in order. False after `.quit`
    /// (the effects asked for with it are still carried out: sets done before a signal are saved).
    private func dispatch(_ message: Message?, _ backend: TerminalBackend) -> Bool {
        dispatch(message.map { [$0] } ?? [], backend)
    }

    private func dispatch(_ messages: [Message], _ backend: TerminalBackend) -> Bool {
        var queue = messages
        var keepRunning = true
        while !queue.isEmpty {
            let effects = model.update(queue.removeFirst(), now: backend.now)
            // The cue first, so its timing is not delayed by saving or drawing.
            for case .cue(let cue, let mode, let verbosity, let due) in effects {
                cues.play(cue, mode: mode, verbosity: verbosity, due: due, now: backend.now) { backend.bell() }
            }
            for effect in effects {
                switch effect {
                case .cue: break
                case .prepareSound(let list, _):
                    // Rendering and warming up take a moment: say so on screen first.
                    drawNotice("Getting the sound ready…", backend)
                    // A check still under way is waited for, but never past a key or a signal.
                    let arrived = detection?.wait(on: backend)
                    if let found = arrived?.found, let known = detected(found) { apply(known) }
                    cues.prepare(list, model.timerSettings, mode: model.currentSound)
                    queue.append(.soundReady)
                    queue += (arrived?.events ?? []).map(Message.init)
                case .rememberSettings(let settings):
                    if let note = remember(settings) { queue.append(.note(note)) }
                case .finishSound: cues.finish()
                case .quit: keepRunning = false
                case .save(let change):
                    switch change {
                    case .timerSets, .painForTimerSets:
                        // The timer's saves never hold up its cues: they run on a thread of their own.
                        saves.submit(change)
                    default:
                        // Any other save waits for those under way, so saves land in the order asked.
                        saves.waitUntilIdle()
                        queue += saves.takeResults()
                        queue.append(saveOnFreshData(change))
                    }
                }
            }
        }
        return keepRunning
    }

    private func drawNotice(_ text: String, _ backend: TerminalBackend) {
        var grid = backend.makeGrid()
        TimerScreen.center(text, y: grid.height / 2, style: .bold, &grid)
        backend.present(grid)
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
        return save(change)
    }

    /// Writes one change and reads the data back (on the loop, or on the saving thread).
    private func save(_ change: Change) -> Message {
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

    /// Another process (a script, a second terminal) wrote, or the day changed: the new data.
    private func outsideChange() -> Message? {
        let signature = storage.signature()
        let day = today()
        guard signature != dataSignature || day != model.today else { return nil }
        dataSignature = signature
        guard let snapshot = try? storage.load(today: day) else { return nil }
        return .dataChanged(snapshot, today: day)
    }
}

private extension Event {
    var isKey: Bool { if case .key = self { true } else { false } }
}

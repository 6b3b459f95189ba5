import Foundation
import RehabCore
import Terminal

/// A model the loop runs, as Bubble Tea's `tea.Model`: the full-screen app, or `rehab timer`'s
/// timer on its own. Only `update` changes it, one message at a time; it reads no clock and
/// touches neither the terminal nor the disk.
public protocol LoopModel {
    /// The effects to carry out before the first event (Bubble Tea's `Init`).
    mutating func start() -> [Effect]
    mutating func update(_ message: Message, now: Int64) -> [Effect]
    /// When the loop must wake next; nil when nothing is due.
    func nextDeadline(_ now: Int64) -> Int64?
    func render(into grid: inout CellGrid, now: Int64)
    /// How timed sessions sound, to make their sounds ready with (`Effect.prepareSound`).
    var timerSettings: TimerSettings { get }
    /// The sound in use: the patient's choice when it works here, else the best that does.
    var currentSound: SoundMode { get }
    /// The first run's set-up form is open: keys typed for it are dropped if it is replaced.
    var isSettingUp: Bool { get }
    /// The day the model shows, to notice that the calendar moved on (nil: no day is shown).
    var dayShown: Day? { get }
}

extension LoopModel {
    public mutating func start() -> [Effect] { [] }
    public var isSettingUp: Bool { false }
    public var dayShown: Day? { nil }
}

/// The one event loop (Bubble Tea's `tea.Program`): waits for the next event or deadline, hands
/// it to `update` as a message, carries out the effects `update` asks for and hands their results
/// back as messages, then draws. It keeps no state of the patient's: nothing else calls `update`.
/// The app runs on it with the patient's data (`PatientData`); `rehab timer` runs on it with none.
public final class Loop<Model: LoopModel> {
    public private(set) var model: Model
    private let cues: CuePlayer
    /// Keeps the timer settings the patient chose, for the next session.
    private let remember: (TimerSettings) -> String?
    /// What works for sound, while it is still being found in the background.
    private var detection: SoundDetection?
    /// Handed to `update` before the first event: what is already known of sound, a settings note.
    private let known: [Message]
    /// The database (or the tests' memory) the app reads and writes; nil for `rehab timer`.
    private let data: PatientData?

    init(model: Model, sound: TimerSound, data: PatientData?) {
        self.model = model
        self.data = data
        cues = sound.player
        remember = sound.remember
        detection = sound.detection
        var known: [Message] = []
        if detection == nil { known.append(.soundDetected(choices: sound.choices, fallback: sound.fallback)) }
        if let note = sound.note { known.append(.note(note)) }
        self.known = known
    }

    /// Runs on the real terminal until the model asks to quit or a signal arrives; the terminal is
    /// always restored.
    public func run() {
        let backend = CursesBackend()
        backend.start()
        defer { backend.stop() }
        run(on: backend)
    }

    /// Runs on any backend until `update` asks to quit, then waits for every save under way.
    public func run(on backend: TerminalBackend) {
        var stall = StallWatch(backend)
        // The size the terminal starts at (later ones come as events): scrolling stops at the end.
        let size = backend.makeGrid()
        var running = dispatch([.resize(width: size.width, height: size.height)] + known, backend)
        running = perform(model.start(), backend) && running
        draw(backend, &stall)
        while running {
            running = collectSaves(backend)
            guard running else { break }
            var deadline = model.nextDeadline(backend.now)
            // Saves under way are looked for every few milliseconds (the terminal cannot be woken).
            if data?.saves.isBusy == true { deadline = min(deadline ?? .max, backend.now + PatientData.savePoll) }
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
            if let data, !data.saves.isBusy {
                if event.isKey || (event == .tick && deadline == nil) {
                    running = dispatch(data.outsideChange(shown: model.dayShown), backend) && running
                }
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
        if let data { _ = dispatch(data.finishSaves(), backend) }
    }

    /// Once the background detection has found what works: the sound to play through, and the
    /// message that tells the model.
    private func detected(_ found: SoundDetection.Found? = nil) -> Message? {
        guard detection != nil, let found = found ?? detection?.result else { return nil }
        detection = nil
        cues.output = found.output
        return .soundDetected(choices: found.choices, fallback: found.fallback)
    }

    private func draw(_ backend: TerminalBackend, _ stall: inout StallWatch) {
        stall.working(backend)
        var grid = backend.makeGrid()
        model.render(into: &grid, now: backend.now)
        backend.present(grid)
        if let since = stall.afterWork(backend) {
            _ = dispatch(.didNotRun(since: since), backend)
            draw(backend, &stall)
        }
    }

    /// The results of saves that have finished, handed to `update` in the order they were asked.
    private func collectSaves(_ backend: TerminalBackend) -> Bool {
        guard let data else { return true }
        return dispatch(data.finishedSaves(waiting: backend.waitsForSaves), backend)
    }

    private func dispatch(_ message: Message?, _ backend: TerminalBackend) -> Bool {
        dispatch(message.map { [$0] } ?? [], backend)
    }

    /// Feeds messages to `update`, then every result of their effects, in order. False after `.quit`
    /// (the effects asked for with it are still carried out: sets done before a signal are saved).
    private func dispatch(_ messages: [Message], _ backend: TerminalBackend) -> Bool {
        var queue = messages
        var keepRunning = true
        while !queue.isEmpty {
            let effects = model.update(queue.removeFirst(), now: backend.now)
            keepRunning = perform(effects, backend, then: &queue) && keepRunning
        }
        return keepRunning
    }

    /// Effects with no message before them (the model's `start`).
    private func perform(_ effects: [Effect], _ backend: TerminalBackend) -> Bool {
        var queue: [Message] = []
        let keepRunning = perform(effects, backend, then: &queue)
        return dispatch(queue, backend) && keepRunning
    }

    /// Carries out `effects`, adding the messages their results make to `queue`. False on `.quit`.
    private func perform(_ effects: [Effect], _ backend: TerminalBackend, then queue: inout [Message]) -> Bool {
        var keepRunning = true
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
                if let found = arrived?.found, let known = detected(found) {
                    // Told before the sounds are made, so they are made for the sound that works.
                    keepRunning = dispatch(known, backend) && keepRunning
                }
                cues.prepare(list, model.timerSettings, mode: model.currentSound)
                let events = arrived?.events ?? []
                if events.contains(where: SoundDetection.endsTheWait) { queue.append(.soundWaitEnded) }
                queue.append(.soundReady)
                queue += events.map(Message.init)
            case .rememberSettings(let settings):
                if let note = remember(settings) { queue.append(.note(note)) }
            case .finishSound: cues.finish()
            case .quit: keepRunning = false
            case .save(let change):
                guard let data else { preconditionFailure("a save asked of a loop without the patient's data") }
                queue += data.save(change)
            }
        }
        return keepRunning
    }

    private func drawNotice(_ text: String, _ backend: TerminalBackend) {
        var grid = backend.makeGrid()
        TimerScreen.center(text, y: grid.height / 2, style: .bold, &grid)
        backend.present(grid)
    }
}

extension Event {
    fileprivate var isKey: Bool { if case .key = self { true } else { false } }
}

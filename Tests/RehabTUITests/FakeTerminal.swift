import Foundation
import RehabCore
import Terminal
@testable import RehabTUI

/// An in-memory terminal with a clock of its own, in the spirit of ratatui's TestBackend: the
/// runner draws into it and asks it for events; a test scripts what the patient does and when,
/// then reads every frame. Time passes only when the runner waits, so a two-minute set runs in
/// microseconds and every deadline is met exactly.
final class FakeTerminal: TerminalBackend {
    enum Step {
        /// Wait this long (nanoseconds) while the runner does what it does, then go on.
        case wait(Int64)
        /// A wait under way: until this time.
        case until(Int64)
        case key(Key)
        case keys(String)
        case resize(width: Int, height: Int)
        case signal(Int32)
        /// Runs between two events, for example another process writing.
        case run(() -> Void)
        /// The process is stopped (Ctrl-Z) for this long while it waits, then continued (fg).
        case suspend(Int64)
        /// The machine sleeps: the wait under way ends this long after its deadline, with no signal.
        case oversleep(Int64)
        /// The next frame takes this long to write (the terminal's output held, as with Ctrl-S).
        case holdOutput(Int64)
    }

    /// Read by saves running on their own thread too.
    private let clock = NSLock()
    private var time: Int64 = 0
    var now: Int64 {
        get { clock.withLock { time } }
        set { clock.withLock { time = newValue } }
    }
    /// Whether the loop waits for saves under way before the next event (so the clock stands
    /// still while they run); false lets time run on while a save blocks.
    let waitsForSaves: Bool
    private var heldOutput: Int64 = 0
    private(set) var size: (width: Int, height: Int)
    let glyphs: Glyphs = .unicode
    private var script: [Step]
    private(set) var frames: [CellGrid] = []
    private(set) var bells: [Int64] = []
    /// Each key handed to the runner, with the time it was typed.
    private(set) var typed: [(key: Key, at: Int64)] = []
    /// Set when the runner asked for an event after the script ended (it then gets SIGTERM).
    private(set) var ranOut = false

    init(width: Int = 80, height: Int = 24, waitsForSaves: Bool = true, _ script: [Step]) {
        size = (width, height)
        self.script = script
        self.waitsForSaves = waitsForSaves
    }

    var screen: CellGrid { frames.last ?? CellGrid(width: 0, height: 0) }

    func present(_ grid: CellGrid) {
        frames.append(grid)
        now += heldOutput
        heldOutput = 0
    }
    func bell() { bells.append(now) }

    func nextEvent(deadline: Int64?, idleMilliseconds: Int?) -> Event {
        while let step = script.first {
            switch step {
            case .wait(let span):
                script[0] = .until(now + span)
            case .until(let until):
                if let deadline, deadline <= until {
                    now = max(now, deadline)
                    return .tick
                }
                // With no deadline, a wait longer than the idle timeout wakes the loop as ncurses would.
                if deadline == nil, let idle = idleMilliseconds, until - now >= Int64(idle) * 1_000_000 {
                    now += Int64(idle) * 1_000_000
                    return .tick
                }
                now = max(now, until)
                script.removeFirst()
            case .key(let key):
                script.removeFirst()
                typed.append((key, now))
                return .key(key)
            case .keys(let text):
                script.removeFirst()
                script.insert(contentsOf: text.map { Step.key(.char($0)) }, at: 0)
            case .resize(let width, let height):
                script.removeFirst()
                size = (width, height)
                return .resize(width: width, height: height)
            case .signal(let number):
                script.removeFirst()
                return .interrupted(signal: number)
            case .run(let action):
                script.removeFirst()
                action()
            case .suspend(let span):
                script.removeFirst()
                now += span
                return .resumed
            case .oversleep(let span):
                script.removeFirst()
                now = max(now, deadline ?? now) + span
                return .tick
            case .holdOutput(let span):
                script.removeFirst()
                heldOutput = span
            }
        }
        ranOut = true
        return .interrupted(signal: 15)
    }
}

/// The patient's data in memory, as the database would keep it; a test can make the next save
/// fail, or write as another process would.
final class MemoryStorage: AppStorage {
    var program: Program
    var history: History?
    var failNextSave: String?
    /// Every save fails with this until it is cleared (a full disk).
    var failSaves: String?
    /// Runs at the start of every save, on the thread that saves (to make a save wait).
    var beforeSave: (() -> Void)?
    private var commits = 0
    private var nextID: Int64 = 1
    /// When each day's check-in was saved (the commit it made), to tell whether others came after.
    private var checkInSavedAt: [Day: (records: Int, at: Date, on: Day)] = [:]
    /// Records written (an unchanged check-in or score writes none), to tell whether any came after a check-in.
    private var records = 0
    private var scoreSavedAt: [Day: Date] = [:]

    init(program: Program = ProgramLoader.defaultProgram(), history: History?) {
        self.program = program
        self.history = history
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    func load(today: Day) throws -> Snapshot? {
        history.map { Snapshot(program: program, history: $0, today: today) }
    }

    func signature() -> [Int] { [commits] }

    /// What another process (a script, a second terminal) writes.
    func writeFromAnotherProcess(_ entry: ExerciseEntry) {
        history?.exercises.append(entry)
        commits += 1
        records += 1
    }

    func save(_ change: Change, today: Day) throws -> [Int64] {
        beforeSave?()
        if let failure = failSaves { throw Failure(description: failure) }
        if let failure = failNextSave {
            failNextSave = nil
            throw Failure(description: failure)
        }
        commits += 1
        var ids: [Int64] = []
        switch change {
        case .enrol(let e, let id):
            history = History(enrolment: e)
            program = (BuiltInPrograms.named(id) ?? BuiltInPrograms.standard).program
        case .exercises(let entries), .timerSets(let entries):
            for var entry in entries {
                entry.id = nextID
                ids.append(nextID)
                nextID += 1
                history?.exercises.append(entry)
            }
        case .painForTimerSets(let during, let after, let entryIDs):
            for i in history?.exercises.indices ?? 0..<0 where entryIDs.contains(history?.exercises[i].id ?? -1) {
                if let during { history?.exercises[i].painDuring = during }
                if let after { history?.exercises[i].painAfter = after }
            }
        case .painAfter(let pain, let entryIDs):
            for i in history?.exercises.indices ?? 0..<0 where entryIDs.contains(history?.exercises[i].id ?? -1) {
                history?.exercises[i].painAfter = pain
            }
        case .run(let r): history?.runs.append(r)
        case .checkIn(let c): if saveCheckIn(c, today: today) { records += 1 }; return ids
        case .phaseChange(let p): history?.phaseChanges.append(p)
        case .test(let t): history?.tests.append(t)
        case .score(let s): if saveScore(s) { records += 1 }; return ids
        case .clinicianSeen(let c): history?.clearances.append(c)
        }
        records += 1
        return ids
    }

    /// As the database does: a second check-in for a morning replaces the first and keeps it.
    /// Whether it changed anything.
    private func saveCheckIn(_ c: CheckIn, today: Day) -> Bool {
        let now = Date()
        guard let index = history?.checkIns.firstIndex(where: { $0.date == c.date }), let replaced = history?.checkIns[index] else {
            history?.checkIns.append(c)
            checkInSavedAt[c.date] = (records + 1, now, today)  // counting itself
            return true
        }
        if replaced == c { return false }
        let saved = checkInSavedAt[c.date] ?? (records, now, today)
        history?.checkInCorrections.append(
            CheckInCorrection(
                replaced: replaced, recordedAt: Correction.wholeSecond(saved.at), correctedAt: Correction.wholeSecond(now),
                actedOn: Correction.actedOn(recordedOn: saved.on, correctedOn: today, recordedSince: records > saved.records)))
        history?.checkIns[index] = c
        checkInSavedAt[c.date] = (records + 1, now, today)  // counting itself
        return true
    }

    private func saveScore(_ s: OutcomeScore) -> Bool {
        let now = Date()
        guard let index = history?.scores.firstIndex(where: { $0.date == s.date }), let replaced = history?.scores[index] else {
            history?.scores.append(s)
            scoreSavedAt[s.date] = now
            return true
        }
        if replaced == s { return false }
        history?.scoreCorrections.append(
            ScoreCorrection(
                replaced: replaced, recordedAt: Correction.wholeSecond(scoreSavedAt[s.date] ?? now),
                correctedAt: Correction.wholeSecond(now)))
        history?.scores[index] = s
        scoreSavedAt[s.date] = now
        return true
    }
}

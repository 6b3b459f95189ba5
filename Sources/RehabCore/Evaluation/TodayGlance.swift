/// Today in a few words, for a shell prompt or a status bar: what `rehab today` prints.
/// A handful of plain values, so a store can keep them for a day and read them back without the engine.
public struct TodayGlance: Sendable, Equatable {
    public enum State: String, Sendable, CaseIterable {
        /// Exercises planned today (`done` of `planned` finished).
        case exercise
        /// The week's sessions are done and nothing was logged today (`Evaluator.isRestDay`).
        case rest
        /// The program is paused or stopped: see a clinician before going on.
        case paused, stopped
    }

    public var state: State
    /// Plan items finished today, of those planned.
    public var done: Int
    public var planned: Int
    /// Something was logged yesterday and this morning's check-in is not recorded yet.
    public var checkInDue: Bool

    public init(state: State, done: Int, planned: Int, checkInDue: Bool) {
        self.state = state; self.done = done; self.planned = planned; self.checkInDue = checkInDue
    }

    /// The engine's verdict on `day`, in brief.
    public init(_ evaluator: Evaluator, on day: Day) {
        let status = evaluator.status(asOf: day)
        let items = status.plan.items
        let yesterday = evaluator.index[day - 1]
        // The check-in reports on the day before: due only when that day holds a session to judge.
        let checkInDue = yesterday.hasSession && evaluator.index[day].checkIn == nil
        let state: State
        if let pause = status.pause {
            state = pause.kind == .stopped ? .stopped : .paused
        } else if evaluator.isRestDay(day) {
            state = .rest
        } else {
            state = .exercise
        }
        self.init(state: state, done: items.filter(\.doneToday).count, planned: items.count, checkInDue: checkInDue)
    }

    /// "hip: 2/6 done, check-in due", "hip: PAUSED, see your physio", "hip: rest day".
    public var line: String {
        switch state {
        case .paused: return "hip: PAUSED, see your physio"
        case .stopped: return "hip: STOPPED, see your physio"
        case .rest: return "hip: rest day" + (checkInDue ? ", check-in due" : "")
        case .exercise: return "hip: \(done)/\(planned) done" + (checkInDue ? ", check-in due" : "")
        }
    }

    /// For a narrow status bar: "2/6 ci" (ci: check-in due), "PAUSED", "STOPPED", "rest".
    public var short: String {
        switch state {
        case .paused: return "PAUSED"
        case .stopped: return "STOPPED"
        case .rest: return "rest" + (checkInDue ? " ci" : "")
        case .exercise: return "\(done)/\(planned)" + (checkInDue ? " ci" : "")
        }
    }

    /// One JSON object on one line, keys sorted. Written by hand: every value is a number, a
    /// boolean or one of this type's own ASCII words, and a prompt should not pay for an encoder.
    public func json(on day: Day) -> String {
        "{\"checkInDue\":\(checkInDue),\"date\":\"\(day.iso)\",\"done\":\(done),\"line\":\"\(line)\",\"planned\":\(planned),\"state\":\"\(state.rawValue)\"}"
    }

    /// The words a prompt shows while another rehab holds the data (a restore, a long write).
    public static let busy = "hip: busy"
    public static let busyShort = "busy"
}

extension Evaluator {
    /// A day with nothing logged after the phase's sessions per week were all done in the six
    /// days before: three a week done Monday, Wednesday, Friday make Saturday and Sunday rest days.
    public func isRestDay(_ day: Day) -> Bool {
        let phaseID = phase(asOf: day).id
        let perWeek = programs.program(on: day).phase(phaseID == .complete ? .returnToRun : phaseID)?.sessionsPerWeek ?? 7
        guard perWeek < 7, !index[day].hasSession else { return false }
        return DayRange(day - 6, day - 1).filter { countsAsSession($0) }.count >= perWeek
    }
}

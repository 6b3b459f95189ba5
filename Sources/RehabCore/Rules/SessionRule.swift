/// How one day's logging stands against the prescription of the phase in force that day.
public struct SessionCredit: Sendable, Equatable {
    /// Sets of the phase's own exercises done in full (a set cut short, skipped or stopped for
    /// pain is not), each exercise and side counted up to its prescription.
    public let setsDone: Int
    /// Sets the phase prescribes for a day, each side counted.
    public let setsPrescribed: Int
    /// The least `setsDone` that makes the day a session.
    public let setsNeeded: Int
    /// A run was logged on a day of the return-to-run phase (or after it): a session in itself.
    public let ran: Bool
    /// The day fell in a pause or stop: it counts neither as a session nor as a miss.
    public let paused: Bool

    public var counts: Bool { !paused && (ran || (setsPrescribed > 0 && setsDone >= setsNeeded)) }
}

/// "2 of 3 planned sessions", or above plan "6 sessions (3 planned)": never "6 of 3".
public struct SessionCount: Sendable, Equatable {
    public let done: Int
    public let planned: Int

    public init(done: Int, planned: Int) { self.done = done; self.planned = planned }

    public var percent: Int { planned == 0 ? 0 : min(100, done * 100 / planned) }

    public var text: String {
        done > planned ? "\(counted(done, "session")) (\(planned) planned)" : "\(done) of \(counted(planned, "planned session"))"
    }
}

extension Evaluator {
    /// The exercises whose sets count on `day`: those of the phase in force that day, as this
    /// patient does them (a side-lying one gives way to its alternative where both hips hurt).
    public func exercisesInForce(on day: Day) -> (phase: PhaseID, exercises: [Exercise]) {
        let phase = self.phase(asOf: day).id
        let forExercises = phase == .complete ? PhaseID.returnToRun : phase
        return (phase, programs.program(on: day).phase(forExercises)?.exercises(for: history.enrolment.side) ?? [])
    }

    /// Whether `day` is a session of its phase: enough of the prescribed sets done in full, or a run in the
    /// return-to-run phase, on a day that was not paused.
    public func sessionCredit(on day: Day) -> SessionCredit {
        let record = index[day]
        let (phase, exercises) = exercisesInForce(on: day)
        let rules = programs.program(on: day).sessionRules
        var done = 0, prescribed = 0
        let total = record.exerciseTotal
        for e in exercises {
            let sides = e.sides(for: history.enrolment.side)
            prescribed += e.sets * sides.count
            guard let total else { continue }
            // Sets logged without a side (an older import) count for each side of a per-side exercise.
            let unsided = total.sets(of: e.id, side: nil)
            for side in sides {
                let logged =
                    side.map { total.sets(of: e.id, side: $0) + unsided }
                    ?? unsided + total.sets(of: e.id, side: .left) + total.sets(of: e.id, side: .right)
                done += min(logged, e.sets)
            }
        }
        let ran = (phase == .returnToRun || phase == .complete) && !record.runs.isEmpty
        return SessionCredit(
            setsDone: done, setsPrescribed: prescribed, setsNeeded: rules.minimumShareOfSets.needed(of: prescribed),
            ran: ran, paused: pause(on: day) != nil)
    }

    public func countsAsSession(_ day: Day) -> Bool {
        let record = index[day]
        guard record.exerciseEntries > 0 || !record.runs.isEmpty else { return false }
        return sessionCredit(on: day).counts
    }
}

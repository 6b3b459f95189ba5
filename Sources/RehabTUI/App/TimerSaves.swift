import RehabCore

/// The sets a timer recorded and what became of saving them. Only what the storage confirmed
/// counts as saved (in the summary, the notice, the counts); what failed stays here and goes again
/// with the timer's next save, at its end, when the app idles, and on quit. The pain given during
/// and after is wanted on every set: written with a set not yet saved, or as an update on one
/// already saved.
struct TimerSaves: Sendable {
    struct Set: Sendable {
        /// The entry as made when the set ended (pain added when it is saved).
        let entry: ExerciseEntry
        let part: Int
        /// "glute bridge", "clamshell left", and its set number: how the notices name it.
        let label: String
        let set: Int
        /// Which timer recorded it (pain is given to the current timer's sets only).
        let timer: Int
        /// The pain given for it (during its exercise, after the session).
        var wanted: (during: Int?, after: Int?) = (nil, nil)
        var id: Int64?
        /// Its last save failed.
        var failed = false
        /// The pain the storage holds for it (during, after), once saved.
        var savedPain: (during: Int?, after: Int?) = (nil, nil)
    }

    private(set) var sets: [Set] = []
    /// The current timer; sets of earlier ones may still be waiting to be saved.
    private var timer = 0
    /// Why the last save failed, until one succeeds.
    private(set) var failure: String?
    /// Saves asked for and not yet answered, oldest first, with the sets they carry.
    private var sending: [(change: Change, sets: [Int])] = []

    /// The current timer recorded nothing.
    var isEmpty: Bool { !sets.contains { $0.timer == timer } }
    /// The current timer's sets the storage confirmed.
    var confirmed: [ExerciseEntry] { sets.filter { $0.timer == timer && $0.id != nil }.map(\.entry) }
    var unsaved: Int { sets.filter { $0.id == nil }.count }
    var failedCount: Int { sets.filter { $0.id == nil && $0.failed }.count }

    /// The sets whose last save failed, by name: "glute bridge sets 1, 2; clamshell left set 1".
    var failedNames: String {
        var groups: [(label: String, sets: [Int])] = []
        for s in sets where s.id == nil && s.failed {
            if groups.last?.label == s.label { groups[groups.count - 1].sets.append(s.set) } else { groups.append((s.label, [s.set])) }
        }
        return groups.map { "\($0.label) \($0.sets.count == 1 ? "set" : "sets") " + $0.sets.map(String.init).joined(separator: ", ") }
            .joined(separator: "; ")
    }
    var isSending: Bool { !sending.isEmpty }
    /// Something failed and waits to be tried again.
    var needsRetry: Bool { failure != nil && !isSending && hasOutstanding }

    mutating func add(_ entry: ExerciseEntry, part: Int, label: String, set: Int) {
        sets.append(Set(entry: entry, part: part, label: label, set: set, timer: timer))
    }

    /// A new timer starts: what earlier ones saved in full is forgotten, what is still to save is kept.
    mutating func startTimer() {
        let busy = Swift.Set(sending.flatMap(\.sets))
        if busy.isEmpty { sets.removeAll { $0.id != nil && $0.savedPain == $0.wanted } }
        timer += 1
    }

    /// The pain during an exercise (a part of the current timer), wanted on its sets.
    mutating func givePain(part: Int, pain: Int) {
        for i in sets.indices where sets[i].timer == timer && sets[i].part == part { sets[i].wanted.during = pain }
    }

    /// The pain after the session, wanted on every set of the current timer.
    mutating func givePainAfter(_ pain: Int) {
        for i in sets.indices where sets[i].timer == timer { sets[i].wanted.after = pain }
    }

    /// The saves to ask for now: every set not yet saved (in one transaction), then the pain not
    /// yet written on sets already saved. Nothing that is already on its way.
    mutating func outstanding() -> [Change] {
        let busy = Swift.Set(sending.flatMap(\.sets))
        var changes: [(Change, [Int])] = []
        let unsent = sets.indices.filter { sets[$0].id == nil && !busy.contains($0) }
        if !unsent.isEmpty { changes.append((.timerSets(unsent.map { withPain($0) }), unsent)) }
        var painGroups: [String: (during: Int?, after: Int?, sets: [Int])] = [:]
        for i in sets.indices where sets[i].id != nil && !busy.contains(i) {
            let wanted = sets[i].wanted
            let (during, after) = sets[i].savedPain
            guard wanted.during != during || wanted.after != after else { continue }
            let key = "\(wanted.during ?? -1)/\(wanted.after ?? -1)"
            painGroups[key, default: (wanted.during, wanted.after, [])].sets.append(i)
        }
        for key in painGroups.keys.sorted() {
            let g = painGroups[key]!
            changes.append((.painForTimerSets(painDuring: g.during, painAfter: g.after, entryIDs: g.sets.compactMap { sets[$0].id }), g.sets))
        }
        sending += changes.map { (change: $0.0, sets: $0.1) }
        return changes.map(\.0)
    }

    /// A save came back; false when it was not the timer's.
    mutating func saved(_ change: Change, ids: [Int64]) -> Bool {
        guard let i = sending.firstIndex(where: { $0.change == change }) else { return false }
        let batch = sending.remove(at: i)
        switch change {
        case .timerSets(let entries):
            for (n, (index, id)) in zip(batch.sets, ids).enumerated() {
                sets[index].id = id
                sets[index].failed = false
                sets[index].savedPain = (entries[n].painDuring, entries[n].painAfter)
            }
        case .painForTimerSets(let during, let after, _):
            for index in batch.sets {
                sets[index].savedPain = (during ?? sets[index].savedPain.during, after ?? sets[index].savedPain.after)
            }
        default: break
        }
        if !sets.contains(where: \.failed) { failure = nil }
        return true
    }

    /// A save failed; false when it was not the timer's.
    mutating func failed(_ change: Change, why: String) -> Bool {
        guard let i = sending.firstIndex(where: { $0.change == change }) else { return false }
        for index in sending.remove(at: i).sets where sets[index].id == nil { sets[index].failed = true }
        failure = why
        return true
    }

    private var hasOutstanding: Bool { sets.contains { $0.id == nil || $0.savedPain != $0.wanted } }

    private func withPain(_ i: Int) -> ExerciseEntry {
        var entry = sets[i].entry
        (entry.painDuring, entry.painAfter) = sets[i].wanted
        return entry
    }
}

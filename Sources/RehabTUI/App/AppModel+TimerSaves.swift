import RehabCore
import Terminal

/// What became of the timer's sets: their saves (each judged as every save is), and the words
/// that say so on the timer, on Today after it, and when the program ends.
extension AppModel {
    /// The timer's saves due now, each judged as every save is. One refused (a stop that came
    /// while the timer ran) fails at once, so its sets are named as not saved, never as saved.
    mutating func timerSavesDue() -> [Effect] {
        timerSaves.outstanding().compactMap { change in
            switch admit(change) {
            case .success(let effect): return effect
            case .failure(let refusal):
                _ = timerSaves.failed(change, why: refusal.sentence(naming: \.label).oneLine)
                return nil
            }
        }
    }

    /// The line on Today after a timer: only what the storage confirmed is called saved.
    mutating func updateTimerNotice(closing: Bool = false) {
        guard closing || (timerNotice != nil && notice == timerNotice) else { return }
        let saved = timerSaves.confirmed
        var parts: [String] = []
        var style = Style.green
        if timerSaves.isEmpty {
            parts.append("Timer closed; nothing was saved.")
        } else if !saved.isEmpty {
            var text = "Saved \(counted(saved.count, "set"))\(timerWhat)"
            let full = saved.filter { $0.ended == nil }.count
            if full < saved.count {
                style = .amber
                text +=
                    ": "
                    + (["\(full) done"]
                    + SetEnd.allCases.compactMap { end in
                        let n = saved.filter { $0.ended == end }.count
                        return n == 0 ? nil : "\(n) \(TimerScreen.describe(end))"
                    }).joined(separator: ", ")
            }
            parts.append(text + ".")
        }
        if let line = timerSaveProblem {
            parts.append(line)
            style = .red
        }
        if timerSaves.unsaved > timerSaves.failedCount {
            let n = timerSaves.unsaved - timerSaves.failedCount
            parts.append("Saving \(counted(n, "set"))…")
        }
        notice = Notice(text: parts.joined(separator: " "), style: style)
        timerNotice = notice
    }

    /// Why some of the timer's sets (or their pain) are not saved yet, or nil.
    var timerSaveProblem: String? {
        guard let why = timerSaves.failure else { return nil }
        let what = timerSaves.failedCount == 0 ? "the pain" : timerSaves.failedNames
        return "Not saved: \(what) (\(why.hasSuffix(".") ? String(why.dropLast()) : why)); trying again."
    }

    /// What the timer's screens say of saving: the problem in red, else whether all is saved.
    /// "Today so far: green zone.": the day's zone, for the end of a session.
    var timerZoneLine: String? {
        let today = snapshot?.status.recentZones.last { $0.date == self.today }
        return today?.zone.map { "Today so far: \($0.rawValue) zone" + (today?.reason.map { " (\($0))" } ?? "") + "." }
    }

    var timerSaveLine: (String, Style)? {
        if let problem = timerSaveProblem { return (problem, .red) }
        guard !timerSaves.isEmpty else { return nil }
        if timerSaves.unsaved > 0 || timerSaves.isSending { return ("Saving…", .dim) }
        let n = timerSaves.confirmed.count
        return ("\(counted(n, "set")) saved.", .dim)
    }

    /// Said after the terminal is restored when the program ends with sets it could not save.
    public var unsavedAtExit: String? {
        let n = timerSaves.unsaved
        guard n > 0 else { return nil }
        let which = timerSaves.failedCount == n ? timerSaves.failedNames : "\(counted(n, "set")) from the timer"
        return "Not saved: \(which) (\(timerSaves.failure ?? "the program ended first")). Log them with `rehab log`."
    }
}

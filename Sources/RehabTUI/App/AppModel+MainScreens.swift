import RehabCore
import Terminal
/// Keys on Today, Week and Program (`MainKeys`).
extension AppModel {

    mutating func handleMain(_ key: Key, now: Int64) -> [Effect] {
        guard let action = MainKeys.map(for: tab).action(for: key) else { return [] }
        let tabs = Tab.allCases.count
        switch action {
        case .quit: return [.quit]
        case .help: overlay = .help
        case .nextTab: tab = Tab(rawValue: (tab.rawValue + 1) % tabs) ?? .today
        case .previousTab: tab = Tab(rawValue: (tab.rawValue + tabs - 1) % tabs) ?? .today
        case .show(let shown): tab = shown
        case .backToToday: tab = .today; notice = nil
        case .sound:
            timerSettings.sound = currentSound.next(among: soundChoices)
            notice = Notice(text: "Timer sound: \(Self.describe(currentSound)).", style: .dim)
            return [.rememberSettings(timerSettings)]
        case .checkIn: openCheckIn()
        case .log: openLog()
        case .painAfter:
            guard let s = snapshot, !Forms.setsWithoutPainAfter(snapshot: s, day: today).isEmpty else {
                notice = Notice(text: "No set of today is waiting for its pain after.", style: .dim)
                return []
            }
            mode = .form(.painAfter, Forms.painAfter(day: today))
        case .gate: overlay = .gate
        case .test:
            if let s = snapshot { mode = .form(.test, Forms.test(snapshot: s, day: today)) }
        case .score:
            if let s = snapshot { mode = .form(.score, Forms.score(program: s.program, day: today)) }
        case .clinicianSeen:
            guard let s = snapshot, s.status.paused || !s.status.redFlags.isEmpty else {
                notice = Notice(text: "Nothing to clear: no pause and no warning sign.", style: .dim)
                return []
            }
            overlay = .confirmClinicianSeen
        case .advance:
            guard let s = snapshot else { return [] }
            if s.status.eligibleToAdvance, let next = s.program.phaseID(after: s.status.phase) {
                overlay = .confirmAdvance(to: s.program.phase(next)?.name)
            } else {
                overlay = .gate
                let reason = s.status.pause.map { "Paused: \($0.reason)" } ?? "Not yet: the gate has unmet criteria."
                notice = Notice(text: reason, style: .amber)
            }
        case .up, .down, .first, .last:
            let count = snapshot?.status.plan.items.count ?? 0
            // No list to move in (a stopped day): the arrows read the notes instead.
            if count == 0 && (action == .up || action == .down) { scrollToday(action == .up ? .up : .down); return [] }
            let last = max(0, count - 1)
            selection = action == .up ? max(0, selection - 1) : action == .down ? min(last, selection + 1) : action == .first ? 0 : last
        case .startTimer: return startTimer(now: now, session: false)
        case .startSession: return startTimer(now: now, session: true)
        case .earlier, .later, .earliest, .latest:
            if tab == .week { moveWeek(action) } else { movePhase(action) }
        case .scroll(let move) where tab == .today:
            scrollToday(move)
        case .scroll(let move):
            guard let s = snapshot, tab == .program else { return [] }
            let area = ProgramScreen.textArea(AppView.body(width: screen.width, height: screen.height, notice: notice))
            let limit = ProgramScreen.document(s, cursor: programCursor, width: area.width).maxOffset(rows: area.height)
            programScroll = move.apply(to: programScroll, limit: limit, rows: area.height)
        }
        return []
    }

    mutating func scrollToday(_ move: ScrollMove) {
        guard let s = snapshot else { return }
        let area = TodayScreen.notesArea(s, in: AppView.body(width: screen.width, height: screen.height, notice: notice))
        let limit = TodayScreen.notes(s, width: area.width).maxOffset(rows: area.height)
        todayScroll = move.apply(to: todayScroll, limit: limit, rows: area.height)
    }

    mutating func moveWeek(_ action: MainAction) {
        guard let s = snapshot else { return }
        let earliest = (s.history.enrolment.start.weekStart - today.weekStart) / 7
        switch action {
        case .earlier: weekOffset = max(earliest, weekOffset - 1)
        case .later: weekOffset = min(0, weekOffset + 1)
        case .earliest: weekOffset = earliest
        default: weekOffset = 0
        }
    }

    mutating func movePhase(_ action: MainAction) {
        guard let s = snapshot else { return }
        let current = s.program.phases.firstIndex { $0.id == s.status.phase } ?? s.program.phases.count - 1
        let cursor = programCursor ?? current
        programScroll = 0
        switch action {
        case .earlier: programCursor = max(0, cursor - 1)
        case .later: programCursor = min(s.program.phases.count - 1, cursor + 1)
        default: break
        }
    }
}

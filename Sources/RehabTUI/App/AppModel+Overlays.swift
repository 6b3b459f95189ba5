import RehabCore
import Terminal
/// Keys on a box over the screen (`Overlays.keys` says which do what).
extension AppModel {

    mutating func handleOverlay(_ key: Key, now: Int64) -> [Effect] {
        // Arrows scroll a box too tall for the screen; every other key does what it always did.
        if let overlay, let move = ScrollMove.move(for: key),
            let layout = Overlays.layout(overlay, model: self, width: screen.width, height: screen.height), layout.scrollLimit > 0
        {
            overlayScroll = move.apply(to: overlayScroll, limit: layout.scrollLimit, rows: layout.textArea.height)
            return []
        }
        guard let overlay, let action = Overlays.keys(overlay).action(for: key) else { return [] }
        switch (overlay, action) {
        case (.redPain, .close):
            self.overlay = nil
            scope(.timer) { timer in
                guard timer.stage == .paused else { return }
                timer.say("Paused after red pain: space goes on with the next exercise, q ends the session.", now: now)
            }
            return []
        case (.confirmAdvance, .yes):
            self.overlay = nil
            guard let s = snapshot, let next = s.program.phaseID(after: s.status.phase) else { return [] }
            return save(.phaseChange(PhaseChange(date: today, phase: next)))
        case (.confirmClinicianSeen, .yes):
            self.overlay = nil
            return save(.clinicianSeen(FlagClearance(date: today, note: "recorded in the full-screen program")))
        case (.gate, .advance):
            self.overlay = nil
            return handleMain(.char("a"), now: now)
        default:
            self.overlay = nil
            return []
        }
    }
}

import Foundation
import RehabCore

/// Carries out saves on a thread of its own, one after another in the order asked, so a save
/// waiting for the database (another program holding its lock, up to 10 s) never holds up the
/// timer's cues. Each result is kept as the message `update` gets, collected by the loop in order.
/// While it works, the storage is this thread's alone: the loop touches it only when idle.
final class BackgroundSaves: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [Change] = []
    private var results: [Message] = []
    private var working = false
    private let perform: (Change) -> Message

    init(_ perform: @escaping (Change) -> Message) { self.perform = perform }

    func submit(_ change: Change) {
        condition.lock()
        defer { condition.unlock() }
        jobs.append(change)
        guard !working else { return }
        working = true
        // A thread for as long as there is work: none is left waiting once the saves are done.
        Thread { [self] in work() }.start()
    }

    /// Saves asked for and not yet done.
    var isBusy: Bool { condition.withLock { working } }
    var hasResults: Bool { condition.withLock { !results.isEmpty } }

    func takeResults() -> [Message] {
        condition.withLock {
            defer { results = [] }
            return results
        }
    }

    func waitUntilIdle() {
        condition.lock()
        while working { condition.wait() }
        condition.unlock()
    }

    private func work() {
        while true {
            condition.lock()
            guard !jobs.isEmpty else {
                working = false
                condition.broadcast()
                condition.unlock()
                return
            }
            let change = jobs.removeFirst()
            condition.unlock()
            let result = perform(change)
            condition.withLock { results.append(result) }
        }
    }
}

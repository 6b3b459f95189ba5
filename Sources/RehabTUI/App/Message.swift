import RehabCore
import Terminal

/// Everything that can happen to the app, as Bubble Tea's messages: what the terminal reports,
/// and what comes back from the effects the loop carried out. A model's `update` is the only
/// code that turns one into a change of the model.
public enum Message: Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// A deadline the model asked for has come (or the loop woke while idle).
    case tick
    /// SIGINT, SIGTERM, SIGHUP or SIGQUIT arrived.
    case interrupted(signal: Int32)
    /// A `.save` effect was carried out: the data as it now is, and the ids of the entries written.
    case saved(Change, Snapshot, entryIDs: [Int64])
    /// A `.save` effect failed: the change, and one sentence for the patient.
    case saveFailed(Change, String)
    /// The loop did not run from `since` until now (the process was stopped and continued, the
    /// machine slept, writing to the screen blocked): for the timer, a pause, never work.
    case didNotRun(since: Int64)
    /// The sounds of a timed session are ready (a `.prepareSound` effect was carried out): its clock starts.
    case soundReady
    /// q, Esc or a signal ended the wait for the sound check (`rehab timer` then ends at once;
    /// the app acts on them as keys, after `.soundReady`).
    case soundWaitEnded
    /// What sound works here is known (found in the background), and why it fell back if it did.
    case soundDetected(choices: [SoundMode], fallback: String?)
    /// Another process wrote, or the calendar day changed: the data as it now is.
    case dataChanged(Snapshot, today: Day)
    /// Something the patient should read that no screen asked for (a settings file not kept):
    /// said in the notice line, never printed over the full screen.
    case note(String)

    public init(_ event: Event) {
        switch event {
        case .key(let key): self = .key(key)
        case .resize(let width, let height): self = .resize(width: width, height: height)
        case .tick: self = .tick
        case .interrupted(let signal): self = .interrupted(signal: signal)
        case .resumed: self = .tick
        }
    }
}

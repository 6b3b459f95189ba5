/// The days an entry (exercise, run, check-in, test, score, clinician visit) may carry: from the
/// program's start to today. What was done is done by today, so a later date is a typo or a clock
/// set wrong, whichever way it arrives (typed, from a form, or imported).
public struct EntryDays: Sendable, Equatable {
    public let first: Day
    public let last: Day

    public init(start: Day, today: Day) { first = start; last = today }

    /// Nil when `day` may carry an entry; else why not, in a clause ("2026-12-07 is in the future ...").
    public func problem(_ day: Day) -> String? {
        if day < first { return "\(day.iso) is before your program started (\(first.iso)); nothing can be recorded then" }
        if day > last { return "\(day.iso) is in the future (today is \(last.iso)); record what you have done" }
        return nil
    }
}

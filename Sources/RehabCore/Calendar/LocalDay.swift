import Foundation

extension Day {
    /// The first and last day a `Day` can name (years 1900-2999).
    public static let earliest = Day(year: 1900, month: 1, day: 1)!
    public static let latest = Day(year: 2999, month: 12, day: 31)!

    /// The calendar day that the wall clock shows at `instant` in `timeZone`.
    ///
    /// This is the only place where an instant becomes a day: everything stored and every rule
    /// works on the day itself, so a change of time zone or a daylight-saving jump later on never
    /// moves, merges or splits a day already logged. The caller reads the clock and passes it in.
    /// A clock set outside years 1900-2999 gives the nearest day that can be named.
    public static func today(in timeZone: TimeZone, at instant: Date) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        if let year = c.year, let month = c.month, let day = c.day, let result = Day(year: year, month: month, day: day) {
            return result
        }
        return (c.year ?? 0) < 1900 ? earliest : latest
    }
}

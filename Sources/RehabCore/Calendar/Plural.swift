/// "1 red day", "3 red days": a count with its noun, as English reads it. One helper for every
/// front end, so no line ever says "day(s)". `plural` is for nouns that do not just add an s.
public func counted(_ n: Int, _ singular: String, plural: String? = nil) -> String {
    "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
}

/// "the last day", "the last 7 days": a window of days as a sentence names it.
public func lastDays(_ n: Int) -> String {
    n == 1 ? "the last day" : "the last \(n) days"
}

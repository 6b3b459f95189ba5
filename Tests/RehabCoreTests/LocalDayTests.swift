import Foundation
import Testing
@testable import RehabCore

/// Turning the clock into a calendar day: late evening, just after midnight, daylight saving, travel.
@Suite struct LocalDayTests {
    static let zones = [
        "UTC", "Europe/London", "America/New_York", "Asia/Tokyo", "Australia/Lord_Howe",
        "Asia/Kathmandu", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/Havana", "America/Santiago"
    ]

    /// The instant the wall clock in `zone` shows `y-m-d h:m` (the first such instant when a DST fall-back repeats it).
    func instant(_ zone: String, _ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        return calendar.date(from: DateComponents(year: y, month: m, day: d, hour: h, minute: min))!
    }

    @Test(arguments: zones)
    func aSessionAt2359AndOneAt0001LandOnTheirOwnDays(zone: String) throws {
        let tz = try #require(TimeZone(identifier: zone))
        for (y, m, d) in [(2026, 3, 28), (2026, 3, 29), (2026, 10, 24), (2026, 10, 25), (2026, 12, 31), (2028, 2, 28), (2028, 2, 29)] {
            let evening = Day.today(in: tz, at: instant(zone, y, m, d, 23, 59))
            let nextMorning = Day.today(in: tz, at: instant(zone, y, m, d, 23, 59).addingTimeInterval(120))
            #expect(evening == Day(year: y, month: m, day: d), "\(zone) \(y)-\(m)-\(d) 23:59")
            #expect(nextMorning == evening + 1, "\(zone) two minutes after \(y)-\(m)-\(d) 23:59")
        }
    }

    /// Every minute across a daylight-saving change belongs to exactly one day; no day is skipped,
    /// merged or split, and the changeover day simply has 23 or 25 hours.
    @Test(arguments: [
        ("Europe/London", 2026, 3, 29, 23 * 60), ("Europe/London", 2026, 10, 25, 25 * 60),
        ("America/New_York", 2026, 3, 8, 23 * 60), ("America/New_York", 2026, 11, 1, 25 * 60),
        ("Australia/Lord_Howe", 2026, 4, 5, 24 * 60 + 30), ("Australia/Lord_Howe", 2026, 10, 4, 23 * 60 + 30),
        ("America/Havana", 2026, 3, 8, 23 * 60), ("America/Havana", 2026, 11, 1, 25 * 60)
    ])
    func daylightSavingNeverMergesSplitsOrDropsADay(zone: String, year: Int, month: Int, day: Int, minutesInDay: Int) throws {
        let tz = try #require(TimeZone(identifier: zone))
        let changeover = try #require(Day(year: year, month: month, day: day))
        // Sweep minute by minute from two days before to two days after, in absolute time.
        var start = instant(zone, year, month, day, 12, 0).addingTimeInterval(-3 * 86_400)
        start = Date(timeIntervalSince1970: (start.timeIntervalSince1970 / 60).rounded(.down) * 60)
        var minutes: [Day: Int] = [:]
        var previous: Day?
        for step in 0..<(6 * 24 * 60) {
            let d = Day.today(in: tz, at: start.addingTimeInterval(Double(step) * 60))
            if let previous { #expect(d == previous || d == previous + 1, "\(zone): day went from \(previous) to \(d)") }
            previous = d
            minutes[d, default: 0] += 1
        }
        for d in DayRange(changeover - 2, changeover + 2) {
            #expect(minutes[d] == (d == changeover ? minutesInDay : 24 * 60), "\(zone) \(d): \(minutes[d] ?? 0) minutes")
        }
    }

    /// An independent way to the same answer: shift by the zone's offset at that instant, then count whole days.
    @Test func agreesWithOffsetArithmeticEverywhere() throws {
        var rng = SeededRandom(seed: 20261124)
        let identifiers = TimeZone.knownTimeZoneIdentifiers
        #expect(identifiers.count > 300)
        for _ in 0..<20_000 {
            let zone = TimeZone(identifier: identifiers.randomElement(using: &rng)!)!
            // Instants from 1971 to 2037, at any second.
            let instant = Date(timeIntervalSince1970: Double(Int.random(in: 31_536_000...2_100_000_000, using: &rng)))
            let shifted = instant.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: instant))
            let expected = Day(ordinal: Int((shifted / 86_400).rounded(.down)))
            #expect(Day.today(in: zone, at: instant) == expected, "\(zone.identifier) at \(instant)")
        }
    }

    /// Days are stored as calendar dates: moving to another zone changes what today is, never what was logged.
    @Test func changingTimeZoneLeavesLoggedDaysAlone() throws {
        let london = TimeZone(identifier: "Europe/London")!, tokyo = TimeZone(identifier: "Asia/Tokyo")!
        let honolulu = TimeZone(identifier: "Pacific/Honolulu")!
        // Monday 23:30 in London: already Tuesday in Tokyo, still Monday in Honolulu.
        let lateMonday = instant("Europe/London", 2026, 11, 23, 23, 30)
        let logged = Day.today(in: london, at: lateMonday)
        #expect(logged.iso == "2026-11-23")
        #expect(Day.today(in: tokyo, at: lateMonday).iso == "2026-11-24")
        #expect(Day.today(in: honolulu, at: lateMonday).iso == "2026-11-23")
        // The logged value is the date itself: encoding and decoding it in any zone gives it back.
        let stored = try JSONEncoder().encode([logged])
        for zone in [london, tokyo, honolulu] {
            _ = zone  // nothing to pass: a Day has no zone to be interpreted in.
            #expect(try JSONDecoder().decode([Day].self, from: stored) == [logged])
        }
        #expect(String(decoding: stored, as: UTF8.self) == "[\"2026-11-23\"]")
    }

    @Test func aClockSetAbsurdlyFarOffStillGivesANameableDay() {
        let utc = TimeZone(identifier: "UTC")!
        #expect(Day.today(in: utc, at: Date(timeIntervalSince1970: -1e11)) == Day.earliest)
        #expect(Day.today(in: utc, at: Date(timeIntervalSince1970: 1e12)) == Day.latest)
        #expect(Day.today(in: utc, at: .distantFuture) == Day.latest)
        #expect(Day.today(in: utc, at: Date(timeIntervalSince1970: 0)).iso == "1970-01-01")
    }
}

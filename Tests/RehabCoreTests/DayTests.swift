import Testing
@testable import RehabCore

@Suite struct DayTests {
    @Test func parsesRealDatesOnly() {
        #expect(Day(iso: "2026-02-28")?.iso == "2026-02-28")
        #expect(Day(iso: "2024-02-29") != nil)
        #expect(Day(iso: "2026-02-29") == nil)
        #expect(Day(iso: "2026-02-30") == nil)
        #expect(Day(iso: "2026-13-01") == nil)
        #expect(Day(iso: "2026-4-01") == nil)
        #expect(Day(iso: "26-04-01") == nil)
        #expect(Day(iso: "2026-04-01T00:00") == nil)
        #expect(Day(iso: "") == nil)
        #expect(Day(iso: "２０２６-04-01") == nil)
    }

    @Test func ordinalsRoundTripAcrossCenturies() {
        var d = Day(iso: "1900-01-01")!
        let end = Day(iso: "2101-01-01")!
        var previous: Day?
        while d < end {
            let c = d.components
            #expect(Day(year: c.year, month: c.month, day: c.day) == d)
            if let previous { #expect(d - previous == 1) }
            previous = d
            d = d + 1
        }
    }

    @Test func weekdaysAndWeekStart() {
        let day = Day(iso: "2026-11-24")!
        #expect(day.weekdayName == "Tue")
        #expect(day.weekStart.iso == "2026-11-23")
        #expect(Day(iso: "2026-11-29")!.weekStart.iso == "2026-11-23")
    }

    @Test func rangesCountInclusively() {
        let r = DayRange(ending: Day(iso: "2026-03-14")!, count: 7)
        #expect(r.first.iso == "2026-03-08")
        #expect(Array(r).count == 7)
        #expect(r.clamped(notBefore: Day(iso: "2026-03-12")!).count == 3)
    }
}

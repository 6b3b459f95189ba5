import Foundation
import TestSupport
import Testing

/// Days are stored as calendar dates: whatever zone rehab runs in later (a trip, a clock set to
/// another zone, daylight saving), it reads back the same days with the same entries.
@Suite struct TimeZoneTests {
    @Test func movingToAnotherTimeZoneNeverMovesALoggedDay() throws {
        let rehab = RehabProcess(label: "zones")
        let zones = ["Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/London", "America/New_York", "Asia/Kathmandu", "UTC"]
        #expect(try rehab.run(["init", "--start", "2026-03-02"], environment: ["TZ": zones[0]]).status == 0)
        // Logged from different zones, around the DST change in London and New York.
        for (i, date) in ["2026-03-07", "2026-03-08", "2026-03-28", "2026-03-29", "2026-03-30"].enumerated() {
            let r = try rehab.run(rehab.logArguments("logged in \(zones[i])", date: date), environment: ["TZ": zones[i]])
            #expect(r.status == 0, "\(r.stderr)")
        }
        var seen: Set<String> = []
        for zone in zones {
            let history = try rehab.run(["history", "--json"], environment: ["TZ": zone])
            let csv = try rehab.run(["export", "--format", "csv"], environment: ["TZ": zone])
            let week = try rehab.run(["week", "--as-of", "2026-03-29", "--json"], environment: ["TZ": zone])
            #expect(history.status == 0 && csv.status == 0 && week.status == 0)
            seen.insert(history.stdout + csv.stdout + week.stdout)
            let days = (history.json["days"] as? [[String: Any]] ?? []).compactMap { $0["date"] as? String }
            #expect(days == ["2026-03-07", "2026-03-08", "2026-03-28", "2026-03-29", "2026-03-30"], "in \(zone): \(days)")
        }
        #expect(seen.count == 1, "the same data reads differently in different zones")
    }
}

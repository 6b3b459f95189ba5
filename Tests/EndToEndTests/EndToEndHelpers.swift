import Foundation
import Testing
import TestSupport

func date(_ offset: Int, from start: String = "2026-03-02") -> String {
    var parts = start.split(separator: "-").compactMap { Int($0) }
    var comps = DateComponents(); comps.year = parts[0]; comps.month = parts[1]; comps.day = parts[2]
    var cal = Calendar(identifier: .gregorian); cal.timeZone = TimeZone(identifier: "UTC")!
    let d = cal.date(byAdding: .day, value: offset, to: cal.date(from: comps)!)!
    let c = cal.dateComponents([.year, .month, .day], from: d)
    parts = [c.year!, c.month!, c.day!]
    return String(format: "%04d-%02d-%02d", parts[0], parts[1], parts[2])
}

extension RehabProcess {
    /// One exercise of `plan --as-of DAY --json`, by id (empty when the plan has none).
    func planItem(asOf day: String, _ id: String) throws -> [String: Any] {
        let plan = try run(["plan", "--as-of", day, "--json"]).json
        return (plan["exercises"] as? [[String: Any]])?.first { $0["id"] as? String == id } ?? [:]
    }
}

/// Runs `args` and expects success, saying which command failed and why.
@discardableResult
func ok(_ rehab: RehabProcess, _ args: [String]) throws -> RehabProcess.Result {
    let r = try rehab.run(args)
    #expect(r.status == 0, "\(args): \(r.stderr)")
    return r
}

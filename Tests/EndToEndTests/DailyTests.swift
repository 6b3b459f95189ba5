import Foundation
import TestSupport
import Testing

/// A day from the shell as a patient types it: no dates (today by default), the day's plan logged
/// in one command (issue 20, items 1 and 2).
@Suite struct DailyTests {
    /// Today's date on the wall clock of `zone`, as the binary should read it.
    static func today(in zone: String = TimeZone.current.identifier) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// Runs `body` with today's date in `zone`; when midnight passed while it ran, once more
    /// (a test must not fail because the day changed under it).
    static func onOneDay(in zone: String, _ body: (String) throws -> Bool) rethrows {
        for _ in 0..<2 {
            let day = today(in: zone)
            if try body(day), day == today(in: zone) { return }
        }
    }

    /// A patient who started `daysAgo` days ago.
    static func enrolled(daysAgo: Int = 3, label: String = "daily") throws -> RehabProcess {
        let rehab = RehabProcess(label: label)
        let r = try rehab("init --start \(date(-daysAgo, from: today())) --side right --baseline-pain 1")
        #expect(r.status == 0, "\(r.stderr)")
        return rehab
    }

    // MARK: Today by default

    @Test func everyDayOptionLeftOutIsTodayOnTheLocalCalendar() throws {
        let rehab = try Self.enrolled(daysAgo: 20)
        // UTC+14 and UTC-11 are never on the same day: each must log on its own today.
        for zone in ["Pacific/Kiritimati", "Pacific/Pago_Pago"] {
            let env = ["TZ": zone]
            try Self.onOneDay(in: zone) { today in
                let log = try rehab.run(["log", "--exercise", "glute-bridge", "--sets", "1", "--reps", "10"], environment: env)
                #expect(log.status == 0, "\(log.stderr)")
                #expect(log.stdout.contains("on \(today)."), "\(zone): \(log.stdout)")
                let days = try rehab.run(["history", "--json"], environment: env).json["days"] as? [[String: Any]] ?? []
                #expect(days.contains { $0["date"] as? String == today && !($0["exercises"] as? [Any] ?? []).isEmpty }, "\(zone): \(today)")
                return log.stdout.contains("on \(today).")
            }
        }
        try Self.onOneDay(in: TimeZone.current.identifier) { today in
            // The judging commands print exactly what they print for today given explicitly.
            var same = true
            for command in [["status", "--json"], ["plan", "--json"], ["week", "--json"], ["status"], ["report", "--format", "md"]] {
                let option = command[0] == "report" ? "--to" : "--as-of"
                let implicit = try rehab.run(command), explicit = try rehab.run(command + [option, today])
                #expect(implicit.status == 0 && explicit.status == 0, "\(command): \(implicit.stderr)")
                #expect(implicit.stdout == explicit.stdout, "\(command) without \(option) is not today")
                same = same && implicit.stdout == explicit.stdout
            }
            let checkin = try rehab("checkin --morning-pain 2")
            #expect(checkin.stdout.hasPrefix("Checked in on \(today):"), "\(checkin.stdout)")
            let score = try rehab("score --score 55")
            #expect(score.stdout.contains("55 on \(today)."), "\(score.stdout)")
            let test = try rehab("test --name single-leg-stance --side left --value 30 --pain 0")
            #expect(test.status == 0, "\(test.stderr)")
            let tests = (try rehab.run(["history", "--json"]).json["days"] as? [[String: Any]] ?? []).filter {
                !($0["tests"] as? [Any] ?? []).isEmpty
            }
            #expect(tests.map { $0["date"] as? String } == [today])
            let visit = try rehab("clear-flags --seen-clinician")
            #expect(visit.stdout.contains("visit on \(today)"), "\(visit.stdout)")
            // Advancing with the gate unmet is refused for today, with its reasons.
            let advance = try rehab("advance")
            #expect(advance.status == 3, "\(advance.stdout) \(advance.stderr)")
            // A new patient's program starts today unless told otherwise.
            let newcomer = RehabProcess(label: "daily-init")
            let enrol = try newcomer.run(["init", "--side", "left"])
            #expect(enrol.stdout.contains("starts on \(today) "), "\(enrol.stdout) \(enrol.stderr)")
            return same && enrol.stdout.contains("starts on \(today) ")
        }
    }

    @Test func exportWithoutAFormatIsJSONOnStdout() throws {
        let rehab = try Self.enrolled()
        let bare = try rehab("export")
        #expect(bare.status == 0, "\(bare.stderr)")
        #expect(bare.stdout == (try rehab("export --format json")).stdout)
        #expect(bare.json["enrolment"] != nil || !bare.json.isEmpty, "not JSON: \(bare.stdout.prefix(200))")
        #expect(try rehab("export --help").stdout.contains("(default: json)"))
        #expect(try rehab("status --help").stdout.replacingOccurrences(of: "\n", with: " ").contains("default: today"))
    }

    // MARK: The day's plan in one command

    /// Today's plan as `plan --json` gives it: id, and the sides (nil: both legs) still to log.
    func planToLog(_ rehab: RehabProcess) throws -> [(id: String, sides: Int, done: Bool)] {
        let plan = try rehab("plan --json").json
        return (plan["exercises"] as? [[String: Any]] ?? []).map {
            (id: $0["id"] as? String ?? "", sides: ($0["sidesToDo"] as? [Any])?.count ?? 1, done: $0["done"] as? Bool ?? false)
        }
    }

    @Test func logPlanRecordsEachPrescribedSetWithItsEarningsAndADryRunSavesNothing() throws {
        let rehab = try Self.enrolled()
        let plan = try planToLog(rehab)
        let entries = plan.reduce(0) { $0 + $1.sides }
        #expect(entries >= 5, "the activation plan: \(plan)")
        let before = try rehab("export").stdout

        let dry = try rehab("log --plan --pain-during 1 --pain-after 0 --dry-run")
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.hasPrefix("Would log on \(Self.today()) (dry run: nothing was saved):"), "\(dry.stdout)")
        #expect(try rehab("export").stdout == before, "a dry run saved something")

        let saved = try rehab("log --plan --pain-during 1 --pain-after 0 --pain bridge=3/2 --json")
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.json["dryRun"] as? Bool == false)
        let logged = saved.json["logged"] as? [[String: Any]] ?? []
        #expect(logged.count == entries)
        let bridge = logged.first { $0["exercise"] as? String == "glute-bridge" }
        #expect(
            bridge?["painDuring"] as? Int == 3 && bridge?["painAfter"] as? Int == 2 && bridge?["sets"] as? Int == 3 && bridge?["reps"] as? Int == 10)
        #expect(
            logged.filter { $0["exercise"] as? String != "glute-bridge" }.allSatisfy { $0["painDuring"] as? Int == 1 && $0["painAfter"] as? Int == 0 }
        )
        // Each entry says what it earned on top of those before it; the last makes the session.
        #expect((logged.first?["notes"] as? [String])?.contains { $0.contains("make a session") } == true, "\(logged.first ?? [:])")
        #expect((logged.last?["notes"] as? [String])?.contains { $0.contains("counts as a session") } == true, "\(logged.last ?? [:])")
        #expect(try planToLog(rehab).allSatisfy(\.done))

        // A second time there is nothing left to log, and nothing is logged twice.
        let again = try rehab("log --plan --pain-during 1")
        #expect(again.status == 0 && again.stdout.hasPrefix("Nothing left to log on \(Self.today())"), "\(again.stdout)")
        let days = try rehab("history --json").json["days"] as? [[String: Any]] ?? []
        #expect((days.last?["exercises"] as? [Any])?.count == entries)
    }

    @Test func logPlanIsJudgedAsTheSameSingleLogsAre() throws {
        // The named exercises only, at a red-day pain: the same notes as a single log of the same sets.
        let planned = try Self.enrolled(label: "planned")
        let single = try Self.enrolled(label: "single")
        let viaPlan = try planned("log --plan --exercise glute --pain-during 7 --json")
        #expect(viaPlan.status == 0, "\(viaPlan.stderr)")
        let logged = viaPlan.json["logged"] as? [[String: Any]] ?? []
        #expect(logged.map { $0["exercise"] as? String } == ["glute-bridge"])
        let alone = try single("log --exercise glute-bridge --sets 3 --reps 10 --pain-during 7")
        let aloneNotes = alone.stderrLines.map { $0.replacingOccurrences(of: "rehab: note: ", with: "") }
        #expect(logged.first?["notes"] as? [String] == aloneNotes, "\(alone.stderr)")
        #expect(aloneNotes.contains { $0.contains("red day") })

        // A refusal of one entry (bad pain) saves none of them, with the admission's own sentence.
        // (`--pain-during 11` itself is refused as the command line is read: ArgumentValueTests.)
        let bad = try planned("log --plan --pain-during 1 --pain hip-hitch=11")
        #expect(bad.status == 1)
        #expect(
            bad.stderr.contains("Nothing was logged") && bad.stderr.contains("--pain-during must be a pain score from 0 (none) to 10"),
            "\(bad.stderr)")
        #expect(try planToLog(planned).filter(\.done).map(\.id) == ["glute-bridge"])

        // Names that are not in the plan, or could be two, are refused before anything is judged.
        #expect(try planned("log --plan --exercise nordic-curl").stderr.contains("is not in the day's plan"))
        #expect(try planned("log --plan --exercise abduction").stderr.contains("could be"))
        #expect(try planned("log --plan --pain hip=x").status == 1)
        #expect(try planned("log --plan --sets 3").stderr.contains("--plan records the plan's own"))
    }

    @Test func aStopRefusesTheWholeDaysLog() throws {
        let rehab = try Self.enrolled()
        #expect(try rehab("checkin --morning-pain 2 --red-flag hot-swollen-hip").status == 0)
        let log = try rehab("log --plan --pain-during 1")
        #expect(log.status == 3, "\(log.stdout) \(log.stderr)")
        #expect(log.stderr.contains("Nothing was logged") && log.stderr.contains("clear-flags"), "\(log.stderr)")
        let days = try rehab("history --json").json["days"] as? [[String: Any]] ?? []
        #expect(days.allSatisfy { ($0["exercises"] as? [Any] ?? []).isEmpty })
    }
}

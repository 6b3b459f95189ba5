import Foundation
import TestSupport
import Testing

/// status, plan and week on a generated history of two years, byte for byte as recorded in
/// Tests/DayCommandsGolden (recorded before they were made faster; REHAB_RECORD_GOLDEN=1 records
/// again). Each is asked twice: as a script writes it (`rehab status ...`, read without the full
/// parser) and with --data-dir first (through the whole command tree): both must print the same.
@Suite struct DayCommandsGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DayCommandsGolden").path
    static let days = ["2021-02-20", "2022-03-09", "2023-03-12"]

    @Test func statusPlanAndWeekPrintWhatWasRecorded() throws {
        let rehab = RehabProcess(label: "day-golden")
        let generated = try rehab.run(["generate-sample", "--days", "800"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let record = ProcessInfo.processInfo.environment["REHAB_RECORD_GOLDEN"] == "1"
        for day in Self.days {
            for command in ["status", "plan", "week"] {
                for json in [false, true] {
                    let args = [command, "--as-of", day] + (json ? ["--json"] : [])
                    let file = "\(Self.folder)/\(command)-\(day).\(json ? "json" : "txt")"
                    let direct = try rehab.run(args)
                    let throughTree = try rehab.run(["--data-dir", rehab.dataDir] + args, dataDirLast: false)
                    #expect(direct.status == 0 && direct.stderr.isEmpty, "\(args): \(direct.stderr)")
                    #expect(direct.stdout == throughTree.stdout, "\(args): the parser's two ways differ")
                    if record { try direct.stdout.write(toFile: file, atomically: true, encoding: .utf8); continue }
                    let expected = try String(contentsOfFile: file, encoding: .utf8)
                    #expect(direct.stdout == expected, "\(args) differs from \(file)")
                }
            }
        }
    }
}

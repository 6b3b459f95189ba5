import Foundation
import TestSupport
import Testing
import RehabCore

private let chromiumInstalled = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    .contains { FileManager.default.isExecutableFile(atPath: $0) }

/// The clinician's report from the real binary, on thirteen weeks of a sample patient.
@Suite struct ReportTests {
    /// A data folder holding the sample patient, imported from its export file.
    func samplePatient() throws -> RehabProcess {
        let rehab = RehabProcess()
        let file = try SamplePatient.write()
        let r = try rehab.run(["import", file])
        #expect(r.status == 0, "\(r.stderr)")
        return rehab
    }

    @Test func markdownReportSummarisesThePeriod() throws {
        let rehab = try samplePatient()
        let r = try rehab.run(["report", "--from", SamplePatient.date(0), "--to", SamplePatient.date(89), "--format", "md"])
        #expect(r.status == 0, "\(r.stderr)")
        let md = r.stdout
        #expect(md.hasPrefix("# Rehab report, 2026-03-02 to 2026-05-30"))
        #expect(md.contains("Multi-plane phase, day 6 (since 2026-05-25)"))
        #expect(md.contains("| Activation | 2026-03-02 | 2026-03-19 | 18 |"))
        #expect(md.contains("| Strengthening | 2026-03-20 | 2026-05-24 | 66 |"))
        #expect(md.contains("| 2026-03-02 | activation | 7 of 7 | 100 % |"))
        #expect(md.contains("- 2026-05-24: 78"))
        #expect(md.contains("| 2026-05-16 | Side-lying abduction | right | 18 reps | 20 | 2 | no |"))
        #expect(md.contains("**red flag**: clinician: Locking, catching or the hip giving way?"))
        #expect(md.contains("**clinician visit**: Clinician seen: Physio: no mechanical cause found"))
        #expect(md.contains("**override**: Advanced to Multi-plane although the gate was not met: Physio assessed in clinic"))
        #expect(
            md.contains(
                "**program**: Switched to \"Hip pain in runners: load, strengthen, return to running\" (version 3, /clinic/hip-adjusted.json)"))
        #expect(md.contains("**red day**: pain during exercise 6 is above 5"))
        // The exercises of the phase in force, with how to do each.
        let lateral = ProgramLoader.defaultProgram().phase(.multiPlane)!.exercises[0]
        #expect(md.contains("## Exercises of the multi-plane phase"))
        #expect(md.contains("| \(lateral.name) | \(lateral.prescription) | \(lateral.tempoText) | \(lateral.how) |"), "\(md)")
    }

    @Test func htmlReportIsOneSelfContainedFile() throws {
        let rehab = try samplePatient()
        let out = rehab.dataDir + "/../report.html"
        let r = try rehab.run(["report", "--to", SamplePatient.date(89), "--format", "html", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("@page { size: A4"))
        #expect(html.components(separatedBy: "<svg ").count - 1 == 4)
        for forbidden in ["<script", "http://", "https://", "src=", "@import", "url("] {
            #expect(!html.lowercased().contains(forbidden), "the report contains \(forbidden)")
        }
        let mode = (try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        let again = try rehab.run(["report", "--to", SamplePatient.date(89), "--format", "html", "--out", out])
        #expect(again.status == 1 && again.stderr.contains("already exists"))
    }

    @Test func badReportRequestsAreRefused() throws {
        let rehab = try samplePatient()
        let cases: [([String], String)] = [
            (["report", "--to", "2026-03-10", "--format", "pdf"], "--format must be md or html"),
            (["report", "--from", "2026-03-10", "--to", "2026-03-09"], "is before --from"),
            (["report", "--to", "2026-02-01"], "before your program started"),
            (["report", "--to", "2026-13-01"], "not a date on the calendar")
        ]
        for (args, message) in cases {
            let r = try rehab.run(args)
            #expect(r.status == 1, "\(args)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }

    /// Renders the HTML report in headless Chromium (Tests/scripts/report-screenshot.sh): a PNG of
    /// the page and an A4 printout that must fit on one page. Kept in .build/report-screenshot.
    @Test(.enabled(if: chromiumInstalled, "chromium is not installed (apt-get install chromium): the HTML report was not rendered"))
    func htmlReportRendersOnOneA4Page() throws {
        let rehab = try samplePatient()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let outDir = root.appendingPathComponent(".build/report-screenshot").path
        try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
        let html = outDir + "/report.html"
        try? FileManager.default.removeItem(atPath: html)
        #expect(try rehab.run(["report", "--to", SamplePatient.date(89), "--format", "html", "--out", html]).status == 0)
        let script = Process()
        script.executableURL = URL(fileURLWithPath: "/bin/bash")
        script.arguments = [root.appendingPathComponent("Tests/scripts/report-screenshot.sh").path, html, outDir]
        let pipe = Pipe()
        script.standardOutput = pipe
        script.standardError = pipe
        try script.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        script.waitUntilExit()
        #expect(script.terminationStatus == 0, "\(output)")
        #expect(output.contains("printed: 1 page(s)"), "\(output)")
        let png = (try? FileManager.default.attributesOfItem(atPath: outDir + "/report.png")[.size] as? NSNumber)?.intValue ?? 0
        #expect(png > 30_000, "the screenshot is only \(png) bytes")
    }
}

import Testing
import TestSupport
@testable import RehabCore

/// The clinician's report: the value model, then the Markdown and HTML made from it.
@Suite struct ClinicianReportTests {
    /// Three weeks: activation, a flare (two red days in a row: a pause), a clinician visit,
    /// tests, scores, an override into strengthening and a program switch.
    static func patient() -> History {
        var p = PatientBuilder()
        for d in 0..<21 where d != 3 {
            p.session(d, pain: d == 8 || d == 9 ? 6 : 1, painAfter: d == 5 ? 3 : nil)
            p.checkIn(d + 1, morning: 1)
        }
        p.checkIn(12, morning: 1, flags: ["locking-giving-way"])
        p.history.clearances.append(FlagClearance(date: day(13), note: "Physio: carry on <gently> | no scan"))
        p.test(15, "single-leg-stance", .left, value: 31, pain: 1)
        p.test(15, "single-leg-stance", .right, value: 25, pain: 1)
        p.history.scores = [OutcomeScore(date: day(-10 + 10), score: 55), OutcomeScore(date: day(20), score: 63)]
        p.history.phaseChanges.append(PhaseChange(date: day(16), phase: .strengthening, override: "Clinic test: stance 30 s <ok>"))
        return p.history
    }

    static func evaluator() -> Evaluator {
        Evaluator(programs: ProgramTimelineTests.timeline(switchOn: 18), history: patient())
    }

    @Test func theModelFollowsTheHistory() throws {
        let r = ClinicianReport(evaluator: Self.evaluator(), from: start - 10, to: day(20))
        #expect(r.from == start)  // clipped to the enrolment
        #expect(r.to == day(20))
        #expect(r.pain.count == 21)
        #expect(r.phases.map(\.phase) == [.activation, .strengthening])
        #expect(r.phases[0].days == 16 && r.phases[1].from == day(16) && r.phases[1].to == day(20))
        #expect(r.phases[1].override == "Clinic test: stance 30 s <ok>")
        #expect(r.weeks.map(\.start) == [start, start + 7, start + 14])
        #expect(r.weeks[0].sessionsDone == 6 && r.weeks[0].sessionsPlanned == 7)
        #expect(r.weeks[1].red == 2 && r.weeks[1].maxPainDuring == 6)
        // Sessions: days 0-8 but 3 (8); the pause from day 9 to the visit on day 13 plans none and
        // counts none; 13-15 (3); from day 16 the activation exercises count nothing in strengthening.
        #expect(r.totals.sessionsDone == 11 && r.totals.red == 2)
        #expect(r.pain[5].during == 1 && r.pain[5].after == 3 && r.pain[5].nextMorning == 1 && r.pain[5].zone == .green)
        #expect(r.pain[3].during == nil)
        #expect(r.tests.map(\.passed) == [true, false])
        #expect(r.tests.first?.name == "Single-leg stance" && r.tests.first?.target == 30)
        #expect(r.outcome.scores.map(\.score) == [55, 63] && r.outcome.before == nil)
        #expect(r.programs.map(\.source) == ["default", "/clinic/strict.json"])
        #expect(r.greenMaxDuring == 2)
        #expect(r.standing.phase == .strengthening && r.standing.daysInPhase == 5)

        let kinds = r.events.map { "\($0.date.iso) \($0.kind.rawValue)" }
        #expect(
            kinds == [
                "2026-03-02 program", "2026-03-10 red day", "2026-03-11 red day", "2026-03-11 pause",
                "2026-03-14 red flag", "2026-03-15 clinician visit", "2026-03-18 override", "2026-03-20 program"
            ])
        #expect(r.events.first { $0.kind == .pause }?.text.hasPrefix("2 red days in a row") == true)
        #expect(r.events.first { $0.kind == .redFlag }?.text == "clinician: Locking, catching or the hip giving way?")
    }

    @Test func aPauseNotYetClearedIsShownInTheStanding() {
        var p = PatientBuilder()
        for d in 0..<6 { p.session(d, pain: d >= 4 ? 7 : 1); p.checkIn(d + 1) }
        let r = ClinicianReport(evaluator: Evaluator(program: program, history: p.history), from: start, to: day(6))
        #expect(r.standing.pause?.hasPrefix("2 red days in a row") == true)
        #expect(MarkdownReport.render(r).contains("- PAUSED: 2 red days in a row"))
        #expect(HTMLReport.render(r).contains("<li class=\"alert\">PAUSED: 2 red days in a row"))
    }

    @Test func markdownHasEverySectionAndEscapesThePatientsText() {
        let md = MarkdownReport.render(ClinicianReport(evaluator: Self.evaluator(), from: start, to: day(20)))
        for heading in [
            "# Rehab report, 2026-03-02 to 2026-03-22", "## Phases", "## Weeks: adherence and pain",
            "## VISA-G (0-100, higher is better)", "## Gate tests", "## Flags, pauses, overrides and changes"
        ] {
            #expect(md.contains(heading + "\n"), "missing \(heading)")
        }
        #expect(md.contains("| Strengthening | 2026-03-18 | 2026-03-22 | 5 | override: Clinic test: stance 30 s \\<ok\\> |"))
        #expect(md.contains("Clinician seen: Physio: carry on \\<gently\\> | no scan"))
        #expect(md.contains("| 2026-03-17 | Single-leg stance | right | 25 seconds | 30 | 1 | no |"))
        #expect(md.contains("zone    GGG.GGG GRRGGGG GGGGGGG\nduring  111.111 1661111 1111111\n"))
    }

    @Test func htmlIsSelfContainedAndEscaped() {
        let html = HTMLReport.render(ClinicianReport(evaluator: Self.evaluator(), from: start, to: day(20)))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"))
        #expect(html.contains("@page { size: A4;"))
        #expect(html.components(separatedBy: "<svg viewBox=").count - 1 == 4)
        // Pain during and next morning, and the scores; pain after has a single point (a marker, no line).
        #expect(html.components(separatedBy: "<polyline").count - 1 == 3)
        #expect(html.contains("<rect x=\"") && html.contains("stroke=\"#c55a11\" stroke-width=\"1.2\""))
        for forbidden in ["<script", "http:", "https:", "src=", "href=", "url(", "@import", "<ok>", "<gently>"] {
            #expect(!html.contains(forbidden), "contains \(forbidden)")
        }
        #expect(html.contains("Clinic test: stance 30 s &lt;ok&gt;"))
        #expect(html.contains("Physio: carry on &lt;gently&gt; | no scan"))
        #expect(html.contains("(bands: the program in force on 2026-03-22; zones: the one in force each day)"))
    }

    @Test func aLongListOfRedDaysGivesWayToWhatMatters() {
        var p = PatientBuilder()
        for d in 0..<60 { p.session(d, pain: d % 2 == 0 ? 6 : 1); p.checkIn(d + 1) }
        p.history.phaseChanges.append(PhaseChange(date: day(40), phase: .strengthening, override: "Seen in clinic, fine to go on"))
        let r = ClinicianReport(evaluator: Evaluator(program: program, history: p.history), from: start, to: day(59))
        #expect(r.events.filter { $0.kind == .redDay }.count == 30)
        let html = HTMLReport.render(r)
        #expect(html.contains("Seen in clinic, fine to go on"))
        #expect(html.components(separatedBy: "<tr class=").count - 1 == HTMLReport.maxEventRows)
        #expect(html.contains("earlier red days not listed; each is on the pain chart."))
    }

    @Test func anEmptyPeriodStillRenders() {
        let h = History(enrolment: Enrolment(start: start, side: .left, baselinePain: nil))
        let r = ClinicianReport(evaluator: Evaluator(program: program, history: h), from: start, to: start)
        #expect(r.pain.count == 1 && r.weeks.count == 1 && r.tests.isEmpty)
        #expect(MarkdownReport.render(r).contains("No test recorded in this period."))
        let html = HTMLReport.render(r)
        #expect(html.contains("no VISA-G score recorded"))
        #expect(!html.contains("nan") && !html.contains("inf"))
    }
}

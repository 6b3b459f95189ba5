import Foundation
import Testing
import RehabCore
import TestSupport

/// Corrections never erase a warning (CLINICAL-RULES.md): the rule of "acted on" and what the
/// engine judges a corrected morning by.
@Suite struct CorrectionRuleTests {
    @Test func aValueIsActedOnFromTheNextDayOrOnceAnythingElseIsRecorded() {
        #expect(!Correction.actedOn(recordedOn: day(3), correctedOn: day(3), recordedSince: false))
        #expect(Correction.actedOn(recordedOn: day(3), correctedOn: day(3), recordedSince: true))
        #expect(Correction.actedOn(recordedOn: day(3), correctedOn: day(4), recordedSince: false))
    }

    func corrected(_ replaced: CheckIn, by latest: CheckIn, actedOn: Bool) -> History {
        var b = PatientBuilder()
        b.session(0); b.session(1)
        b.checkIn(1, morning: 6)
        b.history.checkIns = [b.history.checkIns[0], latest]
        b.history.checkInCorrections = [
            CheckInCorrection(
                replaced: replaced, recordedAt: Date(timeIntervalSince1970: 0),
                correctedAt: Date(timeIntervalSince1970: 86_400), actedOn: actedOn)
        ]
        return b.history
    }

    @Test func aWarningSignStandsWhateverTheCorrection() {
        let h = corrected(CheckIn(date: day(2), morningPain: 1, redFlags: ["night-pain"]), by: CheckIn(date: day(2), morningPain: 1), actedOn: false)
        #expect(h.judgedCheckIns.last == CheckIn(date: day(2), morningPain: 1, redFlags: ["night-pain"]))
        let s = Evaluator(program: program, history: h).status(asOf: day(4))
        #expect(s.pause?.kind == .stopped && s.redFlags.map(\.id) == ["night-pain"])
    }

    @Test func aCorrectionAfterTheProgramActedNeverMakesTheMorningBetter() {
        let red = CheckIn(date: day(2), morningPain: 6, limping: true)
        let acted = corrected(red, by: CheckIn(date: day(2), morningPain: 1), actedOn: true)
        #expect(acted.judgedCheckIns.last == CheckIn(date: day(2), morningPain: 6, limping: true))
        let e = Evaluator(program: program, history: acted)
        #expect(e.zones[day(1)]?.zone == .red && e.pause(on: day(1))?.cause == .redDays, "two red days in a row stand")
        // A typo fixed at once takes its place.
        let fixed = Evaluator(program: program, history: corrected(red, by: CheckIn(date: day(2), morningPain: 1), actedOn: false))
        #expect(fixed.zones[day(1)]?.zone == .green && fixed.pause(on: day(1)) == nil)
        // A worse correction counts at once, acted on or not.
        let worse = corrected(CheckIn(date: day(2), morningPain: 1), by: CheckIn(date: day(2), morningPain: 7), actedOn: true)
        #expect(worse.judgedCheckIns.last?.morningPain == 7)
    }
}

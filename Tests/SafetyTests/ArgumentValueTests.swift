import ArgumentParser
import Foundation
import RehabCore
import Testing
@testable import rehab

/// Days and sides are parsed by the argument parser; a refused value still gets rehab's own
/// sentence naming the option, not ArgumentParser's "The value 'X' is invalid for ...".
@Suite struct ArgumentValueTests {
    /// The one line `rehab` prints for a command line that does not parse (or validate).
    static func refusal(_ args: [String]) -> String? {
        do {
            _ = try RehabCommand.parseAsRoot(args)
            return nil
        } catch {
            return RehabCommand.usageMessage(for: error)
        }
    }

    @Test func refusedDaysAndSidesAreSaidInOneSentence() {
        let cases: [([String], String)] = [
            (["status", "--as-of", "2026-1-1"], "--as-of 2026-1-1 is not a date; use YYYY-MM-DD, for example 2026-03-14."),
            (["log", "--date", "2026-02-30", "--exercise", "x", "--sets", "1"], "--date 2026-02-30 is not a date on the calendar."),
            (["report", "--to", "2926-01-01"], "--to 2926-01-01 is outside the days rehab accepts: \(DayWindow.sane().sentence)."),
            (["log", "--date", "2026-03-02", "--exercise", "x", "--sets", "1", "--side", "up"], "--side must be left or right, not \"up\"."),
            (["init", "--start", "2026-03-02", "--side", "middle"], "--side must be left, right or both, not \"middle\"."),
            (["week", "--as-of", "2026-03-02", "--json", "--as-of", "x'y"], "--as-of x'y is not a date; use YYYY-MM-DD, for example 2026-03-14.")
        ]
        for (args, sentence) in cases {
            #expect(Self.refusal(args) == sentence, "\(args)")
        }
    }

    /// A pain score is read as one (`PainScore`): refused as the command line is read, in the words
    /// admission uses for a score it is given some other way.
    @Test func refusedPainScoresAreSaidInTheScoresOwnWords() throws {
        let cases: [([String], String)] = [
            (
                ["log", "--exercise", "glute-bridge", "--sets", "3", "--pain-during", "11"],
                "--pain-during must be a pain score from 0 (none) to 10 (worst imaginable), not 11."
            ),
            (
                ["log", "--exercise", "glute-bridge", "--sets", "3", "--pain-after=-1"],
                "--pain-after must be a pain score from 0 (none) to 10 (worst imaginable), not -1."
            ),
            (["checkin", "--morning-pain", "7.5"], "--morning-pain must be a pain score from 0 (none) to 10 (worst imaginable), not \"7.5\"."),
            (
                ["test", "--name", "single-leg-stance", "--value", "30", "--pain", "abc"],
                "--pain must be a pain score from 0 (none) to 10 (worst imaginable), not \"abc\"."
            ),
            (
                ["init", "--start", "2026-03-02", "--baseline-pain", "+3"],
                "--baseline-pain must be a pain score from 0 (none) to 10 (worst imaginable), not \"+3\"."
            )
        ]
        for (args, sentence) in cases {
            #expect(Self.refusal(args) == sentence, "\(args)")
        }
        let checkIn = try #require(try RehabCommand.parseAsRoot(["checkin", "--morning-pain", "10"]) as? CheckInCommand)
        #expect(checkIn.morningPain.value == 10)
    }

    @Test func acceptedValuesParse() throws {
        let log = try #require(
            try RehabCommand.parseAsRoot(["log", "--date", "2026-03-02", "--exercise", "clamshell", "--side", "LEFT", "--sets", "3"]) as? LogCommand)
        #expect(log.day == Day(iso: "2026-03-02") && log.side == .left)
        let initCommand = try #require(try RehabCommand.parseAsRoot(["init", "--start", "2026-03-02"]) as? InitCommand)
        #expect(initCommand.side == .both)
        let status = try #require(try RehabCommand.parseAsRoot(["status", "--as-of", "2026-03-05", "--json"]) as? StatusCommand)
        #expect(status.judged.day == Day(iso: "2026-03-05") && status.judged.json)
    }

    /// Options that belong together are checked before any data is opened.
    @Test func optionsThatDoNotGoTogetherAreRefusedByValidate() {
        let cases: [([String], String)] = [
            (
                ["log", "--date", "2026-03-02", "--exercise", "glute-bridge", "--minutes", "20", "--sets", "1"],
                "--minutes belongs to a run; give --run-stage too, or leave it out."
            ),
            (["log", "--date", "2026-03-02", "--run-stage", "1", "--minutes", "20"], "Give --pain-during N: your worst pain while running, 0-10."),
            (
                ["log", "--date", "2026-03-02"],
                "Give --plan for the day's plan, --exercise ID for one exercise's sets, or --run-stage N --minutes M for a run."
            ),
            (["report", "--from", "2026-03-05", "--to", "2026-03-02"], "--to 2026-03-02 is before --from 2026-03-05."),
            (["clear-flags", "--date", "2026-03-02"], "Red flags are lifted only after a clinician has seen you: add --seen-clinician to confirm."),
            (["advance", "--as-of", "2026-03-02", "--override", "ok"], "--override needs a written reason of at least 10 characters.")
        ]
        for (args, sentence) in cases {
            #expect(Self.refusal(args) == sentence, "\(args)")
        }
    }
}

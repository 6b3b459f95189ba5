import Foundation
import Testing

@testable import RehabCore
@testable import RehabStore

/// The copy `rehab today` reads (TodayFile): what a write puts in it reads back the same, for
/// every state; anything else reads back as nothing, which sends `today` to the table.
@Suite struct TodayFileTests {
    let day = Day(iso: "2026-03-10")!
    let build = "64768-42-98341096-1796569978.443392712", database = "64768-1188764"

    func read(_ text: String, on day: Day? = nil, build: String? = nil, database: String? = nil) -> TodayGlance? {
        TodayFile.glance(in: ArraySlice(text.utf8), build: build ?? self.build, database: database ?? self.database, on: day ?? self.day)
    }

    @Test func everyVerdictReadsBackAsWritten() {
        let verdicts = TodayGlance.State.allCases.flatMap { state in
            [TodayGlance(state: state, done: 2, planned: 6, checkInDue: true), TodayGlance(state: state, done: 0, planned: 11, checkInDue: false)]
        }
        for verdict in verdicts {
            let other = TodayGlance(state: .exercise, done: 1, planned: 1, checkInDue: false)
            let text = TodayFile.text([(day - 1, other), (day, verdict), (day + 1, other)], build: build, database: database)
            #expect(read(text) == verdict, "\(text)")
            #expect(read(text, on: day + 1) == other)
            #expect(read(text, on: day + 2) == nil, "a day the file does not hold")
        }
    }

    @Test func anythingElseReadsAsNothing() {
        let verdict = TodayGlance(state: .paused, done: 3, planned: 4, checkInDue: true)
        let text = TodayFile.text([(day, verdict)], build: build, database: database)
        #expect(read(text) == verdict)
        #expect(read(text, build: build + "0") == nil, "another build")
        #expect(read(text, database: "64768-1188765") == nil, "another database file")
        #expect(read(String(text.dropLast())) == nil, "cut short")
        #expect(read(text.replacingOccurrences(of: "end\n", with: "")) == nil, "no end")
        #expect(read("") == nil)
        #expect(read(text.replacingOccurrences(of: "paused", with: "resting")) == nil, "an unknown state")
        #expect(read(text.replacingOccurrences(of: " 3 4 ", with: " three 4 ")) == nil, "a count that is not a number")
        #expect(read(text.replacingOccurrences(of: "checkin due", with: "checkin maybe")) == nil)
        #expect(read(text.replacingOccurrences(of: "rehab today 1", with: "rehab today 2")) == nil, "another format")
    }
}

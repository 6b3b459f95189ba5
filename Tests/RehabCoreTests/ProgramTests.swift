import Foundation
import Testing
@testable import RehabCore

@Suite struct ProgramTests {
    @Test func defaultProgramCarriesTheClinicalRules() {
        #expect(program.phases.map(\.id) == [.activation, .strengthening, .multiPlane, .returnToRun])
        #expect(program.phase(.activation)?.minimumDays == 14)
        #expect(program.phase(.strengthening)?.minimumDays == 42)
        #expect(program.phase(.multiPlane)?.minimumDays == 21)
        #expect(program.painZones.greenMaxDuring == 3)
        #expect(program.painZones.amberMaxDuring == 5)
        #expect(program.returnToRun.stages.count == 10)
        #expect(program.returnToRun.stage(10)?.runMinutes == 30)
        #expect(program.redFlag("cannot-bear-weight")?.level == .urgent)
        #expect(program.redFlag("night-pain") != nil)
        // Loading repetitions take 10-15 s.
        for phase in program.phases {
            for e in phase.exercises where !e.isHold && e.id != "hip-circles" {
                let total = e.segments.reduce(0) { $0 + $1.seconds }
                #expect((10...15).contains(total), "\(e.id) takes \(total) s a rep")
            }
        }
    }

    private func load(_ text: String) -> JSONIssue? {
        do { _ = try ProgramLoader.load(Data(text.utf8)); return nil } catch { return error }
    }

    private var defaultText: String { ProgramLoader.defaultProgramText()! }

    @Test func syntaxErrorNamesTheLine() throws {
        var lines = defaultText.components(separatedBy: "\n")
        let i = try #require(lines.firstIndex { $0.contains("\"greenMaxDuring\"") })
        lines[i] = lines[i].replacingOccurrences(of: ",", with: "")  // drop the comma
        let error = try #require(load(lines.joined(separator: "\n")))
        #expect(error.location == "line \(i + 2), column 5" || error.location.hasPrefix("line \(i + 1)") || error.location.hasPrefix("line \(i + 2)"))
    }

    @Test func fieldErrorsNameTheFieldPath() throws {
        let noSets = defaultText.replacingOccurrences(
            of: "\"sets\": 3, \"reps\": 10,\n          \"how\": \"On your back", with: "\"reps\": 10,\n          \"how\": \"On your back")
        #expect(load(noSets)?.path == "phases[0].exercises[0].sets")
        let zeroSets = defaultText.replacingOccurrences(
            of: "\"sets\": 3, \"reps\": 10,\n          \"how\": \"On your back", with: "\"sets\": 0, \"reps\": 10,\n          \"how\": \"On your back"
        )
        let zero = try #require(load(zeroSets))
        #expect(zero.path == "phases[0].exercises[0].sets" && zero.problem == "must be from 1 to 20, not 0")
        // Loading is checking: the problem comes with the line to edit.
        let line = try #require(zeroSets.components(separatedBy: "\n").firstIndex { $0.contains("\"sets\": 0") }) + 1
        #expect(zero.location == "line \(line) (phases[0].exercises[0].sets)")
        let textPain = defaultText.replacingOccurrences(of: "\"greenMaxDuring\": 3", with: "\"greenMaxDuring\": \"three\"")
        #expect(load(textPain)?.path == "painZones.greenMaxDuring")
        #expect(load(textPain)?.problem == "expected a whole number, found text \"three\"")
        let badPain = defaultText.replacingOccurrences(of: "\"amberMaxDuring\": 5", with: "\"amberMaxDuring\": 12")
        #expect(load(badPain)?.path == "painZones.amberMaxDuring")
        let badType = defaultText.replacingOccurrences(
            of: "\"type\": \"no-red-days\", \"windowDays\": 7", with: "\"type\": \"no-blue-days\", \"windowDays\": 7")
        #expect(load(badType)?.path == "phases[0].gate[1].type")
    }

    /// A load step is a positive number of kilograms, on an exercise whose load is logged.
    @Test func loadStepsAreCheckedAndCarried() throws {
        let program = try #require(try? ProgramLoader.load(Data(defaultText.utf8)))
        let goblet = try #require(program.phase(.strengthening)?.exercises.first { $0.id == "goblet-squat" })
        #expect(goblet.loadStepKg == 2)
        let zero = defaultText.replacingOccurrences(of: "\"loadStepKg\": 2", with: "\"loadStepKg\": 0")
        #expect(load(zero)?.problem.contains("must be more than 0 and at most 50 kg") == true, "\(String(describing: load(zero)))")
        let unloaded = defaultText.replacingOccurrences(of: "\"loadable\": true, \"loadStepKg\": 2", with: "\"loadStepKg\": 2")
        #expect(load(unloaded)?.problem.contains("needs \"loadable\": true") == true, "\(String(describing: load(unloaded)))")
    }

    @Test func loadRefusesWhatCheckRefuses() throws {
        // An unknown field was once loaded silently (and refused only by `rehab program validate`).
        let misspelt = defaultText.replacingOccurrences(of: "\"loadable\"", with: "\"loadabel\"")
        let issue = try #require(load(misspelt))
        #expect(issue == ProgramLoader.check(Data(misspelt.utf8)).issues.first)
        #expect(issue.line != nil && issue.problem.contains("did you mean \"loadable\"?"), "\(issue)")
        #expect(load(defaultText) == nil && ProgramLoader.check(Data(defaultText.utf8)).isValid)
    }

    /// The program is decoded from the parsed tree (one parser), to the same value JSONDecoder gives.
    @Test func theTreeDecodesAsJSONDecoderWould() throws {
        let plain = ProgramLoader.stripComments(defaultText)
        let fromTree = try TreeDecoder(try JSONTree(parsing: plain).root).decode(Program.self)
        #expect(fromTree == (try JSONDecoder().decode(Program.self, from: Data(plain.utf8))))
        let share = try TreeDecoder(try JSONTree(parsing: "[\"2/3\", 0.5]").root).decode([Share].self)
        #expect(share == [Share(numerator: 2, denominator: 3), Share(value: 0.5)!])
        #expect(throws: DecodingError.self) { try TreeDecoder(try JSONTree(parsing: "{\"a\": 1.5}").root).decode([String: Int].self) }
    }

    @Test func rejectsNonUTF8AndEmptyFiles() {
        #expect(throws: JSONIssue.self) { try ProgramLoader.load(Data([0xFF, 0xFE, 0x00])) }
        #expect(throws: JSONIssue.self) { try ProgramLoader.load(Data()) }
        #expect(throws: JSONIssue.self) { try ProgramLoader.load(Data("[]".utf8)) }
    }

    @Test func commentsInsideStringsAreKept() {
        let s = ProgramLoader.stripComments("{\"a\": \"http://x\", // note\n \"b\": [1, 2,], /* x */ }")
        #expect(s.contains("\"http://x\""))
        #expect(!s.contains("note"))
        #expect(!s.contains("2,"))
    }
}

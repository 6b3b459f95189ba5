import Foundation
import Testing
@testable import RehabCore

/// `ProgramLoader.check`, behind `rehab program validate`: every problem, with its line and field.
@Suite struct ProgramCheckTests {
    private var defaultText: String { ProgramLoader.defaultProgramText()! }

    private func check(_ text: String) -> ProgramCheck { ProgramLoader.check(Data(text.utf8)) }

    /// The 1-based line of the first occurrence of `needle` in `text`.
    private func line(of needle: String, in text: String) -> Int? {
        text.components(separatedBy: "\n").firstIndex { $0.contains(needle) }.map { $0 + 1 }
    }

    @Test func theDefaultProgramIsValid() {
        let result = check(defaultText)
        #expect(result.issues.isEmpty, "\(result.issues)")
        #expect(result.program == ProgramLoader.defaultProgram())
    }

    @Test func everyStructuralProblemIsListedWithItsLineAndWhatIsExpected() throws {
        let text =
            defaultText
            .replacingOccurrences(of: "\"greenMaxDuring\": 3,", with: "\"greenMaxDuring\": \"three\",")
            .replacingOccurrences(of: "\"minimumDays\": 21,", with: "\"minimumDays\": 21.5,")
            .replacingOccurrences(
                of: "\"id\": \"hip-hitch\", \"name\": \"Hip hitch\", \"sides\": \"each\"",
                with: "\"id\": \"hip-hitch\", \"name\": \"Hip hitch\", \"sides\": \"eech\""
            )
            .replacingFirst("\"restSeconds\": 120,\n      \"exercises\"", with: "\"restSecond\": 120,\n      \"exercises\"")
        let issues = check(text).issues
        #expect(issues.count == 5, "\(issues)")
        let byPath = Dictionary(issues.map { ($0.path ?? "", $0) }, uniquingKeysWith: { a, _ in a })

        let green = try #require(byPath["painZones.greenMaxDuring"])
        #expect(green.line == line(of: "\"greenMaxDuring\"", in: text))
        #expect(green.problem == "expected a whole number, found text \"three\"")

        #expect(byPath["phases[2].minimumDays"]?.problem == "expected a whole number, found 21.5")
        #expect(byPath["phases[0].exercises[3].sides"]?.problem == "expected one of \"each\", \"both\"; found \"eech\" (did you mean \"each\"?)")
        #expect(byPath["phases[0].exercises[3].sides"]?.line == line(of: "\"id\": \"hip-hitch\"", in: text))

        let typo = try #require(byPath["phases[1].restSecond"])
        #expect(typo.problem.hasPrefix("is not a field of a phase (did you mean \"restSeconds\"?); expected one of id, name, goal"))
        let missing = try #require(byPath["phases[1].restSeconds"])
        #expect(missing.problem == "is missing from a phase that starts here; expected a whole number")

        // Listed top to bottom.
        let lines = issues.compactMap(\.line)
        #expect(lines == lines.sorted())
    }

    /// A key that reverses the text around it (U+202E) is shown escaped, as every message of the
    /// command line shows it: a clinician reads the file's words, not a reordered line.
    @Test func aBidiOverrideInAKeyIsShownEscaped() throws {
        let text = defaultText.replacingFirst(
            "\"restSeconds\": 120,\n      \"exercises\"", with: "\"rest\u{202E}Seconds\": 120,\n      \"exercises\"")
        let paths = check(text).issues.compactMap(\.path)
        #expect(paths.contains("phases[1].rest\\u{202E}Seconds"), "\(paths)")
        #expect(!paths.joined().unicodeScalars.contains { $0.value == 0x202E })
    }

    @Test func everyRuleTheNumbersBreakIsListed() throws {
        let text =
            defaultText
            .replacingOccurrences(of: "\"amberMaxDuring\": 5,", with: "\"amberMaxDuring\": 12,")
            .replacingOccurrences(of: "\"minimumDays\": 42,", with: "\"minimumDays\": 400,")
            .replacingOccurrences(
                of: "{ \"type\": \"run-stage-completed\", \"stage\": 10, \"times\": 2 }",
                with: "{ \"type\": \"run-stage-completed\", \"stage\": 12, \"times\": 2 }")
        let issues = check(text).issues
        #expect(issues.map(\.path) == ["painZones.amberMaxDuring", "phases[1].minimumDays", "phases[3].gate[0].stage"])
        #expect(issues[0].problem == "must be a pain score from 0 (none) to 10 (worst imaginable), not 12")
        #expect(issues[0].line == line(of: "\"amberMaxDuring\"", in: text))
        #expect(issues[1].problem == "must be from 0 to 365, not 400")
        #expect(issues[2].problem == "must name a return-to-run stage (1 to 10); there is no stage 12")
        #expect(issues[2].line == line(of: "\"run-stage-completed\"", in: text))
        #expect(check(text).program == nil)
    }

    @Test func aSyntaxErrorNamesLineColumnAndTheLikelyMissingComma() {
        let text = "{\n  \"id\": \"x\",\n  // a comment\n  \"name\": \"x\"\n  \"version\": 1\n}\n"
        let issues = check(text).issues
        #expect(
            issues == [
                JSONIssue(
                    line: 5, column: 3, path: nil,
                    problem: "expected a comma or the closing } after the value of \"name\" (is a comma missing at the end of line 4?)")
            ])
        #expect(issues[0].description.hasPrefix("line 5, column 3: expected a comma"))
        #expect(check("").issues.first?.problem == "expected a program object { ... }, but the file is empty")
        #expect(check("{\"id\": \"x\", \"name\": \"unclosed\n}").issues.first?.line == 1)
        #expect(check("{\"id\": ture}").issues.first?.problem.contains("did you mean true?") == true)
        #expect(check("{\"id\": True}").issues.first?.problem == "expected a value; true, false and null are written in lowercase")
        #expect(check("[1, 2 3]").issues.first?.problem == "expected a comma or the closing ] after item 2 of the list")
        #expect(check(String(repeating: "[", count: 100)).issues.first?.problem == "expected less deeply nested objects and lists")
    }

    @Test func commentsTrailingCommasAndEscapesAreAccepted() throws {
        let text = defaultText.replacingOccurrences(of: "\"name\": \"Hip hitch\"", with: "/* renamed */ \"name\": \"Clam\\u00e9 \\\"shell\\\"\"")
        let program = try #require(check(text).program)
        #expect(program.exercise("hip-hitch")?.name == "Clamé \"shell\"")
    }

    @Test func aDuplicatedFieldIsReported() {
        let text = defaultText.replacingOccurrences(of: "\"limpingIsRed\": true,", with: "\"limpingIsRed\": true, \"limpingIsRed\": false,")
        let issues = check(text).issues
        #expect(issues.map(\.path) == ["painZones.limpingIsRed"])
        #expect(issues.first?.problem == "appears twice in the pain-zone rules; keep one")
    }

    @Test func anUnknownCriterionTypeIsOneProblemNotMany() {
        let text = defaultText.replacingOccurrences(
            of: "{ \"type\": \"no-red-days\", \"windowDays\": 7 }",
            with: "{ \"type\": \"no-blue-days\", \"windowDays\": 7 }")
        let issues = check(text).issues
        #expect(issues.map(\.path) == ["phases[0].gate[1].type"])
        #expect(issues.first?.problem.hasSuffix("found \"no-blue-days\" (did you mean \"no-red-days\"?)") == true)
    }

    @Test func nonUTF8IsRefusedOnItsLine() {
        #expect(
            ProgramLoader.check(Data([0xFF, 0xFE, 0x41])).issues.first?.description == "line 1: the file is not UTF-8 text here; save it as UTF-8")
        #expect(ProgramLoader.check(Data("{\n\"id\": \"a\u{FF}\"".utf8) + Data([0xFF])).issues.first?.line == 2)
    }

    /// The schema must say "required" exactly where JSONDecoder needs the field: remove each
    /// field of each kind of object from the default program and compare.
    @Test func theSchemaMirrorsTheCodableModel() throws {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(ProgramLoader.stripComments(defaultText).utf8)) as? [String: Any])
        var seen = Set<String>()
        var compared = 0
        func visit(_ value: Any, path: [Any], kind: String) throws {
            if let object = value as? [String: Any] {
                let variant = (object["type"] as? String).map { "<\($0)>" } ?? ""
                for key in object.keys.sorted() {
                    let signature = kind + variant + "." + key
                    if seen.insert(signature).inserted {
                        let decoderNeedsIt = !decodes(root, removing: path + [key])
                        let stripped = try JSONSerialization.data(withJSONObject: removing(root, at: path + [key]))
                        let flaggedMissing = ProgramLoader.check(stripped).issues.contains { $0.problem.hasPrefix("is missing") }
                        #expect(decoderNeedsIt == flaggedMissing, "\(signature): decoder needs it \(decoderNeedsIt), schema says \(flaggedMissing)")
                        compared += 1
                    }
                    try visit(object[key]!, path: path + [key], kind: kind + "." + key)
                }
            } else if let list = value as? [Any] {
                for (i, item) in list.enumerated() { try visit(item, path: path + [i], kind: kind + "[]") }
            }
        }
        try visit(root, path: [], kind: "")
        #expect(compared > 60)
    }

    private func removing(_ value: Any, at path: [Any]) -> Any {
        guard let first = path.first else { return value }
        if let key = first as? String, var object = value as? [String: Any] {
            if path.count == 1 { object[key] = nil } else { object[key] = removing(object[key]!, at: Array(path.dropFirst())) }
            return object
        }
        if let i = first as? Int, var list = value as? [Any] {
            list[i] = removing(list[i], at: Array(path.dropFirst()))
            return list
        }
        return value
    }

    private func decodes(_ root: [String: Any], removing path: [Any]) -> Bool {
        guard let data = try? JSONSerialization.data(withJSONObject: removing(root, at: path)) else { return false }
        return (try? JSONDecoder().decode(Program.self, from: data)) != nil
    }

    @Test func theFormatDocumentNamesEveryFieldAndItsExampleIsValid() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/program-format.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for name in ProgramSchema.allFieldNames.sorted() {
            #expect(text.contains("`\(name)`"), "docs/program-format.md does not describe `\(name)`")
        }
        // The full example: the first ```jsonc block.
        let start = try #require(text.range(of: "```jsonc\n"))
        let end = try #require(text.range(of: "\n```", range: start.upperBound..<text.endIndex))
        let example = String(text[start.upperBound..<end.lowerBound])
        let result = ProgramLoader.check(Data(example.utf8))
        #expect(result.issues.isEmpty, "\(result.issues)")
        #expect(result.program?.phases.count == 4)
    }

    @Test func changesBetweenProgramsAreListedByName() {
        var adjusted = ProgramLoader.defaultProgram()
        adjusted.painZones.greenMaxDuring = 2
        adjusted.phases[1].minimumDays = 35
        adjusted.phases[0].exercises.removeAll { $0.id == "hip-circles" }
        adjusted.returnToRun.stages[0].repeats = 5
        #expect(
            ProgramChanges.between(ProgramLoader.defaultProgram(), adjusted) == [
                "painZones.greenMaxDuring: 3 -> 2",
                "phases[activation].exercises: removed hip-circles",
                "phases[strengthening].minimumDays: 42 -> 35",
                "returnToRun.stages[stage 1].repeats: 4 -> 5"
            ])
        #expect(ProgramChanges.between(adjusted, adjusted).isEmpty)
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: replacement)
    }
}

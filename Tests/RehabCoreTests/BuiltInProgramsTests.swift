import Foundation
import Testing
@testable import RehabCore

/// The registry of built-in programs, and that each program's docs page states the numbers its
/// file enforces.
@Suite struct BuiltInProgramsTests {
    static let ids = BuiltInPrograms.all.map(\.id)

    @Test func theDefaultIsTheFirstAndAnswersToDefault() {
        #expect(BuiltInPrograms.standard.program == ProgramLoader.defaultProgram())
        #expect(BuiltInPrograms.named("default")?.id == "gluteal-tendinopathy")
        #expect(BuiltInPrograms.named("hamstrings") == nil)
        #expect(Set(Self.ids).count == Self.ids.count)
        #expect(Set(BuiltInPrograms.all.map(\.program.id)).count == Self.ids.count, "two built-ins share a program id")
    }

    /// Commands read a built-in program by hand (`PlainProgramDecoding`), not through the checked
    /// path a clinician's file takes: both must give the same program, field for field.
    @Test(arguments: ids) func thePlainDecodingGivesTheCheckedProgram(_ id: String) throws {
        let text = BuiltInPrograms.named(id)!.text
        let checked = try ProgramLoader.load(Data(text.utf8))
        let plain = try #require(
            PlainProgramDecoding.program(try JSONTree(parsing: ProgramLoader.stripComments(text))), "\(id): the plain decoding gave up")
        #expect(plain == checked)
        #expect(BuiltInPrograms.named(id)!.program == checked)
    }

    /// The plain decoding gives up, rather than guess, on what Codable would refuse.
    @Test func thePlainDecodingGivesUpOnWhatCodableRefuses() throws {
        let text = ProgramLoader.stripComments(BuiltInPrograms.standard.text)
        for (from, to) in [("\"minimumDays\"", "\"minimumDayz\""), ("\"sides\": \"each\"", "\"sides\": \"every\""), ("\"sets\": 3", "\"sets\": 3.5")]
        {
            #expect(text.contains(from), "the default program no longer has \(from)")
            let broken = try JSONTree(parsing: text.replacingOccurrences(of: from, with: to))
            #expect(PlainProgramDecoding.program(broken) == nil, "\(to)")
            #expect((try? TreeDecoder(broken.root).decode(Program.self)) == nil, "\(to)")
        }
    }

    /// A program of its own keeps every warning sign of the default one, and set-up asks the
    /// ones that stop a program, deep groin pain with weight-bearing among them.
    @Test(arguments: ids) func keepsEveryWarningSignOfTheDefault(_ id: String) {
        let program = BuiltInPrograms.named(id)!.program
        let own = Set(program.redFlags.map(\.id))
        for flag in ProgramLoader.defaultProgram().redFlags { #expect(own.contains(flag.id), "\(id) lacks \(flag.id)") }
        #expect(BuiltInPrograms.screeningQuestions(of: program).contains { $0.id == "groin-pain-loading" && $0.level == .doctor })
        #expect(!BuiltInPrograms.screeningQuestions(of: program).contains { $0.level == .clinician })
    }

    /// Each docs/programs page lists the zones, phase lengths, gate targets and outcome of its file.
    @Test(arguments: ids) func theDocsPageStatesTheFilesNumbers(_ id: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let page = try String(contentsOf: root.appending(path: "docs/programs/\(id).md"), encoding: .utf8)
        let p = BuiltInPrograms.named(id)!.program
        let z = p.painZones
        let during = "0-\(z.greenMaxDuring) / \(z.greenMaxDuring + 1)-\(z.amberMaxDuring) / above \(z.amberMaxDuring)"
        #expect(page.contains(during), "\(id): no \(during)")
        #expect(page.contains("0-\(z.runGreenMaxDuring) / \(z.runAmberMaxDuring) / above \(z.runAmberMaxDuring)"))
        for phase in p.phases where phase.minimumDays > 0 {
            #expect(page.contains("at least \(phase.minimumDays) days"), "\(id): \(phase.id)")
        }
        for test in p.allTests {
            let target = test.target.rounded() == test.target ? String(Int(test.target)) : String(test.target)
            #expect(page.contains(target), "\(id): \(test.id) \(target)")
        }
        #expect(page.contains("\(p.pause.consecutiveRedDays) red days in a row, or \(p.pause.redDaysInWindow) in \(p.pause.windowDays) days"))
        #expect(page.contains("\(p.outcome.min)-\(p.outcome.max), every \(p.outcome.everyDays) days"))
        #expect(page.contains("## Where the evidence is weak"))
        #expect(page.contains("rehab does not diagnose"))
    }
}

import ArgumentParser
import Foundation
import RehabCore
import RehabStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start the program: set the first day, the painful side and your usual morning pain.")

    @OptionGroup var data: DataOptions
    @Option(name: .customLong("start"), help: ArgumentHelp("First day of the program (default: today).", valueName: Day.valueName))
    var start: Day?
    var day: Day { start ?? localToday() }
    @Option(help: ArgumentHelp("Which hip hurts: left, right or both.", valueName: AffectedSide.valueName)) var side: AffectedSide = .both
    @Option(
        name: .customLong("baseline-pain"),
        help: ArgumentHelp(
            "Your usual morning pain before starting (default: taken from your first check-ins).",
            valueName: PainScore.valueName))
    var baselinePain: PainScore?
    @Option(
        help: ArgumentHelp(
            "A built-in program's id (`rehab program list`) or a program file from your clinician, instead of the default program.",
            valueName: "id-or-file"), completion: Completions.programs)
    var program: String?

    // The sane window of a day argument is the start's: ten years back at most, a year ahead at most.

    func run() throws {
        // Recorded as typed: a built-in program's id, or the file's path.
        let source = program ?? ProgramLoader.defaultProgramName
        let (text, _, _) = try ProgramFiles.resolve(source)
        let store = try RehabStore(directory: data.directory, create: true)
        do {
            try store.enrol(Enrolment(start: day, side: side, baselinePain: baselinePain?.value), programText: text, source: source)
        } catch {
            // A second init is a mistake on the command line (exit 1), not a storage failure.
            guard case .alreadyInitialised = error else { throw error }
            let since = (try? store.enrolment()).map { " (your program started on \($0.start.iso))" } ?? ""
            throw UserError(
                "rehab is already set up in \(store.directory)\(since); nothing was changed. "
                    + "To start again, use another --data-dir, or go back to a backup with `rehab restore FILE`.")
        }
        let loaded = try PatientData.program(in: store)
        print("Program \"\(loaded.name)\" starts on \(day.iso) with the \(loaded.phases[0].name.lowercased()) phase.")
        print("Data: \(store.path)")
        print(loaded.disclaimer)
        print(BuiltInPrograms.warningSignsFirst)
        print(BuiltInPrograms.referredPainAdvice)
    }
}

/// Reading and checking program files for the commands.
enum ProgramFiles {
    /// A program file and its text, checked as thoroughly as `rehab program validate` does.
    static func load(_ path: String) throws -> (text: String, program: Program) {
        let data = try readUserFile(path, "the program file", limit: ProgramLoader.maxFileBytes)
        let check = ProgramLoader.check(data)
        guard let program = check.program, let text = String(data: data, encoding: .utf8) else {
            let first = check.issues.first ?? JSONIssue(line: nil, path: nil, problem: "could not be read")
            let more =
                check.issues.count > 1
                ? " (and \(check.issues.count - 1) more; `rehab program validate \(path)` lists them all)" : ""
            throw UserError("The program file \(path) has an error at \(first.location): \(first.problem)\(more).")
        }
        return (text, program)
    }

    /// A built-in program by id (`default` names the default one), or else a checked file.
    static func resolve(_ name: String) throws -> (text: String, program: Program, isBuiltIn: Bool) {
        if let builtIn = BuiltInPrograms.named(name) { return (builtIn.text, builtIn.program, true) }
        // A bare word that is no file was most likely meant as a program id.
        if !name.contains("/"), !FileManager.default.fileExists(atPath: name) {
            let ids = ([ProgramLoader.defaultProgramName] + BuiltInPrograms.all.map(\.id)).joined(separator: ", ")
            throw UserError(
                "\(name.escapingControls()) is neither a built-in program (\(ids); `rehab program list` says what each is for) nor a program file.")
        }
        let (text, program) = try load(name)
        return (text, program, false)
    }

    static func defaultText() throws -> String {
        guard let text = ProgramLoader.defaultProgramText() else {
            throw UserError("The built-in program is missing from this installation; reinstall rehab.", exitCode: 2)
        }
        return text
    }
}

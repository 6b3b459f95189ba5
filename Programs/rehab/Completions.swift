import ArgumentParser
import Foundation
import RehabCore
import RehabStore

/// Shell completion of ids from the program in force: the shell runs `rehab ---completion ...`
/// on Tab, which ends up here. It only reads (the store opened `.readOnly`), never creates the
/// data folder, and falls back to the built-in program when there is no data yet or it cannot
/// be read; it prints nothing else, so the shell sees only candidates.
enum Completions {
    /// The exercises today's plan allows: those of the phase you are in (an earlier phase's would
    /// count for nothing, a later one's is refused); with no data yet, the first phase's.
    static let exercises = CompletionKind.custom { words, _, _ in
        ids(exercisesAllowedToday(for: words).map(\.id))
    }

    static let tests = CompletionKind.custom { words, _, _ in
        ids(program(for: words).allTests.map(\.id))
    }

    static let files = CompletionKind.file()
    /// A built-in program's id or a program file: the ids, then the JSON files and folders where the word points.
    static let programs = CompletionKind.custom { _, _, prefix in
        BuiltInPrograms.all.map(\.id).filter { $0.hasPrefix(prefix) } + programFiles(startingWith: prefix)
    }

    private static func programFiles(startingWith prefix: String) -> [String] {
        let slash = prefix.lastIndex(of: "/")
        let folder = slash.map { String(prefix[...$0]) } ?? ""
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        return names.sorted().compactMap { name in
            let path = folder + name
            guard path.hasPrefix(prefix), !name.hasPrefix(".") || prefix.hasSuffix("/.") else { return nil }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return nil }
            return isFolder.boolValue ? path + "/" : name.hasSuffix(".json") ? path : nil
        }
    }

    private static func ids(_ all: [String]) -> [String] {
        var seen = Set<String>()
        return all.filter { seen.insert($0).inserted }
    }

    static func exercisesAllowedToday(for words: [String]) -> [Exercise] {
        let folder = dataDir(in: words) ?? RehabStore.defaultDirectory()
        let today = localToday()
        var data = DataOptions()
        data.dataDir = folder
        if FileManager.default.fileExists(atPath: folder + "/rehab.sqlite"),
            let patient = try? data.load(.readOnly, judging: today), patient.history.enrolment.start <= today
        {
            return patient.evaluator.exercisesInForce(on: today).exercises
        }
        return program(for: words).phases.first?.allExercises ?? []
    }

    /// The program in force in the data folder the command line names (`--data-dir`), else the default one.
    static func program(for words: [String]) -> Program {
        let folder = dataDir(in: words) ?? RehabStore.defaultDirectory()
        guard FileManager.default.fileExists(atPath: folder + "/rehab.sqlite"),
            let store = try? RehabStore(directory: folder, access: .readOnly),
            let program = try? PatientData.program(in: store)
        else { return ProgramLoader.defaultProgram() }
        return program
    }

    /// `--data-dir DIR` or `--data-dir=DIR`, as the shell passed the words (quotes left on, `~` unexpanded).
    static func dataDir(in words: [String]) -> String? {
        var found: String?
        for (i, word) in words.enumerated() {
            if word == "--data-dir", i + 1 < words.count { found = words[i + 1] }
            if word.hasPrefix("--data-dir=") { found = String(word.dropFirst("--data-dir=".count)) }
        }
        guard var folder = found, !folder.isEmpty else { return nil }
        if folder.count >= 2, let first = folder.first, first == "'" || first == "\"", folder.last == first {
            folder = String(folder.dropFirst().dropLast())
        }
        if folder == "~" || folder.hasPrefix("~/") {
            folder = NSHomeDirectory() + folder.dropFirst()
        }
        return folder
    }
}

import Foundation
import PackagePlugin

/// Compiles files into the binary so an installed `rehab` needs nothing beside itself:
/// for RehabCore the built-in programs (their JSON files stay the one source), for the executable
/// the version (the VERSION file) and the commit it was built from.
@main
struct EmbedFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let tool = try context.tool(named: "embed-files").url
        let out = context.pluginWorkDirectoryURL
        switch target.name {
        case "RehabCore":
            // Every program file in Resources/: the default and the other built-in programs.
            let folder = context.package.directoryURL.appending(path: "Sources/RehabCore/Resources")
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path(percentEncoded: false))
                .filter { $0.hasSuffix(".json") }.sorted()
            let files = names.map { folder.appending(path: $0) }
            let swift = out.appending(path: "EmbeddedPrograms.swift")
            return [
                .buildCommand(
                    displayName: "Embedding the built-in programs",
                    executable: tool,
                    arguments: ["programs", swift.path(percentEncoded: false)] + files.map { $0.path(percentEncoded: false) },
                    inputFiles: files, outputFiles: [swift])
            ]
        case "rehab":
            let version = context.package.directoryURL.appending(path: "VERSION")
            let swift = out.appending(path: "BuildInfo.swift")
            // The commit is an argument, so a new commit changes the command and reruns it.
            let commit = Self.commit(in: context.package.directoryURL)
            return [
                .buildCommand(
                    displayName: "Embedding the version and commit \(commit)",
                    executable: tool,
                    arguments: ["version", version.path(percentEncoded: false), commit, swift.path(percentEncoded: false)],
                    inputFiles: [version], outputFiles: [swift])
            ]
        default:
            throw EmbedError(message: "EmbedFiles knows the targets RehabCore and rehab, not \(target.name)")
        }
    }

    struct EmbedError: Error, CustomStringConvertible { let message: String; var description: String { message } }

    /// The commit checked out, with "-modified" when tracked files differ from it; "unknown"
    /// outside a git clone (a source tarball) or without git. REHAB_COMMIT overrides it (packagers).
    static func commit(in directory: URL) -> String {
        if let given = ProcessInfo.processInfo.environment["REHAB_COMMIT"], !given.isEmpty { return given }
        guard let hash = git(["rev-parse", "--short=12", "HEAD"], in: directory), !hash.isEmpty else { return "unknown" }
        // `diff --quiet` exits 1 when tracked files changed; it only reads the index.
        let clean = git(["diff", "--quiet", "HEAD", "--"], in: directory) != nil
        return clean ? hash : hash + "-modified"
    }

    /// git's output, or nil when it fails or is missing.
    static func git(_ arguments: [String], in directory: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory.path(percentEncoded: false)] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

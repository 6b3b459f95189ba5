import ArgumentParser
import Foundation
import RehabCore
import RehabStore

/// A mistake the user can fix, said in one sentence; `exitCode` tells scripts what kind.
struct UserError: Error, CustomStringConvertible {
    let description: String
    var exitCode: Int32 = 1
    init(_ message: String, exitCode: Int32 = 1) { description = message; self.exitCode = exitCode }
}

extension RehabCommand {
    /// Parses, runs, and turns every failure into one line on stderr and a non-zero exit.
    static func runAndExit() {
        do {
            let words = Array(CommandLine.arguments.dropFirst())
            var command = try dayCommand(words) ?? parseAsRoot(try dataDirAfterCommand(words))
            try command.run()
        } catch let error as UserError {
            // A rule refusal (exit 3) may list its reasons one per line; everything else is one line.
            fail(error.description, keepingLines: error.exitCode == 3, exitCode: error.exitCode)
        } catch let error as StoreError {
            fail(error.description, exitCode: 2)
        } catch {
            // --help and --version end here too, with exit 0 and their text on stdout.
            if exitCode(for: error) == .success { exit(withError: error) }
            fail(usageMessage(for: error), exitCode: 1)
        }
    }

    /// status, plan and week, which scripts and status bars run all day, read by hand when
    /// written plainly (`JudgedDayOptions(words:)`): the argument parser costs more than judging
    /// the day. Anything else (help, a mistake, another spelling) goes to the parser, which words
    /// it as ever.
    static func dayCommand(_ words: [String]) -> (any ParsableCommand)? {
        guard let options = JudgedDayOptions(words: words.dropFirst()) else { return nil }
        switch words.first {
        case "status": var command = StatusCommand(); command.judged = options; return command
        case "plan": var command = PlanCommand(); command.judged = options; return command
        case "week": var command = WeekCommand(); command.judged = options; return command
        default: return nil
        }
    }

    /// `rehab --data-dir DIR init ...`: the folder given before a command applies to that command.
    /// ArgumentParser reads a command's options only after its name, so the option moves there;
    /// given on both sides with different folders, neither wins and the line is refused.
    static func dataDirAfterCommand(_ args: [String]) throws -> [String] {
        let folder: String, rest: ArraySlice<String>
        if args.first == "--data-dir", args.count > 1 {
            folder = args[1]; rest = args.dropFirst(2)
        } else if let first = args.first, first.hasPrefix("--data-dir=") {
            folder = String(first.dropFirst("--data-dir=".count)); rest = args.dropFirst()
        } else {
            return args
        }
        guard let command = rest.first else { return args }
        if command == "help" { return Array(rest) }  // help reads no data
        // Not a command: the full-screen program's options (it takes --data-dir itself), or a mistake.
        guard configuration.subcommands.contains(where: { $0.configuration.commandName == command }) else { return args }
        let options = rest.prefix { $0 != "--" }  // after "--" everything is a value
        var later: String?
        for (i, word) in zip(options.indices, options) {
            if word == "--data-dir", i + 1 < options.endIndex { later = options[i + 1] }
            if word.hasPrefix("--data-dir=") { later = String(word.dropFirst("--data-dir=".count)) }
        }
        if let later {
            guard later == folder else {
                throw UserError("--data-dir is given twice, \(folder) before `\(command)` and \(later) after it; give it once.")
            }
            return Array(rest)
        }
        return Array(options) + ["--data-dir", folder] + rest.dropFirst(options.count)
    }

    /// A command-line mistake as one sentence, pointing at the help of the command concerned.
    static func usageMessage(for error: Error) -> String {
        if let sentence = explainedRefusal(message(for: error)) { return sentence }
        var text = message(for: error).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        if text.isEmpty { text = "The command line could not be understood" }
        if !text.hasSuffix(".") && !text.hasSuffix("?") { text += "." }
        let full = fullMessage(for: error)
        if let see = full.range(of: "See '"), let help = full[see.upperBound...].split(separator: "'").first {
            text += " See `\(help)`."
        }
        return text
    }

    /// "The value 'V' is invalid for '--option <name>'" for a type that explains its refusals: its sentence.
    static func explainedRefusal(_ message: String) -> String? {
        let prefix = "The value '", middle = "' is invalid for '"
        guard message.hasPrefix(prefix), let split = message.range(of: middle, options: .backwards) else { return nil }
        let value = String(message[message.index(message.startIndex, offsetBy: prefix.count)..<split.lowerBound])
        let rest = message[split.upperBound...]
        guard let open = rest.range(of: " <"), let close = rest.range(of: ">'", range: open.upperBound..<rest.endIndex) else { return nil }
        let option = String(rest[..<open.lowerBound]), valueName = String(rest[open.upperBound..<close.lowerBound])
        return explainedArguments.first { $0.valueName == valueName }?.refusal(of: value, for: option)
    }

    static func fail(_ message: String, keepingLines: Bool = false, exitCode: Int32) -> Never {
        FileHandle.standardError.write(Data("rehab: \(printable(message, keepingLines: keepingLines))\n".utf8))
        Foundation.exit(exitCode)
    }

    /// What `fail` prints: one line (see `String.escapingControls`), and short even when it quotes a huge value.
    static func printable(_ message: String, keepingLines: Bool = false) -> String {
        let line = message.escapingControls(keepingLines: keepingLines)
        guard line.count > 600 else { return line }
        return String(line.prefix(300)) + " [...] " + String(line.suffix(200))
    }
}

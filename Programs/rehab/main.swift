import Foundation

// Health data: everything this process creates is private to the user (files 0600, folders 0700).
umask(0o077)
// A shell prompt runs `rehab today` before every command line: it skips the argument parser.
if let prompt = TodayPrompt(arguments: CommandLine.arguments.dropFirst()) { prompt.run() }
RehabCommand.runAndExit()

import ArgumentParser
import Foundation
import RehabCore
import RehabStore

/// `rehab generate-sample`: a long, plausible history written through the store, for benchmarks
/// and for trying the screens with years of data. Hidden from help: patients never need it.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-sample",
        abstract: "Write a generated history of daily sessions into an empty data folder (for benchmarks).",
        shouldDisplay: false)
    @OptionGroup var data: DataOptions
    @Option(help: "Days of history to generate.") var days = 1800
    @Option(name: .customLong("start"), help: ArgumentHelp("First day.", valueName: Day.valueName)) var first = Day(iso: "2021-01-04")!
    @Option(help: "Seed for the generated pain scores.") var seed: UInt64 = 1

    func run() throws {
        try checkRange(days, 1...20_000, "--days")
        if FileManager.default.fileExists(atPath: data.directory + "/rehab.sqlite") {
            throw UserError("\(data.directory) already holds data; generate-sample only writes into an empty folder.")
        }
        let program = ProgramLoader.defaultProgram()
        // Thousands of writes: what `rehab today` reads is made once, at the end.
        let store = try RehabStore(directory: data.directory, create: true, keepingToday: false)
        try store.enrol(Enrolment(start: first, side: .right, baselinePain: 2), programText: try ProgramFiles.defaultText(), source: "default")
        var random = SeededRandom(state: seed)
        // Phases move on at fixed days (recorded as overrides) so every rule gets exercised.
        let switches: [(Int, PhaseID)] = [(30, .strengthening), (90, .multiPlane), (150, .returnToRun)]
        var phase = PhaseID.activation
        var total = 0
        for offset in 0..<days {
            let day = first + offset
            if let change = switches.first(where: { $0.0 == offset }) {
                phase = change.1
                try store.add(PhaseChange(date: day, phase: phase, override: "generated sample history"))
            }
            let painDuring = Int(random.next() % 4)
            var entries: [ExerciseEntry] = []
            // One entry per exercise and side, as `rehab log --sets N` records it; about 28 sets a day.
            for e in program.phase(phase)?.exercises ?? [] {
                for side in e.sides == .each ? [Side.left, .right] : [nil] where self.sets(entries) < 28 {
                    entries.append(
                        ExerciseEntry(
                            date: day, exerciseID: e.id, side: side, sets: min(e.sets, 28 - self.sets(entries)), reps: e.reps,
                            holdSeconds: e.holdSeconds, loadKg: e.loadable == true ? 5 : nil,
                            painDuring: painDuring, painAfter: max(0, painDuring - 1), tempoSeconds: 12))
                }
            }
            total += self.sets(entries)
            _ = try store.add(entries)
            if phase == .returnToRun && offset % 2 == 0 {
                try store.add(RunEntry(date: day, stage: min(10, 1 + (offset - 150) / 14), minutes: 30, painDuring: painDuring))
            }
            // The next morning's check-in, unless that morning is still to come (a history ending today).
            if day + 1 <= localToday() { _ = try store.save(CheckIn(date: day + 1, morningPain: Int(random.next() % 3))) }
            if offset % 28 == 0 { try store.save(OutcomeScore(date: day, score: min(100, 50 + offset / 20))) }
        }
        try store.renewToday()
        print("Generated \(days) days (\(first.iso) to \((first + days - 1).iso)), \(total) sets, in \(data.directory).")
    }
}

extension SampleCommand {
    func sets(_ entries: [ExerciseEntry]) -> Int { entries.reduce(0) { $0 + $1.sets } }
}

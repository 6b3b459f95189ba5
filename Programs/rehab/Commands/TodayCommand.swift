import ArgumentParser
import Foundation
import RehabCore
import RehabStore

/// `rehab today`: one line for a shell prompt or a status bar. A prompt runs it before every
/// command line, so main.swift reads its few words by hand (`TodayPrompt`) before the argument
/// parser is built; this type gives it its help, and runs it when the words are unusual.
struct TodayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "today",
        abstract: "Today in one line, for a shell prompt or a status bar (\"hip: 2/6 done, check-in due\").",
        discussion: """
            Prints "hip: DONE/PLANNED done" (today's exercises finished, of those planned), ", check-in due" \
            while this morning's check-in is missing after a session yesterday, "hip: rest day" once the \
            week's sessions are done, "hip: PAUSED, see your physio" (or STOPPED) while the program waits \
            for a clinician. It only reads: while another rehab holds the data (a restore) it prints \
            "hip: busy" at once rather than wait. With no data it prints nothing and exits 0.

            --short prints "2/6", "2/6 ci" (ci: check-in due), "rest", "PAUSED" or "STOPPED".
            --json prints one line: {"checkInDue":..,"date":..,"done":..,"line":..,"planned":..,"state":..}.
            The README shows it in bash, zsh, starship and tmux.
            """)

    @OptionGroup var data: DataOptions
    @Flag(help: "Print one JSON object on one line.") var json = false
    @Flag(help: "Print a few characters for a narrow status bar.") var short = false

    func validate() throws {
        if json && short { throw UserError("Give --json or --short, not both.") }
    }

    func run() throws {
        TodayPrompt(directory: data.directory, format: json ? .json : short ? .short : .line).run()
    }
}

/// What `rehab today` was asked, read from the command line without the argument parser.
struct TodayPrompt {
    enum Format { case line, short, json }

    let directory: String
    let format: Format

    init(directory: String, format: Format) {
        self.directory = directory
        self.format = format
    }

    /// Nil unless the words are `today` with at most one of --json / --short and a --data-dir
    /// (before or after it): anything else (--help, a typo) goes to the argument parser.
    init?<Words: Collection<String>>(arguments: Words) {
        var format = Format.line, directory: String?, sawToday = false
        var words = arguments.makeIterator()
        while let word = words.next() {
            switch word {
            case "today" where !sawToday: sawToday = true
            case "--json" where format == .line: format = .json
            case "--short" where format == .line: format = .short
            case "--data-dir" where directory == nil:
                guard let value = words.next() else { return nil }
                directory = value
            case _ where word.hasPrefix("--data-dir=") && directory == nil: directory = String(word.dropFirst("--data-dir=".count))
            default: return nil
            }
        }
        guard sawToday else { return nil }
        self.init(directory: directory ?? RehabStore.defaultDirectory { getenv($0).map { String(cString: $0) } }, format: format)
    }

    /// Prints the line (or nothing) and exits.
    func run() -> Never {
        let day = TodaySnapshot.localDay()
        switch TodaySnapshot.read(directory: directory, on: day) {
        case .noData: exit(0)
        case .busy: say(format == .short ? TodayGlance.busyShort : TodayGlance.busy)
        case .glance(let glance): show(glance, on: day)
        case .evaluate:
            do {
                guard let glance = try evaluate(on: day) else { exit(0) }
                show(glance, on: day)
            } catch let error as UserError {
                RehabCommand.fail(error.description, exitCode: error.exitCode)
            } catch StoreError.notInitialised(_) {
                exit(0)
            } catch StoreError.locked(_), StoreError.restoring(_) {
                say(format == .short ? TodayGlance.busyShort : TodayGlance.busy)
            } catch let error as StoreError {
                RehabCommand.fail(error.description, exitCode: 2)
            } catch {
                RehabCommand.fail("\(error)", exitCode: 1)
            }
        }
    }

    /// The engine's verdict, from the data as every judging command reads it; nil before the program starts.
    func evaluate(on day: Day) throws -> TodayGlance? {
        let store = try RehabStore(directory: directory, access: .readOnly)
        let programs = try PatientData.timeline(in: store)
        let history = try store.history(summarisingBefore: day.firstDayReadInFull)
        guard day >= history.enrolment.start else { return nil }
        return TodayGlance(Evaluator(programs: programs, history: history), on: day)
    }

    private func show(_ glance: TodayGlance, on day: Day) -> Never {
        switch format {
        case .line: say(glance.line)
        case .short: say(glance.short)
        case .json: say(glance.json(on: day))
        }
    }

    private func say(_ text: String) -> Never {
        var line = text + "\n"
        _ = line.withUTF8 { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
        exit(0)
    }
}

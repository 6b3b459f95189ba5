import ArgumentParser
import Foundation
import RehabCore
import RehabStore

/// `--data-dir`, shared by every command.
struct DataOptions: ParsableArguments {
    @Option(
        name: .customLong("data-dir"),
        help: ArgumentHelp(
            "Folder holding your data (default: $REHAB_HOME, else $XDG_DATA_HOME/rehab, else ~/.local/share/rehab).", valueName: "dir"),
        completion: .directory)
    var dataDir: String?

    var directory: String { dataDir ?? RehabStore.defaultDirectory() }

    func openStore(_ access: RehabStore.Access = .readWrite) throws -> RehabStore {
        try RehabStore(directory: directory, access: access)
    }

    /// The store, the programs followed and the engine over the whole history. Commands that only
    /// read say `.readOnly`: they open faster and can never change the file. Commands that judge
    /// one day say which (`judging`): the entries of earlier days then load as day totals, which
    /// gives the same verdicts on that day from far less reading.
    func load(_ access: RehabStore.Access = .readWrite, judging day: Day? = nil) throws -> PatientData {
        let store = try openStore(access)
        let programs = try PatientData.timeline(in: store)
        let history = try store.history(summarisingBefore: day?.firstDayReadInFull)
        return PatientData(
            store: store, program: programs.current.program, programs: programs, history: history,
            evaluator: Evaluator(programs: programs, history: history))
    }
}

struct PatientData {
    let store: RehabStore
    /// The program in force now (the latest adopted).
    let program: Program
    /// Every program followed, each from the day it was adopted.
    let programs: ProgramTimeline
    let history: History
    let evaluator: Evaluator

    static func timeline(in store: RehabStore) throws -> ProgramTimeline {
        do { return try store.programTimeline() } catch let e as SavedProgramUnreadable {
            throw UserError(e.description, exitCode: 2)
        }
    }

    static func program(in store: RehabStore) throws -> Program {
        guard let stored = try store.programText() else { return ProgramLoader.defaultProgram() }
        do { return try ProgramLoader.load(Data(stored.text.utf8), alreadyAdopted: true) } catch {
            throw UserError("The program saved in your data (\(stored.source)) no longer loads: \(error)", exitCode: 2)
        }
    }

    /// What the engine says of `entry` (`Admission`): its notes, or its refusal as a UserError.
    func admit(_ entry: Entry) throws -> [String] {
        switch Admission.judge(entry, by: evaluator, today: localToday()) {
        case .success(let admitted): return admitted.notes
        case .failure(let refusal): throw UserError(refusal.sentence(naming: \.option), exitCode: refusal.exitCode)
        }
    }

    /// The same data with `entry` added (not saved), judged again: how the next entry of a
    /// `log --plan` is judged with the ones before it counted.
    func adding(_ entry: ExerciseEntry) -> PatientData {
        var more = history
        more.exercises.append(entry)
        return PatientData(
            store: store, program: program, programs: programs, history: more,
            evaluator: Evaluator(programs: programs, history: more))
    }

    /// Refuses a day to judge (`--as-of`) before the program starts or more than a year ahead.
    func checkJudged(_ day: Day, _ option: String = "--as-of") throws {
        let start = history.enrolment.start
        if day < start { throw UserError("\(option) \(day.iso) is before your program starts, on \(start.iso); give a day from then on.") }
        try DayWindow.judged(start: start).check(day, option)
    }
}

/// Today on this computer's calendar (its time zone, `TZ` included): the one place the command
/// line reads the clock for a day, so every date option left out means the same day.
/// The same function that dates the rows `rehab today` reads (`TodaySnapshot.localDay`), so a
/// prompt and a command never disagree about which day it is.
func localToday() -> Day { TodaySnapshot.localDay() }

/// `--data-dir`, `--as-of` and `--json`, shared by the commands that judge one day and can print JSON.
struct JudgedDayOptions: ParsableArguments {
    @OptionGroup var data: DataOptions
    @Option(
        name: .customLong("as-of"), help: ArgumentHelp("The day to judge (for week: a day in the week; default: today).", valueName: Day.valueName))
    var asOf: Day?
    @Flag(help: "Print one JSON object.") var json = false

    var day: Day { asOf ?? localToday() }

    /// The data read for judging `day` (earlier days as totals), after checking the day is one to judge.
    func patient(judging day: Day) throws -> PatientData {
        let patient = try data.load(.readOnly, judging: day)
        try patient.checkJudged(day)
        return patient
    }
}

extension JudgedDayOptions {
    /// `--as-of DAY` (else today), `--json` and `--data-dir DIR`, each at most once and in any
    /// order, read without the parser; nil for any other word or a day `parseDay` refuses.
    init?(words: ArraySlice<String>) {
        var day: Day?, json = false, folder: String?
        var words = words.makeIterator()
        while let word = words.next() {
            switch word {
            case "--as-of" where day == nil:
                guard let value = words.next(), let parsed = try? parseDay(value, "--as-of") else { return nil }
                day = parsed
            case "--json" where !json: json = true
            case "--data-dir" where folder == nil:
                guard let value = words.next(), !value.hasPrefix("-") else { return nil }
                folder = value
            default: return nil
            }
        }
        // Set from outside an initializer: inside one, Swift would make each wrapper afresh
        // (an unparsed definition) instead of giving it the value.
        self = Self.made(day: day, json: json, folder: folder)
    }

    private static func made(day: Day?, json: Bool, folder: String?) -> JudgedDayOptions {
        var data = DataOptions()
        data.dataDir = folder
        var options = JudgedDayOptions()
        options.data = data
        options.asOf = day
        options.json = json
        return options
    }
}

import Foundation
import RehabCore

/// Why an export file cannot be imported, in one sentence.
public enum ImportError: Error, CustomStringConvertible, Equatable, Sendable {
    case notAnExport(String)
    case newerVersion(Int)
    case oldVersion(Int)
    case invalid(String)
    case otherPatient(String)
    case duplicates(count: Int, first: String)
    case conflict(String)
    case tooLarge(String)
    case programChange(String)

    public var description: String {
        switch self {
        case .notAnExport(let why):
            return "The file is not a rehab JSON export (\(why)); make one with `rehab export --format json`."
        case .newerVersion(let v):
            return
                "The file is a version \(v) export from a newer rehab (this one reads up to version \(ExportDocument.currentVersion)); update rehab to import it. Nothing was imported."
        case .oldVersion(let v):
            return
                "The file is a version \(v) export, which does not carry the program's text; export it again with this version of rehab. Nothing was imported."
        case .invalid(let what):
            return "The file cannot be imported: \(what). Nothing was imported."
        case .otherPatient(let why):
            return "The file belongs to another enrolment (\(why)); import it into an empty --data-dir instead. Nothing was imported."
        case .duplicates(let count, let first):
            return
                "\(count) \(count == 1 ? "entry" : "entries") in the file \(count == 1 ? "is" : "are") already in your data (the first: \(first)); nothing was imported. Add --merge to import only the new ones."
        case .conflict(let what):
            return "\(what); nothing was imported. Correct one of the two and try again."
        case .tooLarge(let what):
            return "The file is too large to import: \(what). Nothing was imported."
        case .programChange(let what):
            return
                "\(what); a program change never re-judges days already judged, so nothing was imported. Use `rehab program use` from a later day instead."
        }
    }
}

/// How much one import may hold. A five-year history is about 4 MB and 15,000 entries; the limits
/// leave room for decades of it, and refuse a 200 MB file before it is parsed (it once ran past a
/// minute and 1.2 GB of memory).
public enum ImportLimits {
    public static let maxFileBytes = 32 * 1024 * 1024
    public static let maxEntries = 100_000
}

extension ExportDocument {
    /// What the export's decoder cannot say with a line: which numbers are whole, which words are
    /// allowed. Every other field is judged by the decoder, on the line of its field.
    static let shape = FieldShape.open(
        OpenShape(
            byPath: [
                "enrolment.side": .choice(AffectedSide.allCases.map(\.rawValue)),
                "phaseChanges.phase": .choice(PhaseID.allCases.filter { $0 != .activation }.map(\.rawValue)),
                "exercises.ended": .choice(SetEnd.allCases.map(\.rawValue))
            ],
            byName: Dictionary(
                uniqueKeysWithValues: wholeNumberFields.map { ($0, FieldShape.wholeNumber) } + [("side", .choice(Side.allCases.map(\.rawValue)))])))

    private static let wholeNumberFields = [
        "version", "id", "baselinePain", "sets", "reps", "holdSeconds", "painDuring", "painAfter",
        "stage", "minutes", "morningPain", "pain", "score", "planned"
    ]

    /// Reads an export file and checks every value, touching no data. With `today`, dates must
    /// also fall in rehab's window: a start at most ten years back (a year ahead), entries up to today.
    public static func read(_ data: Data, today: Day? = nil) throws(ImportError) -> ExportDocument {
        if data.count > ImportLimits.maxFileBytes {
            throw .tooLarge(
                "it is \(megabytes(data.count)), and rehab imports files up to \(megabytes(ImportLimits.maxFileBytes)) (about \(ImportLimits.maxEntries) entries)"
            )
        }
        // A CSV export or any other text: say what the file is not before judging it as JSON.
        guard data.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }) == UInt8(ascii: "{") else {
            throw .notAnExport("it is not a JSON object")
        }
        let file: CheckedJSON
        do { file = try CheckedJSON([UInt8](data), shape: shape, maxListItems: ImportLimits.maxEntries) } catch {
            throw error.isTooLarge ? .tooLarge("\(error.path ?? "a list") \(error.problem)") : .invalid(error.description)
        }
        struct Header: Decodable { let format: String?; let version: Int? }
        guard let header = try? file.decode(Header.self) else { throw .notAnExport("it is not a JSON object") }
        guard header.format == formatName else { throw .notAnExport("its format is \(header.format.map { "\"\($0)\"" } ?? "missing")") }
        guard let version = header.version else { throw .notAnExport("it has no version") }
        if version > currentVersion { throw .newerVersion(version) }
        if version < oldestReadVersion { throw .oldVersion(version) }
        let doc: ExportDocument
        do { doc = try file.decode(ExportDocument.self) } catch { throw .invalid(error.description) }
        let entries =
            doc.exercises.count + doc.runs.count + doc.checkIns.count + doc.tests.count + doc.phaseChanges.count
            + doc.clearances.count + doc.scores.count + doc.checkInCorrections.count + doc.scoreCorrections.count
        if entries > ImportLimits.maxEntries {
            throw .tooLarge("it holds \(entries) entries, and rehab imports at most \(ImportLimits.maxEntries) at once")
        }
        if let problem = doc.firstProblem(today: today) { throw .invalid(problem) }
        return doc
    }

    public static func megabytes(_ bytes: Int) -> String { InputFile.megabytes(bytes) }

    /// The same limits the command line puts on what a patient types.
    func firstProblem(today: Day? = nil) -> String? {
        var problems: [String] = []
        func need(_ ok: Bool, _ what: @autoclosure () -> String) { if !ok && problems.isEmpty { problems.append(what()) } }
        /// A value of a typed kind, refused in that kind's words.
        func check<Value: EntryValue>(_ type: Value.Type, _ v: Value.Raw?, _ at: String) {
            if let refusal = type.refusal(of: v) { need(false, "\(at) \(refusal)") }
        }
        func pain(_ v: Int?, _ at: String) { check(PainScore.self, v, at) }
        /// A value within a range the program or the entry sets (stages, the outcome score, sets that ended early).
        func within(_ v: Int?, _ range: ClosedRange<Int>, _ at: String) {
            if let refusal = EntryLimit.refusal(of: v, in: range) { need(false, "\(at) \(refusal)") }
        }
        func id(_ s: String, _ at: String) {
            need(
                !s.isEmpty && s.count <= 64 && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" },
                "\(at) must be lowercase letters, digits and dashes, not \"\(s)\"")
        }
        func onOrAfterStart(_ d: Day, _ at: String) {
            need(d >= history.enrolment.start, "\(at) \(d.iso) is before the program started (\(history.enrolment.start.iso))")
        }
        /// What was done: the same days as a typed entry (`EntryDays`).
        func entryDay(_ d: Day, _ at: String) {
            onOrAfterStart(d, at)
            if let today, let problem = EntryDays(start: history.enrolment.start, today: today).problem(d) { need(false, "\(at) \(problem)") }
        }
        func note(_ s: String?, _ at: String) {
            need((s?.count ?? 0) <= Admission.maxNoteLength, "\(at) is longer than \(Admission.maxNoteLength) characters")
        }
        func uniqueIDs(_ ids: [Int64?], _ kind: String) {
            let present = ids.compactMap { $0 }
            need(Set(present).count == present.count, "two \(kind) share the same id")
        }

        pain(history.enrolment.baselinePain, "enrolment.baselinePain")
        if let today {
            need(
                history.enrolment.start >= today - 3653 && history.enrolment.start <= today + 366,
                "enrolment.start \(history.enrolment.start.iso) is outside the days rehab accepts for a start: from \((today - 3653).iso) (ten years ago) to \((today + 366).iso) (a year from today)"
            )
        }
        for (i, p) in programs.enumerated() { onOrAfterStart(p.adoptedOn, "programs[\(i)].adoptedOn") }
        need(!programs.isEmpty, "programs must list at least the program followed")
        var outcome: ClosedRange<Int> = 0...100
        for (i, p) in programs.enumerated() {
            do {
                let program = try ProgramLoader.load(Data(p.text.utf8), alreadyAdopted: true)
                outcome = program.outcome.min...program.outcome.max
            } catch {
                need(false, "programs[\(i)].text does not load (\(error))")
            }
            need(!p.source.isEmpty, "programs[\(i)].source must not be empty")
        }
        for (i, e) in history.exercises.enumerated() {
            let at = "exercises[\(i)]"
            entryDay(e.date, "\(at).date")
            id(e.exerciseID, "\(at).exerciseID")
            check(Sets.self, e.sets, "\(at).sets")
            need((e.reps == nil) != (e.holdSeconds == nil), "\(at) needs exactly one of reps and holdSeconds")
            if let problem = e.setEndProblem { need(false, "\(at): \(problem)") }
            let done = e.doneRange
            within(e.reps, done, "\(at).reps")
            within(e.holdSeconds, done, "\(at).holdSeconds")
            check(LoadKg.self, e.loadKg, "\(at).loadKg")
            if let t = e.tempoSeconds { need(t.isFinite && t >= 0 && t <= 3600, "\(at).tempoSeconds must be from 0 to 3600, not \(t)") }
            pain(e.painDuring, "\(at).painDuring")
            pain(e.painAfter, "\(at).painAfter")
            note(e.note, "\(at).note")
        }
        for (i, r) in history.runs.enumerated() {
            let at = "runs[\(i)]"
            entryDay(r.date, "\(at).date")
            within(r.stage, 1...100, "\(at).stage")
            check(RunMinutes.self, r.minutes, "\(at).minutes")
            pain(r.painDuring, "\(at).painDuring")
            note(r.note, "\(at).note")
        }
        for (i, c) in history.checkIns.enumerated() {
            entryDay(c.date, "checkIns[\(i)].date")
            pain(c.morningPain, "checkIns[\(i)].morningPain")
            for (k, f) in c.redFlags.enumerated() { id(f, "checkIns[\(i)].redFlags[\(k)]") }
        }
        need(Set(history.checkIns.map(\.date)).count == history.checkIns.count, "two check-ins share one morning")
        for (i, t) in history.tests.enumerated() {
            entryDay(t.date, "tests[\(i)].date")
            id(t.testID, "tests[\(i)].testID")
            check(TestValue.self, t.value, "tests[\(i)].value")
            pain(t.pain, "tests[\(i)].pain")
        }
        for (i, c) in history.phaseChanges.enumerated() {
            onOrAfterStart(c.date, "phaseChanges[\(i)].date"); note(c.override, "phaseChanges[\(i)].override")
        }
        for (i, c) in history.clearances.enumerated() { entryDay(c.date, "clearances[\(i)].date"); note(c.note, "clearances[\(i)].note") }
        for (i, s) in history.scores.enumerated() {
            entryDay(s.date, "scores[\(i)].date")
            within(s.score, outcome, "scores[\(i)].score")
        }
        need(Set(history.scores.map(\.date)).count == history.scores.count, "two outcome scores share one day")
        // A correction is kept beside the check-in or score that replaced it.
        let mornings = Set(history.checkIns.map(\.date)), scoreDays = Set(history.scores.map(\.date))
        for (i, k) in history.checkInCorrections.enumerated() {
            let at = "checkInCorrections[\(i)]"
            need(mornings.contains(k.replaced.date), "\(at) corrects the check-in of \(k.replaced.date.iso), which the file does not hold")
            pain(k.replaced.morningPain, "\(at).replaced.morningPain")
            for (n, f) in k.replaced.redFlags.enumerated() { id(f, "\(at).replaced.redFlags[\(n)]") }
            need(k.recordedAt <= k.correctedAt, "\(at).recordedAt is after its correctedAt")
        }
        for (i, k) in history.scoreCorrections.enumerated() {
            let at = "scoreCorrections[\(i)]"
            need(scoreDays.contains(k.replaced.date), "\(at) corrects the score of \(k.replaced.date.iso), which the file does not hold")
            within(k.replaced.score, outcome, "\(at).replaced.score")
            need(k.recordedAt <= k.correctedAt, "\(at).recordedAt is after its correctedAt")
        }
        uniqueIDs(history.exercises.map(\.id), "exercise entries")
        uniqueIDs(history.runs.map(\.id), "runs")
        uniqueIDs(history.tests.map(\.id), "test results")
        return problems.first
    }
}

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

    public var description: String {
        switch self {
        case .notAnExport(let why):
            return "The file is not a rehab JSON export (\(why)); make one with `rehab export --format json`."
        case .newerVersion(let v):
            return "The file is a version \(v) export from a newer rehab (this one reads up to version \(ExportDocument.currentVersion)); update rehab to import it. Nothing was imported."
        case .oldVersion(let v):
            return "The file is a version \(v) export, which does not carry the program's text; export it again with this version of rehab. Nothing was imported."
        case .invalid(let what):
            return "The file cannot be imported: \(what). Nothing was imported."
        case .otherPatient(let why):
            return "The file belongs to another enrolment (\(why)); import it into an empty --data-dir instead. Nothing was imported."
        case .duplicates(let count, let first):
            return "\(count) \(count == 1 ? "entry" : "entries") in the file \(count == 1 ? "is" : "are") already in your data (the first: \(first)); nothing was imported. Add --merge to import only the new ones."
        case .conflict(let what):
            return "\(what); nothing was imported. Correct one of the two and try again."
        }
    }
}

extension ExportDocument {
    /// Reads an export file and checks every value, touching no data.
    public static func read(_ data: Data) throws(ImportError) -> ExportDocument {
        struct Header: Decodable { let format: String?; let version: Int? }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: data) } catch {
            throw .notAnExport("it is not a JSON object")
        }
        guard header.format == formatName else { throw .notAnExport("its format is \(header.format.map { "\"\($0)\"" } ?? "missing")") }
        guard let version = header.version else { throw .notAnExport("it has no version") }
        if version > currentVersion { throw .newerVersion(version) }
        if version < currentVersion { throw .oldVersion(version) }
        let doc: ExportDocument
        do {
            doc = try JSONDecoder().decode(ExportDocument.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw .invalid("\(path(context.codingPath + [key])) is missing")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .invalid("\(path(context.codingPath)) has the wrong type")
        } catch let DecodingError.valueNotFound(_, context) {
            throw .invalid("\(path(context.codingPath)) is null")
        } catch let DecodingError.dataCorrupted(context) {
            throw .invalid("\(path(context.codingPath)): \(context.debugDescription)")
        } catch {
            throw .invalid("it could not be read")
        }
        if let problem = doc.firstProblem() { throw .invalid(problem) }
        return doc
    }

    static func path(_ keys: [CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let i = key.intValue { text += "[\(i)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text.isEmpty ? "the top level" : text
    }

    /// The same limits the command line puts on what a patient types.
    func firstProblem() -> String? {
        var problems: [String] = []
        func need(_ ok: Bool, _ what: @autoclosure () -> String) { if !ok && problems.isEmpty { problems.append(what()) } }
        func pain(_ v: Int?, _ at: String) { if let v { need((0...10).contains(v), "\(at) must be a pain score from 0 to 10, not \(v)") } }
        func id(_ s: String, _ at: String) {
            need(!s.isEmpty && s.count <= 64 && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" },
                 "\(at) must be lowercase letters, digits and dashes, not \"\(s)\"")
        }
        func onOrAfterStart(_ d: Day, _ at: String) { need(d >= enrolment.start, "\(at) \(d.iso) is before the program started (\(enrolment.start.iso))") }
        func note(_ s: String?, _ at: String) { need((s?.count ?? 0) <= 2000, "\(at) is longer than 2000 characters") }
        func uniqueIDs(_ ids: [Int64?], _ kind: String) {
            let present = ids.compactMap { $0 }
            need(Set(present).count == present.count, "two \(kind) share the same id")
        }

        pain(enrolment.baselinePain, "enrolment.baselinePain")
        need(!programs.isEmpty, "programs must list at least the program followed")
        var outcome: ClosedRange<Int> = 0...100
        for (i, p) in programs.enumerated() {
            do {
                let program = try ProgramLoader.load(Data(p.text.utf8))
                outcome = program.outcome.min...program.outcome.max
            } catch {
                need(false, "programs[\(i)].text does not load (\(error))")
            }
            need(!p.source.isEmpty, "programs[\(i)].source must not be empty")
        }
        for (i, e) in exercises.enumerated() {
            let at = "exercises[\(i)]"
            onOrAfterStart(e.date, "\(at).date")
            id(e.exerciseID, "\(at).exerciseID")
            need((1...50).contains(e.sets), "\(at).sets must be from 1 to 50, not \(e.sets)")
            need((e.reps == nil) != (e.holdSeconds == nil), "\(at) needs exactly one of reps and holdSeconds")
            if let r = e.reps { need((1...500).contains(r), "\(at).reps must be from 1 to 500, not \(r)") }
            if let h = e.holdSeconds { need((1...600).contains(h), "\(at).holdSeconds must be from 1 to 600, not \(h)") }
            if let l = e.loadKg { need(l.isFinite && l >= 0 && l <= 500, "\(at).loadKg must be from 0 to 500, not \(l)") }
            if let t = e.tempoSeconds { need(t.isFinite && t >= 0 && t <= 3600, "\(at).tempoSeconds must be from 0 to 3600, not \(t)") }
            pain(e.painDuring, "\(at).painDuring")
            pain(e.painAfter, "\(at).painAfter")
            note(e.note, "\(at).note")
        }
        for (i, r) in runs.enumerated() {
            let at = "runs[\(i)]"
            onOrAfterStart(r.date, "\(at).date")
            need((1...100).contains(r.stage), "\(at).stage must be from 1 to 100, not \(r.stage)")
            need((1...600).contains(r.minutes), "\(at).minutes must be from 1 to 600, not \(r.minutes)")
            pain(r.painDuring, "\(at).painDuring")
            note(r.note, "\(at).note")
        }
        for (i, c) in checkIns.enumerated() {
            onOrAfterStart(c.date, "checkIns[\(i)].date")
            pain(c.morningPain, "checkIns[\(i)].morningPain")
            for (k, f) in c.redFlags.enumerated() { id(f, "checkIns[\(i)].redFlags[\(k)]") }
        }
        need(Set(checkIns.map(\.date)).count == checkIns.count, "two check-ins share one morning")
        for (i, t) in tests.enumerated() {
            onOrAfterStart(t.date, "tests[\(i)].date")
            id(t.testID, "tests[\(i)].testID")
            need(t.value.isFinite && t.value >= 0 && t.value <= 100_000, "tests[\(i)].value must be from 0 to 100000, not \(t.value)")
            pain(t.pain, "tests[\(i)].pain")
        }
        for (i, c) in phaseChanges.enumerated() { onOrAfterStart(c.date, "phaseChanges[\(i)].date"); note(c.override, "phaseChanges[\(i)].override") }
        for (i, c) in clearances.enumerated() { onOrAfterStart(c.date, "clearances[\(i)].date"); note(c.note, "clearances[\(i)].note") }
        for (i, s) in scores.enumerated() {
            onOrAfterStart(s.date, "scores[\(i)].date")
            need(outcome.contains(s.score), "scores[\(i)].score must be from \(outcome.lowerBound) to \(outcome.upperBound), not \(s.score)")
        }
        need(Set(scores.map(\.date)).count == scores.count, "two outcome scores share one day")
        uniqueIDs(exercises.map(\.id), "exercise entries")
        uniqueIDs(runs.map(\.id), "runs")
        uniqueIDs(tests.map(\.id), "test results")
        return problems.first
    }
}

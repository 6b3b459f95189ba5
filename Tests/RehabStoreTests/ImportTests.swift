import Foundation
import GRDB
import Testing
@testable import RehabCore
@testable import RehabStore

/// JSON export and import: exact round trips, and refusals that write nothing.
@Suite struct ImportTests {
    private let start = Day(iso: "2026-01-05")!

    private func emptyStore() throws -> RehabStore {
        try RehabStore(directory: NSTemporaryDirectory() + "rehab-import-" + UUID().uuidString + "/data", create: true)
    }

    /// A store with one of everything, awkward text included.
    private func filledStore() throws -> RehabStore {
        let store = try emptyStore()
        try store.enrol(Enrolment(start: start, side: .left, baselinePain: 2), programText: ProgramLoader.defaultProgramText()!, source: "default")
        try store.add([
            ExerciseEntry(
                date: start, exerciseID: "clamshell", side: .left, sets: 3, reps: 10, loadKg: 2.5, painDuring: 2, painAfter: 3,
                tempoSeconds: 12.1, note: "felt \"fine\",\nthen sore — ünïcode"),
            ExerciseEntry(date: start, exerciseID: "glute-bridge", sets: 3, reps: 10),
            ExerciseEntry(date: start, exerciseID: "glute-bridge", sets: 3, reps: 10),  // logged twice, both kept
            ExerciseEntry(date: start + 1, exerciseID: "static-abduction-lying", side: .right, sets: 5, holdSeconds: 10, loadKg: 0.1 + 0.2)
        ])
        try store.add(RunEntry(date: start + 2, stage: 1, minutes: 20, painDuring: 1, note: "windy"))
        try store.save(CheckIn(date: start + 1, morningPain: 2, limping: true, redFlags: ["night-pain", "locking-giving-way"]))
        try store.save(CheckIn(date: start + 2, morningPain: 1))
        try store.add(TestResult(date: start + 1, testID: "single-leg-stance", side: .right, value: 31.5, pain: 1))
        try store.add(PhaseChange(date: start + 14, phase: .strengthening, override: "physio agreed"))
        try store.add(FlagClearance(date: start + 3, note: nil))
        try store.save(OutcomeScore(date: start, score: 64))
        try store.adoptProgram(
            text: ProgramLoader.defaultProgramText()!.replacingOccurrences(of: "\"version\": 2,", with: "\"version\": 3,"),
            source: "/clinic/v2.json", on: start + 7)
        return store
    }

    private func export(_ store: RehabStore) throws -> Data {
        try ExportDocument(history: try store.history(), programs: try store.programs()).encoded()
    }

    @Test func exportImportExportIsByteIdentical() throws {
        let original = try filledStore()
        let first = try export(original)
        let copy = try emptyStore()
        let summary = try copy.importDocument(try ExportDocument.read(first), merge: false)
        #expect(summary.added["exercise entries"] == 4 && summary.added["programs"] == 2 && summary.skipped == 0)
        #expect(try export(copy) == first)
        #expect(try copy.history() == original.history())
        #expect(try copy.programText()?.source == "/clinic/v2.json")
    }

    @Test func duplicatesAreRefusedWithoutMergeAndNothingIsWritten() throws {
        let store = try filledStore()
        let doc = try ExportDocument.read(try export(store))
        let before = try export(store)
        #expect(throws: ImportError.duplicates(count: 11, first: "clamshell on 2026-01-05")) {
            try store.importDocument(doc, merge: false)
        }
        #expect(try export(store) == before)
        // Merging the same file adds nothing.
        let again = try store.importDocument(doc, merge: true)
        #expect(again.addedTotal == 0 && again.skipped == 11)
        #expect(try export(store) == before)
    }

    @Test func mergeAddsOnlyWhatIsNew() throws {
        let store = try filledStore()
        var doc = try ExportDocument.read(try export(store))
        doc.exercises.append(ExerciseEntry(id: 1, date: start + 5, exerciseID: "clamshell", side: .right, sets: 2, reps: 12))
        doc.checkIns.append(CheckIn(date: start + 6, morningPain: 0))
        doc.scores.append(OutcomeScore(date: start + 28, score: 70))
        let summary = try store.importDocument(doc, merge: true)
        #expect(summary.added["exercise entries"] == 1 && summary.added["check-ins"] == 1 && summary.added["scores"] == 1)
        #expect(summary.addedTotal == 3 && summary.skipped == 11)
        let h = try store.history()
        #expect(h.exercises.count == 5)
        let added = try #require(h.exercises.last)
        #expect(added.date == start + 5 && added.id != 1)  // id 1 was taken: a new one
        #expect(h.checkIns.count == 3 && h.scores.count == 2)
    }

    @Test func disjointEntriesNeedNoMerge() throws {
        let store = try filledStore()
        var doc = try ExportDocument.read(try export(store))
        doc.exercises = [ExerciseEntry(date: start + 9, exerciseID: "hip-hitch", side: .left, sets: 3, reps: 10)]
        doc.runs = []; doc.checkIns = []; doc.tests = []; doc.phaseChanges = []; doc.clearances = []; doc.scores = []
        #expect(try store.importDocument(doc, merge: false).addedTotal == 1)
    }

    @Test func aDifferentCheckInForTheSameMorningIsAlwaysRefused() throws {
        let store = try filledStore()
        var doc = try ExportDocument.read(try export(store))
        doc.checkIns[0].morningPain = 5
        doc.exercises.append(ExerciseEntry(date: start + 5, exerciseID: "clamshell", side: .right, sets: 2, reps: 12))
        let before = try export(store)
        #expect(throws: ImportError.conflict("The file's check-in of 2026-01-06 differs from the one already saved for that morning")) {
            try store.importDocument(doc, merge: true)
        }
        #expect(try export(store) == before)
    }

    @Test func anotherPatientsFileIsRefused() throws {
        let store = try filledStore()
        var doc = try ExportDocument.read(try export(store))
        doc.enrolment.start = start + 1
        do {
            _ = try store.importDocument(doc, merge: true)
            Issue.record("imported another patient's file")
        } catch let error as ImportError {
            guard case .otherPatient = error else { Issue.record("wrong error \(error)"); return }
            #expect(error.description.contains("yours started 2026-01-05 (left side), the file's 2026-01-06 (left side)"))
        }
    }

    /// As `rehab program use`: a program dated before the one in force would re-judge past days
    /// (turn them red, pause the patient after the fact), so it is refused and nothing changes.
    @Test func mergingAnOlderProgramIsRefused() throws {
        let store = try filledStore()
        var doc = try ExportDocument.read(try export(store))
        doc.programs.append(AdoptedProgram(adoptedOn: start + 3, source: "/clinic/older.json", text: ProgramLoader.defaultProgramText()!))
        let before = try export(store)
        #expect(
            throws: ImportError.programChange(
                "The file's program from /clinic/older.json takes effect on 2026-01-08, before the program in force took effect (2026-01-12)")
        ) {
            try store.importDocument(doc, merge: true)
        }
        #expect(try export(store) == before)
        #expect(try store.programText()?.source == "/clinic/v2.json")
    }

    /// What the decoder refuses (here a date written as a number) is said on the line of its
    /// field, as every problem in a program file is.
    @Test func aValueTheDecoderRefusesIsSaidOnItsLine() throws {
        let text = String(decoding: try export(try filledStore()), as: UTF8.self)
        let exercises = try #require(text.range(of: "\"exercises\" : ["))
        let date = try #require(text.range(of: "\"date\" : \"", range: exercises.upperBound..<text.endIndex))
        let line = text[..<date.lowerBound].filter { $0 == "\n" }.count + 1
        let broken = text.replacingCharacters(in: date, with: "\"date\" : 5, \"was\" : \"")
        #expect(throws: ImportError.invalid("line \(line) (exercises[0].date): expected text in quotes")) {
            try ExportDocument.read(Data(broken.utf8))
        }
    }

    @Test func badFilesAreRefusedBeforeAnythingIsRead() throws {
        let good = try export(try filledStore())
        let json = try #require(try JSONSerialization.jsonObject(with: good) as? [String: Any])
        func variant(_ change: (inout [String: Any]) -> Void) throws -> Data {
            var copy = json
            change(&copy)
            return try JSONSerialization.data(withJSONObject: copy)
        }
        #expect(throws: ImportError.notAnExport("it is not a JSON object")) { try ExportDocument.read(Data("date,kind\n".utf8)) }
        #expect(throws: ImportError.notAnExport("its format is \"something-else\"")) {
            try ExportDocument.read(try variant { $0["format"] = "something-else" })
        }
        #expect(throws: ImportError.newerVersion(4)) { try ExportDocument.read(try variant { $0["version"] = 4 }) }
        #expect(throws: ImportError.oldVersion(1)) { try ExportDocument.read(try variant { $0["version"] = 1 }) }
        // Version 2 came before corrections were kept: still read, with none.
        let second = try ExportDocument.read(
            try variant {
                $0["version"] = 2; $0["checkInCorrections"] = nil; $0["scoreCorrections"] = nil
            })
        let current = try ExportDocument.read(good)
        #expect(second.checkInCorrections.isEmpty && second.checkIns == current.checkIns)
        // What the decoder finds is said on the line of the field (here: of the object it is missing from).
        #expect(throws: ImportError.invalid("line 1 (programs): is missing")) { try ExportDocument.read(try variant { $0["programs"] = nil }) }
        #expect(throws: ImportError.invalid("exercises[0].painDuring must be a pain score from 0 (none) to 10 (worst imaginable), not 12")) {
            try ExportDocument.read(
                try variant {
                    var list = $0["exercises"] as! [[String: Any]]
                    list[0]["painDuring"] = 12
                    $0["exercises"] = list
                })
        }
        #expect(throws: ImportError.invalid("checkIns[0].date 2026-01-01 is before the program started (2026-01-05)")) {
            try ExportDocument.read(
                try variant {
                    var list = $0["checkIns"] as! [[String: Any]]
                    list[0]["date"] = "2026-01-01"
                    $0["checkIns"] = list
                })
        }
        let newer = ImportError.newerVersion(3).description
        #expect(newer.hasSuffix("update rehab to import it. Nothing was imported."))
    }
}

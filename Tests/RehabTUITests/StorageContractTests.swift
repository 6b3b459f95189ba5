import Foundation
import Testing
import RehabCore
@testable import RehabTUI

/// The two storages the app runs on, for one contract suite: what the database does, the memory
/// storage the other tests use does too, so a flow proved on memory holds on the disk.
enum StorageKind: String, CaseIterable, CustomTestStringConvertible {
    case memory, database

    var testDescription: String { rawValue }

    /// A new, empty storage (nobody enrolled), removed again by `close`.
    func make() throws -> (storage: AppStorage, close: () -> Void) {
        switch self {
        case .memory:
            return (MemoryStorage(history: nil), {})
        case .database:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rehab-contract-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            return (try DatabaseStorage(directory: folder), { try? FileManager.default.removeItem(atPath: folder) })
        }
    }
}

@Suite struct StorageContractTests {
    let today = start + 12
    let enrolment = Enrolment(start: start, side: .right, baselinePain: 2)

    /// An enrolled storage of `kind`, handed to `body`, then removed.
    func enrolled(_ kind: StorageKind, _ body: (AppStorage) throws -> Void) throws {
        let (storage, close) = try kind.make()
        defer { close() }
        _ = try storage.save(.enrol(enrolment, program: "default"), today: today)
        try body(storage)
    }

    func history(_ storage: AppStorage) throws -> History {
        try #require(try storage.load(today: today)).history
    }

    @Test(arguments: StorageKind.allCases)
    func nothingLoadsBeforeEnrolmentAndTheEnrolmentAfter(_ kind: StorageKind) throws {
        let (storage, close) = try kind.make()
        defer { close() }
        #expect(try storage.load(today: today) == nil)
        _ = try storage.save(.enrol(enrolment, program: "default"), today: today)
        let loaded = try #require(try storage.load(today: today))
        #expect(loaded.history.enrolment == enrolment)
        #expect(loaded.today == today)
        #expect(loaded.program.id == BuiltInPrograms.standard.program.id)
    }

    /// The program chosen at set-up is the one the patient follows.
    @Test(arguments: StorageKind.allCases)
    func theProgramChosenAtEnrolmentIsTheOneLoaded(_ kind: StorageKind) throws {
        let (storage, close) = try kind.make()
        defer { close() }
        let chosen = try #require(BuiltInPrograms.all.last)
        _ = try storage.save(.enrol(enrolment, program: chosen.id), today: today)
        #expect(try storage.load(today: today)?.program.id == chosen.program.id)
    }

    @Test(arguments: StorageKind.allCases)
    func everySaveChangesTheSignature(_ kind: StorageKind) throws {
        try enrolled(kind) { storage in
            var seen = [storage.signature()]
            for change: Change in [
                .checkIn(CheckIn(date: today, morningPain: 1)),
                .exercises([ExerciseEntry(date: today, exerciseID: "glute-bridge", sets: 3, reps: 10, painDuring: 2)]),
                .score(OutcomeScore(date: today, score: 60))
            ] {
                _ = try storage.save(change, today: today)
                #expect(!seen.contains(storage.signature()), "\(change) left the signature as it was")
                seen.append(storage.signature())
            }
        }
    }

    /// Typed entries and timer sets alike come back with the ids they were saved under, in order,
    /// and those ids reach exactly those entries when their pain is given later.
    @Test(arguments: StorageKind.allCases)
    func savedEntriesReturnTheirIdsAndPainReachesExactlyThem(_ kind: StorageKind) throws {
        try enrolled(kind) { storage in
            let typed = try storage.save(
                .exercises([ExerciseEntry(date: today, exerciseID: "glute-bridge", sets: 3, reps: 10, painDuring: 2)]), today: today)
            let timed = try storage.save(
                .timerSets([
                    ExerciseEntry(date: today, exerciseID: "hip-hitch", side: .left, sets: 1, reps: 10),
                    ExerciseEntry(date: today, exerciseID: "hip-hitch", side: .right, sets: 1, reps: 10)
                ]), today: today)
            #expect(typed.count == 1)
            #expect(timed.count == 2)
            #expect(Set(typed + timed).count == 3, "ids are distinct")
            _ = try storage.save(.painForTimerSets(painDuring: 3, painAfter: nil, entryIDs: timed), today: today)
            _ = try storage.save(.painAfter(4, entryIDs: [timed[0]]), today: today)
            let entries = try history(storage).exercises
            let byID = Dictionary(uniqueKeysWithValues: entries.compactMap { e in e.id.map { ($0, e) } })
            #expect(byID[typed[0]]?.painDuring == 2, "the typed entry keeps its own pain")
            #expect(byID[typed[0]]?.painAfter == nil)
            #expect(byID[timed[0]]?.painDuring == 3)
            #expect(byID[timed[0]]?.painAfter == 4)
            #expect(byID[timed[1]]?.painDuring == 3)
            #expect(byID[timed[1]]?.painAfter == nil, "pain after went to the named set only")
            #expect(entries.map(\.exerciseID) == ["glute-bridge", "hip-hitch", "hip-hitch"])
        }
    }

    /// A second check-in for the same morning replaces the first, which is kept as a correction;
    /// the same answers again change nothing.
    @Test(arguments: StorageKind.allCases)
    func aSecondCheckInReplacesTheFirstAndKeepsIt(_ kind: StorageKind) throws {
        try enrolled(kind) { storage in
            let first = CheckIn(date: today, morningPain: 6, limping: true)
            let second = CheckIn(date: today, morningPain: 1)
            _ = try storage.save(.checkIn(first), today: today)
            _ = try storage.save(.checkIn(second), today: today)
            _ = try storage.save(.checkIn(second), today: today)
            let h = try history(storage)
            #expect(h.checkIns == [second])
            #expect(h.checkInCorrections.map(\.replaced) == [first])
            #expect(h.checkInCorrections.first?.actedOn == false, "a typo fixed at once, nothing recorded between")
        }
    }

    /// Corrected after something else was recorded, the first answers had been acted on.
    @Test(arguments: StorageKind.allCases)
    func aCheckInCorrectedAfterOtherRecordsWasActedOn(_ kind: StorageKind) throws {
        try enrolled(kind) { storage in
            let first = CheckIn(date: today, morningPain: 2, redFlags: ["night-pain"])
            _ = try storage.save(.checkIn(first), today: today)
            _ = try storage.save(.exercises([ExerciseEntry(date: today, exerciseID: "glute-bridge", sets: 3, reps: 10, painDuring: 2)]), today: today)
            _ = try storage.save(.checkIn(CheckIn(date: today, morningPain: 2)), today: today)
            let h = try history(storage)
            #expect(h.checkInCorrections.map(\.replaced) == [first])
            #expect(h.checkInCorrections.first?.actedOn == true)
        }
    }

    @Test(arguments: StorageKind.allCases)
    func aSecondScoreReplacesTheFirstAndKeepsIt(_ kind: StorageKind) throws {
        try enrolled(kind) { storage in
            _ = try storage.save(.score(OutcomeScore(date: today, score: 55)), today: today)
            _ = try storage.save(.score(OutcomeScore(date: today, score: 65)), today: today)
            _ = try storage.save(.score(OutcomeScore(date: today, score: 65)), today: today)
            let h = try history(storage)
            #expect(h.scores == [OutcomeScore(date: today, score: 65)])
            #expect(h.scoreCorrections.map(\.replaced) == [OutcomeScore(date: today, score: 55)])
        }
    }

    @Test(arguments: StorageKind.allCases)
    func runsTestsAndVisitsLoadAsSaved(_ kind: StorageKind) throws {
        try enrolled(kind) { storage in
            let run = RunEntry(date: today, stage: 1, minutes: 10, painDuring: 1)
            let test = TestResult(date: today, testID: "single-leg-bridge", side: .right, value: 12, pain: 1)
            let visit = FlagClearance(date: today, note: "physio")
            _ = try storage.save(.run(run), today: today)
            _ = try storage.save(.test(test), today: today)
            _ = try storage.save(.clinicianSeen(visit), today: today)
            let h = try history(storage)
            #expect(
                h.runs.map { e in
                    var e = e; e.id = nil; return e
                } == [run])
            #expect(
                h.tests.map { e in
                    var e = e; e.id = nil; return e
                } == [test])
            #expect(h.clearances == [visit])
        }
    }
}

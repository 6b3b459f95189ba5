import Foundation
import GRDB
import RehabCore

/// A program the patient followed, saved with its full text so it reads back exactly as adopted.
public struct AdoptedProgram: Codable, Sendable, Equatable {
    /// The first day it applies to.
    public var adoptedOn: Day
    /// "default", or the file it was read from.
    public var source: String
    public var text: String

    public init(adoptedOn: Day, source: String, text: String) {
        self.adoptedOn = adoptedOn; self.source = source; self.text = text
    }
}

extension RehabStore {
    /// Every program adopted, in the order they took effect (of two on one day, the later saved last).
    public func programs() throws(StoreError) -> [AdoptedProgram] {
        try read { db in try Self.programs(db) }
    }

    static func programs(_ db: Database) throws -> [AdoptedProgram] {
        var programs: [AdoptedProgram] = []
        // Through the C API: read on every command, and Codable's type lookups cost more than the row.
        try db.forEachRawRow("SELECT adoptedOn, source, text FROM program ORDER BY adoptedOn, id") { r in
            programs.append(AdoptedProgram(adoptedOn: r.day(0), source: r.optionalText(1) ?? "", text: r.optionalText(2) ?? ""))
        }
        return programs
    }
}

/// A program saved in the data that no longer loads (a newer rehab wrote it, or it was damaged).
public struct SavedProgramUnreadable: Error, CustomStringConvertible {
    public let adopted: AdoptedProgram
    public let error: JSONIssue
    public var description: String {
        "The program saved in your data (\(adopted.source), from \(adopted.adoptedOn.iso)) no longer loads: \(error)"
    }
}

extension RehabStore {
    /// Every program followed, loaded, each from the day it was adopted (the default when none).
    public func programTimeline() throws -> ProgramTimeline {
        try Self.timeline(of: try programs())
    }

    static func timeline(of adoptedPrograms: [AdoptedProgram]) throws -> ProgramTimeline {
        var periods: [ProgramTimeline.Period] = []
        for adopted in adoptedPrograms {
            // Most patients follow a built-in program: its stored bytes are the built-in text,
            // already checked (by its test) and decoded once in this process, not again here.
            if let builtIn = BuiltInPrograms.all.first(where: { $0.text == adopted.text }) {
                periods.append(.init(from: adopted.adoptedOn, program: builtIn.program, source: adopted.source))
                continue
            }
            let loaded = Result { () throws(JSONIssue) -> Program in try ProgramLoader.load(Data(adopted.text.utf8), alreadyAdopted: true) }
            switch loaded {
            case .success(let program): periods.append(.init(from: adopted.adoptedOn, program: program, source: adopted.source))
            case .failure(let error): throw SavedProgramUnreadable(adopted: adopted, error: error)
            }
        }
        return ProgramTimeline(periods: periods) ?? ProgramTimeline(ProgramLoader.defaultProgram())
    }
}

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
        try read { db in
            try Row.fetchAll(db, sql: "SELECT adoptedOn, source, text FROM program ORDER BY adoptedOn, id").map {
                AdoptedProgram(adoptedOn: Day(iso: $0["adoptedOn"]) ?? Day(ordinal: 0), source: $0["source"], text: $0["text"])
            }
        }
    }
}

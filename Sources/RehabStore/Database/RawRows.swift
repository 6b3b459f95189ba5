import Foundation
import GRDB
import GRDBSQLite
import RehabCore

/// One result row read through SQLite's C API, for the few queries that return years of rows:
/// no `Row`, no `DatabaseValue`, and no `String` for a value that is a day or a known name.
struct RawRow {
    let statement: SQLiteStatement

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }
    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(statement, column)) }
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }
    func optionalInt(_ column: Int32) -> Int? { isNull(column) ? nil : int(column) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(statement, column) }
    func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }
    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : String(decoding: bytes(column), as: UTF8.self) }

    /// The value's UTF-8 bytes, valid until the next step.
    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let text = sqlite3_column_text(statement, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column)))
    }

    /// A stored side ("left" or "right"); nil for none (or a value that is not one).
    func side(_ column: Int32) -> Side? {
        let text = bytes(column)
        return same(text, "left") ? .left : same(text, "right") ? .right : nil
    }

    /// A stored `YYYY-MM-DD`; day 0 (1970-01-01) for a value that is not one, as the rest of the store reads it.
    func day(_ column: Int32) -> Day { Day(isoBytes: bytes(column)) ?? Day(ordinal: 0) }
}

/// Strings that repeat in thousands of rows (exercise ids), made once each.
struct StringTable {
    private var known: [(bytes: [UInt8], string: String)] = []

    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // A handful of distinct ids: a linear search over their bytes beats hashing a new String.
        for k in known where k.bytes.withUnsafeBufferPointer({ same($0, bytes) }) {
            return k.string
        }
        let s = String(decoding: bytes, as: UTF8.self)
        known.append((Array(bytes), s))
        return s
    }
}

/// Whether two byte buffers hold the same bytes.
func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    guard a.count > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return true }
    return memcmp(pa, pb, a.count) == 0
}

/// Whether a value's bytes spell `literal`.
func same(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
    same(bytes, UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
}

extension Database {
    /// Whether the main database has `table` (with `column`, when given), from the schema SQLite
    /// already holds: no query, and none of GRDB's schema reading, which costs a day command more
    /// than the rows it reads from a small table.
    func has(table: String, column: String? = nil) -> Bool {
        guard let connection = sqliteConnection else { return false }
        return sqlite3_table_column_metadata(connection, "main", table, column, nil, nil, nil, nil, nil) == SQLITE_OK
    }

    /// Whether `table` holds any row, asked without GRDB's rows (their first use costs a few
    /// hundred thousand instructions of type look-ups).
    func hasRows(_ table: String) throws -> Bool {
        var found = false
        try forEachRawRow("SELECT 1 FROM \(table) LIMIT 1") { _ in found = true }
        return found
    }

    /// Runs `sql` and calls `body` with each row; SQLite's errors become GRDB's `DatabaseError`.
    func forEachRawRow(_ sql: String, arguments: StatementArguments = [], _ body: (RawRow) throws -> Void) throws {
        let statement = try makeStatement(sql: sql)
        try statement.setArguments(arguments)
        let row = RawRow(statement: statement.sqliteStatement)
        while true {
            let code = sqlite3_step(statement.sqliteStatement)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                let message = sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
            }
            try body(row)
        }
    }
}

import GRDB

/// The database schema, one migration per released change. Never edit a released migration.
enum Schema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.create(table: "enrolment") { t in
                t.primaryKey("id", .integer).check { $0 == 1 }
                t.column("startDate", .text).notNull()
                t.column("side", .text).notNull()
                t.column("baselinePain", .integer)
                t.column("createdAt", .datetime).notNull()
            }
            // Every program the patient has followed; the newest is in force.
            try db.create(table: "program") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("adoptedOn", .text).notNull()
                t.column("source", .text).notNull()
                t.column("text", .text).notNull()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "exerciseEntry") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("date", .text).notNull().indexed()
                t.column("exerciseId", .text).notNull()
                t.column("side", .text)
                t.column("sets", .integer).notNull()
                t.column("reps", .integer)
                t.column("holdSeconds", .integer)
                t.column("loadKg", .double)
                t.column("painDuring", .integer)
                t.column("painAfter", .integer)
                t.column("tempoSeconds", .double)
                t.column("note", .text)
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "runEntry") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("date", .text).notNull().indexed()
                t.column("stage", .integer).notNull()
                t.column("minutes", .integer).notNull()
                t.column("painDuring", .integer).notNull()
                t.column("note", .text)
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "checkIn") { t in
                t.primaryKey("date", .text)
                t.column("morningPain", .integer).notNull()
                t.column("limping", .boolean).notNull()
                t.column("redFlags", .text).notNull()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "testResult") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("date", .text).notNull().indexed()
                t.column("testId", .text).notNull()
                t.column("side", .text)
                t.column("value", .double).notNull()
                t.column("pain", .integer).notNull()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "phaseChange") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("date", .text).notNull()
                t.column("phase", .text).notNull()
                t.column("override", .text)
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "flagClearance") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("date", .text).notNull()
                t.column("note", .text)
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "outcomeScore") { t in
                t.primaryKey("date", .text)
                t.column("score", .integer).notNull()
                t.column("createdAt", .datetime).notNull()
            }
        }
        // History is read in day order; without these, years of sets are sorted on every read.
        m.registerMigration("v2-day-indexes") { db in
            try db.create(index: "exerciseEntryByDay", on: "exerciseEntry", columns: ["date", "id"])
            try db.create(index: "runEntryByDay", on: "runEntry", columns: ["date", "id"])
        }
        return m
    }
}

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
        // Years of sets evaluate from per-day totals (see ExerciseSummary). Triggers keep them in
        // the same transaction as every change to an entry, however it is made (log, import,
        // a fix by hand in sqlite3), by counting that day again.
        m.registerMigration("v3-exercise-days") { db in
            try db.execute(sql: """
                CREATE TABLE exerciseDay (
                    date TEXT PRIMARY KEY NOT NULL,
                    entries INTEGER NOT NULL,
                    volume INTEGER NOT NULL,
                    maxPainDuring INTEGER,
                    maxPainAfter INTEGER,
                    painAfterSum INTEGER NOT NULL,
                    painAfterScores INTEGER NOT NULL
                ) WITHOUT ROWID;
                \(Self.recountDays(where: "1", withSets: false));
                CREATE TRIGGER exerciseDayAfterInsert AFTER INSERT ON exerciseEntry BEGIN
                    \(Self.recountDays(where: "date = NEW.date", withSets: false));
                END;
                CREATE TRIGGER exerciseDayAfterDelete AFTER DELETE ON exerciseEntry BEGIN
                    \(Self.recountDays(where: "date = OLD.date", withSets: false));
                END;
                CREATE TRIGGER exerciseDayAfterUpdate AFTER UPDATE ON exerciseEntry BEGIN
                    \(Self.recountDays(where: "date = OLD.date", withSets: false));
                    \(Self.recountDays(where: "date = NEW.date", withSets: false));
                END;
                -- The loads of the summarised past, read in exercise and day order without a sort.
                CREATE INDEX exerciseEntryLoads ON exerciseEntry (exerciseId, date, id, loadKg) WHERE loadKg IS NOT NULL;
                """)
        }
        // A day counts as a session only when enough of its prescribed sets were logged, so the
        // totals also keep the sets per exercise and side ("id|side|sets;..."), for days read as totals.
        m.registerMigration("v4-exercise-day-sets") { db in
            try db.execute(sql: """
                ALTER TABLE exerciseDay ADD COLUMN sets TEXT NOT NULL DEFAULT '';
                DROP TRIGGER exerciseDayAfterInsert;
                DROP TRIGGER exerciseDayAfterDelete;
                DROP TRIGGER exerciseDayAfterUpdate;
                \(Self.recountDays(where: "1"));
                CREATE TRIGGER exerciseDayAfterInsert AFTER INSERT ON exerciseEntry BEGIN
                    \(Self.recountDays(where: "date = NEW.date"));
                END;
                CREATE TRIGGER exerciseDayAfterDelete AFTER DELETE ON exerciseEntry BEGIN
                    \(Self.recountDays(where: "date = OLD.date"));
                END;
                CREATE TRIGGER exerciseDayAfterUpdate AFTER UPDATE ON exerciseEntry BEGIN
                    \(Self.recountDays(where: "date = OLD.date"));
                    \(Self.recountDays(where: "date = NEW.date"));
                END;
                """)
        }
        return m
    }

    /// Replaces the totals of the days matching `condition` by a fresh count of their entries
    /// (a day left with no entries loses its row). The volume is `ExerciseEntry.volume`.
    /// The sets column exists from v4 on (`withSets`).
    static func recountDays(where condition: String, withSets: Bool = true) -> String {
        """
        DELETE FROM exerciseDay WHERE \(condition);
        INSERT INTO exerciseDay (date, entries, volume, maxPainDuring, maxPainAfter, painAfterSum, painAfterScores\(withSets ? ", sets" : ""))
            SELECT date, COUNT(*), SUM(sets * COALESCE(reps, holdSeconds, 0)), MAX(painDuring), MAX(painAfter),
                   COALESCE(SUM(painAfter), 0), COUNT(painAfter)\(withSets ? ", group_concat(exerciseId || '|' || COALESCE(side, '') || '|' || sets, ';')" : "")
            FROM exerciseEntry WHERE \(condition) GROUP BY date
        """
    }
}

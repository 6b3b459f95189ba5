import GRDB

/// The database schema, one migration per released change. Never edit a released migration.
enum Schema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        // The first schema, frozen as the exact SQL it ran (GRDB's table builder wrote it).
        // The program table keeps every program the patient has followed; the newest is in force.
        m.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE "enrolment" ("id" INTEGER PRIMARY KEY CHECK ("id" = 1), "startDate" TEXT NOT NULL, "side" TEXT NOT NULL, "baselinePain" INTEGER, "createdAt" DATETIME NOT NULL);
                    CREATE TABLE "program" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "adoptedOn" TEXT NOT NULL, "source" TEXT NOT NULL, "text" TEXT NOT NULL, "createdAt" DATETIME NOT NULL);
                    CREATE TABLE "exerciseEntry" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "date" TEXT NOT NULL, "exerciseId" TEXT NOT NULL, "side" TEXT, "sets" INTEGER NOT NULL, "reps" INTEGER, "holdSeconds" INTEGER, "loadKg" DOUBLE, "painDuring" INTEGER, "painAfter" INTEGER, "tempoSeconds" DOUBLE, "note" TEXT, "createdAt" DATETIME NOT NULL);
                    CREATE INDEX "exerciseEntry_on_date" ON "exerciseEntry"("date");
                    CREATE TABLE "runEntry" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "date" TEXT NOT NULL, "stage" INTEGER NOT NULL, "minutes" INTEGER NOT NULL, "painDuring" INTEGER NOT NULL, "note" TEXT, "createdAt" DATETIME NOT NULL);
                    CREATE INDEX "runEntry_on_date" ON "runEntry"("date");
                    CREATE TABLE "checkIn" ("date" TEXT PRIMARY KEY NOT NULL, "morningPain" INTEGER NOT NULL, "limping" BOOLEAN NOT NULL, "redFlags" TEXT NOT NULL, "createdAt" DATETIME NOT NULL);
                    CREATE TABLE "testResult" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "date" TEXT NOT NULL, "testId" TEXT NOT NULL, "side" TEXT, "value" DOUBLE NOT NULL, "pain" INTEGER NOT NULL, "createdAt" DATETIME NOT NULL);
                    CREATE INDEX "testResult_on_date" ON "testResult"("date");
                    CREATE TABLE "phaseChange" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "date" TEXT NOT NULL, "phase" TEXT NOT NULL, "override" TEXT, "createdAt" DATETIME NOT NULL);
                    CREATE TABLE "flagClearance" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "date" TEXT NOT NULL, "note" TEXT, "createdAt" DATETIME NOT NULL);
                    CREATE TABLE "outcomeScore" ("date" TEXT PRIMARY KEY NOT NULL, "score" INTEGER NOT NULL, "createdAt" DATETIME NOT NULL);
                    """)
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
            try db.execute(
                sql: """
                    CREATE TABLE exerciseDay (
                        date TEXT PRIMARY KEY NOT NULL,
                        entries INTEGER NOT NULL,
                        volume INTEGER NOT NULL,
                        maxPainDuring INTEGER,
                        maxPainAfter INTEGER,
                        painAfterSum INTEGER NOT NULL,
                        painAfterScores INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    \(Self.recountDays(where: "1", withSets: false, withHolds: false));
                    \(Self.recountTriggers(withSets: false, withHolds: false))
                    -- The loads of the summarised past, read in exercise and day order without a sort.
                    CREATE INDEX exerciseEntryLoads ON exerciseEntry (exerciseId, date, id, loadKg) WHERE loadKg IS NOT NULL;
                    """)
        }
        // A day counts as a session only when enough of its prescribed sets were logged, so the
        // totals also keep the sets per exercise and side ("id|side|sets;..."), for days read as totals.
        m.registerMigration("v4-exercise-day-sets") { db in
            try db.execute(
                sql: """
                    ALTER TABLE exerciseDay ADD COLUMN sets TEXT NOT NULL DEFAULT '';
                    DROP TRIGGER exerciseDayAfterInsert;
                    DROP TRIGGER exerciseDayAfterDelete;
                    DROP TRIGGER exerciseDayAfterUpdate;
                    \(Self.recountDays(where: "1", countingEnds: false, withHolds: false));
                    \(Self.recountTriggers(withSets: true, countingEnds: false, withHolds: false))
                    """)
        }
        // A set the timer saved cut short, skipped or stopped for pain says so (`ended`) and what was
        // prescribed (`planned`); the totals' sets then count complete sets only, their volume
        // still the work done. Existing rows are complete sets: their totals stay as they were.
        m.registerMigration("v5-set-ends") { db in
            try db.execute(
                sql: """
                    ALTER TABLE exerciseEntry ADD COLUMN ended TEXT;
                    ALTER TABLE exerciseEntry ADD COLUMN planned INTEGER;
                    DROP TRIGGER exerciseDayAfterInsert;
                    DROP TRIGGER exerciseDayAfterDelete;
                    DROP TRIGGER exerciseDayAfterUpdate;
                    \(Self.recountTriggers(withSets: true, withHolds: false))
                    """)
        }
        // A second check-in or score for the same day replaces the first, which is kept here with
        // when it was saved (recordedAt) and replaced (correctedAt): corrections never erase a warning.
        // actedOn: the program had acted on the replaced check-in (`Correction.actedOn`).
        m.registerMigration("v6-corrections") { db in
            try db.execute(
                sql: """
                    CREATE TABLE checkInCorrection ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "date" TEXT NOT NULL, "morningPain" INTEGER NOT NULL,
                        "limping" BOOLEAN NOT NULL, "redFlags" TEXT NOT NULL, "recordedAt" DATETIME NOT NULL, "correctedAt" DATETIME NOT NULL,
                        "actedOn" BOOLEAN NOT NULL, "createdAt" DATETIME NOT NULL);
                    CREATE TABLE scoreCorrection ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "date" TEXT NOT NULL, "score" INTEGER NOT NULL,
                        "recordedAt" DATETIME NOT NULL, "correctedAt" DATETIME NOT NULL, "createdAt" DATETIME NOT NULL);
                    """)
        }
        // Loads are carried per exercise and side: the summarised past reads them in that order.
        m.registerMigration("v7-side-loads") { db in
            try db.execute(
                sql: """
                    DROP INDEX exerciseEntryLoads;
                    CREATE INDEX exerciseEntrySideLoads ON exerciseEntry (exerciseId, side, date, id, loadKg) WHERE loadKg IS NOT NULL;
                    """)
        }
        // The week shows repetitions and seconds held apart (they do not add up): the totals keep
        // the seconds held, the repetitions being the rest of the volume.
        m.registerMigration("v8-hold-seconds") { db in
            try db.execute(
                sql: """
                    ALTER TABLE exerciseDay ADD COLUMN holdSeconds INTEGER NOT NULL DEFAULT 0;
                    DROP TRIGGER exerciseDayAfterInsert;
                    DROP TRIGGER exerciseDayAfterDelete;
                    DROP TRIGGER exerciseDayAfterUpdate;
                    \(Self.recountDays(where: "1"));
                    \(Self.recountTriggers(withSets: true))
                    """)
        }
        // `rehab today` reads a few days' verdicts kept here (see TodaySnapshot): every write
        // refreshes them in its own transaction; a file migrated from before has none until then.
        m.registerMigration("v9-today-glance") { db in
            try db.execute(
                sql: """
                    CREATE TABLE todayGlance (
                        day TEXT PRIMARY KEY NOT NULL,
                        build TEXT NOT NULL,
                        state TEXT NOT NULL,
                        done INTEGER NOT NULL,
                        planned INTEGER NOT NULL,
                        checkInDue BOOLEAN NOT NULL
                    ) WITHOUT ROWID;
                    """)
        }
        // The loads of the summarised past kept as runs: one row per load taken up on an exercise
        // and side (`LoadUsed`), so a day command reads a dozen rows, not the thousands of loaded
        // sets behind them. Kept by triggers, like the day totals, in the same transaction as
        // every change to an entry; filled here from the entries a file already has.
        m.registerMigration("v10-load-runs") { db in
            try db.execute(
                sql: """
                    CREATE TABLE loadRun (
                        exerciseId TEXT NOT NULL,
                        side TEXT NOT NULL, -- '' for an exercise done with both legs together
                        run INTEGER NOT NULL, -- 1, 2, ... in the order the loads were taken up
                        date TEXT NOT NULL, -- the day the load was taken up
                        lastUsed TEXT NOT NULL, -- the last day it was used before another load
                        loadKg DOUBLE NOT NULL,
                        PRIMARY KEY (exerciseId, side, run)
                    ) WITHOUT ROWID;
                    CREATE TABLE loadRunStale (exerciseId TEXT NOT NULL, side TEXT NOT NULL, PRIMARY KEY (exerciseId, side)) WITHOUT ROWID;
                    \(Self.recountLoadRuns(where: "1"));
                    \(Self.loadRunTriggers)
                    """)
        }
        return m
    }

    /// The triggers that keep `loadRun`. A loaded entry after every other of its exercise and side
    /// (the usual case: today's sets) extends the last run or starts a new one. Any other change
    /// marks its exercise and side stale (`loadRunStale`): `RehabStore.write` counts their runs
    /// again once, at the end of its transaction (a merged import of years of older sets is one
    /// count, not one per set), and a reader finding stale runs (left by a change made outside
    /// rehab) reads the loads from the entries. Short, because SQLite parses them at every start.
    static var loadRunTriggers: String {
        let later =
            "EXISTS (SELECT 1 FROM exerciseEntry WHERE exerciseId = NEW.exerciseId AND side IS NEW.side AND loadKg IS NOT NULL AND (date, id) > (NEW.date, NEW.id))"
        // The last run again when its load is the same (the key conflicts: it is extended), else the next.
        let run =
            "(SELECT run + (loadKg IS NOT NEW.loadKg) FROM loadRun WHERE exerciseId = NEW.exerciseId AND side = COALESCE(NEW.side, '') ORDER BY run DESC LIMIT 1)"
        func stale(_ row: String) -> String { "INSERT OR IGNORE INTO loadRunStale VALUES (\(row).exerciseId, COALESCE(\(row).side, ''))" }
        return """
            CREATE TRIGGER loadRunAfterLatestInsert AFTER INSERT ON exerciseEntry WHEN NEW.loadKg IS NOT NULL AND NOT \(later) BEGIN
                INSERT INTO loadRun SELECT NEW.exerciseId, COALESCE(NEW.side, ''), COALESCE(\(run), 1), NEW.date, NEW.date, NEW.loadKg
                    WHERE 1 ON CONFLICT (exerciseId, side, run) DO UPDATE SET lastUsed = MAX(lastUsed, excluded.lastUsed);
            END;
            CREATE TRIGGER loadRunAfterEarlierInsert AFTER INSERT ON exerciseEntry WHEN NEW.loadKg IS NOT NULL AND \(later) BEGIN \(stale("NEW")); END;
            CREATE TRIGGER loadRunAfterDelete AFTER DELETE ON exerciseEntry WHEN OLD.loadKg IS NOT NULL BEGIN \(stale("OLD")); END;
            CREATE TRIGGER loadRunAfterUpdate AFTER UPDATE OF date, exerciseId, side, loadKg ON exerciseEntry
                WHEN OLD.loadKg IS NOT NULL OR NEW.loadKg IS NOT NULL BEGIN \(stale("OLD")); \(stale("NEW")); END;
            """
    }

    /// Counts again the runs of the exercises and sides marked stale, and clears the marks.
    static func recountStaleLoadRuns(_ db: Database) throws {
        guard try db.hasRows("loadRunStale") else { return }
        let stale = "(exerciseId, side) IN (SELECT exerciseId, side FROM loadRunStale)"
        try db.execute(sql: recountLoadRuns(where: stale) + "; DELETE FROM loadRunStale")
    }

    /// Replaces the runs of the exercises and sides matching `pairs` (over `exerciseId` and `side`,
    /// '' for none) by a fresh count of their loaded entries, as `[LoadUsed].appendOrExtend` counts
    /// them: in day and entry order, a new run wherever the load differs from the entry before.
    static func recountLoadRuns(where pairs: String) -> String {
        """
        DELETE FROM loadRun WHERE \(pairs);
        INSERT INTO loadRun (exerciseId, side, run, date, lastUsed, loadKg)
            SELECT exerciseId, side, run, MIN(date), MAX(date), MIN(loadKg) FROM (
                SELECT exerciseId, side, date, loadKg, SUM(changed) OVER (PARTITION BY exerciseId, side ORDER BY date, id) AS run FROM (
                    SELECT exerciseId, side, date, id, loadKg,
                        loadKg IS NOT LAG(loadKg) OVER (PARTITION BY exerciseId, side ORDER BY date, id) AS changed
                    FROM (SELECT exerciseId, COALESCE(side, '') AS side, date, id, loadKg FROM exerciseEntry WHERE loadKg IS NOT NULL)
                    WHERE \(pairs)))
            GROUP BY exerciseId, side, run
        """
    }

    /// The triggers that recount the day of every entry inserted, deleted or changed.
    static func recountTriggers(withSets: Bool, countingEnds: Bool = true, withHolds: Bool = true) -> String {
        """
        CREATE TRIGGER exerciseDayAfterInsert AFTER INSERT ON exerciseEntry BEGIN
            \(recountDays(where: "date = NEW.date", withSets: withSets, countingEnds: countingEnds, withHolds: withHolds));
        END;
        CREATE TRIGGER exerciseDayAfterDelete AFTER DELETE ON exerciseEntry BEGIN
            \(recountDays(where: "date = OLD.date", withSets: withSets, countingEnds: countingEnds, withHolds: withHolds));
        END;
        CREATE TRIGGER exerciseDayAfterUpdate AFTER UPDATE ON exerciseEntry BEGIN
            \(recountDays(where: "date = OLD.date", withSets: withSets, countingEnds: countingEnds, withHolds: withHolds));
            \(recountDays(where: "date = NEW.date", withSets: withSets, countingEnds: countingEnds, withHolds: withHolds));
        END;
        """
    }

    /// Replaces the totals of the days matching `condition` by a fresh count of their entries
    /// (a day left with no entries loses its row). The volume is `ExerciseEntry.volume`.
    /// The sets column exists from v4 on (`withSets`); from v5 on (`countingEnds`) it holds
    /// `ExerciseEntry.completeSets`, a set that ended early counting none. From v8 on (`withHolds`)
    /// the seconds held are kept apart too (`ExerciseDayTotal.holdSeconds`).
    static func recountDays(where condition: String, withSets: Bool = true, countingEnds: Bool = true, withHolds: Bool = true) -> String {
        let sets = countingEnds ? "CASE WHEN ended IS NULL THEN sets ELSE 0 END" : "sets"
        return """
            DELETE FROM exerciseDay WHERE \(condition);
            INSERT INTO exerciseDay (date, entries, volume, maxPainDuring, maxPainAfter, painAfterSum, painAfterScores\(withSets ? ", sets" : "")\(withHolds ? ", holdSeconds" : ""))
                SELECT date, COUNT(*), SUM(sets * COALESCE(reps, holdSeconds, 0)), MAX(painDuring), MAX(painAfter),
                       COALESCE(SUM(painAfter), 0), COUNT(painAfter)\(withSets ? ", group_concat(exerciseId || '|' || COALESCE(side, '') || '|' || \(sets), ';')" : "")\(withHolds ? ", SUM(CASE WHEN reps IS NULL THEN sets * COALESCE(holdSeconds, 0) ELSE 0 END)" : "")
                FROM exerciseEntry WHERE \(condition) GROUP BY date
            """
    }
}

extension Schema {
    /// Where a database file stands against this rehab's migrations: the one judgement behind
    /// opening a data folder and restoring a backup, which only word it.
    enum Standing: Equatable {
        case current, older
        /// Another program's file: no tables at all, or none of rehab's (its migrations never
        /// included rehab's first).
        case noTables, foreign
        /// Migrations this rehab does not know: a newer rehab wrote it.
        case newer
    }

    static func standing(of db: Database) throws -> Standing {
        // Names read into arrays through the C API: GRDB's sets of names cost a day command more
        // (the runtime's first look-up of each generic type) than these few rows.
        var tables: [String] = []
        try db.forEachRawRow("SELECT name FROM sqlite_master WHERE type = 'table'") { r in tables.append(r.optionalText(0) ?? "") }
        if tables.isEmpty { return .noTables }
        guard tables.contains("grdb_migrations"), tables.contains("enrolment") else { return .foreign }
        var applied: [String] = []
        try db.forEachRawRow("SELECT identifier FROM grdb_migrations") { r in applied.append(r.optionalText(0) ?? "") }
        // As GRDB's migrator judges them (hasBeenSuperseded, hasCompletedMigrations).
        let known = migrator.migrations
        guard applied.contains(known[0]) else { return .foreign }
        if applied.contains(where: { !known.contains($0) }) { return .newer }
        return known.allSatisfy(applied.contains) ? .current : .older
    }
}

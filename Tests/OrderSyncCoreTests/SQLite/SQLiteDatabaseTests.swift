import Foundation
import Testing
@testable import OrderSyncCore

@Suite("SQLite Database")
struct SQLiteDatabaseTests {
    @Test func createsANewFileInWALModeWithSettings() throws {
        try SQLiteTestDirectory.withDatabase { db, directory in
            let journalMode = try db.makeStatement("PRAGMA journal_mode").scalar()
            #expect(journalMode == "wal")
            #expect(FileManager.default.fileExists(atPath: directory + "/test.db"))
            #expect(try db.makeStatement("PRAGMA foreign_keys").scalar() == 1)
            // NORMAL is 1.
            #expect(try db.makeStatement("PRAGMA synchronous").scalar() == 1)
        }
    }

    @Test func newFileIsOwnerOnlyByDefaultIncludingWALAndSHM() throws {
        try SQLiteTestDirectory.withDatabase { db, directory in
            try db.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1)")
            for suffix in ["", "-wal", "-shm"] {
                #expect(SQLiteTestDirectory.mode(of: directory + "/test.db" + suffix) == 0o600, "\(suffix)")
            }
        }
    }

    @Test func groupReadableModeIsAppliedExactly() throws {
        let options = Database.OpenOptions(fileMode: Database.OpenOptions.groupReadableFileMode)
        try SQLiteTestDirectory.withDatabase(options: options) { db, directory in
            try db.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1)")
            for suffix in ["", "-wal", "-shm"] {
                #expect(SQLiteTestDirectory.mode(of: directory + "/test.db" + suffix) == 0o640, "\(suffix)")
            }
        }
    }

    @Test func requestedModeWinsOverAStrictUmask() async {
        // A child process: umask is process-wide and other tests run in parallel.
        await #expect(processExitsWith: .success) {
            umask(0o077)
            let mode = try SQLiteTestDirectory.with { directory in
                let db = try Database(path: directory + "/test.db", options: .init(fileMode: 0o640))
                try db.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1)")
                return [SQLiteTestDirectory.mode(of: directory + "/test.db"),
                        SQLiteTestDirectory.mode(of: directory + "/test.db-wal")]
            }
            exit(mode == [0o640, 0o640] ? EXIT_SUCCESS : EXIT_FAILURE)
        }
    }

    @Test func existingFileKeepsItsMode() throws {
        try SQLiteTestDirectory.with { directory in
            let path = directory + "/test.db"
            #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o644]))
            let db = try Database(path: path, options: .init())
            defer { db.close() }
            #expect(SQLiteTestDirectory.mode(of: path) == 0o644)
        }
    }

    @Test func openWithoutCreateFailsForAMissingFileAndSaysWhere() throws {
        try SQLiteTestDirectory.with { directory in
            let path = directory + "/missing.db"
            let error = #expect(throws: SQLiteError.self) {
                _ = try Database(path: path, options: .init(create: false))
            }
            #expect(error?.code == 14)  // SQLITE_CANTOPEN
            #expect(error?.description.contains(path) == true)
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func createInAMissingDirectoryExplainsWhatToCheck() throws {
        try SQLiteTestDirectory.with { directory in
            let path = directory + "/nope/test.db"
            let error = #expect(throws: SQLiteError.self) {
                _ = try Database(path: path, options: .init())
            }
            #expect(error?.description.contains("check that the directory exists") == true)
        }
    }

    @Test func readOnlyConnectionCannotWrite() throws {
        try SQLiteTestDirectory.withDatabase { db, directory in
            try db.execute("CREATE TABLE t(x)")
            let reader = try Database(path: directory + "/test.db", options: .init(readOnly: true))
            #expect(try reader.makeStatement("SELECT count(*) FROM t").scalar() == 0)
            let error = #expect(throws: SQLiteError.self) { try reader.execute("INSERT INTO t VALUES (1)") }
            #expect(error?.code == 8)  // SQLITE_READONLY
        }
    }

    @Test func cachedStatementIsReusedWithBindingsCleared() throws {
        try SQLiteTestDirectory.withDatabase { db, _ in
            let first = try db.cachedStatement("SELECT ?1")
            try first.bind("leftover")
            let second = try db.cachedStatement("SELECT ?1")
            #expect(first === second)
            #expect(try second.scalar() == .null)
            #expect(try db.cachedStatement("SELECT ?1").scalar(42) == 42)
            #expect(try db.cachedStatement("SELECT ?1 ") !== first)
        }
    }

    @Test func makeStatementRefusesEmptyAndMultipleStatements() throws {
        try SQLiteTestDirectory.withDatabase { db, _ in
            #expect(throws: SQLiteError.self) { _ = try db.makeStatement("  -- nothing") }
            #expect(throws: SQLiteError.self) { _ = try db.makeStatement("SELECT 1; SELECT 2") }
            _ = try db.makeStatement("SELECT 1;  \n")
        }
    }

    @Test func executeRunsAScriptAndNamesTheFailingStatement() throws {
        try SQLiteTestDirectory.withDatabase { db, _ in
            try db.execute("""
                CREATE TABLE a(x);  -- first
                INSERT INTO a VALUES (1);
                INSERT INTO a VALUES (2);
                """)
            #expect(try db.makeStatement("SELECT sum(x) FROM a").scalar() == 3)
            let error = #expect(throws: SQLiteError.self) {
                try db.execute("INSERT INTO a VALUES (3); INSERT INTO missing VALUES (4); INSERT INTO a VALUES (5)")
            }
            #expect(error?.sql == "INSERT INTO missing VALUES (4); INSERT INTO a VALUES (5)")
            #expect(error?.message == "no such table: missing")
            // Statements before the failure ran, those after did not.
            #expect(try db.makeStatement("SELECT sum(x) FROM a").scalar() == 6)
        }
    }

    @Test func changesAndLastInsertRowID() throws {
        try SQLiteTestDirectory.withDatabase { db, _ in
            try db.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, x)")
            try db.cachedStatement("INSERT INTO t(x) VALUES (?1)").execute("a")
            try db.cachedStatement("INSERT INTO t(x) VALUES (?1)").execute("b")
            #expect(db.lastInsertRowID == 2)
            try db.execute("UPDATE t SET x = 'c'")
            #expect(db.changes == 2)
        }
    }

    @Test func closeIsIdempotentAndStatementsMayOutliveIt() throws {
        try SQLiteTestDirectory.with { directory in
            let db = try Database(path: directory + "/test.db", options: .init())
            let statement = try db.makeStatement("SELECT 1")
            db.close()
            db.close()
            #expect(!db.isOpen)
            _ = statement  // finalized after the close: must not crash
        }
    }

    @Test func busyTimeoutConversion() {
        #expect(Database.milliseconds(.milliseconds(50)) == 50)
        #expect(Database.milliseconds(.seconds(5)) == 5_000)
        #expect(Database.milliseconds(.microseconds(1)) == 1)
        #expect(Database.milliseconds(.seconds(-1)) == 0)
        #expect(Database.milliseconds(.seconds(Int64.max)) == Int32.max)
    }
}

import Testing
@testable import OrderSyncCore

@Suite("SQLite migrator")
struct SQLiteMigratorTests {
    struct Broken: Error, Equatable {}

    /// Each migration logs itself, so order and re-runs are observable.
    static func migrator(failingAt failing: Int? = nil) -> Migrator {
        var migrator = Migrator()
        migrator.register(version: 1, name: "create log") { db in
            try db.execute("CREATE TABLE log(version INTEGER)")
            try db.execute("INSERT INTO log VALUES (1)")
        }
        migrator.register(version: 2, name: "create orders") { db in
            try db.execute("CREATE TABLE orders(id TEXT PRIMARY KEY)")
            try db.execute("INSERT INTO log VALUES (2)")
            if failing == 2 { throw Broken() }
        }
        migrator.register(version: 5, name: "index orders") { db in
            try db.execute("CREATE INDEX orders_id ON orders(id)")
            try db.execute("INSERT INTO log VALUES (5)")
        }
        return migrator
    }

    static func log(_ db: Database) throws -> [Int64] {
        try db.makeStatement("SELECT version FROM log ORDER BY rowid").query().compactMap { $0.int64(0) }
    }

    static func tableExists(_ name: String, in db: Database) throws -> Bool {
        try db.makeStatement("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1").scalar(name) == 1
    }

    @Test func appliesInOrderAndRecordsTheVersion() throws {
        try SQLiteTestDirectory.withDatabase { db, _ in
            let migrator = Self.migrator()
            #expect(try migrator.appliedVersion(db) == 0)
            try migrator.migrate(db)
            #expect(try Self.log(db) == [1, 2, 5])
            #expect(try migrator.appliedVersion(db) == 5)
            #expect(migrator.knownVersion == 5)
        }
    }

    @Test func rerunIsANoOp() throws {
        try SQLiteTestDirectory.withDatabase { db, directory in
            try Self.migrator().migrate(db)
            try Self.migrator().migrate(db)
            let reopened = try Database(path: directory + "/test.db", options: .init())
            try Self.migrator().migrate(reopened)
            #expect(try Self.log(reopened) == [1, 2, 5])
        }
    }

    @Test func appliesOnlyWhatIsMissing() throws {
        try SQLiteTestDirectory.withDatabase { db, _ in
            var old = Migrator()
            old.register(version: 1, name: "create log") { db in
                try db.execute("CREATE TABLE log(version INTEGER)")
                try db.execute("INSERT INTO log VALUES (1)")
            }
            try old.migrate(db)
            try Self.migrator().migrate(db)
            #expect(try Self.log(db) == [1, 2, 5])
        }
    }

    @Test func failingMigrationLeavesThePreviousVersionAndNoPartialTable() throws {
        try SQLiteTestDirectory.withDatabase { db, _ in
            let error = try #require(throws: MigrationError.self) { try Self.migrator(failingAt: 2).migrate(db) }
            guard case let .migrationFailed(_, version, name, underlying) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(version == 2 && name == "create orders")
            #expect(underlying as? Broken == Broken())
            #expect(error.description.contains("schema version 2 (create orders) failed"))
            #expect(try Self.migrator().appliedVersion(db) == 1)
            #expect(try !Self.tableExists("orders", in: db))
            #expect(try Self.log(db) == [1])
            #expect(!db.isInTransaction)
            // Once fixed, the migration applies from where it stopped.
            try Self.migrator().migrate(db)
            #expect(try Self.log(db) == [1, 2, 5])
        }
    }

    @Test func refusesADatabaseFromANewerBinary() throws {
        try SQLiteTestDirectory.withDatabase { db, directory in
            try db.execute("PRAGMA user_version = 9")
            let error = try #require(throws: MigrationError.self) { try Self.migrator().migrate(db) }
            #expect(error.description == "the database at \(directory)/test.db has schema version 9, "
                + "but this ordersync knows only up to 5: it was written by a newer ordersync; "
                + "upgrade the binary (or restore a backup)")
            #expect(try Self.migrator().appliedVersion(db) == 9)
            #expect(try !Self.tableExists("log", in: db))
        }
    }

    @Test func outOfOrderRegistrationIsAProgrammingError() async {
        await #expect(processExitsWith: .failure) {
            var migrator = Migrator()
            migrator.register(version: 2, name: "b") { _ in }
            migrator.register(version: 1, name: "a") { _ in }
        }
    }
}

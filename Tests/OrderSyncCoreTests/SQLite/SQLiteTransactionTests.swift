import Testing
@testable import OrderSyncCore

@Suite("SQLite transactions and locking")
struct SQLiteTransactionTests {
    struct BodyFailure: Error, Equatable {
        let reason: String
    }

    @Test func commitsWhatTheBodyWrote() throws {
        try SQLiteTestDirectory.withDatabase { db, directory in
            try db.execute("CREATE TABLE t(x)")
            let answer = try db.inTransaction {
                try db.cachedStatement("INSERT INTO t VALUES (?1)").execute(1)
                #expect(db.isInTransaction)
                return 42
            }
            #expect(answer == 42)
            #expect(!db.isInTransaction)
            // Visible to another connection: really committed.
            let other = try Database(path: directory + "/test.db", options: .init())
            #expect(try other.makeStatement("SELECT count(*) FROM t").scalar() == 1)
        }
    }

    @Test func rollsBackAndRethrowsTheOriginalError() throws {
        try SQLiteTestDirectory.withDatabase { db, _ in
            try db.execute("CREATE TABLE t(x)")
            #expect(throws: BodyFailure(reason: "upstream said no")) {
                try db.inTransaction(.deferred) {
                    try db.cachedStatement("INSERT INTO t VALUES (?1)").execute(1)
                    throw BodyFailure(reason: "upstream said no")
                }
            }
            #expect(!db.isInTransaction)
            #expect(try db.makeStatement("SELECT count(*) FROM t").scalar() == 0)
        }
    }

    @Test func rethrowsAnSQLiteErrorFromTheBodyUnchanged() throws {
        try SQLiteTestDirectory.withDatabase { db, _ in
            try db.execute("CREATE TABLE t(id INTEGER PRIMARY KEY)")
            let error = #expect(throws: SQLiteError.self) {
                try db.inTransaction {
                    try db.execute("INSERT INTO t VALUES (1)")
                    try db.execute("INSERT INTO t VALUES (1)")
                }
            }
            #expect(error?.isConstraint == true)
            #expect(error?.sql == "INSERT INTO t VALUES (1)")
            #expect(try db.makeStatement("SELECT count(*) FROM t").scalar() == 0)
        }
    }

    @Test func anotherConnectionsWriteLockSurfacesAsBusy() throws {
        try SQLiteTestDirectory.with { directory in
            let path = directory + "/test.db"
            let holder = try Database(path: path, options: .init())
            try holder.execute("CREATE TABLE t(x)")
            let waiter = try Database(path: path, options: .init(busyTimeout: .milliseconds(50)))
            try holder.execute("BEGIN IMMEDIATE")

            let insertError = #expect(throws: SQLiteError.self) {
                try waiter.cachedStatement("INSERT INTO t VALUES (?1)").execute(1)
            }
            #expect(insertError?.isBusy == true)
            #expect(insertError?.code == 5)  // SQLITE_BUSY
            let transactionError = #expect(throws: SQLiteError.self) {
                try waiter.inTransaction { try waiter.execute("INSERT INTO t VALUES (2)") }
            }
            #expect(transactionError?.isBusy == true)
            #expect(!waiter.isInTransaction)
            // WAL: readers are not blocked by the writer.
            #expect(try waiter.makeStatement("SELECT count(*) FROM t").scalar() == 0)

            try holder.execute("ROLLBACK")
            try waiter.cachedStatement("INSERT INTO t VALUES (?1)").execute(3)
            #expect(try holder.makeStatement("SELECT x FROM t").scalar() == 3)
        }
    }

    @Test func finishedQueriesReleaseTheirReadSnapshot() throws {
        try SQLiteTestDirectory.with { directory in
            let path = directory + "/test.db"
            let reader = try Database(path: path, options: .init())
            try reader.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1), (2)")
            let writer = try Database(path: path, options: .init(busyTimeout: .milliseconds(50)))
            // Leaving early must still reset: a lingering snapshot would hide
            // the writer's next row from the reader below. Distinct
            // statements, so no later run resets an earlier one.
            let single = try reader.makeStatement("SELECT x FROM t")
            #expect(try single.scalar() == 1)
            var seen = 0
            struct Stop: Error {}
            let streamed = try reader.makeStatement("SELECT x FROM t WHERE x > 0")
            #expect(throws: Stop.self) { try streamed.forEachRow { _ in seen += 1; throw Stop() } }
            try writer.execute("INSERT INTO t VALUES (3)")
            #expect(try reader.cachedStatement("SELECT count(*) FROM t").scalar() == 3)
            #expect(seen == 1)
            withExtendedLifetime((single, streamed)) {}
        }
    }

    @Test func nestedTransactionIsAProgrammingError() async {
        await #expect(processExitsWith: .failure) {
            let db = try Database(path: ":memory:", options: .init())
            try db.inTransaction { try db.inTransaction {} }
        }
    }
}

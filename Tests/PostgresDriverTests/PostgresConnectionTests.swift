import Foundation
import OrderSyncCore
import OrderSyncTesting
import Testing

/// `PostgresConnection` against a real throwaway cluster (never a mock).
@Suite("PostgreSQL connection", PostgresTestCluster.isRequired)
struct PostgresConnectionTests {
    static func connect(
        _ uri: PostgresURI, _ settings: PostgresSessionSettings = PostgresSessionSettings(role: "tests")
    ) throws -> PostgresConnection {
        try PostgresConnection.connect(uri, settings: settings)
    }

    static func freshDatabase() throws -> PostgresURI {
        try PostgresTestCluster.shared().makeDatabase()
    }

    @Test func sessionSettingsAreApplied() throws {
        let settings = PostgresSessionSettings(role: "erp-main", statementTimeoutSeconds: 7, idleInTransactionTimeoutSeconds: 9)
        let connection = try Self.connect(try Self.freshDatabase(), settings)
        #expect(try connection.execute("SHOW TimeZone").scalar(String.self) == "UTC")
        #expect(try connection.execute("SHOW statement_timeout").scalar(String.self) == "7s")
        #expect(try connection.execute("SHOW idle_in_transaction_session_timeout").scalar(String.self) == "9s")
        #expect(try connection.execute("SHOW client_encoding").scalar(String.self) == "UTF8")
        let name = "SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()"
        #expect(try connection.execute(name).scalar(String.self) == "ordersync/erp-main")
        // Timestamps read back in UTC whatever the server's or role's time zone.
        let database = try #require(try connection.execute("SELECT current_database()").scalar(String.self))
        try connection.executeScript("ALTER DATABASE \(database) SET TimeZone = 'Asia/Kolkata'")
        let fresh = try Self.connect(connection.uri)
        #expect(try fresh.execute("SELECT '2025-03-14 10:00:00+02'::timestamptz::text").scalar(String.self) == "2025-03-14 08:00:00+00")
        #expect(connection.serverVersion >= 150000)
        #expect(connection.serverVersionText.hasPrefix("\(connection.serverVersion / 10000)."))
    }

    @Test func parametersTravelAsTextAndRowsAreTyped() throws {
        let connection = try Self.connect(try Self.freshDatabase())
        try connection.executeScript("CREATE TABLE t (id bigint PRIMARY KEY, name text, paid boolean, note text)")
        let big: Int64 = 9_007_199_254_740_993  // not representable as a Double
        let changed = try connection.execute(
            "INSERT INTO t VALUES ($1, $2, $3, $4), ($5, $6, $7, $8)",
            [big, "O'Brien 🚀 \"x\"; DROP TABLE t", true, nil, 2, "", false, "n"])
        #expect(changed.affectedRows == 2)
        let rows = try connection.query("SELECT id, name, paid, note FROM t ORDER BY id DESC")
        #expect(rows.count == 2)
        #expect(try rows[0].decode(0, as: Int64.self) == big)
        #expect(try rows[0].decode("name", as: String.self) == "O'Brien 🚀 \"x\"; DROP TABLE t")
        #expect(try rows[0].decode("paid", as: Bool.self) == true)
        #expect(try rows[0].decodeIfPresent("note", as: String.self) == nil)
        #expect(try rows[1].decode("name", as: String.self) == "")
        #expect(throws: PostgresError.self) { try rows[0].decode("note", as: String.self) }
        #expect(throws: PostgresError.self) { try rows[0].decode("name", as: Int.self) }
    }

    @Test func errorsCarrySQLStateMessageAndStatementButNoValues() throws {
        let connection = try Self.connect(try Self.freshDatabase())
        try connection.executeScript("CREATE TABLE t (id text PRIMARY KEY)")
        try connection.execute("INSERT INTO t VALUES ($1)", ["customer-4711"])
        do {
            try connection.execute("INSERT INTO t VALUES ($1)", ["customer-4711"])
            Issue.record("a duplicate key was accepted")
        } catch {
            #expect(error.sqlState == "23505" && error.isUniqueViolation && !error.isConnectionFailure)
            let text = error.description
            #expect(text.contains("PostgreSQL error 23505: duplicate key value violates unique constraint \"t_pkey\""), "\(text)")
            #expect(text.contains("- while executing `INSERT INTO t VALUES ($1)`"), "\(text)")
            #expect(text.hasPrefix("database \(connection.uri): "), "\(text)")
            // The server's DETAIL repeats the key: kept on the error, out of its description.
            #expect(error.detail?.contains("customer-4711") == true)
            #expect(!text.contains("customer-4711"), "\(text)")
        }
        #expect(throws: PostgresError.self) { try connection.execute("SELECT * FROM missing_table") }
        do {
            try connection.execute("SELECT * FROM missing_table")
        } catch {
            #expect(error.isUndefinedTable)
        }
        // The connection is still usable after a failed statement.
        #expect(try connection.execute("SELECT count(*) FROM t").scalar(Int.self) == 1)
    }

    @Test func statementTimeoutCancels() throws {
        let connection = try Self.connect(try Self.freshDatabase(), PostgresSessionSettings(role: "tests", statementTimeoutSeconds: 1))
        do {
            try connection.execute("SELECT pg_sleep(30)")
            Issue.record("statement_timeout did not cancel the statement")
        } catch {
            #expect(error.isQueryCanceled && error.sqlState == "57014", "\(error)")
            #expect(!connection.isBroken)
        }
    }

    @Test func aTransactionRollsBackAndRethrows() throws {
        struct Boom: Error {}
        let connection = try Self.connect(try Self.freshDatabase())
        try connection.executeScript("CREATE TABLE t (id int PRIMARY KEY)")
        #expect(throws: Boom.self) {
            try connection.transaction {
                try connection.execute("INSERT INTO t VALUES (1)")
                #expect(connection.isInTransaction)
                throw Boom()
            }
        }
        #expect(!connection.isInTransaction)
        #expect(try connection.execute("SELECT count(*) FROM t").scalar(Int.self) == 0)
        // A failing statement inside: its error comes out, the transaction is gone.
        #expect(throws: PostgresError.self) {
            try connection.transaction {
                try connection.execute("INSERT INTO t VALUES (2)")
                try connection.execute("INSERT INTO t VALUES (2)")
            }
        }
        #expect(!connection.isInTransaction)
        let committed = try connection.transaction { try connection.execute("INSERT INTO t VALUES (3) RETURNING id").scalar(Int.self) }
        #expect(committed == 3)
        #expect(try connection.execute("SELECT array_agg(id)::text FROM t").scalar(String.self) == "{3}")
    }

    @Test func aBatchIsPipelinedAndFailsAtTheStatementThatFailed() throws {
        let connection = try Self.connect(try Self.freshDatabase())
        try connection.executeScript("CREATE TABLE t (id int PRIMARY KEY, label text)")
        let statements = (1...1_200).map { (id: Int) in PostgresStatement("INSERT INTO t VALUES ($1, $2)", [id, "row \(id)"]) }
        let results = try connection.transaction { try connection.executeBatch(statements) }
        #expect(results.count == 1_200 && results.allSatisfy { $0.affectedRows == 1 })
        #expect(try connection.execute("SELECT count(*) FROM t").scalar(Int.self) == 1_200)

        var failing = (1_201...1_300).map { PostgresStatement("INSERT INTO t VALUES ($1, $2)", [$0, "new"]) }
        failing.insert(PostgresStatement("INSERT INTO t (id) VALUES ($1) -- the duplicate", [7]), at: 50)
        do {
            try connection.transaction { try connection.executeBatch(failing) }
            Issue.record("a batch with a duplicate key succeeded")
        } catch let error as PostgresError {
            #expect(error.sqlState == "23505" && error.sql?.contains("-- the duplicate") == true, "\(error)")
        }
        #expect(!connection.isInTransaction)
        #expect(try connection.execute("SELECT count(*) FROM t").scalar(Int.self) == 1_200)
        // Reads in a batch return their rows; the connection leaves pipeline mode.
        let read = try connection.executeBatch([PostgresStatement("SELECT label FROM t WHERE id = $1", [5]), PostgresStatement("SELECT 1")])
        #expect(read.first?.rows.first?["label"] == "row 5")
        #expect(try connection.execute("SELECT 2").scalar(Int.self) == 2)
    }

    @Test func aMultiRowValuesListIsNumberedInOrder() throws {
        #expect(PostgresSQL.valuesList(rows: 2, columns: 3) == "($1, $2, $3), ($4, $5, $6)")
        let connection = try Self.connect(try Self.freshDatabase())
        try connection.executeScript("CREATE TABLE t (id int, label text)")
        let rows = 500
        let parameters: [(any PostgresBindable)?] = (1...rows).flatMap { [$0, "l\($0)"] as [(any PostgresBindable)?] }
        let result = try connection.execute("INSERT INTO t VALUES " + PostgresSQL.valuesList(rows: rows, columns: 2), parameters)
        #expect(result.affectedRows == rows)
        #expect(try connection.execute("SELECT label FROM t WHERE id = 500").scalar(String.self) == "l500")
    }

    @Test func aTerminatedSessionIsBrokenAndReconnects() throws {
        let uri = try Self.freshDatabase()
        let connection = try Self.connect(uri)
        let admin = try Self.connect(uri)
        try admin.execute("SELECT pg_terminate_backend($1)", [connection.backendPID])
        do {
            try connection.execute("SELECT 1")
            Issue.record("a statement on a terminated session succeeded")
        } catch {
            #expect(error.isConnectionFailure, "\(error)")
        }
        #expect(connection.isBroken)
        try connection.reconnect()
        #expect(!connection.isBroken)
        #expect(try connection.execute("SHOW TimeZone").scalar(String.self) == "UTC")
    }

    @Test func aServerRestartBreaksTheConnectionAndItReconnects() throws {
        let cluster = try PostgresTestCluster.start()
        defer { cluster.stopAndRemove() }
        let uri = try cluster.makeDatabase()
        let connection = try Self.connect(uri, PostgresSessionSettings(role: "tests", statementTimeoutSeconds: 11))
        try connection.executeScript("CREATE TABLE t (id int)")
        try cluster.stopServer()
        do {
            try connection.execute("INSERT INTO t VALUES (1)")
            Issue.record("a statement on a stopped server succeeded")
        } catch {
            #expect(error.isConnectionFailure && error.isTransient, "\(error)")
            #expect(!error.description.contains("\n"), "an error is one log line: \(error)")
        }
        #expect(connection.isBroken)
        // While the server is down, reconnecting fails and says so; the connection stays broken.
        do {
            try connection.reconnect()
            Issue.record("reconnected to a stopped server")
        } catch {
            #expect(error.isConnectionFailure && error.description.contains(uri.text), "\(error)")
        }
        try cluster.startServer()
        try connection.reconnect()
        try connection.execute("INSERT INTO t VALUES (2)")
        #expect(try connection.execute("SELECT count(*) FROM t").scalar(Int.self) == 1)
        #expect(try connection.execute("SHOW statement_timeout").scalar(String.self) == "11s")
    }

    @Test func aServerThatIsDownIsAConnectionFailureNamingTheDatabase() throws {
        let cluster = try PostgresTestCluster.shared()
        let uri = try PostgresURI(validating: "postgresql:///orders?host=\(cluster.directory)/nothing-here&user=ordersync_test")
        do {
            _ = try Self.connect(uri, PostgresSessionSettings(role: "tests", connectTimeoutSeconds: 2))
            Issue.record("connected to nothing")
        } catch let error as PostgresError {
            #expect(error.isConnectionFailure && error.sqlState == nil)
            #expect(error.description.hasPrefix("database \(uri.text): PostgreSQL error: "), "\(error)")
            #expect(!error.description.contains("\n"))
        }
    }

    /// The password comes from libpq's conventions (here PGPASSFILE) and appears in no message,
    /// also when authentication fails.
    @Test func aPasswordFromPgpassIsNeverPrinted() throws {
        let cluster = try PostgresTestCluster.start()
        defer { cluster.stopAndRemove() }
        let password = "pw-from-pgpass-8675309"
        let admin = try Self.connect(cluster.uri(database: "postgres"))
        try admin.executeScript("CREATE ROLE app LOGIN PASSWORD '\(password)'")
        try cluster.requirePasswords()
        try admin.executeScript("SELECT pg_reload_conf()")
        let uri = try PostgresURI(validating: "postgresql:///postgres?host=\(cluster.socketDirectory)&user=app")
        let pgpass = cluster.directory + "/pgpass"
        try Data("*:*:*:app:\(password)\n".utf8).write(to: URL(fileURLWithPath: pgpass))
        chmod(pgpass, 0o600)
        setenv("PGPASSFILE", pgpass, 1)
        defer { unsetenv("PGPASSFILE") }
        let connection = try Self.connect(uri)
        #expect(try connection.execute("SELECT current_user").scalar(String.self) == "app")
        try Data("*:*:*:app:wrong-\(password)\n".utf8).write(to: URL(fileURLWithPath: pgpass))
        do {
            _ = try Self.connect(uri)
            Issue.record("a wrong password was accepted")
        } catch let error as PostgresError {
            #expect(error.description.contains("password authentication failed"), "\(error)")
            #expect(!error.description.contains(password), "\(error)")
        }
    }
}

/// `check-config --probe`'s PostgreSQL half: version of the server and of the schema.
@Suite("PostgreSQL probe", PostgresTestCluster.isRequired)
struct PostgresProbeTests {
    @Test func theProbeReportsServerAndSchemaVersions() throws {
        let uri = try PostgresTestCluster.shared().makeDatabase()
        let empty = try PostgresProbe.run(uri)
        #expect(empty.schemaVersion == nil && empty.serverVersionNumber >= 150000)
        #expect(empty.summary(currentSchemaVersion: 7).contains("no ordersync schema yet"))
        let connection = try PostgresConnection.connect(uri, settings: PostgresSessionSettings(role: "tests"))
        // The table the store records its migrations in (`ordersync_schema`).
        let table = PostgresConnection.schemaVersionTable
        try connection.executeScript("CREATE TABLE \(table) (version int PRIMARY KEY); INSERT INTO \(table) VALUES (1), (2), (3)")
        let probed = try PostgresProbe.run(uri)
        #expect(probed.schemaVersion == 3)
        #expect(probed.summary(currentSchemaVersion: 3) == "PostgreSQL \(probed.serverVersion), schema version 3 (current)")
        #expect(probed.summary(currentSchemaVersion: 2).contains("newer than this binary's 2: upgrade ordersync"))
    }

    /// Not a test of behaviour: the figures docs/postgresql.md quotes for choosing how to batch
    /// writes. Runs only with ORDERSYNC_MEASURE=1.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ORDERSYNC_MEASURE"] == "1"))
    func batchingFigures() throws {
        let connection = try PostgresConnection.connect(
            try PostgresTestCluster.shared().makeDatabase(), settings: PostgresSessionSettings(role: "measure"))
        try connection.executeScript("CREATE TABLE t (id bigint PRIMARY KEY, a text, b text, c bigint, d bigint, e boolean, f text, g text)")
        let rows = 5_000
        func row(_ id: Int) -> [(any PostgresBindable)?] { [id, "order-\(id)", "EUR", id * 100, 19, id % 2 == 0, "2025-03-14T10:00:00Z", "{\"id\":\(id)}"] }
        let insert = "INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO UPDATE SET a = excluded.a"
        func timed(_ name: String, _ body: () throws -> Void) rethrows {
            let start = ContinuousClock.now
            try body()
            print("batching \(name): \(rows) rows in \(ContinuousClock.now - start)")
        }
        try timed("one statement per row") {
            try connection.transaction { for id in 0..<rows { try connection.execute(insert, row(id)) } }
        }
        try timed("pipelined") {
            try connection.transaction { _ = try connection.executeBatch((0..<rows).map { PostgresStatement(insert, row($0)) }) }
        }
        try timed("multi-row VALUES, 500 rows each") {
            try connection.transaction {
                for chunk in stride(from: 0, to: rows, by: 500) {
                    let sql = "INSERT INTO t VALUES " + PostgresSQL.valuesList(rows: 500, columns: 8)
                        + " ON CONFLICT (id) DO UPDATE SET a = excluded.a"
                    try connection.execute(sql, (chunk..<chunk + 500).flatMap(row))
                }
            }
        }
    }
}

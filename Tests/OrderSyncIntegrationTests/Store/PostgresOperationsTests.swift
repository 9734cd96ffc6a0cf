import Foundation
import OrderSyncCLI
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// The PostgreSQL store as an operator meets it, through the real binary and a private
/// throwaway cluster the test stops and starts: `check-config --probe` reports the server and
/// the schema (and a server that is down), the daemon waits for a server that is not up yet,
/// and it outlives a restart of the server in the middle of its run without losing anything.
@Suite("PostgreSQL operations (the real binary)", .serialized, PostgresTestCluster.isRequired)
struct PostgresOperationsTests {
    /// A password libpq would send: it must never be printed.
    static let password = "pg-secret-4711-never-printed"

    @Test("check-config --probe: server version and schema state; a server that is down exits 1 and says so")
    func probe() async throws {
        try await withTemporaryDirectory { directory in
            let cluster = try PostgresTestCluster.start()
            defer { cluster.stopAndRemove() }
            let uri = try cluster.makeDatabase()
            let harness = try Self.harness(directory, database: uri)
            let environment = ["PGPASSWORD": Self.password]
            let arguments = ["check-config", "--probe", "--config", harness.configPath]

            let empty = try await OrderSyncProcess.run(arguments, directory: directory, environment: environment)
            #expect(empty.status == 0, "\(empty.output)")
            #expect(empty.output.contains("database: PostgreSQL 1"), "\(empty.output)")
            #expect(empty.output.contains("no ordersync schema yet"), "\(empty.output)")

            // A run creates the schema: the probe then calls it current.
            let once = try await OrderSyncProcess.run(["run", "--once", "--config", harness.configPath], directory: directory)
            #expect(once.status == 0, "\(once.output)")
            let current = try await OrderSyncProcess.run(arguments, directory: directory, environment: environment)
            #expect(current.status == 0, "\(current.output)")
            #expect(current.output.contains("schema version \(PostgresStore.currentSchemaVersion) (current)"), "\(current.output)")

            try cluster.stopServer()
            let down = try await OrderSyncProcess.run(arguments, directory: directory, environment: environment)
            #expect(down.status == 1, "a failed probe exits 1: \(down.output)")
            #expect(down.output.contains("database: FAILED: database \(uri)"), "\(down.output)")
            #expect(down.output.contains("sim-erp: ok"), "the sources are still probed: \(down.output)")
            for output in [empty.output, current.output, down.output] {
                #expect(!output.contains(Self.password))
            }
        }
    }

    @Test("the daemon started before PostgreSQL retries with backoff, says why, and polls once the server is up")
    func downAtStart() async throws {
        try await withTemporaryDirectory { directory in
            let cluster = try PostgresTestCluster.start()
            defer { cluster.stopAndRemove() }
            let uri = try cluster.makeDatabase()
            let harness = try Self.harness(directory, database: uri)
            try cluster.stopServer()

            let daemon = try OrderSyncProcess(["run", "--config", harness.configPath], directory: directory,
                                              environment: ["PGPASSWORD": Self.password])
            defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
            try await Operations.waitUntil("the daemon saying the database is not reachable") {
                daemon.output.contains("database \(uri) is not reachable; retrying")
            }
            #expect(daemon.process.isRunning, "still waiting, not exited: \(daemon.output)")
            try cluster.startServer()
            try await Operations.waitUntil("a first successful poll once the server is up", timeout: .seconds(60)) {
                try Self.count(uri, "SELECT count(*) FROM sync_runs WHERE source = 'sim-erp' AND outcome = 'ok'") >= 1
            }
            daemon.signal(SIGTERM)
            #expect(await daemon.wait(timeout: .seconds(20)) == 0, "\(daemon.output)")
            #expect(!daemon.output.contains(Self.password))
            let verify = try await OrderSyncProcess.run(["verify", "--config", harness.configPath], directory: directory)
            #expect(verify.status == 0, "\(verify.output)")
        }
    }

    @Test("PostgreSQL restarted under the daemon: polls in flight fail and back off, nothing is lost, the next polls succeed")
    func restartMidRun() async throws {
        try await withTemporaryDirectory { directory in
            let cluster = try PostgresTestCluster.start()
            defer { cluster.stopAndRemove() }
            let uri = try cluster.makeDatabase()
            // Small pages: the first poll is many page transactions, so the stop lands inside one.
            let harness = try Self.harness(directory, database: uri, pageSize: 5, orders: 400)
            let daemon = try OrderSyncProcess(["run", "--config", harness.configPath], directory: directory,
                                              environment: ["PGPASSWORD": Self.password])
            defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }

            try await Operations.waitUntil("the first pages written") {
                try Self.count(uri, "SELECT count(*) FROM orders") >= 5
            }
            try cluster.stopServer()
            // The poll in flight fails (its outcome cannot be recorded), and the source backs off.
            try await Operations.waitUntil("the source backing off on the lost server", timeout: .seconds(60)) {
                daemon.output.contains("source failing; backing off")
            }
            // The server may go while a poll is in flight (its outcome cannot be recorded) or between
            // two polls (the next one cannot record its start): either way the source backs off.
            #expect(daemon.output.contains("cannot record the run outcome") || daemon.output.contains("cannot record the run start"),
                    "a poll met the lost server: \(daemon.output)")
            #expect(daemon.process.isRunning, "the daemon outlives the server: \(daemon.output)")
            try cluster.startServer()
            let okBefore = try Self.count(uri, "SELECT count(*) FROM sync_runs WHERE outcome = 'ok'")
            try await Operations.waitUntil("successful polls after the restart", timeout: .seconds(90)) {
                try Self.count(uri, "SELECT count(*) FROM sync_runs WHERE source = 'sim-erp' AND outcome = 'ok'") >= 1
                    && Self.count(uri, "SELECT count(*) FROM sync_runs WHERE outcome = 'ok'") >= okBefore + 2
            }
            daemon.signal(SIGTERM)
            #expect(await daemon.wait(timeout: .seconds(20)) == 0, "\(daemon.output)")
            // Nothing lost: every order upstream is in the database, as the upstream has it.
            let verify = try await OrderSyncProcess.run(["verify", "--config", harness.configPath], directory: directory)
            #expect(verify.status == 0, "\(verify.output)")
            #expect(try Self.count(uri, "SELECT count(*) FROM orders") == 400)
            #expect(!daemon.output.contains(Self.password))
        }
    }

    /// A simulator and a configuration whose `database` is `uri`, polling every second.
    static func harness(_ directory: String, database uri: PostgresURI, pageSize: Int? = nil, orders: Int = 60) throws -> SyncHarness {
        var extra: JSONObject = [
            "poll_interval_seconds": .number("1"),
            "http": .object(["max_attempts": .number("1"), "requests_per_second": .number("1000"),
                             "failure_backoff_cap_seconds": .number("2")]),
        ]
        if let pageSize { extra["page_size"] = .number("\(pageSize)") }
        let harness = try SyncHarness(directory: directory, dialects: ["erp"], simulator: SimulatorConfiguration(ordersPerDialect: orders),
                                      extra: extra)
        try Operations.editConfig(harness.configPath, root: ["database": .string(uri.description)])
        return harness
    }

    /// One number from the database, over a connection of its own.
    static func count(_ uri: PostgresURI, _ sql: String) throws -> Int {
        let connection = try PostgresConnection.connect(uri, settings: PostgresSessionSettings(role: "tests"))
        defer { connection.close() }
        return try connection.execute(sql).scalar(Int.self) ?? 0
    }
}

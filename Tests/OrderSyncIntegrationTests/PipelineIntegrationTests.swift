import Foundation
import OrderSyncCLI
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// The pipeline end to end, for every registered dialect, against the in-process simulator and
/// through the CLI: a backfill ends equal to the data set (every canonical column, lines and
/// invoices: `DatasetComparison`); after upstream changes polls converge; malformed items are
/// rejected and the rest loads; an interrupted backfill resumes and ends equal, with no
/// duplicates; `verify` finds orders deleted upstream and rows lost here, and `--repair` settles
/// both. A new dialect is tested here by being in the registries.
@Suite("Pipeline against the simulator")
struct PipelineIntegrationTests {
    /// The product's dialects and the test-only sixth (`Tests/SixthDialect`).
    static let dialects = TestDialects.names

    static func count(_ table: String, _ harness: SyncHarness, _ dialect: String) throws -> Int {
        try DatasetComparison.count(table, database: harness.databasePath, source: harness.sourceName(dialect))
    }

    static func simDialect(_ dialect: String) throws -> SimDialect {
        try #require(SimDialect(rawValue: dialect), "every registered dialect has a simulated upstream")
    }

    /// Options that make every upstream change visible on the next poll: periodic sweeps run
    /// on every poll. Declared options only, so the configuration stays valid for each dialect.
    static func everyPollOptions(_ dialect: String) -> JSONObject {
        let sweepIntervals = (DialectRegistry.adapter(named: dialect)?.optionDeclarations ?? [])
            .filter { $0.key.hasSuffix("_interval_seconds") }
            .map { JSONObject.Member(key: $0.key, value: .number("0")) }
        return sweepIntervals.isEmpty ? JSONObject() : JSONObject(["options": .object(JSONObject(sweepIntervals))])
    }

    @Test("backfill loads exactly the upstream data set, once", arguments: dialects)
    func backfillEqualsDataset(dialect: String) async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: [dialect], extra: ["page_size": .number("25")])
            let code = await harness.ordersync("backfill", "--source", harness.sourceName(dialect), "--since", "2020-01-01")
            #expect(code == .success, "\(harness.output.current.suffix(5))")
            let differences = try harness.differences(dialect)
            #expect(differences == [], "\(differences.prefix(10))")
            let snapshot = harness.simulator.snapshot(of: try Self.simDialect(dialect))
            #expect(try Self.count("order_lines", harness, dialect) == snapshot.reduce(0) { $0 + $1.lines.count })
            #expect(try Self.count("order_status_history", harness, dialect) == snapshot.count, "one first sighting per order")
            #expect(try Self.count("rejected_records", harness, dialect) == 0)
        }
    }

    @Test("polls after upstream changes bring the database back to equal", arguments: dialects)
    func pollsConverge(dialect: String) async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: [dialect], extra: Self.everyPollOptions(dialect))
            #expect(await harness.ordersync("run", "--once") == .success, "\(harness.output.current.suffix(5))")
            #expect(try harness.differences(dialect) == [])
            var history = try Self.count("order_status_history", harness, dialect)
            // Two rounds, so that changes of orders changed before are seen too.
            for round in 1...2 {
                harness.simulator.mutate(try Self.simDialect(dialect), count: 40)
                #expect(try harness.differences(dialect) != [], "round \(round): the mutation changed nothing")
                #expect(await harness.ordersync("run", "--once") == .success, "\(harness.output.current.suffix(5))")
                let differences = try harness.differences(dialect)
                #expect(differences == [], "round \(round): \(differences.prefix(10))")
                let after = try Self.count("order_status_history", harness, dialect)
                #expect(after > history, "round \(round): status changes are recorded in order_status_history")
                history = after
            }
            #expect(try Self.count("rejected_records", harness, dialect) == 0)
        }
    }

    @Test("malformed list items become rejected records and the rest still syncs", arguments: dialects)
    func malformedItemsAreRejected(dialect: String) async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: [dialect], extra: ["page_size": .number("25")])
            // Missing id, unparseable date, non-numeric amount, wrong type, null item: one each.
            harness.simulator.inject(SimFault(dialect: try Self.simDialect(dialect), kind: .badRecord, count: 5))
            let code = await harness.ordersync("backfill", "--source", harness.sourceName(dialect), "--since", "2020-01-01")
            #expect(code == .success, "\(harness.output.current.suffix(5))")
            let differences = try harness.differences(dialect)
            #expect(differences == [], "\(differences.prefix(10))")
            #expect(try Self.count("rejected_records", harness, dialect) == 5)
        }
    }

    @Test("an interrupted backfill resumes from its checkpoint and ends equal", arguments: dialects)
    func interruptedBackfillResumes(dialect: String) async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: [dialect],
                                          extra: ["page_size": .number("5"), "slice_days": .number("60")])
            let source = harness.sourceName(dialect)
            let since = "2020-01-01"
            // What a whole backfill costs, then the same from an empty database with the upstream
            // dying half-way: the run fails, keeps what it committed and its checkpoint.
            var before = harness.simulator.stats().totalRequests
            #expect(await harness.ordersync("backfill", "--source", source, "--since", since) == .success)
            let full = harness.simulator.stats().totalRequests - before
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: harness.databasePath + suffix) }

            let interrupted = try await harness.interruptedBackfill(dialect, since: try TimestampParser.parseDate(since),
                                                                   afterRequests: full / 2)
            #expect(interrupted.outcome == .failed)
            let stored = interrupted.storedOrders
            #expect(stored > 0 && stored < 200, "part of the history was committed before the failure (\(stored))")
            let checkpoint = try #require(interrupted.checkpoint)
            #expect(!checkpoint.contains("completed_at"))

            before = harness.simulator.stats().totalRequests
            #expect(await harness.ordersync("backfill", "--source", source, "--since", since) == .success,
                    "\(harness.output.current.suffix(5))")
            let resumed = harness.simulator.stats().totalRequests - before
            let differences = try harness.differences(dialect)
            #expect(differences == [], "\(differences.prefix(10))")
            #expect(try Self.count("order_status_history", harness, dialect) == 200, "no order was stored twice")
            #expect(resumed < full, "resumed with \(resumed) requests, a whole backfill takes \(full)")
            let store = try SQLiteStore(path: harness.databasePath)
            #expect(try await store.checkpoint(source: source, stream: "backfill")?.contains("completed_at") == true)
        }
    }

    @Test("verify finds orders deleted upstream and rows lost here; --repair flags and restores them", arguments: dialects)
    func verifyRepairsDeletions(dialect: String) async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: [dialect])
            let source = harness.sourceName(dialect)
            #expect(await harness.ordersync("run", "--once") == .success, "\(harness.output.current.suffix(5))")
            #expect(await harness.ordersync("verify") == .success, "\(harness.output.current.suffix(5))")
            // Times have whole seconds, and verify does not call an order gone that was first
            // seen in the second it started.
            try await Task.sleep(for: .milliseconds(1_100))
            let gone = Set(harness.simulator.delete(try Self.simDialect(dialect), count: 3))
            let db = try Database(path: harness.databasePath)
            let lost = try db.makeStatement("""
                SELECT order_id FROM orders WHERE source = ?1 AND order_id NOT IN (SELECT order_id FROM invoices WHERE source = ?1)
                ORDER BY order_id
                """).query(source).compactMap { $0.string(0) }.filter { !gone.contains($0) }.prefix(2)
            try #require(gone.count == 3 && lost.count == 2)
            for id in lost {
                try db.makeStatement("DELETE FROM order_lines WHERE source = ?1 AND order_id = ?2").execute(source, id)
                try db.makeStatement("DELETE FROM orders WHERE source = ?1 AND order_id = ?2").execute(source, id)
            }

            #expect(await harness.ordersync("verify") == .failure, "the deletions and the lost rows are differences")
            #expect(await harness.ordersync("verify", "--repair") == .success, "\(harness.output.current.suffix(5))")
            #expect(await harness.ordersync("verify") == .success, "\(harness.output.current.suffix(5))")
            let flagged = try db.makeStatement("SELECT order_id FROM orders WHERE source = ?1 AND deleted_upstream_at IS NOT NULL")
                .query(source).compactMap { $0.string(0) }
            #expect(Set(flagged) == gone, "flagged, never deleted")
            // The flagged orders (and their invoices, kept with them) are the only differences.
            var expected = ["\(source): 200 orders stored, 197 upstream"]
            let invoices = try Self.count("invoices", harness, dialect)
            let keptInvoices = try gone.reduce(0) { total, id in
                try total + (db.makeStatement("SELECT count(*) FROM invoices WHERE source = ?1 AND order_id = ?2")
                    .scalar(source, id)?.intValue ?? 0)
            }
            if keptInvoices > 0 { expected.append("\(source): \(invoices) invoices stored, \(invoices - keptInvoices) upstream") }
            let differences = try harness.differences(dialect)
            #expect(differences == expected, "\(differences.prefix(10))")
        }
    }
}

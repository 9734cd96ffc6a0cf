import Foundation
import OrderSyncCLI
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// The mobility pipeline end to end against the in-process simulator, through the CLI: a
/// backfill ends equal to the data set; after upstream changes a poll converges; an interrupted
/// backfill resumes from its checkpoint and ends equal.
@Suite("mobility against the simulator")
struct MobilityPipelineTests {
    static let dialect = "mobility"
    static let source = MobilityDatabase.source

    @Test("backfill loads exactly the upstream data set, once")
    func backfillEqualsDataset() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: [Self.dialect], extra: ["page_size": .number("25")])
            let code = await harness.ordersync("backfill", "--source", Self.source, "--since", "2020-01-01")
            #expect(code == .success, "\(harness.output.current)")
            #expect(try harness.differences(Self.dialect) == [])
            let snapshot = harness.simulator.snapshot(of: .mobility)
            #expect(try DatasetComparison.count("orders", database: harness.databasePath, source: Self.source) == snapshot.count)
            #expect(try DatasetComparison.count("order_lines", database: harness.databasePath, source: Self.source)
                    == snapshot.reduce(0) { $0 + $1.lines.count })
            #expect(try DatasetComparison.count("order_status_history", database: harness.databasePath, source: Self.source) == 200)
            #expect(try DatasetComparison.count("rejected_records", database: harness.databasePath, source: Self.source) == 0)
            // The simulator's currencies include JPY (0 decimals) and KWD (3): all compared above.
            #expect(Set(snapshot.compactMap(\.currency)).isSuperset(of: ["JPY", "KWD", "EUR"]))
            // Every raw status text, the unmapped "Awaiting Approval" included, is kept as received.
            let db = try Database(path: harness.databasePath, options: Database.OpenOptions(readOnly: true, create: false))
            let unknown = try db.makeStatement("SELECT DISTINCT status FROM orders WHERE source = ?1 AND status_raw = 'Awaiting Approval'")
                .query(Self.source).compactMap { $0.string(0) }
            #expect(unknown == ["unknown"])
        }
    }

    @Test("a poll after upstream changes brings the database back to equal")
    func pollConverges() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: [Self.dialect])
            #expect(await harness.ordersync("run", "--once") == .success, "\(harness.output.current)")
            #expect(try harness.differences(Self.dialect) == [])
            // The first sweep has no previous one to filter from: it reads every stored order's invoices.
            #expect(try MobilityDatabase.invoices(harness) == MobilityDatabase.allInvoices(harness))
            let historyBefore = try DatasetComparison.count("order_status_history", database: harness.databasePath, source: Self.source)

            harness.simulator.mutate(.mobility, count: 40)
            #expect(try harness.differences(Self.dialect) != [], "the mutation should have changed something upstream")
            #expect(await harness.ordersync("run", "--once") == .success, "\(harness.output.current)")
            let differences = try harness.differences(Self.dialect)
            #expect(differences == [], "\(differences.prefix(10))")
            let historyAfter = try DatasetComparison.count("order_status_history", database: harness.databasePath, source: Self.source)
            #expect(historyAfter > historyBefore, "status changes are recorded in order_status_history")
        }
    }

    @Test("an interrupted backfill resumes from its checkpoint and ends equal")
    func interruptedBackfillResumes() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: [Self.dialect], extra: ["page_size": .number("5")])
            let since = try TimestampParser.parseDate("2020-01-01")
            let interrupted = try await harness.interruptedBackfill(Self.dialect, since: since, afterRequests: 60)
            #expect(interrupted.outcome == .failed)
            let stored = interrupted.storedOrders
            #expect(stored > 0 && stored < 200, "part of the history was committed before the failure (\(stored))")
            let store = try OrderStore(path: harness.databasePath)
            let checkpoint = try #require(interrupted.checkpoint)
            #expect(!checkpoint.contains("completed_at"))

            let requestsBefore = harness.simulator.stats().totalRequests
            #expect(await harness.ordersync("backfill", "--source", Self.source, "--since", "2020-01-01") == .success)
            #expect(try harness.differences(Self.dialect) == [])
            #expect(try DatasetComparison.count("order_lines", database: harness.databasePath, source: Self.source)
                    == harness.simulator.snapshot(of: .mobility).reduce(0) { $0 + $1.lines.count })
            // A full reload is 1 statuses request + 40 list pages + 200 details + 200 invoice lists;
            // resuming lists only the pages after the checkpoint and fetches details only for what they add.
            let resumedRequests = harness.simulator.stats().totalRequests - requestsBefore
            #expect(resumedRequests < 1 + 200 / 5 + 200 + 200, "resumed, not restarted (\(resumedRequests) requests)")
            #expect(try MobilityDatabase.invoices(harness) == MobilityDatabase.allInvoices(harness), "a backfill loads invoices too")
            let finalCheckpoint = try store.checkpoint(source: Self.source, stream: "backfill")
            #expect(finalCheckpoint?.contains("completed_at") == true)
        }
    }
}

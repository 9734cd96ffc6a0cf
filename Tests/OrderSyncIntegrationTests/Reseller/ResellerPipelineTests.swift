import Foundation
import OrderSyncCLI
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// The reseller pipeline end to end against the in-process simulator, through the CLI: a backfill
/// ends equal to the data set; after upstream changes a poll converges; an interrupted backfill
/// resumes and ends equal, with no duplicates.
@Suite("reseller against the simulator")
struct ResellerPipelineTests {
    static let dialect = "reseller"

    static func count(_ table: String, _ harness: SyncHarness) throws -> Int {
        try DatasetComparison.count(table, database: harness.databasePath, source: harness.sourceName(dialect))
    }

    @Test func backfillLoadsExactlyTheDataSet() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: [Self.dialect], extra: ["page_size": .number("25")])
            let code = await harness.ordersync("backfill", "--source", harness.sourceName(Self.dialect), "--since", "2020-01-01")
            #expect(code == .success, "\(harness.output.current.suffix(5))")
            #expect(try harness.differences(Self.dialect) == [])
            #expect(try Self.count("order_status_history", harness) == 200, "one first sighting per order, no duplicates")
            #expect(try Self.count("rejected_records", harness) == 0)
            let lines = harness.simulator.snapshot(of: .reseller).reduce(0) { $0 + $1.lines.count }
            #expect(try Self.count("order_lines", harness) == lines)
        }
    }

    @Test func malformedItemsAreRejectedWithTheirReasonAndTheRestLoads() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: [Self.dialect], extra: ["page_size": .number("25")])
            // Missing id, unparseable submit_date, non-numeric total, id of the wrong type, null item.
            harness.simulator.inject(SimFault(dialect: .reseller, pathPrefix: "/api/v1/orders", kind: .badRecord, count: 5))
            #expect(await harness.ordersync("run", "--once") == .success, "\(harness.output.current.suffix(5))")
            #expect(try harness.differences(Self.dialect) == [])
            let db = try Database(path: harness.databasePath, options: Database.OpenOptions(readOnly: true, create: false))
            let reasons = try db.makeStatement("SELECT reason FROM rejected_records WHERE source = ?1 ORDER BY rowid")
                .query(harness.sourceName(Self.dialect)).compactMap { $0.string(0) }
            #expect(reasons.count == 5, "\(reasons)")
            #expect(reasons.contains { $0.hasPrefix("submit_date:") }, "\(reasons)")
            #expect(reasons.contains { $0.hasPrefix("total:") }, "\(reasons)")
            #expect(reasons.filter { $0.contains("no id") }.count == 2, "\(reasons)")
        }
    }

    @Test func aPollAfterUpstreamChangesConverges() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: [Self.dialect])
            #expect(await harness.ordersync("run", "--once") == .success, "\(harness.output.current.suffix(5))")
            #expect(try harness.differences(Self.dialect) == [])
            let historyBefore = try Self.count("order_status_history", harness)

            harness.simulator.mutate(.reseller, count: 40)
            #expect(try harness.differences(Self.dialect) != [], "the mutation should have changed something upstream")
            #expect(await harness.ordersync("run", "--once") == .success, "\(harness.output.current.suffix(5))")
            let differences = try harness.differences(Self.dialect)
            #expect(differences == [], "\(differences.prefix(10))")
            #expect(try Self.count("order_status_history", harness) > historyBefore, "status changes are recorded")
            let expectedLines = harness.simulator.snapshot(of: .reseller).reduce(0) { $0 + $1.lines.count }
            #expect(try Self.count("order_lines", harness) == expectedLines, "edited lines replace the old ones")
        }
    }

    @Test func anInterruptedBackfillResumesAndEndsEqual() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(
                directory: directory, dialects: [Self.dialect], extra: ["page_size": .number("5"), "slice_days": .number("60")])
            let source = harness.sourceName(Self.dialect)
            // The login and some pages go through, then the upstream dies mid-history.
            // From where the simulator's history starts, so the first requests are not all empty slices.
            let sinceText = Instant(Date()).adding(seconds: -370 * 86_400).dateText(in: TimeZone(identifier: "UTC")!)
            let since = try TimestampParser.parseDate(sinceText)
            let interrupted = try await harness.interruptedBackfill(Self.dialect, since: since, afterRequests: 20)
            #expect(interrupted.outcome == .failed)
            let stored = interrupted.storedOrders
            #expect(stored > 0 && stored < 200, "part of the history was committed before the failure (\(stored))")
            let store = try OrderStore(path: harness.databasePath)
            let checkpoint = try #require(interrupted.checkpoint)
            #expect(!checkpoint.contains("completed_at"))

            var requestsBefore = harness.simulator.stats().totalRequests
            #expect(await harness.ordersync("backfill", "--source", source, "--since", sinceText) == .success)
            let resumed = harness.simulator.stats().totalRequests - requestsBefore
            #expect(try harness.differences(Self.dialect) == [])
            #expect(try Self.count("order_status_history", harness) == 200, "no order was stored twice")
            #expect(try store.checkpoint(source: source, stream: "backfill")?.contains("completed_at") == true)

            // The same range from scratch, for comparison: resuming skipped what was committed.
            requestsBefore = harness.simulator.stats().totalRequests
            #expect(await harness.ordersync("backfill", "--source", source, "--since", sinceText, "--restart") == .success)
            let full = harness.simulator.stats().totalRequests - requestsBefore
            #expect(resumed < full, "resumed with \(resumed) requests, a full reload takes \(full)")
            #expect(try harness.differences(Self.dialect) == [])
        }
    }
}

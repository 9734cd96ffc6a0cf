import Foundation
import OrderSyncCLI
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// The pipeline end to end, per dialect, against the in-process simulator and through the CLI:
/// a backfill ends equal to the data set; after upstream changes a poll converges; an interrupted
/// backfill resumes and ends equal, with no duplicates.
@Suite("Pipeline against the simulator")
struct PipelineIntegrationTests {
    static let dialects = ["erp", "lifecycle"]

    @Test("backfill loads exactly the upstream data set", arguments: dialects)
    func backfillEqualsDataset(dialect: String) async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: [dialect], extra: ["page_size": .number("25")])
            let code = await harness.ordersync("backfill", "--source", harness.sourceName(dialect), "--since", "2020-01-01")
            #expect(code == .success, "\(harness.output.current)")
            #expect(try harness.differences(dialect) == [])
            #expect(try DatasetComparison.count("order_status_history", database: harness.databasePath, source: harness.sourceName(dialect)) == 200)
        }
    }

    @Test("a poll after upstream changes brings the database back to equal", arguments: dialects)
    func pollConverges(dialect: String) async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: [dialect])
            #expect(await harness.ordersync("run", "--once") == .success)
            #expect(try harness.differences(dialect) == [])
            let historyBefore = try DatasetComparison.count("order_status_history", database: harness.databasePath, source: harness.sourceName(dialect))

            harness.simulator.mutate(SimDialect(rawValue: dialect)!, count: 40)
            #expect(try harness.differences(dialect) != [], "the mutation should have changed something upstream")
            #expect(await harness.ordersync("run", "--once") == .success, "\(harness.output.current)")
            let differences = try harness.differences(dialect)
            #expect(differences == [], "\(differences.prefix(10))")
            let historyAfter = try DatasetComparison.count("order_status_history", database: harness.databasePath, source: harness.sourceName(dialect))
            #expect(historyAfter > historyBefore, "status changes are recorded in order_status_history")
        }
    }

    @Test("an interrupted backfill resumes from its checkpoint and ends equal", arguments: dialects)
    func interruptedBackfillResumes(dialect: String) async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: [dialect], extra: ["page_size": .number("5"), "slice_days": .number("60")])
            let source = harness.sourceName(dialect)
            // Let some requests through, then the upstream dies: the run must fail, keep what it
            // committed, and leave the checkpoint on the last committed page.
            let since = try TimestampParser.parseDate("2020-01-01")
            let interrupted = try await harness.interruptedBackfill(dialect, since: since, afterRequests: 60)
            #expect(interrupted.outcome == .failed)
            let stored = interrupted.storedOrders
            #expect(stored > 0 && stored < 200, "part of the history was committed before the failure (\(stored))")
            let store = try OrderStore(path: harness.databasePath)
            let checkpoint = try #require(interrupted.checkpoint)
            #expect(!checkpoint.contains("completed_at"))

            let saved = try #require(try JSONValue.parse(checkpoint).objectValue)
            let resumedSlice = try #require(saved["slice_from"]?.stringValue?.prefix(10))
            let resumedPage = try #require(saved["page"]?.scalarText)

            let requestsBefore = harness.simulator.stats().totalRequests
            let recorder = RecordingTransport()
            let resumed = try #require(try harness.environment(transport: recorder).sync(named: source))
            #expect(await resumed.backfill(since: since, until: nil).outcome == .ok)
            // It starts where the checkpoint points: that slice, that page; nothing before it again.
            let lists = recorder.events.current.filter { $0.path.hasSuffix(dialect == "erp" ? "/obapi/v1/orders" : "/api/orders/list") }
            let first = try #require(lists.first)
            let startParameter = dialect == "erp" ? "date_start" : "date_from"
            #expect(first.query.first { $0.name == startParameter }?.value == String(resumedSlice))
            #expect(first.query.first { $0.name == "page" }?.value == resumedPage)
            #expect(lists.allSatisfy { ($0.query.first { $0.name == startParameter }?.value ?? "") >= String(resumedSlice) })
            #expect(try harness.differences(dialect) == [])
            #expect(try DatasetComparison.count("order_lines", database: harness.databasePath, source: source)
                    == harness.simulator.snapshot(of: SimDialect(rawValue: dialect)!).reduce(0) { $0 + $1.lines.count })
            // A full reload would list every page again and fetch every detail; resuming fetches
            // only the orders not committed before the failure.
            let resumedRequests = harness.simulator.stats().totalRequests - requestsBefore
            #expect(resumedRequests < 200 + 200 / 5, "resumed, not restarted (\(resumedRequests) requests)")
            let finalCheckpoint = try store.checkpoint(source: source, stream: "backfill")
            #expect(finalCheckpoint?.contains("completed_at") == true, "\(String(describing: finalCheckpoint)) \(harness.output.current.suffix(5))")
        }
    }
}

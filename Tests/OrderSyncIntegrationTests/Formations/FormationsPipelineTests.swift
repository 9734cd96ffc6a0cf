import Foundation
import OrderSyncCLI
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// formations' own pipeline case: resuming over a small fixed server page, where a restart costs
/// only list pages. Backfill, polls, malformed items and resuming are tested for every dialect in
/// `PipelineIntegrationTests`.
@Suite("formations against the simulator")
struct FormationsPipelineTests {
    static let dialect = "formations"

    static func requests(_ harness: SyncHarness) -> Int {
        harness.simulator.stats().requests[.formations] ?? 0
    }

    static func count(_ table: String, _ harness: SyncHarness) throws -> Int {
        try DatasetComparison.count(table, database: harness.databasePath, source: harness.sourceName(dialect))
    }

    @Test("an interrupted backfill resumes from its checkpoint and ends equal")
    func interruptedBackfillResumes() async throws {
        try await withTemporaryDirectory { directory in
            // A small fixed page on the server, declared to the source: many pages to resume between.
            var simulator = SimulatorConfiguration()
            simulator.formationsPageSize = 5
            let harness = try SyncHarness(
                directory: directory, dialects: [Self.dialect], simulator: simulator,
                extra: ["page_size": .number("5"), "slice_days": .number("60")])
            let source = harness.sourceName(Self.dialect)
            let since = try TimestampParser.parseDate("2020-01-01")
            let interrupted = try await harness.interruptedBackfill(Self.dialect, since: since, afterRequests: 60)
            #expect(interrupted.outcome == .failed)
            let stored = interrupted.storedOrders
            #expect(stored > 0 && stored < 200, "part of the history was committed before the failure (\(stored))")
            let store = try SQLiteStore(path: harness.databasePath)
            let checkpoint = try #require(interrupted.checkpoint)
            #expect(!checkpoint.contains("completed_at"))

            let before = Self.requests(harness)
            #expect(await harness.ordersync("backfill", "--source", source, "--since", "2020-01-01") == .success)
            #expect(try harness.differences(Self.dialect) == [])
            #expect(try Self.count("order_lines", harness)
                    == harness.simulator.snapshot(of: .formations).reduce(0) { $0 + $1.lines.count })
            #expect(try Self.count("order_status_history", harness) == 200, "no order was stored twice")
            // A full reload lists every page again (200 / 5 at least) and fetches every order's lines.
            let resumed = Self.requests(harness) - before
            #expect(resumed < 200 + 200 / 5, "resumed, not restarted (\(resumed) requests)")
            #expect(try await store.checkpoint(source: source, stream: "backfill")?.contains("completed_at") == true)

            // What one whole walk of the list costs: a restart over stored, unchanged orders
            // fetches no lines, so its requests are the list pages alone.
            let beforeRestart = Self.requests(harness)
            #expect(await harness.ordersync("backfill", "--source", source, "--since", "2020-01-01", "--restart") == .success)
            let listPages = Self.requests(harness) - beforeRestart
            // The resumed run fetched the lines of exactly the orders not yet committed, and
            // listed fewer pages than a whole walk: it started where the failed run stopped.
            #expect(resumed - (200 - stored) < listPages, "\(resumed) requests, \(stored) stored, a walk is \(listPages) pages")
            #expect(try Self.count("order_status_history", harness) == 200)
        }
    }

}

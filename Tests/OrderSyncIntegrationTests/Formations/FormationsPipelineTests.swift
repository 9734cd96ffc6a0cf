import Foundation
import OrderSyncCLI
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// The formations pipeline end to end against the in-process simulator, through the CLI the way
/// an operator runs it: backfill, polls after upstream changes, an interrupted backfill.
@Suite("formations against the simulator")
struct FormationsPipelineTests {
    static let dialect = "formations"

    static func requests(_ harness: SyncHarness) -> Int {
        harness.simulator.stats().requests[.formations] ?? 0
    }

    static func count(_ table: String, _ harness: SyncHarness) throws -> Int {
        try DatasetComparison.count(table, database: harness.databasePath, source: harness.sourceName(dialect))
    }

    @Test("backfill loads exactly the upstream data set, once")
    func backfillEqualsDataset() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: [Self.dialect])
            let code = await harness.ordersync("backfill", "--source", harness.sourceName(Self.dialect), "--since", "2020-01-01")
            #expect(code == .success, "\(harness.output.current.suffix(5))")
            #expect(try harness.differences(Self.dialect) == [])
            let snapshot = harness.simulator.snapshot(of: .formations)
            #expect(try Self.count("orders", harness) == snapshot.count)
            #expect(try Self.count("order_lines", harness) == snapshot.reduce(0) { $0 + $1.lines.count })
            #expect(try Self.count("order_status_history", harness) == snapshot.count)
            #expect(try Self.count("rejected_records", harness) == 0)
        }
    }

    @Test("polls after upstream changes bring the database back to equal")
    func pollsConverge() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: [Self.dialect])
            #expect(await harness.ordersync("run", "--once") == .success)
            #expect(try harness.differences(Self.dialect) == [])
            var history = try Self.count("order_status_history", harness)
            // Several rounds, so that open → open, open → terminal, open → 950 (unmapped) and
            // 950 → anything all happen, with line edits on open and unmapped orders.
            for round in 1...3 {
                harness.simulator.mutate(.formations, count: 40)
                #expect(try harness.differences(Self.dialect) != [], "round \(round): the mutation changed nothing")
                #expect(await harness.ordersync("run", "--once") == .success, "\(harness.output.current.suffix(5))")
                let differences = try harness.differences(Self.dialect)
                #expect(differences == [], "round \(round): \(differences.prefix(10))")
                let after = try Self.count("order_status_history", harness)
                #expect(after > history, "round \(round): status changes are recorded")
                history = after
            }
            #expect(try Self.count("rejected_records", harness) == 0)
        }
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
            let store = try OrderStore(path: harness.databasePath)
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
            #expect(try store.checkpoint(source: source, stream: "backfill")?.contains("completed_at") == true)

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

    @Test("malformed list items become rejected records and the rest still syncs")
    func malformedItemsAreRejected() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: [Self.dialect])
            // Missing id, unparseable date, non-numeric amount, wrong type, null item.
            harness.simulator.inject(SimFault(dialect: .formations, kind: .badRecord, count: 5))
            let code = await harness.ordersync("backfill", "--source", harness.sourceName(Self.dialect), "--since", "2020-01-01")
            #expect(code == .success, "\(harness.output.current.suffix(5))")
            #expect(try harness.differences(Self.dialect) == [])
            #expect(try Self.count("rejected_records", harness) == 5)
        }
    }
}

import Foundation
import OrderSyncCLI
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// What a poll costs when nothing changed upstream, counted by the simulator: the figure
/// `docs/dialects/mobility.md` quotes for the default data set (200 orders, page size 100).
@Suite("mobility idle poll")
struct MobilityIdlePollTests {
    @Test("an idle poll is the statuses table plus the first list pages; a due sweep adds one or two requests per parent")
    func idlePollCost() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["mobility"])
            #expect(await harness.ordersync("run", "--once") == .success)

            var before = harness.simulator.stats().totalRequests
            #expect(await harness.ordersync("run", "--once") == .success)
            let idle = harness.simulator.stats().totalRequests - before
            // 1 statuses request + the list pages down to the first page wholly older than
            // the cursor minus the lookback; no details (nothing changed), no sweep (not due).
            #expect((2...3).contains(idle), "\(idle) requests")

            let store = try SQLiteStore(path: harness.databasePath)
            let parents = try await store.orderIDs(source: MobilityDatabase.source, orderedSince: Instant.now().adding(seconds: -60 * 86_400),
                                             includeOpen: true).count
            try await MobilityDatabase.backdateInvoiceSweep(harness, bySeconds: 3_601)
            before = harness.simulator.stats().totalRequests
            #expect(await harness.ordersync("run", "--once") == .success)
            let withSweep = harness.simulator.stats().totalRequests - before
            // Each parent: one issued-since query and one paid-since query, one page each.
            #expect(withSweep == idle + 2 * parents, "\(withSweep) requests, \(parents) parents")
            print("mobility idle poll: \(idle) requests; with a due sweep: \(withSweep) (\(parents) parents)")
        }
    }
}

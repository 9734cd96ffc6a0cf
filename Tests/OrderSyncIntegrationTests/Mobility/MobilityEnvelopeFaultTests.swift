import Foundation
import OrderSyncCLI
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// `success: false` in a 200 body fails the run with the provider's message; the next poll
/// recovers.
@Suite("mobility success:false")
struct MobilityEnvelopeFaultTests {
    @Test("an unsuccessful envelope fails the run with its message, and a later poll recovers")
    func unsuccessfulEnvelope() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["mobility"])
            // The first request of a run is the statuses table.
            harness.simulator.inject(SimFault(dialect: .mobility, kind: .unsuccessful(message: "Order service is in maintenance")))
            #expect(await harness.ordersync("run", "--once") == .failure)
            var run = try MobilityDatabase.lastRun(harness)
            #expect(run.outcome == "failed")
            #expect(run.error?.contains("Order service is in maintenance") == true, "\(String(describing: run.error))")
            #expect(run.error?.contains("/v2.3/orders/statuses") == true)
            #expect(harness.output.current.contains { $0.contains("Order service is in maintenance") })
            #expect(try DatasetComparison.count("orders", database: harness.databasePath, source: MobilityDatabase.source) == 0)

            // Mid-run: a detail request (paths /v2.3/orders/1xx) answers success:false.
            harness.simulator.inject(SimFault(dialect: .mobility, pathPrefix: "/v2.3/orders/1",
                                              kind: .unsuccessful(message: "Order 1xx is locked")))
            #expect(await harness.ordersync("run", "--once") == .failure)
            run = try MobilityDatabase.lastRun(harness)
            #expect(run.outcome == "failed")
            #expect(run.error?.contains("Order 1xx is locked") == true, "\(String(describing: run.error))")
            #expect(harness.simulator.stats().faults["unsuccessful"] == 2)

            #expect(await harness.ordersync("run", "--once") == .success, "\(harness.output.current.suffix(5))")
            #expect(try MobilityDatabase.lastRun(harness).outcome == "ok")
            #expect(try harness.differences("mobility") == [])
        }
    }
}

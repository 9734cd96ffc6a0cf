import Foundation
import OrderSyncCLI
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// `success: false` in a 200 body is a transient failure: retried with the source's backoff like a
/// 503. One that persists through every attempt fails the run with the provider's message when it
/// is the list or the reference data; on one order's detail it defers that order alone, the rest
/// of the page is stored, and the next run retries it first.
@Suite("mobility success:false")
struct MobilityEnvelopeFaultTests {
    static let extra: JSONObject = [
        "http": .object(["max_attempts": .number("3"), "initial_backoff_ms": .number("1"), "max_backoff_seconds": .number("1"),
                         "requests_per_second": .number("1000")]),
    ]

    @Test("one unsuccessful envelope is retried and the run succeeds")
    func transientEnvelope() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["mobility"], extra: Self.extra)
            // The first request of a run is the statuses table.
            harness.simulator.inject(SimFault(dialect: .mobility, kind: .unsuccessful(message: "Temporary failure, please retry")))
            #expect(await harness.ordersync("run", "--once") == .success, "\(harness.output.current.suffix(5))")
            #expect(harness.simulator.stats().faults["unsuccessful"] == 1)
            #expect(try harness.differences("mobility") == [])
        }
    }

    @Test("an envelope failure through every attempt fails the run with its message; a later poll recovers")
    func persistentEnvelope() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["mobility"], extra: Self.extra)
            harness.simulator.inject(SimFault(dialect: .mobility, kind: .unsuccessful(message: "Order service is in maintenance"), count: 3))
            #expect(await harness.ordersync("run", "--once") == .failure)
            let run = try MobilityDatabase.lastRun(harness)
            #expect(run.outcome == "failed")
            #expect(run.error?.contains("Order service is in maintenance") == true, "\(String(describing: run.error))")
            #expect(run.error?.contains("/v2.3/orders/statuses") == true)
            #expect(harness.output.current.contains { $0.contains("Order service is in maintenance") })
            #expect(try DatasetComparison.count("orders", database: harness.databasePath, source: MobilityDatabase.source) == 0)

            #expect(await harness.ordersync("run", "--once") == .success, "\(harness.output.current.suffix(5))")
            #expect(try harness.differences("mobility") == [])
        }
    }

    @Test("one order's detail failing every attempt defers that order; the next run stores it")
    func deferredDetail() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["mobility"], extra: Self.extra)
            let victim = try #require(harness.simulator.snapshot(of: .mobility).map(\.id).max())
            harness.simulator.inject(SimFault(dialect: .mobility, pathPrefix: "/v2.3/orders/\(victim)",
                                              kind: .unsuccessful(message: "Order is locked"), count: 3))
            #expect(await harness.ordersync("run", "--once") == .success, "\(harness.output.current.suffix(5))")
            let deferred = try DatasetComparison.count("deferred_records", database: harness.databasePath, source: MobilityDatabase.source)
            #expect(deferred == 1)
            let stored = try DatasetComparison.count("orders", database: harness.databasePath, source: MobilityDatabase.source)
            #expect(stored == harness.simulator.snapshot(of: .mobility).count - 1, "every other order is stored")

            #expect(await harness.ordersync("run", "--once") == .success, "\(harness.output.current.suffix(5))")
            #expect(try DatasetComparison.count("deferred_records", database: harness.databasePath, source: MobilityDatabase.source) == 0)
            #expect(try harness.differences("mobility") == [])
        }
    }
}

import Foundation
import OrderSyncCLI
@testable import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// A cursor later than now (the clock was once ahead: an NTP step, a restored VM) must not make
/// a poll report "ok" while reading nothing: it is logged, clamped to now, and the lookback
/// behind now is read as usual. The clock is injected.
@Suite("Trust: cursors in the future")
struct FutureCursorTests {
    static let future = "2029-11-27T00:00:00Z"

    @Test("a date window whose cursor lies in the future reads the lookback behind now")
    func dateWindow() async throws {
        try await withTemporaryDirectory { directory in
            // A lookback of 30 days: the simulator places an order every day or two.
            let harness = try SyncHarness(directory: directory, dialects: ["erp"], extra: ["lookback_seconds": .number("2592000")])
            #expect(await harness.ordersync("run", "--once") == .success)
            let store = try SQLiteStore(path: harness.databasePath)
            let clock = Instant(harness.simulator.configuration.now)
            // Lose the orders of the last 29 days, and point the cursor into the future.
            let recent = try await recentOrders(store, source: "sim-erp", since: clock.adding(seconds: -29 * 86_400))
            try #require(!recent.isEmpty, "the simulator places orders every day")
            try await store.withDatabase { db in
                try db.execute("DELETE FROM orders WHERE source = 'sim-erp' AND ordered_at >= '\(clock.adding(seconds: -29 * 86_400).iso8601)'")
            }
            try await store.setCheckpoint(source: "sim-erp", stream: "orders", cursor: #"{"synced_through":"\#(Self.future)"}"#)

            let sync = try #require(try await harness.environment(now: { clock }).sync(named: "sim-erp"))
            let report = await sync.poll()
            #expect(report.outcome == .ok)
            #expect(try await recentOrders(store, source: "sim-erp", since: clock.adding(seconds: -29 * 86_400)) == recent, "the lost days are read again")
            #expect(harness.output.current.contains { $0.contains("lies in the future") && $0.contains(Self.future) && $0.contains("stream=orders") })
            let cursor = try #require(try await store.checkpoint(source: "sim-erp", stream: "orders"))
            #expect(cursor.contains(clock.iso8601), "the cursor is back at the run's start: \(cursor)")
        }
    }

    @Test("an invoice sweep recorded in the future sweeps now, unfiltered")
    func invoiceSweep() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["mobility"])
            #expect(await harness.ordersync("run", "--once") == .success)
            let store = try SQLiteStore(path: harness.databasePath)
            let invoices = try DatasetComparison.count("invoices", database: harness.databasePath, source: "sim-mobility")
            try #require(invoices > 0)
            try await store.withDatabase { db in try db.execute("DELETE FROM invoices WHERE source = 'sim-mobility'") }
            try await store.setCheckpoint(source: "sim-mobility", stream: "invoices", cursor: #"{"synced_through":"\#(Self.future)"}"#)

            let clock = Instant.now()
            let sync = try #require(try await harness.environment(now: { clock }).sync(named: "sim-mobility"))
            #expect(await sync.poll().outcome == .ok)
            // Recent and open orders' invoices are back; the oldest closed ones wait for a verify.
            let restored = try DatasetComparison.count("invoices", database: harness.databasePath, source: "sim-mobility")
            #expect(restored > 0, "the sweep ran at once instead of waiting for 2029")
            #expect(harness.output.current.contains { $0.contains("lies in the future") && $0.contains("stream=invoices") })
        }
    }

    private func recentOrders(_ store: SQLiteStore, source: String, since: Instant) async throws -> [String] {
        try await store.withDatabase { db in
            try db.makeStatement("SELECT order_id FROM orders WHERE source = ?1 AND ordered_at >= ?2 ORDER BY order_id")
                .query(source, since.iso8601).compactMap { $0.string(0) }
        }
    }
}

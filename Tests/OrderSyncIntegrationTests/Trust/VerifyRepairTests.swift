import Foundation
import OrderSyncCLI
@testable import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// `verify` finds what the cursors cannot see, and `--repair` settles it: rows deleted or
/// statuses changed in the database (also of orders in a terminal status), orders deleted
/// upstream (flagged, never deleted), and orders that come back.
@Suite("Trust: verify and repair")
struct VerifyRepairTests {
    @Test("rows lost and statuses changed in the database are found per window and restored")
    func databaseTampering() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp", "lifecycle"])
            #expect(await harness.ordersync("run", "--once") == .success)
            #expect(await harness.ordersync("verify") == .success)
            let store = try SQLiteStore(path: harness.databasePath)
            let (lost, changed) = try await store.withDatabase { db -> ([String], [String]) in
                let lost = try db.makeStatement("SELECT order_id FROM orders WHERE source = 'sim-erp' ORDER BY order_id LIMIT 3")
                    .query().compactMap { $0.string(0) }
                // Terminal orders too: their status can change upstream without any change filter seeing it.
                let changed = try db.makeStatement("""
                    SELECT order_id FROM orders WHERE source = 'sim-lifecycle' AND status IN ('completed', 'cancelled') ORDER BY order_id LIMIT 2
                    """).query().compactMap { $0.string(0) }
                try db.execute("DELETE FROM order_lines WHERE source = 'sim-erp' AND order_id IN ('\(lost.joined(separator: "','"))')")
                try db.execute("DELETE FROM orders WHERE source = 'sim-erp' AND order_id IN ('\(lost.joined(separator: "','"))')")
                try db.execute("UPDATE orders SET status = 'pending', status_raw = 'pending' WHERE source = 'sim-lifecycle' AND order_id IN ('\(changed.joined(separator: "','"))')")
                return (lost, changed)
            }
            try #require(lost.count == 3 && changed.count == 2)

            harness.output.withValue { $0.removeAll() }
            #expect(await harness.ordersync("verify", "--json") == .failure)
            let report = try #require(harness.output.current.compactMap { try? JSONValue.parse(Array($0.utf8)) }.first { $0["sources"] != nil })
            let bySource = Dictionary(uniqueKeysWithValues: (report["sources"]?.arrayValue ?? []).map { ($0["source"]?.stringValue ?? "", $0) })
            #expect(bySource["sim-erp"]?["missing_here"] == .number("3"))
            #expect(bySource["sim-erp"]?["equal"] == .bool(false))
            #expect(bySource["sim-lifecycle"]?["status_differs"] == .number("2"))
            let windows = bySource["sim-erp"]?["windows"]?.arrayValue ?? []
            #expect(Set(windows.flatMap { $0["missing_here"]?.arrayValue ?? [] }.compactMap(\.stringValue)) == Set(lost))

            #expect(await harness.ordersync("verify", "--repair") == .success)
            #expect(try harness.differences("erp") == [])
            #expect(try harness.differences("lifecycle") == [])
            #expect(await harness.ordersync("verify") == .success)
            #expect(try await store.withDatabase { db in
                try db.makeStatement("SELECT count(*) FROM sync_runs WHERE kind = 'verify'").scalar()?.intValue ?? 0
            } >= 6)
        }
    }

    @Test("orders deleted upstream are flagged, kept, recorded in the history, and cleared when they return")
    func deletionsUpstream() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp"])
            #expect(await harness.ordersync("run", "--once") == .success)
            let store = try SQLiteStore(path: harness.databasePath)
            let gone = Set(try await store.withDatabase { db in
                try db.makeStatement("SELECT order_id FROM orders WHERE source = 'sim-erp' ORDER BY ordered_at DESC LIMIT 4")
                    .query().compactMap { $0.string(0) }
            })
            let transport = HidingTransport(hiding: gone)
            let sync = try #require(try await harness.environment(transport: transport).sync(named: "sim-erp"))

            let found = await sync.verify(repair: false)
            #expect(found.run.outcome == .ok)
            #expect(found.goneUpstream == 4 && found.missingHere == 0 && !found.isEqual, "\(found.windows) \(found.run)")
            #expect(try await flagged(store) == [], "a plain verify changes nothing")

            let repaired = await sync.verify(repair: true)
            #expect(repaired.isEqual, "\(repaired.unresolved)")
            #expect(try await flagged(store) == gone)
            #expect(try DatasetComparison.count("orders", database: harness.databasePath, source: "sim-erp") == 200, "never hard-deleted")
            let events = try await store.withDatabase { db in
                try db.makeStatement("SELECT count(*) FROM order_status_history WHERE source = 'sim-erp' AND status_raw = ?1")
                    .scalar(SQLiteStore.deletedUpstreamMarker)?.intValue ?? 0
            }
            #expect(events == 4)
            #expect(await sync.verify(repair: false).isEqual, "flagged orders are not differences any more")

            transport.reveal(gone)
            let back = await sync.verify(repair: true)
            #expect(back.missingHere == 4 && back.isEqual)
            #expect(try await flagged(store) == [])
        }
    }

    @Test("an order the lists no longer show whose lookup fails is unverified, never flagged, never equal")
    func failedLookups() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp"], extra: ["http": .object(["max_attempts": .number("1")])])
            #expect(await harness.ordersync("run", "--once") == .success)
            let store = try SQLiteStore(path: harness.databasePath)
            let hidden = Set(try await store.withDatabase { db in
                try db.makeStatement("SELECT order_id FROM orders WHERE source = 'sim-erp' ORDER BY ordered_at DESC LIMIT 2")
                    .query().compactMap { $0.string(0) }
            })
            let sync = try #require(try await harness.environment(transport: HidingTransport(hiding: hidden, detailStatus: 503)).sync(named: "sim-erp"))
            let report = await sync.verify(repair: true)
            #expect(Set(report.unverified) == hidden)
            #expect(!report.isEqual, "a lookup that failed proves nothing")
            #expect(try await flagged(store) == [])
        }
    }

    @Test("resync reads one order now and says what changed")
    func resync() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp"])
            #expect(await harness.ordersync("run", "--once") == .success)
            let store = try SQLiteStore(path: harness.databasePath)
            let id = try #require(try await store.withDatabase { db in
                try db.makeStatement("SELECT order_id FROM orders WHERE source = 'sim-erp' ORDER BY order_id LIMIT 1").scalar()?.stringValue
            })
            try await store.withDatabase { db in try db.execute("UPDATE orders SET status_raw = 'tampered' WHERE source = 'sim-erp' AND order_id = '\(id)'") }
            harness.output.withValue { $0.removeAll() }
            #expect(await harness.ordersync("resync", "--source", "sim-erp", "--order", id, "--order", "no-such-order") == .failure)
            #expect(harness.output.current.contains { $0.contains("sim-erp \(id): status changed: tampered →") })
            #expect(harness.output.current.contains { $0.contains("no-such-order: not found upstream") })
            #expect(try harness.differences("erp") == [])
        }
    }

    private func flagged(_ store: SQLiteStore) async throws -> Set<String> {
        Set(try await store.withDatabase { db in
            try db.makeStatement("SELECT order_id FROM orders WHERE source = 'sim-erp' AND deleted_upstream_at IS NOT NULL")
                .query().compactMap { $0.string(0) }
        })
    }
}

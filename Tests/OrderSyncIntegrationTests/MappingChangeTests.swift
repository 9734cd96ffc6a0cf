import Foundation
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// A change to how records map (a `status_map` entry, a new binary) reaches the rows already
/// stored; slicing in a non-UTC zone loses nothing at slice edges; one parent gone upstream does
/// not stop an invoice sweep.
@Suite("Mapping changes, time zones, per-record refusals")
struct MappingChangeTests {
    @Test("a status_map entry added later re-maps stored orders: polls for what they read, --restart for all")
    func statusMapChangeReachesStoredRows() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp"])
            #expect(await harness.ordersync("run", "--once") == .success)
            #expect(try statuses(harness, raw: "validated") == ["confirmed"])
            #expect(try statuses(harness, raw: "delivered") == ["completed"])

            let text = try String(contentsOfFile: harness.configPath, encoding: .utf8).replacingOccurrences(
                of: "\"start_date\"", with: "\"status_map\": {\"validated\": \"pending\", \"delivered\": \"shipped\"}, \"start_date\"")
            try Data(text.utf8).write(to: URL(fileURLWithPath: harness.configPath))
            #expect(await harness.ordersync("run", "--once") == .success)
            #expect(try statuses(harness, raw: "validated") == ["pending"], "open orders are re-read by every poll")

            #expect(await harness.ordersync("backfill", "--source", "sim-erp", "--since", "2020-01-01", "--restart") == .success)
            #expect(try statuses(harness, raw: "delivered") == ["shipped"], "a restarted backfill re-maps every order")
            #expect(try harness.differences("erp") == [])
        }
    }

    @Test("windows sliced in a non-UTC zone lose nothing at slice edges", arguments: ["America/New_York", "Pacific/Chatham"])
    func nonUTCSlices(zone: String) async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp", "lifecycle"], extra: [
                "timezone": .string(zone), "slice_days": .number("7"), "page_size": .number("50"),
            ])
            #expect(await harness.ordersync("backfill", "--all", "--since", "2020-01-01") == .success)
            #expect(try harness.differences("erp") == [])
            #expect(try harness.differences("lifecycle") == [])
        }
    }

    @Test("an invoice sweep goes on past a parent the upstream refuses")
    func sweepSurvivesAGoneParent() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["mobility"])
            let snapshot = harness.simulator.snapshot(of: .mobility)
            let parentID = try #require(snapshot.first { !$0.invoices.isEmpty }?.id)
            harness.simulator.inject(SimFault(dialect: .mobility, pathPrefix: "/v2.3/orders/\(parentID)/invoices",
                                              kind: .status(404, retryAfter: nil), count: 10))
            let code = await harness.ordersync("run", "--once")
            #expect(code == .success)
            let stored = try scalar(harness, "SELECT count(*) FROM invoices WHERE source = 'sim-mobility'")
            let expected = snapshot.filter { $0.id != parentID }.reduce(0) { $0 + $1.invoices.count }
            #expect(stored == "\(expected)", "every other order's invoices are stored")
            let reason = try scalar(harness, "SELECT reason FROM rejected_records WHERE stream = 'invoices'")
            #expect(reason.contains("answered HTTP 404"), "\(reason)")
        }
    }

    private func scalar(_ harness: SyncHarness, _ sql: String) throws -> String {
        let db = try Database(path: harness.databasePath, options: Database.OpenOptions(readOnly: true, create: false))
        switch try db.makeStatement(sql).scalar() {
        case .integer(let value)?: return String(value)
        case .text(let value)?: return value
        default: return ""
        }
    }

    private func statuses(_ harness: SyncHarness, raw: String) throws -> [String] {
        let db = try Database(path: harness.databasePath, options: Database.OpenOptions(readOnly: true, create: false))
        return try db.makeStatement("SELECT DISTINCT status FROM orders WHERE source = 'sim-erp' AND status_raw = ?1")
            .query(raw).compactMap { $0.string(0) }
    }
}

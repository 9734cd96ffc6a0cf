import Foundation
import OrderSyncTesting

@testable import OrderSyncCore

/// A store in a temporary directory plus what the duress tests build and read: batches of
/// orders with lines, and a snapshot of every table a page write touches.
struct DuressDatabase {
    static let source = "duress"
    let directory: String
    var path: String { directory + "/orders.db" }

    /// Runs `body` with a fresh directory, removed afterwards whatever happens.
    static func with<T>(_ body: (DuressDatabase) async throws -> T) async throws -> T {
        try await withTemporaryDirectory { directory in try await body(DuressDatabase(directory: directory)) }
    }

    func openStore(busyTimeout: Duration = .seconds(5)) async throws -> SQLiteStore {
        let store = try SQLiteStore(path: path, busyTimeout: busyTimeout)
        try await store.registerSource(name: Self.source, dialect: "erp", baseURL: "https://erp.example")
        return store
    }

    static func order(_ id: String, status: OrderStatus = .pending, lines: Int = 1, quantity: Double = 2, rawBytes: Int = 0)
        -> CanonicalOrder
    {
        let padding = String(repeating: "x", count: rawBytes)
        return CanonicalOrder(
            orderID: id, orderNumber: "N-\(id)", status: status, statusRaw: status.rawValue, currency: "EUR",
            grossMinor: 1_000, orderedAt: Instant(secondsSinceEpoch: 1_700_000_000),
            raw: #"{"id": "\#(id)", "padding": "\#(padding)"}"#,
            lines: (0..<lines).map { index in
                CanonicalOrderLine(lineNo: index + 1, lineID: "\(id)-\(index)", sku: "SKU", quantity: quantity, unitPriceMinor: 500)
            })
    }

    static func batch(_ orders: [CanonicalOrder], rejected: Int = 0, checkpoint: String? = nil) -> PageBatch {
        var batch = PageBatch(source: source, stream: "orders", writtenAt: Instant(secondsSinceEpoch: 1_700_000_100))
        batch.orders = orders.map { PageBatch.Order($0, listDigest: Fingerprint.of($0.raw)) }
        batch.rejected = (0..<rejected).map { RejectedRecord(stream: "orders", reason: "test", raw: #"{"bad": \#($0)}"#) }
        batch.checkpoint = checkpoint.map { PageBatch.Checkpoint(stream: "orders", cursor: $0) }
        return batch
    }

    /// What a page write can change, read through a separate connection.
    struct Snapshot: Equatable, CustomStringConvertible {
        var orders = 0, lines = 0, history = 0, rejected = 0, invoices = 0
        var checkpoint: String?
        var statuses: [String] = []
        var firstSyncedAt: String?

        var description: String {
            "orders \(orders), lines \(lines), history \(history), rejected \(rejected), invoices \(invoices), "
                + "checkpoint \(checkpoint ?? "nil"), statuses \(statuses), first_synced_at \(firstSyncedAt ?? "nil")"
        }
    }

    func snapshot() throws -> Snapshot {
        let db = try Database(path: path, options: Database.OpenOptions(readOnly: true, create: false))
        func count(_ table: String) throws -> Int {
            try db.makeStatement("SELECT count(*) FROM \(table)").scalar()?.intValue ?? -1
        }
        var snapshot = Snapshot()
        snapshot.orders = try count("orders")
        snapshot.lines = try count("order_lines")
        snapshot.history = try count("order_status_history")
        snapshot.rejected = try count("rejected_records")
        snapshot.invoices = try count("invoices")
        snapshot.checkpoint = try db.makeStatement("SELECT cursor FROM sync_state WHERE source = ?1 AND stream = 'orders'")
            .scalar(Self.source)?.stringValue
        snapshot.statuses = try db.makeStatement("SELECT order_id || '=' || status FROM orders ORDER BY order_id")
            .query().compactMap { $0.string(0) }
        snapshot.firstSyncedAt = try db.makeStatement("SELECT first_synced_at FROM sources WHERE source = ?1")
            .scalar(Self.source)?.stringValue
        return snapshot
    }
}

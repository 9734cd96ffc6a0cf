import Foundation
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting

/// The real transport, remembering every URL it was asked for: what a test checks when it must
/// know that a poll did (or did not) ask for something.
final class MobilityRecordingTransport: HTTPTransport {
    private let base: any HTTPTransport
    private let urls = LockedBox<[URL]>([])

    init(base: any HTTPTransport = CurlTransport.shared) {
        self.base = base
    }

    var requested: [URL] { urls.current }

    /// The requests for a per-order invoice list.
    var invoiceRequests: [URL] { requested.filter { $0.path.hasSuffix("/invoices") } }

    func perform(_ request: TransportRequest, limits: TransportLimits) async throws(TransportError) -> OrderSyncCore.HTTPResponse {
        if let url = request.url { urls.withValue { $0.append(url) } }
        return try await base.perform(request, limits: limits)
    }
}

/// Reads what the mobility source stored, and what the simulator says it should have.
enum MobilityDatabase {
    static let source = "sim-mobility"

    /// One stored invoice, in the simulator's terms.
    static func invoices(_ harness: SyncHarness) throws -> [SimInvoice] {
        let db = try Database(path: harness.databasePath, options: Database.OpenOptions(readOnly: true, create: false))
        return try db.makeStatement("""
            SELECT invoice_id, order_id, invoice_number, amount_minor, currency, issued_on, due_on, paid_on
            FROM invoices WHERE source = ?1 ORDER BY CAST(invoice_id AS INTEGER)
            """).query(source).map { row in
            SimInvoice(id: row.string(0) ?? "", orderID: row.string(1) ?? "", number: row.string(2) ?? "",
                       amountMinor: row.int64(3) ?? -1, currency: row.string(4) ?? "", issuedOn: row.string(5) ?? "",
                       dueOn: row.string(6), paidOn: row.string(7))
        }
    }

    /// The invoices a sweep is responsible for: those of orders placed within `windowDays` of
    /// `now`, and of every order still open upstream.
    /// Every invoice upstream: what the first sweep (and a backfill) reads.
    static func allInvoices(_ harness: SyncHarness) -> [SimInvoice] {
        harness.simulator.snapshot(of: .mobility).flatMap(\.invoices).sorted { (Int($0.id) ?? 0) < (Int($1.id) ?? 0) }
    }

    static func sweptInvoices(_ harness: SyncHarness, windowDays: Int = 60, now: Date = Date()) -> [SimInvoice] {
        let since = now.addingTimeInterval(-Double(windowDays) * 86_400)
        return harness.simulator.snapshot(of: .mobility)
            .filter { $0.placedAt >= since || !["Completed", "Cancelled"].contains($0.statusRaw) }
            .flatMap(\.invoices)
            .sorted { (Int($0.id) ?? 0) < (Int($1.id) ?? 0) }
    }

    /// The newest `sync_runs` row of the source: outcome and error.
    static func lastRun(_ harness: SyncHarness) throws -> (outcome: String?, error: String?) {
        let db = try Database(path: harness.databasePath, options: Database.OpenOptions(readOnly: true, create: false))
        let row = try db.makeStatement("SELECT outcome, error FROM sync_runs WHERE source = ?1 ORDER BY run_id DESC LIMIT 1")
            .query(source).first
        return (row?.string(0), row?.string(1))
    }

    /// Moves the invoice sweep's checkpoint back, as an operator may edit `sync_state` by hand:
    /// the last sweep then looks `seconds` older, and the next poll's sweep is due.
    static func backdateInvoiceSweep(_ harness: SyncHarness, bySeconds seconds: Int64) async throws {
        let store = try SQLiteStore(path: harness.databasePath)
        defer { store.close() }
        let text = try await store.checkpoint(source: source, stream: "invoices") ?? ""
        guard let stamp = try JSONValue.parse(text)["synced_through"]?.stringValue else {
            throw CheckpointMissing(text: text)
        }
        let last = try TimestampParser.parse(stamp, timeZone: ZoneRules.utc)
        let cursor = JSONValue.object(["synced_through": .string(last.adding(seconds: -seconds).iso8601)]).serialized
        try await store.setCheckpoint(source: source, stream: "invoices", cursor: cursor)
    }

    struct CheckpointMissing: Error {
        var text: String
    }

    /// Applies one random change at a time until one adds an invoice to an existing order and
    /// changes nothing else about it (so its `status_updated_at` stays put). Returns that invoice.
    static func mutateUntilLateInvoice(_ simulator: Simulator, attempts: Int = 100) -> SimInvoice? {
        for _ in 0..<attempts {
            let before = Dictionary(uniqueKeysWithValues: simulator.snapshot(of: .mobility).map { ($0.id, $0) })
            simulator.mutate(.mobility, count: 1)
            let after = simulator.snapshot(of: .mobility)
            guard after.count == before.count else { continue }
            for order in after {
                guard let old = before[order.id], old != order else { continue }
                var stripped = order
                stripped.invoices = old.invoices
                if stripped == old, order.invoices.count == old.invoices.count + 1 { return order.invoices.last }
            }
        }
        return nil
    }
}

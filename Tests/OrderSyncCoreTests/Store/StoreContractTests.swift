import Foundation
import OrderSyncTesting
import Testing

@testable import OrderSyncCore

/// The store interface's behaviour, the same on both stores: pages with their checkpoint,
/// bookkeeping of new orders and status changes, deletions upstream and their return, runs,
/// status figures, rates, cursors, and a second open of a migrated database.
@Suite("store contract")
struct StoreContractTests {
    static let t0 = Instant(secondsSinceEpoch: 1_780_000_000)

    static func order(_ id: String, status: OrderStatus, raw statusRaw: String, lines: Int? = 2) -> PageBatch.Order {
        let lines = lines.map { count in
            (1...max(count, 1)).prefix(count).map { CanonicalOrderLine(lineNo: $0, sku: "SKU-\($0)", quantity: 1.5, grossMinor: 1_000) }
        }
        return PageBatch.Order(CanonicalOrder(
            orderID: id, orderNumber: "N-\(id)", customerName: "Zoë \"quoted\" \\ back", status: status, statusRaw: statusRaw,
            currency: "EUR", netMinor: 1_000, taxMinor: 190, grossMinor: 1_190, isPaid: false,
            orderedAt: t0.adding(seconds: -86_400), raw: #"{"id":"\#(id)","note":"  raw, verbatim  "}"#, lines: lines),
            listDigest: "digest-\(id)")
    }

    @Test("pages, checkpoints, history, deletions, runs and status agree", arguments: StoreKind.available)
    func contract(kind: StoreKind) async throws {
        try await withTemporaryDirectory { directory in
            let database = try kind.makeDatabase(in: directory)
            let store = try await kind.open(database)
            defer { store.close() }
            try await store.registerSource(name: "s", dialect: "erp", baseURL: "https://erp.example")

            var first = PageBatch(source: "s", stream: "orders", writtenAt: Self.t0)
            first.orders = [Self.order("a", status: .confirmed, raw: "new"), Self.order("b", status: .completed, raw: "done"),
                            Self.order("a", status: .shipped, raw: "sent")]
            first.invoices = [CanonicalInvoice(invoiceID: "i1", orderID: "a", currency: "EUR", amountMinor: 1_190,
                                               issuedOn: "2026-05-01", paymentState: .open, raw: "{}")]
            first.rejected = [RejectedRecord(stream: "orders", reason: "bad", raw: "{x}")]
            first.checkpoint = .init(stream: "orders", cursor: "c1")
            let summary = try await store.write(first)
            #expect(summary.ordersUpserted == 3)
            #expect(summary.ordersInserted == 2, "a counted once as new although it is in the page twice")
            #expect(summary.statusChanges == 1, "a changed status within the page")
            #expect(summary.invoicesUpserted == 1 && summary.rejected == 1)
            #expect(try await store.checkpoint(source: "s", stream: "orders") == "c1")
            #expect(try await store.listDigests(source: "s", orderIDs: ["a", "b", "zz"]) == ["a": "digest-a", "b": "digest-b"])
            let snapshot = try #require(try await store.snapshots(source: "s", orderIDs: ["a"])["a"])
            #expect(snapshot.statusRaw == "sent" && snapshot.raw == #"{"id":"a","note":"  raw, verbatim  "}"#)
            #expect(snapshot.orderedAt == Self.t0.adding(seconds: -86_400))

            var second = PageBatch(source: "s", stream: "orders", writtenAt: Self.t0.adding(seconds: 60))
            second.orders = [Self.order("b", status: .completed, raw: "done", lines: nil)]
            second.checkpoint = .init(stream: "orders", cursor: "c2")
            let again = try await store.write(second)
            #expect(again.ordersInserted == 0 && again.statusChanges == 0)

            #expect(try await store.markDeletedUpstream(source: "s", orderIDs: ["b", "zz"], at: Self.t0.adding(seconds: 120)) == 1)
            #expect(try await store.markDeletedUpstream(source: "s", orderIDs: ["b"], at: Self.t0.adding(seconds: 180)) == 0)
            let sightings = try await store.sightings(source: "s")
            #expect(sightings["b"]?.deletedUpstreamAt == Self.t0.adding(seconds: 120))
            #expect(sightings["a"]?.deletedUpstreamAt == nil && sightings["a"]?.statusRaw == "sent")
            #expect(sightings["a"]?.firstSeenAt == Self.t0)

            let run = try await store.beginRun(source: "s", kind: .poll, at: Self.t0)
            try await store.finishRun(run, outcome: .failed, requests: 3, ordersUpserted: 0, error: "boom", at: Self.t0.adding(seconds: 1))
            let status = try await store.status(of: "s")
            #expect(status.orders == 2 && status.lines == 4 && status.invoices == 1 && status.rejectedRecords == 1)
            #expect(status.deletedUpstream == 1 && status.openOrders == 1)
            #expect(status.streams.map(\.cursor) == ["c2"])
            #expect(status.lastRun?.outcome == "failed" && status.lastRun?.error == "boom" && status.consecutiveFailures == 1)
            #expect(status.lastRun?.startedAt == Self.t0.iso8601)
            #expect(status.firstSyncedAt == Self.t0.iso8601)
            #expect(try await store.lastRunStart(source: "s", kind: .poll) == Self.t0)
            #expect(try await store.openOrders(source: "s").map(\.id) == ["a"])
            #expect(try await store.orderIDs(source: "s", orderedFrom: Self.t0.adding(seconds: -90_000), to: Self.t0) == ["a"], "b is gone upstream")
            #expect(try await store.earliestOrderedAt(source: "s") == Self.t0.adding(seconds: -86_400))
            #expect(try await store.knownSources() == ["s"])

            let rates = [FXRate(day: "2026-05-01", base: "EUR", quote: "USD", rate: "1.0834")]
            #expect(try await store.importRates(rates) == RateImportSummary(added: 1, changed: 0, unchanged: 0))
            #expect(try await store.importRates(rates) == RateImportSummary(added: 0, changed: 0, unchanged: 1))
            #expect(try await store.deleteCursors(source: "s", stream: nil) == 1)
            #expect(try await store.cursors(source: "s").isEmpty)

            // A second open finds the schema current and keeps the data.
            let reopened = try await kind.open(database)
            defer { reopened.close() }
            #expect(try await reopened.status(of: "s").orders == 2)
        }
    }
}

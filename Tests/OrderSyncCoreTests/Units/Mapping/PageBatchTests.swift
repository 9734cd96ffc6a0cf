import Testing

@testable import OrderSyncCore

/// What one page turns into before it is written.
struct PageBatchTests {
    static let order = CanonicalOrder(orderID: "350", status: .confirmed, statusRaw: "validated", raw: "{}")

    @Test func emptyUntilItHoldsSomething() {
        var batch = PageBatch(source: "acme", stream: "orders", writtenAt: Instant(secondsSinceEpoch: 0))
        #expect(batch.isEmpty)
        batch.checkpoint = PageBatch.Checkpoint(stream: "orders", cursor: "2024-05-15")
        #expect(!batch.isEmpty)

        var withOrder = PageBatch(source: "acme", stream: "orders", writtenAt: Instant(secondsSinceEpoch: 0))
        withOrder.orders.append(PageBatch.Order(Self.order, listDigest: "abc"))
        #expect(!withOrder.isEmpty)
        #expect(withOrder.orders.first?.listDigest == "abc")

        var withRejected = PageBatch(source: "acme", stream: "orders")
        withRejected.rejected.append(RejectedRecord(stream: "orders", reason: "id: required field missing", raw: "{}"))
        #expect(!withRejected.isEmpty)

        var withInvoice = PageBatch(source: "acme", stream: "invoices")
        withInvoice.invoices.append(CanonicalInvoice(invoiceID: "1", orderID: "350", raw: "{}"))
        #expect(!withInvoice.isEmpty)
    }

    @Test func summariesAdd() {
        var total = PageWriteSummary()
        var page = PageWriteSummary()
        page.ordersUpserted = 3
        page.ordersInserted = 2
        page.statusChanges = 1
        page.invoicesUpserted = 4
        page.rejected = 5
        total += page
        total += page
        var expected = PageWriteSummary()
        (expected.ordersUpserted, expected.ordersInserted, expected.statusChanges, expected.invoicesUpserted, expected.rejected) = (6, 4, 2, 8, 10)
        #expect(total == expected)
    }
}

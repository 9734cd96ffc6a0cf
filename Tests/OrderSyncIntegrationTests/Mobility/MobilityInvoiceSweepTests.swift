import Foundation
import OrderSyncCLI
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// An invoice added upstream leaves its order's `status_updated_at` alone: only the invoice
/// sweep finds it, and only on the polls where the sweep is due.
@Suite("mobility invoice sweep")
struct MobilityInvoiceSweepTests {
    static let source = MobilityDatabase.source

    @Test("the sweep finds a late invoice when due, and asks for no invoices before")
    func lateInvoiceIsFoundByTheSweep() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["mobility"])
            #expect(await harness.ordersync("run", "--once") == .success, "\(harness.output.current)")
            let synced = harness.simulator.snapshot(of: .mobility)
            let invoice = try #require(MobilityDatabase.mutateUntilLateInvoice(harness.simulator))
            #expect(try !MobilityDatabase.invoices(harness).contains { $0.id == invoice.id })
            // Only the invoice list of its order changed since the first poll (no earlier random
            // change happened to touch the same order).
            var parent = try #require(harness.simulator.snapshot(of: .mobility).first { $0.id == invoice.orderID })
            parent.invoices.removeLast()
            let orderUnchanged = synced.contains(parent)

            // Not due (the default interval is an hour): the poll reads the order list, not invoices.
            let early = MobilityRecordingTransport()
            let notDue = try await #require(try await harness.environment(transport: early).sync(named: Self.source)).poll()
            #expect(notDue.outcome == .ok, "\(String(describing: notDue.error))")
            #expect(!early.requested.isEmpty)
            #expect(early.invoiceRequests == [])
            #expect(try !MobilityDatabase.invoices(harness).contains { $0.id == invoice.id })
            // The order itself did not change, so the scan did not fetch its detail either.
            if orderUnchanged {
                #expect(!early.requested.contains { $0.path == "/mobility/v2.3/orders/\(invoice.orderID)" })
            }

            // An interval later the sweep is due: it asks each parent for what was issued (and paid)
            // since the previous sweep minus the lookback, and stores the new invoice.
            try await MobilityDatabase.backdateInvoiceSweep(harness, bySeconds: 3_601)
            let later = MobilityRecordingTransport()
            let due = try await #require(try await harness.environment(transport: later).sync(named: Self.source)).poll()
            #expect(due.outcome == .ok, "\(String(describing: due.error))")
            let parentRequests = later.invoiceRequests.filter { $0.path == "/mobility/v2.3/orders/\(invoice.orderID)/invoices" }
            #expect(parentRequests.count == 2)
            #expect(parentRequests.contains { $0.query?.contains("invoice_issue_start_date=") == true })
            #expect(parentRequests.contains { $0.query?.contains("invoice_payment_start_date=") == true })
            let stored = try MobilityDatabase.invoices(harness)
            #expect(stored.first { $0.id == invoice.id } == invoice)
            #expect(stored == MobilityDatabase.allInvoices(harness))
        }
    }

    @Test("a sweep interval of 0 sweeps on every poll")
    func zeroIntervalSweepsEveryPoll() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["mobility"], extra: [
                "options": .object(["invoice_sweep_interval_seconds": .number("0"), "invoice_payment_sweep": .bool(false)]),
            ])
            #expect(await harness.ordersync("run", "--once") == .success, "\(harness.output.current)")
            let invoice = try #require(MobilityDatabase.mutateUntilLateInvoice(harness.simulator))
            let recorder = MobilityRecordingTransport()
            let report = try await #require(try await harness.environment(transport: recorder).sync(named: Self.source)).poll()
            #expect(report.outcome == .ok)
            // One query per parent: payments are not asked for.
            let parentRequests = recorder.invoiceRequests.filter { $0.path == "/mobility/v2.3/orders/\(invoice.orderID)/invoices" }
            #expect(parentRequests.count == 1)
            #expect(try MobilityDatabase.invoices(harness).contains(invoice))
        }
    }
}

import Foundation
import Testing

@testable import OrderSyncCore

/// What the `mobility` adapter declares to the shared machinery: endpoints, pages, streams,
/// detail and child requests, reference data, the envelope check.
struct MobilityDeclarationTests {
    typealias F = MobilityFixtures

    @Test func listEndpoint() throws {
        let list = try F.adapter().list
        #expect(list.path == "/v2.3/orders")
        #expect(list.query.isEmpty)
        #expect(list.recordsPath == ["result", "items"])
        #expect(list.pagination.pageParameter == "page")
        #expect(list.pagination.pageSizeParameter == "per_page")
        #expect(list.pagination.firstPage == 1)
        #expect(list.pagination.pageSize == 100)
        guard case .totalPagesInBody(let path) = list.pagination.end else {
            Issue.record("expected the page count in the body")
            return
        }
        #expect(path == ["result", "last_page"])
        #expect(try F.adapter(F.source(pageSize: 20)).list.pagination.pageSize == 20)
    }

    @Test func pollScansStatusUpdatedAtDescendingThenSweepsInvoices() throws {
        let streams = try F.adapter().pollStreams
        #expect(streams.map(\.name) == ["orders", "invoices"])
        guard case .descendingScan(let scan) = streams.first else {
            Issue.record("expected a descending scan first")
            return
        }
        #expect(F.query(scan.query) == ["order=status_updated_at", "order_direction=desc"])
        let item: JSONObject = ["status_updated_at": .string("2026-04-30 12:00:00"), "created_at": .string("2020-01-01 00:00:00")]
        #expect(scan.timestamp(item) == (try F.instant("2026-04-30T12:00:00Z")))
        let berlin = try F.adapter(F.source(timezone: F.berlin)).changeScan
        #expect(berlin.timestamp(item) == (try F.instant("2026-04-30T10:00:00Z")))
        // Unreadable: nil, so the scan counts the item as new rather than stop on it.
        #expect(scan.timestamp(["status_updated_at": .string("soon")]) == nil)
        #expect(scan.timestamp([:]) == nil)
    }

    @Test func backfillScansCreatedAtWithAMargin() throws {
        guard case .descendingScan(let scan) = try F.adapter().backfill else {
            Issue.record("expected a descending scan")
            return
        }
        #expect(F.query(scan.query) == ["order=created_at", "order_direction=desc"])
        // The stop rule sees created_at + 24 h: an order created 23 h before `--since` is still read.
        let item: JSONObject = ["created_at": .string("2026-04-30 12:00:00"), "status_updated_at": .string("2026-06-01 00:00:00")]
        #expect(scan.timestamp(item) == (try F.instant("2026-05-01T12:00:00Z")))
        guard case .descendingScan(let exact) = try F.adapter(F.source(options: ["backfill_margin_hours": .number("0")])).backfill else {
            Issue.record("expected a descending scan")
            return
        }
        #expect(exact.timestamp(item) == (try F.instant("2026-04-30T12:00:00Z")))
    }

    @Test func detailAndReferences() throws {
        let adapter = try F.adapter()
        let detail = try #require(adapter.detail)
        #expect(detail.path("123") == "/v2.3/orders/123")
        #expect(detail.recordPath == ["result"])
        #expect(detail.embedUnder == nil)
        #expect(adapter.references.map(\.name) == ["statuses"])
        #expect(adapter.references.map(\.path) == ["/v2.3/orders/statuses"])
        #expect(adapter.references.allSatisfy { $0.query.isEmpty })
        #expect(adapter.identity(of: try F.listItem()) == "123")
        #expect(adapter.identity(of: ["id": .string("")]) == nil)
        #expect(adapter.identity(of: ["id": .null]) == nil)
        #expect(adapter.identity(of: ["order_id": .number("1")]) == nil)
    }

    @Test func invoiceSweepDeclaration() throws {
        let sweep = try F.adapter().invoiceSweep
        #expect(sweep.name == "invoices")
        #expect(sweep.intervalSeconds == 3_600)
        #expect(sweep.recentDays == 60)
        #expect(sweep.includeOpen)
        let endpoint = sweep.endpoint("123")
        #expect(endpoint.path == "/v2.3/orders/123/invoices")
        #expect(endpoint.recordsPath == ["result", "items"])
        #expect(endpoint.pagination.pageSize == 100)
        // An id that could walk the path is never requested (the engine refuses it).
        #expect(!RecordPipeline.isRequestable("1/../2"))
        #expect(!RecordPipeline.isRequestable(".."))
        #expect(RecordPipeline.isRequestable("123"))
        let tuned = try F.adapter(F.source(options: ["invoice_sweep_interval_seconds": .number("0"), "invoice_window_days": .number("90")])).invoiceSweep
        #expect((tuned.intervalSeconds, tuned.recentDays) == (0, 90))
    }

    @Test func invoiceSweepQueries() throws {
        let sweep = try F.adapter().invoiceSweep
        // First sweep: every invoice of every parent.
        #expect(sweep.queries(nil).map(F.query) == [[]])
        // Later: issued, then paid, on or after the day of the previous sweep minus the lookback.
        let since = try F.instant("2026-04-29T23:30:00Z")
        #expect(sweep.queries(since).map(F.query) == [["invoice_issue_start_date=2026-04-29"], ["invoice_payment_start_date=2026-04-29"]])
        // Dates are the source's calendar days: 23:30 UTC is already the 30th in Berlin.
        let berlin = try F.adapter(F.source(timezone: F.berlin)).invoiceSweep
        #expect(berlin.queries(since).map(F.query) == [["invoice_issue_start_date=2026-04-30"], ["invoice_payment_start_date=2026-04-30"]])
        let noPayments = try F.adapter(F.source(options: ["invoice_payment_sweep": .bool(false)])).invoiceSweep
        #expect(noPayments.queries(since).map(F.query) == [["invoice_issue_start_date=2026-04-29"]])
        #expect(noPayments.queries(nil).map(F.query) == [[]])
    }

    @Test func envelopeWithSuccessFalseIsRefused() throws {
        let adapter = try F.adapter()
        let error = #expect(throws: UpstreamError.self) {
            try adapter.checkEnvelope(try JSONValue.parse(#"{"success": false, "message": "Order service unavailable"}"#))
        }
        #expect(error?.message == "Order service unavailable")
        let silent = #expect(throws: UpstreamError.self) { try adapter.checkEnvelope(try JSONValue.parse(#"{"success": false}"#)) }
        #expect(silent?.message == "success: false without a message")
        let blank = #expect(throws: UpstreamError.self) {
            try adapter.checkEnvelope(try JSONValue.parse(#"{"success": false, "message": ""}"#))
        }
        #expect(blank?.message == "success: false without a message")
        for body in try [F.listResponse(), F.orderResponse(), F.statusesResponse(), F.invoicesResponse()] {
            #expect(throws: Never.self) { try adapter.checkEnvelope(body) }
        }
        // `"success": "false"` (a string) or no member at all is not the documented failure shape.
        #expect(throws: Never.self) { try adapter.checkEnvelope(try JSONValue.parse(#"{"success": "false"}"#)) }
        #expect(throws: Never.self) { try adapter.checkEnvelope(.array([])) }
    }

    @Test func statusTableReadsTheReferenceBody() throws {
        let table = MobilityStatusTable(F.context(try F.statusesResponse()))
        #expect(table.textByID == ["1": "New", "2": "In Progress"])
        #expect(table.text(for: "2") == "In Progress")
        #expect(table.text(for: "3") == nil)
        #expect(table.text(for: nil) == nil)
        // A malformed body is an empty table (every order falls back to its status_name).
        #expect(MobilityStatusTable(F.context(.array([]))).textByID.isEmpty)
        let odd = try JSONValue.parse(#"{"success": true, "result": [{"id": 1}, {"text": "X"}, 7, {"id": "9", "text": "Open"}]}"#)
        #expect(MobilityStatusTable(F.context(odd)).textByID == ["9": "Open"])
    }

    @Test func registeredUnderItsName() throws {
        #expect(MobilityAdapter.name == "mobility")
        #expect(MobilityAdapter.authKind == .token)
        #expect(DialectRegistry.adapter(named: "mobility") == MobilityAdapter.self)
    }
}

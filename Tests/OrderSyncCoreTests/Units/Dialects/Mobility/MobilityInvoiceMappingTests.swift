import Foundation
import Testing

@testable import OrderSyncCore

/// `mobility` invoices from the invoices example in the provider's documentation (`docs/dialects/mobility.md`): the invoice is the item's
/// `order_invoice`, not the file the item itself describes.
struct MobilityInvoiceMappingTests {
    typealias F = MobilityFixtures

    static func map(_ item: JSONObject, orderID: String = "123", source: SourceConfiguration = F.source()) throws -> CanonicalInvoice {
        try F.adapter(source).mapInvoice(.object(item), orderID: orderID, context: MappingContext())
    }

    static func failure(_ item: JSONValue, orderID: String = "123") throws -> MappingError? {
        let adapter = try F.adapter()
        return mappingFailure { () throws(MappingError) in try adapter.mapInvoice(item, orderID: orderID, context: MappingContext()) }
    }

    static func withInvoice(_ change: (inout JSONObject) -> Void) throws -> JSONObject {
        var item = try F.invoiceItem()
        var invoice = try #require(item["order_invoice"]?.objectValue)
        change(&invoice)
        item["order_invoice"] = .object(invoice)
        return item
    }

    @Test func docExampleMaps() throws {
        let item = try F.invoiceItem()
        let invoice = try Self.map(item)
        // 9001 is `order_invoice.id`; 123 would be the file's id.
        #expect(invoice.invoiceID == "9001")
        #expect(invoice.orderID == "123")
        #expect(invoice.invoiceNumber == "2026-001")
        #expect(invoice.status == "New")
        #expect(invoice.currency == "EUR")
        #expect(invoice.amountMinor == 100_000)
        #expect(invoice.issuedOn == "2026-04-30")
        #expect(invoice.dueOn == "2026-05-30")
        #expect(invoice.paidOn == nil)
        #expect(invoice.raw == JSONValue.object(item).serialized)
    }

    @Test func paidInvoiceInAThreeDecimalCurrency() throws {
        let item = try Self.withInvoice { invoice in
            invoice["invoice_currency"] = .string("KWD")
            invoice["invoice_amount"] = .number("250.125")
            invoice["invoice_status"] = .string("Paid")
            invoice["payment_date"] = .string("2026-05-12")
        }
        let invoice = try Self.map(item)
        #expect(invoice.amountMinor == 250_125)
        #expect(invoice.currency == "KWD")
        #expect(invoice.paidOn == "2026-05-12")
        #expect(invoice.status == "Paid")
    }

    @Test func zeroDecimalCurrency() throws {
        let item = try Self.withInvoice { invoice in
            invoice["invoice_currency"] = .string("JPY")
            invoice["invoice_amount"] = .number("98000")
        }
        #expect(try Self.map(item).amountMinor == 98_000)
    }

    @Test func missingInvoiceCurrencyUsesTheSourceSetting() throws {
        let item = try Self.withInvoice { $0["invoice_currency"] = nil }
        #expect(try Self.map(item, source: F.source(currency: "JPY")).amountMinor == 1_000)
        #expect(try Self.failure(.object(item))?.path == "order_invoice.invoice_currency")
    }

    @Test func missingOrderInvoiceIsAMappingError() throws {
        var item = try F.invoiceItem()
        item["order_invoice"] = nil
        #expect(try Self.failure(.object(item))?.description == "order_invoice: required object missing")
        item["order_invoice"] = .null
        #expect(try Self.failure(.object(item))?.path == "order_invoice")
        item["order_invoice"] = .array([])
        #expect(try Self.failure(.object(item))?.path == "order_invoice")
    }

    @Test func missingInvoiceIDIsAMappingError() throws {
        // The file's own `id` is no substitute.
        let item = try Self.withInvoice { $0["id"] = nil }
        #expect(try Self.failure(.object(item))?.path == "order_invoice.id")
    }

    @Test func nonNumericAmountIsAMappingError() throws {
        let item = try Self.withInvoice { $0["invoice_amount"] = .string("EUR 1000") }
        #expect(try Self.failure(.object(item))?.path == "order_invoice.invoice_amount")
    }

    @Test func badDateIsAMappingError() throws {
        let item = try Self.withInvoice { $0["invoice_issue_date"] = .string("30.04.2026") }
        #expect(try Self.failure(.object(item))?.path == "order_invoice.invoice_issue_date")
    }

    @Test func invoiceOfAnotherOrderIsRefused() throws {
        let error = try Self.failure(.object(F.invoiceItem()), orderID: "124")
        #expect(error?.path == "order_invoice.order_id")
    }

    @Test func nullItemIsAMappingError() throws {
        #expect(try Self.failure(.null)?.message == "expected an object, got null")
    }
}

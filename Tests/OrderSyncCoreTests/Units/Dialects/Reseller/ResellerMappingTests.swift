import Foundation
import Testing

@testable import OrderSyncCore

/// reseller list items (which carry their lines) mapped field by field.
struct ResellerMappingTests {
    @Test func deliveredOrderMapsEveryCanonicalField() throws {
        let record = try ResellerFixtures.order(0)
        let order = try ResellerFixtures.adapter().mapOrder(.object(record))
        #expect(order.orderID == "1042")
        #expect(order.orderNumber == "PO-48213")
        #expect(order.customerRef == "PO-48213")
        #expect(order.customerID == "612")
        #expect(order.customerName == "Nordwind Logistik GmbH")
        #expect(order.status == .completed)
        #expect(order.statusRaw == "DELIVERED")
        #expect(order.currency == "EUR")
        #expect(order.grossMinor == 121_000)
        #expect(order.taxMinor == 21_000)
        #expect(order.netMinor == 100_000)
        #expect(order.isPaid == true)
        // 12:00 at +02:00 is 10:00 UTC.
        #expect(order.orderedAt?.iso8601 == "2026-04-30T10:00:00Z")
        #expect(order.updatedAt == nil)
        #expect(order.invoicedAt == nil)
        #expect(order.cancelledAt == nil)
        #expect(order.raw == JSONValue.object(record).serialized)
        // Shipping and delivery times have no canonical column: they stay in raw.
        #expect(order.raw.contains(#""delivered_date":"2026-05-04T16:45:00+02:00""#))
        #expect(order.raw.contains(#""total":1210.0"#), "amounts stay the literal received")

        #expect(order.lines == [
            CanonicalOrderLine(lineNo: 1, lineID: "9001", sku: "RT-AX58", description: "Wi-Fi 6 router", quantity: 2,
                               unitPriceMinor: 25_000, netMinor: 50_000, currency: "EUR"),
            CanonicalOrderLine(lineNo: 2, lineID: "9002", sku: "LIC-MGMT-1Y", description: "Cloud management, 1 year",
                               quantity: 1, unitPriceMinor: 50_000, netMinor: 50_000, currency: "EUR"),
        ])
    }

    @Test func editingOrderWithNullsMapsWhatItHas() throws {
        let order = try ResellerFixtures.adapter().mapOrder(.object(ResellerFixtures.order(1)))
        #expect(order.orderID == "1043")
        #expect(order.orderNumber == nil)
        #expect(order.customerRef == nil)
        #expect(order.status == .draft)
        #expect(order.statusRaw == "EDITING")
        #expect(order.currency == "GBP")
        #expect(order.grossMinor == 6473)
        #expect(order.taxMinor == 1079)
        #expect(order.netMinor == 5394)
        #expect(order.isPaid == false)
        #expect(order.orderedAt?.iso8601 == "2026-04-30T10:00:00Z", "05:00 at -05:00")
        let line = try #require(order.lines?.first)
        #expect(line.unitPriceMinor == 1798)
        #expect(line.netMinor == 5394)
        #expect(line.quantity == 3)
        #expect(line.taxMinor == nil && line.grossMinor == nil, "lines carry no VAT of their own")
        #expect(line.currency == "GBP")
    }

    @Test(arguments: [
        (0, "EDITING", OrderStatus.draft), (1, "SUBMITTED", .confirmed), (2, "SHIPPED", .shipped),
        (3, "DELIVERED", .completed), (4, "CANCELED", .cancelled),
    ])
    func documentedStatusesMapByName(code: Int, name: String, expected: OrderStatus) throws {
        var record = try ResellerFixtures.order(0)
        record["status"] = .object(["id": .number(String(code)), "name": .string(name)])
        let order = try ResellerFixtures.adapter().mapOrder(.object(record))
        #expect(order.status == expected)
        #expect(order.statusRaw == name)
    }

    @Test func unknownStatusIsKeptRaw() throws {
        var record = try ResellerFixtures.order(0)
        record["status"] = .object(["id": .number("5"), "name": .string("RETURNED")])
        let order = try ResellerFixtures.adapter().mapOrder(.object(record))
        #expect(order.status == .unknown)
        #expect(order.statusRaw == "RETURNED")
    }

    @Test func statusMapOverridesTheDocumentedTable() throws {
        var record = try ResellerFixtures.order(0)
        record["status"] = .object(["id": .number("5"), "name": .string("RETURNED")])
        let adapter = try ResellerFixtures.adapter(ResellerFixtures.source(statusMap: ["RETURNED": .refunded, "SHIPPED": .inProgress]))
        #expect(try adapter.mapOrder(.object(record)).status == .refunded)
        record["status"] = .object(["id": .number("2"), "name": .string("SHIPPED")])
        #expect(try adapter.mapOrder(.object(record)).status == .inProgress)
    }

    @Test func sourceCurrencyOnlyFillsAMissingCode() throws {
        var record = try ResellerFixtures.order(0)
        record["currency"] = .null
        let adapter = try ResellerFixtures.adapter(ResellerFixtures.source(currency: "JPY"))
        let order = try adapter.mapOrder(.object(record))
        #expect(order.currency == "JPY")
        #expect(order.grossMinor == 1210, "JPY has no minor unit")
        #expect(try adapter.mapOrder(.object(ResellerFixtures.order(0))).currency == "EUR")
        #expect(try ResellerFixtures.mappingFailure(record)?.path == "currency.code")
    }

    @Test func zoneLessTimestampsAreReadInTheSourceZone() throws {
        var record = try ResellerFixtures.order(0)
        record["submit_date"] = .string("2026-04-30T12:00:00")
        let berlin = try ResellerFixtures.adapter(ResellerFixtures.source(timezone: ZoneRules(identifier: "Europe/Berlin")!))
        #expect(try berlin.mapOrder(.object(record)).orderedAt?.iso8601 == "2026-04-30T10:00:00Z")
    }

    @Test func absentLineArrayLeavesStoredLinesAlone() throws {
        var record = try ResellerFixtures.order(0)
        record["line"] = nil
        #expect(try ResellerFixtures.adapter().mapOrder(.object(record)).lines == nil)
        record["line"] = .array([])
        #expect(try ResellerFixtures.adapter().mapOrder(.object(record)).lines == [])
    }

    // MARK: Hostile records

    @Test(arguments: [
        ("id", JSONValue.null, "id"),
        ("id", .string("10x"), "id"),
        ("id", .object([:]), "id"),
        ("total", .string("12,10"), "total"),
        ("vat", .bool(true), "vat"),
        ("status", .null, "status"),
        ("status", .string("SHIPPED"), "status"),
        ("paid", .string("yes"), "paid"),
        ("currency", .string("EUR"), "currency"),
        ("customer_organisation", .array([]), "customer_organisation"),
        ("submit_date", .string("30/04/2026"), "submit_date"),
        ("line", .object([:]), "line"),
    ])
    func hostileFieldIsRejectedByName(key: String, value: JSONValue, path: String) throws {
        var record = try ResellerFixtures.order(0)
        record[key] = value
        if value == .null { record[key] = nil }
        let error = try ResellerFixtures.mappingFailure(record)
        #expect(error?.path == path, "\(String(describing: error))")
    }

    @Test func hostileNestedFieldsAreRejectedByPath() throws {
        var record = try ResellerFixtures.order(0)
        record["status"] = .object(["id": .number("1")])
        #expect(try ResellerFixtures.mappingFailure(record)?.path == "status.name")

        record = try ResellerFixtures.order(0)
        record["currency"] = .object(["code": .string("euro")])
        #expect(try ResellerFixtures.mappingFailure(record)?.path == "currency.code")

        record = try ResellerFixtures.order(0)
        var line = try #require(record["line"]?.arrayValue?[1].objectValue)
        line["quantity"] = .string("two")
        record["line"] = .array([try #require(record["line"]?.arrayValue?[0]), .object(line)])
        #expect(try ResellerFixtures.mappingFailure(record)?.path == "line[1].quantity")

        line["quantity"] = .number("1")
        line["unit_price"] = .object([:])
        record["line"] = .array([.object(line)])
        #expect(try ResellerFixtures.mappingFailure(record)?.path == "line[0].unit_price")

        record["line"] = .array([.null])
        #expect(try ResellerFixtures.mappingFailure(record)?.path == "line[0]")
    }

    @Test func netThatDoesNotFitIsRejectedNotWrapped() throws {
        var record = try ResellerFixtures.order(0)
        record["total"] = .number("-92233720368547758.08")
        record["vat"] = .number("1")
        let error = try ResellerFixtures.mappingFailure(record)
        #expect(error?.path == "vat")
        #expect(error?.message.contains("out of range") == true)
    }
}

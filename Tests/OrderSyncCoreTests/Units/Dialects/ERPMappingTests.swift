import Foundation
import Testing

@testable import OrderSyncCore

/// `erp` orders from the examples in the provider's documentation (`docs/dialects/erp.md`): the list item merged with the single order.
struct ERPMappingTests {
    /// The doc's list item, alone.
    static func listItem() throws -> JSONObject {
        let items = try #require(UnitFixtures.erpList()["items"]?.arrayValue)
        return try #require(items.first?.objectValue)
    }

    /// The list item merged with `GET /obapi/v1/orders/350`'s `order`, as the sync engine does.
    static func mergedRecord() throws -> JSONObject {
        let detail = try #require(UnitFixtures.erpSingle()["order"]?.objectValue)
        return try listItem().merging(detail)
    }

    static func adapter(_ source: SourceConfiguration = UnitFixtures.erpSource()) throws -> ERPAdapter {
        try ERPAdapter(source: source)
    }

    static func mappingFailure(_ record: JSONObject, sourceLocation: SourceLocation = #_sourceLocation) throws -> MappingError? {
        let adapter = try adapter()
        return OrderSyncCoreTests.mappingFailure({ () throws(MappingError) in try adapter.mapOrder(.object(record)) }, sourceLocation: sourceLocation)
    }

    @Test func mergedRecordMapsEveryCanonicalField() throws {
        let record = try Self.mergedRecord()
        let order = try Self.adapter().mapOrder(.object(record))
        #expect(order.orderID == "350")
        #expect(order.orderNumber == "CO2405-0018")
        #expect(order.customerRef == "PO-2024-042")
        #expect(order.customerID == nil)
        #expect(order.customerName == nil)
        #expect(order.status == .confirmed)
        #expect(order.statusRaw == "validated")
        #expect(order.currency == "EUR")
        #expect(order.netMinor == 500_000)
        #expect(order.taxMinor == 100_000)
        #expect(order.grossMinor == 600_000)
        #expect(order.isPaid == nil)
        #expect(order.orderedAt?.iso8601 == "2024-05-15T00:00:00Z")
        #expect(order.updatedAt?.iso8601 == "2024-05-15T10:00:00Z")
        #expect(order.invoicedAt == nil)
        #expect(order.cancelledAt == nil)
        #expect(order.raw == JSONValue.object(record).serialized)

        let line = try #require(order.lines?.first)
        #expect(order.lines?.count == 1)
        #expect(line == CanonicalOrderLine(
            lineNo: 1, lineID: "720", sku: "CONSULTING-01", description: "Technical consulting", quantity: 50,
            unitPriceMinor: 10_000, netMinor: 500_000, taxMinor: 100_000, grossMinor: 600_000, currency: "EUR"))
    }

    @Test func rawIsTheMergedJSONInReceivedOrder() throws {
        let order = try Self.adapter().mapOrder(.object(Self.mergedRecord()))
        let raw = try JSONValue.parse(order.raw)
        let object = try #require(raw.objectValue)
        // The list item's members first, in their order, then what only the detail has.
        #expect(Array(object.keys.prefix(9)) == ["id", "ref", "customer_ref", "date_order", "status", "is_billed",
                                                 "total_excl_tax", "total_vat", "total_incl_tax"])
        #expect(object.keys.contains("lines"))
        #expect(object.keys.contains("payment_terms"))
        #expect(Set(object.keys).count == object.keys.count)
        // Amounts stay the text received.
        #expect(order.raw.contains(#""total_incl_tax":"6000.00""#))
        #expect(raw["lines"]?.arrayValue?.first?["vat_rate"] == .string("20.000"))
    }

    @Test func orderDateIsMidnightInTheSourceZone() throws {
        let order = try Self.adapter(UnitFixtures.erpSource(timezone: UnitFixtures.paris)).mapOrder(.object(Self.mergedRecord()))
        #expect(order.orderedAt?.iso8601 == "2024-05-14T22:00:00Z")
        // An explicit `Z` is not moved by the zone.
        #expect(order.updatedAt?.iso8601 == "2024-05-15T10:00:00Z")
    }

    @Test func currencyComesFromTheSource() throws {
        let record = JSONValue.object(try Self.mergedRecord())
        let yen = try Self.adapter(UnitFixtures.erpSource(currency: "JPY")).mapOrder(record)
        #expect(yen.currency == "JPY")
        #expect((yen.netMinor, yen.taxMinor, yen.grossMinor) == (5000, 1000, 6000))
        #expect(yen.lines?.first?.unitPriceMinor == 100)
        #expect(yen.lines?.first?.currency == "JPY")
        let dinar = try Self.adapter(UnitFixtures.erpSource(currency: "KWD")).mapOrder(record)
        #expect(dinar.currency == "KWD")
        #expect(dinar.grossMinor == 6_000_000)
    }

    @Test func listItemAloneHasNoLines() throws {
        let order = try Self.adapter().mapOrder(.object(Self.listItem()))
        #expect(order.lines == nil)
        #expect(order.updatedAt == nil)
        #expect(order.orderID == "350")
        #expect(order.grossMinor == 600_000)
        #expect(order.raw == JSONValue.object(try Self.listItem()).serialized)
    }

    @Test func emptyLinesAreAnEmptyListNotAbsent() throws {
        var record = try Self.listItem()
        record["lines"] = .array([])
        #expect(try Self.adapter().mapOrder(.object(record)).lines == [])
    }

    @Test func lineDescriptionFallsBackToTheProductLabel() throws {
        var record = try Self.mergedRecord()
        var line = try #require(record["lines"]?.arrayValue?.first?.objectValue)
        line["description"] = .string("")
        var second = line
        second["id"] = .string("721")
        second["product_label"] = nil
        record["lines"] = .array([.object(line), .object(second)])
        let lines = try #require(try Self.adapter().mapOrder(.object(record)).lines)
        #expect(lines.map(\.description) == ["Consulting service", nil])
        #expect(lines.map(\.lineNo) == [1, 2])
        #expect(lines.map(\.lineID) == ["720", "721"])
    }

    @Test func statusMapOverridesTheDocumentedTable() throws {
        let source = UnitFixtures.erpSource(statusMap: ["validated": .inProgress])
        let order = try Self.adapter(source).mapOrder(.object(Self.mergedRecord()))
        #expect(order.status == .inProgress)
        #expect(order.statusRaw == "validated")
    }

    @Test(arguments: [("draft", OrderStatus.draft), ("validated", .confirmed), ("in_progress", .inProgress),
                      ("delivered", .completed), ("cancelled", .cancelled), ("shipped", .unknown)])
    func documentedStatuses(raw: String, status: OrderStatus) throws {
        var record = try Self.listItem()
        record["status"] = .string(raw)
        let order = try Self.adapter().mapOrder(.object(record))
        #expect(order.status == status)
        #expect(order.statusRaw == raw)
    }

    @Test func pageSizeAbove200IsAConfigError() throws {
        let error = #expect(throws: ConfigError.self) { try ERPAdapter(source: UnitFixtures.erpSource(pageSize: 201)) }
        #expect(error?.path == "page_size")
        #expect(error?.message.contains("200") == true)
        #expect(try ERPAdapter(source: UnitFixtures.erpSource(pageSize: 200)).list.pagination.pageSize == 200)
        // Through the registry the path is relative to the configuration file.
        let registryError = #expect(throws: ConfigError.self) {
            try DialectRegistry.makeAdapter(for: UnitFixtures.erpSource(pageSize: 201), index: 2)
        }
        #expect(registryError?.path == "sources[2].page_size")
    }

    @Test func nonNumericTotalIsAMappingErrorNamingTheField() throws {
        var record = try Self.mergedRecord()
        record["total_incl_tax"] = .string("6.000,00")
        let error = try Self.mappingFailure(record)
        #expect(error?.path == "total_incl_tax")
        #expect(error?.description == #"total_incl_tax: "6.000,00" is not a decimal amount"#)
    }

    @Test func badLineFieldNamesTheLine() throws {
        var record = try Self.mergedRecord()
        var line = try #require(record["lines"]?.arrayValue?.first?.objectValue)
        line["quantity"] = .string("fifty")
        record["lines"] = .array([.object(line), .object(line)])
        #expect(try Self.mappingFailure(record)?.description == #"lines[0].quantity: "fifty" is not a number"#)
    }

    @Test func missingIDIsAMappingError() throws {
        var record = try Self.mergedRecord()
        record["id"] = nil
        let error = try Self.mappingFailure(record)
        #expect(error?.path == "id")
        #expect(error?.description == "id: required field missing")
    }

    @Test func missingOrderDateOrStatusIsAMappingError() throws {
        var noDate = try Self.listItem()
        noDate["date_order"] = nil
        #expect(try Self.mappingFailure(noDate)?.path == "date_order")
        var noStatus = try Self.listItem()
        noStatus["status"] = .null
        #expect(try Self.mappingFailure(noStatus)?.path == "status")
    }

    @Test func notAnObjectIsAMappingError() throws {
        let adapter = try Self.adapter()
        let error = OrderSyncCoreTests.mappingFailure { () throws(MappingError) in try adapter.mapOrder(.array([])) }
        #expect(error?.description == "expected an object, got an array")
    }
}

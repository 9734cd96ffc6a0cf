import Foundation
import Testing

@testable import OrderSyncCore

/// `mobility` orders from the examples in the provider's documentation (`docs/dialects/mobility.md`), field by field.
struct MobilityMappingTests {
    typealias F = MobilityFixtures

    static func map(
        _ record: JSONObject, source: SourceConfiguration = F.source(), context: MappingContext? = nil
    ) throws -> CanonicalOrder {
        let context = try context ?? F.context(F.statusesResponse())
        return try F.adapter(source).mapOrder(.object(record), context: context)
    }

    static func failure(_ record: JSONValue, source: SourceConfiguration = F.source()) throws -> MappingError? {
        let adapter = try F.adapter(source)
        let context = try F.context(F.statusesResponse())
        return mappingFailure { () throws(MappingError) in try adapter.mapOrder(record, context: context) }
    }

    @Test func listItemMaps() throws {
        let item = try F.listItem()
        let order = try Self.map(item)
        #expect(order.orderID == "123")
        #expect(order.orderNumber == "789")
        #expect(order.customerID == "2001")
        #expect(order.customerName == "Example Client")
        #expect(order.customerRef == "example-client")
        // status_id 1 is "New" in the doc's statuses table.
        #expect(order.status == .pending)
        #expect(order.statusRaw == "New")
        #expect(order.currency == "EUR")
        // `amount` 1000 is major units, tax included; there is no tax breakdown.
        #expect(order.grossMinor == 100_000)
        #expect(order.netMinor == nil)
        #expect(order.taxMinor == nil)
        #expect(order.isPaid == nil)
        #expect(order.orderedAt?.iso8601 == "2026-04-30T12:00:00Z")
        #expect(order.updatedAt?.iso8601 == "2026-04-30T12:00:00Z")
        #expect(order.invoicedAt == nil)
        #expect(order.cancelledAt == nil)
        // `details: []` with `billing: null` is the list's shape: lines not read, stored ones kept.
        #expect(order.lines == nil)
        #expect(order.raw == JSONValue.object(item).serialized)
    }

    @Test func detailResultMaps() throws {
        let order = try Self.map(F.detail())
        #expect(order.orderID == "123")
        #expect(order.orderNumber == "789")
        #expect(order.customerID == "2001")
        #expect(order.customerName == "Example Client")
        #expect(order.status == .pending)
        #expect(order.grossMinor == 100_000)
        let lines = try #require(order.lines)
        #expect(lines == [
            CanonicalOrderLine(lineNo: 1, lineID: "5001", sku: "7001", description: "Immigration service", quantity: 1,
                               unitPriceMinor: 100_000, grossMinor: 100_000, currency: "EUR"),
        ])
        // The documented invariant: lines include tax and sum to `amount`.
        #expect(lines.compactMap(\.grossMinor).reduce(0, +) == order.grossMinor)
    }

    @Test func listItemMergedWithDetail() throws {
        let merged = try F.listItem().merging(F.detail())
        let order = try Self.map(merged)
        #expect(order.lines?.count == 1)
        #expect(order.raw == JSONValue.object(merged).serialized)
        #expect(try JSONValue.parse(order.raw)["billing"]?["tax_number"]?.stringValue == "DE123456789")
    }

    @Test func aDetailWithoutLinesClearsThem() throws {
        var record = try F.detail()
        record["details"] = .array([])
        #expect(try Self.map(record).lines == [])
    }

    // MARK: Statuses

    @Test(arguments: [(1, "New", OrderStatus.pending), (2, "In Progress", .inProgress), (3, "Completed", .completed),
                      (4, "Cancelled", .cancelled), (5, "Awaiting Approval", .unknown)])
    func statusComesFromTheTableByID(id: Int, text: String, status: OrderStatus) throws {
        var record = try F.listItem()
        record["status_id"] = .number(String(id))
        // A stale `status_name` loses to the table.
        record["status_name"] = .string("stale")
        let order = try Self.map(record, context: F.fullStatusTable())
        #expect(order.statusRaw == text)
        #expect(order.status == status)
    }

    @Test func idMissingFromTheTableFallsBackToStatusName() throws {
        var record = try F.listItem()
        // The doc's table lists only ids 1 and 2.
        record["status_id"] = .number("3")
        record["status_name"] = .string("Completed")
        #expect(try Self.map(record).status == .completed)
        // No table at all (a tool mapping one record): the name decides.
        record["status_id"] = .number("1")
        let order = try Self.map(record, context: MappingContext())
        #expect((order.status, order.statusRaw) == (.completed, "Completed"))
    }

    @Test func unknownStatusKeepsItsText() throws {
        var record = try F.listItem()
        record["status_id"] = .number("99")
        record["status_name"] = .string("Awaiting Approval")
        let order = try Self.map(record)
        #expect(order.status == .unknown)
        #expect(order.statusRaw == "Awaiting Approval")
    }

    @Test func statusMapOverridesByText() throws {
        var record = try F.listItem()
        record["status_id"] = .number("5")
        let source = F.source(statusMap: ["Awaiting Approval": .onHold, "New": .confirmed])
        #expect(try Self.map(record, source: source, context: F.fullStatusTable()).status == .onHold)
        record["status_id"] = .number("1")
        #expect(try Self.map(record, source: source, context: F.fullStatusTable()).status == .confirmed)
    }

    @Test func noStatusAtAllIsAMappingError() throws {
        var record = try F.listItem()
        record["status_id"] = .number("42")
        record["status_name"] = nil
        #expect(try Self.failure(.object(record))?.path == "status_name")
    }

    @Test func cancelledAtIsTheLastStatusChange() throws {
        var record = try F.listItem()
        record["status_id"] = .number("4")
        record["status_updated_at"] = .string("2026-05-02 08:30:00")
        let order = try Self.map(record, context: F.fullStatusTable())
        #expect(order.status == .cancelled)
        #expect(order.cancelledAt?.iso8601 == "2026-05-02T08:30:00Z")
    }

    // MARK: Money and time

    @Test func zeroDecimalCurrency() throws {
        var record = try F.detail()
        record["currency_code"] = .string("JPY")
        record["amount"] = .number("4500")
        record["details"] = .array([.object([
            "id": .number("1"), "offer_id": .number("7002"), "offer_name": .string("Visa application"),
            "currency_code": .string("JPY"), "unit_price": .string("1500"), "total_price": .string("4500"), "quantity": .number("3"),
        ])])
        let order = try Self.map(record)
        #expect(order.currency == "JPY")
        #expect(order.grossMinor == 4_500)
        #expect(order.lines?.first?.unitPriceMinor == 1_500)
        #expect(order.lines?.first?.grossMinor == 4_500)
        #expect(order.lines?.first?.currency == "JPY")
    }

    @Test func threeDecimalCurrency() throws {
        var record = try F.detail()
        record["currency_code"] = .string("KWD")
        record["amount"] = .number("12.345")
        record["details"] = .array([.object([
            "id": .number("1"), "offer_id": .number("7004"), "offer_name": .string("Home search"),
            "currency_code": .string("KWD"), "unit_price": .string("4.115"), "total_price": .string("12.345"), "quantity": .number("3"),
        ])])
        let order = try Self.map(record)
        #expect(order.grossMinor == 12_345)
        #expect(order.lines?.first?.unitPriceMinor == 4_115)
        #expect(order.lines?.first?.grossMinor == 12_345)
    }

    @Test func lineTotalIsDerivedExactlyWhenAbsent() throws {
        var record = try F.detail()
        record["details"] = .array([.object([
            "offer_name": .string("Tax briefing"), "unit_price": .string("19.99"), "quantity": .number("3"),
        ])])
        let line = try #require(try Self.map(record).lines?.first)
        #expect(line.grossMinor == 5_997)
        // No line currency: the order's.
        #expect(line.currency == "EUR")
        #expect(line.lineID == nil)
    }

    @Test func sourceCurrencyOnlyFillsAMissingCode() throws {
        var record = try F.listItem()
        record["currency_code"] = nil
        #expect(try Self.map(record, source: F.source(currency: "GBP")).currency == "GBP")
        record["currency_code"] = .string("USD")
        #expect(try Self.map(record, source: F.source(currency: "GBP")).currency == "USD")
    }

    @Test func zonelessTimestampsAreInTheSourceZone() throws {
        let order = try Self.map(F.listItem(), source: F.source(timezone: F.berlin))
        #expect(order.orderedAt?.iso8601 == "2026-04-30T10:00:00Z")
        #expect(order.updatedAt?.iso8601 == "2026-04-30T10:00:00Z")
    }

    // MARK: Hostile records

    @Test func missingIDIsAMappingError() throws {
        var record = try F.listItem()
        record["id"] = nil
        #expect(try Self.failure(.object(record))?.path == "id")
    }

    @Test func nonNumericAmountIsAMappingError() throws {
        var record = try F.listItem()
        record["amount"] = .string("1.000,00")
        let error = try Self.failure(.object(record))
        #expect(error?.path == "amount")
        #expect(error?.message.contains("1.000,00") == true)
    }

    @Test func wrongTypesAreMappingErrors() throws {
        var record = try F.listItem()
        record["placed_on"] = .number("20260430")
        #expect(try Self.failure(.object(record))?.path == "placed_on")
        record = try F.listItem()
        record["client"] = .string("Example Client")
        #expect(try Self.failure(.object(record))?.path == "client")
        record = try F.listItem()
        record["details"] = .object(["id": .number("1")])
        #expect(try Self.failure(.object(record))?.path == "details")
        record = try F.listItem()
        record["amount"] = .array([])
        #expect(try Self.failure(.object(record))?.path == "amount")
    }

    @Test func unparseableDateIsAMappingError() throws {
        var record = try F.listItem()
        record["placed_on"] = .string("30/04/2026")
        #expect(try Self.failure(.object(record))?.path == "placed_on")
        record["placed_on"] = nil
        #expect(try Self.failure(.object(record))?.description == "placed_on: required timestamp missing")
    }

    @Test func nullRecordIsAMappingError() throws {
        let error = try Self.failure(.null)
        #expect(error?.path == "")
        #expect(error?.message == "expected an object, got null")
    }

    @Test func badLineNamesItsIndex() throws {
        var record = try F.detail()
        var details = try #require(record["details"]?.arrayValue)
        details.append(.object(["id": .number("5002"), "unit_price": .string("1.00"), "quantity": .string("two")]))
        record["details"] = .array(details)
        #expect(try Self.failure(.object(record))?.description == #"details[1].quantity: "two" is not a number"#)
        details[1] = .null
        record["details"] = .array(details)
        #expect(try Self.failure(.object(record))?.path == "details[1]")
    }

    @Test func missingOrMalformedCurrencyIsAMappingError() throws {
        var record = try F.listItem()
        record["currency_code"] = nil
        #expect(try Self.failure(.object(record))?.path == "currency_code")
        record["currency_code"] = .string("euro")
        #expect(try Self.failure(.object(record))?.path == "currency_code")
    }

    @Test func hugeAmountIsAMappingErrorNotACrash() throws {
        var record = try F.listItem()
        record["currency_code"] = .string("KWD")
        record["amount"] = .number("9223372036854775.808")
        #expect(try Self.failure(.object(record))?.path == "amount")
    }
}

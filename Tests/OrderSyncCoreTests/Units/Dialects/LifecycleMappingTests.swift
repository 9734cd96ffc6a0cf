import Foundation
import Testing

@testable import OrderSyncCore

/// `lifecycle` orders from the examples in the provider's documentation (`docs/dialects/lifecycle.md`) (see `UnitFixtures` for how the
/// place-order response's `[...]`/`{...}` placeholders were made valid JSON).
struct LifecycleMappingTests {
    /// The one item of the doc's "List Orders Response".
    static func listItem() throws -> JSONObject {
        try #require(UnitFixtures.lifecycleList()["data"]?.arrayValue?.first?.objectValue)
    }

    /// The `data` of the doc's "Place Order Response": what `GET /api/orders/{id}` answers too.
    static func detail() throws -> JSONObject {
        try #require(UnitFixtures.lifecyclePlaceOrderResponse()["data"]?.objectValue)
    }

    static func adapter(_ source: SourceConfiguration = UnitFixtures.lifecycleSource()) throws -> LifecycleAdapter {
        try LifecycleAdapter(source: source)
    }

    static func map(_ record: JSONObject, source: SourceConfiguration = UnitFixtures.lifecycleSource()) throws -> CanonicalOrder {
        try adapter(source).mapOrder(.object(record))
    }

    @Test func listItemMaps() throws {
        let item = try Self.listItem()
        let order = try Self.map(item)
        #expect(order.orderID == "3")
        #expect(order.orderNumber == "421409")
        #expect(order.customerID == "CUST-12345")
        #expect(order.customerName == nil)
        #expect(order.status == .completed)
        #expect(order.statusRaw == "completed")
        // No `currency_symbol` in this example: the documented default is €.
        #expect(order.currency == "EUR")
        #expect(order.grossMinor == 30_000)
        #expect(order.taxMinor == nil)
        #expect(order.netMinor == nil)
        #expect(order.orderedAt?.iso8601 == "2025-11-06T15:00:00Z")
        #expect(order.updatedAt == nil)
        #expect(order.lines == nil)
        #expect(order.raw == JSONValue.object(item).serialized)
    }

    @Test func placeOrderResponseDataMaps() throws {
        let order = try Self.map(Self.detail())
        #expect(order.orderID == "3")
        #expect(order.orderNumber == "421409")
        #expect(order.customerID == "CUST-12345")
        #expect(order.customerName == "John Doe")
        #expect(order.status == .pending)
        #expect(order.statusRaw == "pending")
        #expect(order.currency == "EUR")
        #expect(order.grossMinor == 30_000)
        #expect(order.taxMinor == 0)
        #expect(order.netMinor == 30_000)
        // Microseconds are dropped, not rounded.
        #expect(order.orderedAt?.iso8601 == "2025-11-06T15:00:00Z")
        #expect(order.updatedAt?.iso8601 == "2025-11-06T15:00:00Z")
        let lines = try #require(order.lines)
        #expect(lines == [
            CanonicalOrderLine(lineNo: 1, sku: "1", description: "Premium Cleaning Service", quantity: 1,
                               unitPriceMinor: 15_000, grossMinor: 15_000, currency: "EUR"),
            CanonicalOrderLine(lineNo: 2, sku: "2", description: "Window Cleaning", quantity: 2,
                               unitPriceMinor: 7_500, grossMinor: 15_000, currency: "EUR"),
        ])
        // The documented invariant: the items sum to `total`.
        #expect(lines.compactMap(\.grossMinor).reduce(0, +) == order.grossMinor)
    }

    @Test func listItemMergedWithDetail() throws {
        let merged = try Self.listItem().merging(Self.detail())
        let order = try Self.map(merged)
        // The detail is the newer read: its status wins, and `raw` keeps both in received order.
        #expect(order.statusRaw == "pending")
        #expect(order.lines?.count == 2)
        #expect(order.raw == JSONValue.object(merged).serialized)
        #expect(try JSONValue.parse(order.raw).objectValue?.keys.prefix(6) == ["id", "order_id", "customer_id", "total", "status", "created_at"])
    }

    @Test func processingIsInProgressWithTax() throws {
        var record = try Self.detail()
        record["status"] = .string("processing")
        record["total"] = .string("121.00")
        record["total_tax"] = .string("21.00")
        let order = try Self.map(record)
        #expect(order.status == .inProgress)
        #expect(order.statusRaw == "processing")
        #expect((order.netMinor, order.taxMinor, order.grossMinor) == (10_000, 2_100, 12_100))
    }

    @Test(arguments: [("pending", OrderStatus.pending), ("processing", .inProgress), ("confirmed", .confirmed),
                      ("in_progress", .inProgress), ("completed", .completed), ("cancelled", .cancelled),
                      ("refunded", .refunded), ("on_hold", .onHold), ("archived", .unknown)])
    func documentedStatuses(raw: String, status: OrderStatus) throws {
        var record = try Self.listItem()
        record["status"] = .string(raw)
        #expect(try Self.map(record).status == status)
    }

    @Test func statusMapOverrides() throws {
        let order = try Self.map(Self.listItem(), source: UnitFixtures.lifecycleSource(statusMap: ["completed": .shipped]))
        #expect(order.status == .shipped)
        #expect(order.statusRaw == "completed")
    }

    @Test(arguments: [("€", "EUR"), ("$", "USD"), ("£", "GBP")])
    func currencyFromTheSymbol(symbol: String, code: String) throws {
        var record = try Self.detail()
        record["currency_symbol"] = .string(symbol)
        let order = try Self.map(record)
        #expect(order.currency == code)
        #expect(order.lines?.allSatisfy { $0.currency == code } == true)
    }

    @Test func sourceCurrencyOverridesTheSymbol() throws {
        var record = try Self.detail()
        record["currency_symbol"] = .string("$")
        let order = try Self.map(record, source: UnitFixtures.lifecycleSource(currency: "JPY"))
        #expect(order.currency == "JPY")
        // Amounts are scaled to the override's exponent: "300.00" JPY is 300.
        #expect(order.grossMinor == 300)
        #expect(order.lines?.first?.unitPriceMinor == 150)
        // An unknown symbol is no problem when the source names the currency.
        record["currency_symbol"] = .string("¥")
        #expect(try Self.map(record, source: UnitFixtures.lifecycleSource(currency: "JPY")).currency == "JPY")
    }

    @Test func unknownSymbolIsAMappingError() throws {
        var record = try Self.detail()
        record["currency_symbol"] = .string("¥")
        let adapter = try Self.adapter()
        let error = mappingFailure { () throws(MappingError) in try adapter.mapOrder(.object(record)) }
        #expect(error?.path == "currency_symbol")
        #expect(error?.message.contains("¥") == true)
    }

    @Test func lineTotalIsPriceTimesQuantityExactly() throws {
        var record = try Self.detail()
        record["items"] = .array([
            .object(JSONObject(["id": .number("91"), "product_id": .number("7"), "product_name": .string("Hours"),
                                "quantity": .number("1.5"), "price": .string("19.99")])),
            .object(JSONObject(["product_name": .string("Refund"), "quantity": .string("3"), "price": .number("-0.29")])),
            .object(JSONObject(["product_name": .string("Free"), "quantity": .number("2")])),
        ])
        let lines = try #require(try Self.map(record).lines)
        #expect(lines.map(\.lineID) == ["91", nil, nil])
        #expect(lines.map(\.sku) == ["7", nil, nil])
        #expect(lines.map(\.quantity) == [1.5, 3, 2])
        #expect(lines.map(\.unitPriceMinor) == [1999, -29, nil])
        #expect(lines.map(\.grossMinor) == [2999, -87, nil])   // 2998.5 rounds away from zero
        #expect(lines.allSatisfy { $0.netMinor == nil && $0.taxMinor == nil })
    }

    @Test func badItemNamesItsIndex() throws {
        var record = try Self.detail()
        var items = try #require(record["items"]?.arrayValue)
        items[1] = .object(JSONObject(["product_name": .string("Window Cleaning"), "quantity": .string("two"), "price": .number("75.00")]))
        record["items"] = .array(items)
        let adapter = try Self.adapter()
        let error = mappingFailure { () throws(MappingError) in try adapter.mapOrder(.object(record)) }
        #expect(error?.description == #"items[1].quantity: "two" is not a number"#)
    }

    @Test func customerNamePrefersTheCompany() throws {
        var record = try Self.detail()
        var billing = try #require(record["billing"]?.objectValue)
        billing["company_name"] = .string("Doe Cleaning B.V.")
        record["billing"] = .object(billing)
        #expect(try Self.map(record).customerName == "Doe Cleaning B.V.")
        billing["company_name"] = .string("")
        billing["first_name"] = nil
        record["billing"] = .object(billing)
        #expect(try Self.map(record).customerName == "Doe")
        record["billing"] = .object(JSONObject(["email": .string("a@b.example")]))
        #expect(try Self.map(record).customerName == nil)
        record["billing"] = .null
        #expect(try Self.map(record).customerName == nil)
    }

    @Test func zonelessTimestampsAreInTheSourceZone() throws {
        var record = try Self.listItem()
        record["created_at"] = .string("2025-11-06 15:00:00")
        record["updated_at"] = .string("2025-07-01 12:00:00")
        let order = try Self.map(record, source: UnitFixtures.lifecycleSource(timezone: UnitFixtures.berlin))
        #expect(order.orderedAt?.iso8601 == "2025-11-06T14:00:00Z")
        #expect(order.updatedAt?.iso8601 == "2025-07-01T10:00:00Z")
    }

    @Test func missingCreatedAtIsAMappingError() throws {
        var record = try Self.listItem()
        record["created_at"] = nil
        let adapter = try Self.adapter()
        #expect(mappingFailure { () throws(MappingError) in try adapter.mapOrder(.object(record)) }?.path == "created_at")
    }

    @Test func envelopeWithSuccessFalseIsRefused() throws {
        let adapter = try Self.adapter()
        let error = #expect(throws: UpstreamError.self) {
            try adapter.checkEnvelope(try JSONValue.parse(#"{"success": false, "message": "x"}"#))
        }
        #expect(error?.message == "x")
        #expect(error?.description == "the upstream reported a failure: x")
        let silent = #expect(throws: UpstreamError.self) { try adapter.checkEnvelope(try JSONValue.parse(#"{"success": false}"#)) }
        #expect(silent?.message.isEmpty == false)
        #expect(throws: Never.self) { try adapter.checkEnvelope(UnitFixtures.lifecycleList()) }
        #expect(throws: Never.self) { try adapter.checkEnvelope(UnitFixtures.lifecyclePlaceOrderResponse()) }
        #expect(throws: Never.self) { try adapter.checkEnvelope(.array([])) }
        // erp has no envelope: nothing is refused.
        let erp = try ERPAdapter(source: UnitFixtures.erpSource())
        #expect(throws: Never.self) { try erp.checkEnvelope(try JSONValue.parse(#"{"success": false}"#)) }
    }
}

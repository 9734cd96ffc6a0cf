import Foundation
import Testing

@testable import OrderSyncCore

/// `formations` orders from the examples in the provider's documentation (`docs/dialects/formations.md`): the list item with its
/// `orderlines` embedded.
struct FormationsMappingTests {
    typealias Fixtures = FormationsFixtures

    @Test func docExampleMapsEveryCanonicalField() throws {
        let record = try Fixtures.record()
        let order = try Fixtures.adapter().mapOrder(.object(record))
        #expect(order.orderID == "123")
        #expect(order.orderNumber == nil)
        #expect(order.customerID == "456")
        #expect(order.customerName == "ABC LTD")
        #expect(order.customerRef == nil)
        #expect(order.status == .completed)
        #expect(order.statusRaw == "700")
        #expect(order.currency == "GBP")
        #expect(order.netMinor == 1798)
        #expect(order.grossMinor == 1958)
        #expect(order.taxMinor == 160)
        #expect(order.isPaid == nil)
        #expect(order.orderedAt?.iso8601 == "2020-01-01T09:55:00Z")
        #expect(order.updatedAt?.iso8601 == "2020-01-03T12:35:18Z")
        #expect(order.invoicedAt?.iso8601 == "2020-01-01T10:18:36Z")
        // `""` is "not set".
        #expect(order.cancelledAt == nil)
        #expect(order.raw == JSONValue.object(record).serialized)

        let lines = try #require(order.lines)
        #expect(lines == [
            CanonicalOrderLine(lineNo: 1, description: "Limited Company Formation", quantity: 1, unitPriceMinor: 200,
                               netMinor: 200, taxMinor: 100, grossMinor: 300, currency: "GBP"),
            CanonicalOrderLine(lineNo: 2, description: "Service Address", quantity: 1, unitPriceMinor: 200,
                               netMinor: 200, taxMinor: 100, grossMinor: 300, currency: "GBP"),
        ])
    }

    @Test func rawKeepsTheListItemThenTheLinesAsReceived() throws {
        let order = try Fixtures.adapter().mapOrder(.object(Fixtures.record()))
        let raw = try #require(try JSONValue.parse(order.raw).objectValue)
        #expect(raw.keys == ["id", "description", "created_at", "updated_at", "invoiced_at", "cancelled_at", "status",
                             "mlc_status", "net", "gross", "orderlines"])
        // Amounts stay the literal received, never a binary float.
        #expect(order.raw.contains(#""net":17.98"#))
        #expect(order.raw.contains(#""price":2.00"#))
        #expect(raw["orderlines"]?.arrayValue?[1]["officer"]?["first_name"] == .string("Joe"))
    }

    @Test func aListItemWithoutLinesLeavesTheStoredLines() throws {
        let order = try Fixtures.adapter().mapOrder(.object(Fixtures.listItem()))
        #expect(order.lines == nil)
        #expect(order.customerID == nil)
        #expect(order.netMinor == 1798)
    }

    @Test func lineFiguresAreUnitTimesQuantityExactly() throws {
        var record = try Fixtures.listItem()
        record["orderlines"] = try JSONValue.parse("""
            [{"description": "Registered Office", "quantity": 3, "price": 49.99, "tax": 10.00},
             {"quantity": "2", "price": "0.10", "tax": "0.02", "product": {"name": "Apostille"}},
             {"quantity": 1, "price": 5.00}]
            """)
        let lines = try #require(try Fixtures.adapter().mapOrder(.object(record)).lines)
        #expect(lines.map(\.lineNo) == [1, 2, 3])
        #expect(lines[0] == CanonicalOrderLine(lineNo: 1, description: "Registered Office", quantity: 3, unitPriceMinor: 4999,
                                               netMinor: 14_997, taxMinor: 3000, grossMinor: 17_997, currency: "GBP"))
        // Decimal strings work as well as numbers; the product name stands in for a missing description.
        #expect(lines[1] == CanonicalOrderLine(lineNo: 2, description: "Apostille", quantity: 2, unitPriceMinor: 10,
                                               netMinor: 20, taxMinor: 4, grossMinor: 24, currency: "GBP"))
        // No tax given: no tax and no gross, rather than a guess.
        #expect(lines[2].netMinor == 500)
        #expect(lines[2].taxMinor == nil)
        #expect(lines[2].grossMinor == nil)
        #expect(lines[2].lineID == nil)
        #expect(lines[2].sku == nil)
    }

    @Test func customerIDOnlyWhenTheLinesAgreeOnOneIncorporation() throws {
        var record = try Fixtures.listItem()
        record["orderlines"] = try JSONValue.parse("""
            [{"quantity": 1, "price": 1, "tax": 0, "incorporation": {"incorporation_id": 456}},
             {"quantity": 1, "price": 1, "tax": 0, "incorporation": {"incorporation_id": 789}}]
            """)
        #expect(try Fixtures.adapter().mapOrder(.object(record)).customerID == nil)
        record["orderlines"] = .array([])
        let empty = try Fixtures.adapter().mapOrder(.object(record))
        #expect(empty.customerID == nil)
        #expect(empty.lines == [])
    }

    @Test func timestampsAreWallClockInTheSourceZone() throws {
        let order = try Fixtures.adapter(Fixtures.source(timezone: Fixtures.paris)).mapOrder(.object(Fixtures.record()))
        #expect(order.orderedAt?.iso8601 == "2020-01-01T08:55:00Z")
        #expect(order.updatedAt?.iso8601 == "2020-01-03T11:35:18Z")
        var summer = try Fixtures.listItem()
        summer["created_at"] = .number("20200701095500")
        summer["cancelled_at"] = .string("20200702000000")
        let mapped = try Fixtures.adapter(Fixtures.source(timezone: Fixtures.paris)).mapOrder(.object(summer))
        #expect(mapped.orderedAt?.iso8601 == "2020-07-01T07:55:00Z")
        #expect(mapped.cancelledAt?.iso8601 == "2020-07-01T22:00:00Z")
    }

    @Test func currencyIsTheSourceSetting() throws {
        let euro = try Fixtures.adapter(Fixtures.source(currency: "EUR")).mapOrder(.object(Fixtures.record()))
        #expect(euro.currency == "EUR")
        #expect(euro.lines?.allSatisfy { $0.currency == "EUR" } == true)
        // A currency without minor units scales the same decimal text differently.
        var item = try Fixtures.listItem()
        (item["net"], item["gross"]) = (.number("1798"), .number("1958"))
        let yen = try Fixtures.adapter(Fixtures.source(currency: "JPY")).mapOrder(.object(item))
        #expect((yen.netMinor, yen.grossMinor, yen.taxMinor) == (1798, 1958, 160))
    }

    // MARK: Statuses

    @Test func statusesComeFromTheStatusMapAlone() throws {
        let adapter = try Fixtures.adapter()
        for (code, status) in Fixtures.statusMap {
            var item = try Fixtures.listItem()
            item["status"] = .number(code)
            let order = try adapter.mapOrder(.object(item))
            #expect(order.status == status)
            #expect(order.statusRaw == code)
        }
    }

    @Test func anUnmappedCodeIsUnknownWithTheRawCodeKept() throws {
        var item = try Fixtures.listItem()
        item["status"] = .number("950")
        let order = try Fixtures.adapter().mapOrder(.object(item))
        #expect(order.status == .unknown)
        #expect(order.statusRaw == "950")
        // No built-in table: without a status map even the doc's 700 is unknown.
        let bare = try Fixtures.adapter(Fixtures.source(statusMap: [:])).mapOrder(.object(Fixtures.listItem()))
        #expect(bare.status == .unknown)
        #expect(bare.statusRaw == "700")
    }

    // MARK: Hostile records

    @Test func hostileRecordsNameTheField() throws {
        let adapter = try Fixtures.adapter()
        func failure(_ change: (inout JSONObject) -> Void) throws -> MappingError? {
            var record = try Fixtures.record()
            change(&record)
            return Fixtures.mappingError { () throws(MappingError) in _ = try adapter.mapOrder(.object(record)) }
        }
        #expect(try failure { $0["id"] = nil }?.path == "id")
        #expect(try failure { $0["id"] = .array([]) }?.path == "id")
        #expect(try failure { $0["status"] = nil }?.path == "status")
        #expect(try failure { $0["status"] = .object(["code": .number("700")]) }?.path == "status")
        let amount = try failure { $0["gross"] = .string("19,58") }
        #expect(amount?.path == "gross")
        #expect(amount?.message.contains("not a decimal") == true)
        #expect(try failure { $0["net"] = .bool(true) }?.path == "net")
        #expect(try failure { $0["created_at"] = .string("") }?.path == "created_at")
        #expect(try failure { $0["created_at"] = .number("20201301095500") }?.path == "created_at")
        #expect(try failure { $0["updated_at"] = .string("2020-01-03 12:35:18") }?.path == "updated_at")
        #expect(try failure { $0["invoiced_at"] = .object([:]) }?.path == "invoiced_at")
        #expect(try failure { $0["orderlines"] = .object([:]) }?.path == "orderlines")
        #expect(try failure { $0["orderlines"] = .array([.null]) }?.path == "orderlines[0]")
        #expect(try failure { $0["orderlines"] = .array([.object(["price": .number("1")])]) }?.path == "orderlines[0].quantity")
        #expect(try failure { $0["orderlines"] = .array([.object(["quantity": .string("3 pcs")])]) }?.path == "orderlines[0].quantity")
        #expect(try failure { $0["orderlines"] = .array([.object(["quantity": .number("1"), "tax": .string("n/a")])]) }?.path
                == "orderlines[0].tax")
        #expect(try failure { $0["orderlines"] = .array([.object(["quantity": .number("1"), "product": .string("x")])]) }?.path
                == "orderlines[0].product")

        let null = Fixtures.mappingError { () throws(MappingError) in _ = try adapter.mapOrder(.null) }
        #expect(null == MappingError(path: "", message: "expected an object, got null"))
    }

    @Test func amountsThatOverflowAreRejectedNotWrapped() throws {
        let adapter = try Fixtures.adapter()
        var item = try Fixtures.listItem()
        (item["net"], item["gross"]) = (.number("-92233720368547758.08"), .number("92233720368547758.07"))
        let total = Fixtures.mappingError { () throws(MappingError) in _ = try adapter.mapOrder(.object(item)) }
        #expect(total?.path == "gross")

        var record = try Fixtures.listItem()
        record["orderlines"] = try JSONValue.parse(#"[{"quantity": 1000, "price": 92233720368547758.07, "tax": 0}]"#)
        let line = Fixtures.mappingError { () throws(MappingError) in _ = try adapter.mapOrder(.object(record)) }
        #expect(line?.path == "orderlines[0].price")
        record["orderlines"] = try JSONValue.parse(#"[{"quantity": 1, "price": 92233720368547758.07, "tax": 0.01}]"#)
        let sum = Fixtures.mappingError { () throws(MappingError) in _ = try adapter.mapOrder(.object(record)) }
        #expect(sum?.path == "orderlines[0].tax")
    }
}

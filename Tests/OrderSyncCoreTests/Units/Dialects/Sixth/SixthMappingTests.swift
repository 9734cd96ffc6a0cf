import Foundation
import OrderSyncSixthDialect
import Testing

@testable import OrderSyncCore

/// `sixth` (the test-only dialect, the template for a new provider) mapped field by field, like
/// the real five: its sample record (`Fixtures/sixth/sample-record.json`, the shape its
/// simulated upstream serves), its documented statuses and overrides, exact money, its errors.
struct SixthMappingTests {
    static func source(pageSize: Int? = nil, timezone: ZoneRules = UnitFixtures.utc,
                       statusMap: [String: OrderStatus] = [:]) -> SourceConfiguration {
        SourceConfiguration(
            name: "stationer", dialect: SixthAdapter.name, baseURL: URL(string: "https://sixth.example")!,
            auth: SourceAuth(token: Secret("key")), startDate: "2024-01-01", pageSize: pageSize, timezone: timezone,
            statusMap: statusMap)
    }

    static func adapter(_ source: SourceConfiguration = source()) throws -> SixthAdapter {
        try SixthAdapter(source: source)
    }

    static func record() throws -> JSONObject {
        try #require(try UnitFixtures.json("sample-record.json", dialect: "sixth").objectValue)
    }

    static func mappingFailure(_ record: JSONObject, sourceLocation: SourceLocation = #_sourceLocation) throws -> MappingError? {
        let adapter = try adapter()
        return OrderSyncCoreTests.mappingFailure({ () throws(MappingError) in try adapter.mapOrder(.object(record)) }, sourceLocation: sourceLocation)
    }

    @Test func sampleRecordMapsEveryCanonicalField() throws {
        let record = try Self.record()
        let order = try Self.adapter().mapOrder(.object(record))
        #expect(order.orderID == "5001")
        #expect(order.orderNumber == "S-5001")
        #expect(order.customerID == "cus_412")
        #expect(order.customerName == "Northwind GmbH")
        #expect(order.status == .completed)
        #expect(order.statusRaw == "fulfilled")
        #expect(order.currency == "EUR")
        #expect((order.netMinor, order.taxMinor, order.grossMinor) == (12_050, 2_410, 14_460))
        #expect(order.orderedAt?.iso8601 == "2024-05-14T09:12:00Z")
        #expect(order.updatedAt == (try TimestampParser.parse("2024-05-20T16:03:11.284913Z", timeZone: UnitFixtures.utc)))
        #expect(order.raw == JSONValue.object(record).serialized)
        #expect(order.lines == [
            CanonicalOrderLine(lineNo: 1, lineID: "71", sku: "SKU-100", description: "Notebook, A5", quantity: 2,
                               unitPriceMinor: 1_225, netMinor: 2_450, currency: "EUR"),
            CanonicalOrderLine(lineNo: 2, lineID: "72", sku: "SKU-400", description: "Desk lamp", quantity: 1,
                               unitPriceMinor: 9_600, netMinor: 9_600, currency: "EUR"),
        ])
    }

    @Test(arguments: [("open", OrderStatus.pending), ("paid", .confirmed), ("fulfilled", .completed),
                      ("cancelled", .cancelled), ("refunded", .refunded), ("lost", .unknown)])
    func documentedStatuses(raw: String, status: OrderStatus) throws {
        var record = try Self.record()
        record["status"] = .string(raw)
        let order = try Self.adapter().mapOrder(.object(record))
        #expect(order.status == status)
        #expect(order.statusRaw == raw)
    }

    @Test func statusMapOverridesTheDocumentedTable() throws {
        let order = try Self.adapter(Self.source(statusMap: ["fulfilled": .onHold])).mapOrder(.object(Self.record()))
        #expect(order.status == .onHold)
        #expect(order.statusRaw == "fulfilled")
    }

    @Test func amountsFollowTheRecordsCurrencyExponent() throws {
        var record = try Self.record()
        record["currency"] = .string("JPY")
        record["total"] = .string("14460")
        record["subtotal"] = .string("12050")
        record["tax"] = nil
        record["lines"] = .array([])
        let yen = try Self.adapter().mapOrder(.object(record))
        #expect((yen.netMinor, yen.taxMinor, yen.grossMinor) == (12_050, nil, 14_460))
        #expect(yen.lines == [])
        record["currency"] = .string("KWD")
        record["total"] = .string("1.005")
        #expect(try Self.adapter().mapOrder(.object(record)).grossMinor == 1_005)
    }

    @Test func aZonelessTimestampIsReadInTheSourceZone() throws {
        var record = try Self.record()
        record["created_at"] = .string("2024-05-14T09:12:00")
        let order = try Self.adapter(Self.source(timezone: UnitFixtures.paris)).mapOrder(.object(record))
        #expect(order.orderedAt?.iso8601 == "2024-05-14T07:12:00Z")
    }

    @Test func badOrMissingFieldsNameTheirPath() throws {
        var record = try Self.record()
        record["total"] = .string("144,60")
        #expect(try Self.mappingFailure(record)?.description == #"total: "144,60" is not a decimal amount"#)
        record = try Self.record()
        record["id"] = nil
        #expect(try Self.mappingFailure(record)?.description == "id: required field missing")
        for field in ["currency", "status", "created_at", "total"] {
            record = try Self.record()
            record[field] = nil
            #expect(try Self.mappingFailure(record)?.path == field)
        }
        record = try Self.record()
        var line = try #require(record["lines"]?.arrayValue?.last?.objectValue)
        line["quantity"] = .string("two")
        record["lines"] = .array([record["lines"]!.arrayValue![0], .object(line)])
        #expect(try Self.mappingFailure(record)?.description == #"lines[1].quantity: "two" is not a number"#)
    }

    @Test func pageSizeAboveTheUpstreamsLimitIsAConfigError() throws {
        let error = #expect(throws: ConfigError.self) { try Self.adapter(Self.source(pageSize: 101)) }
        #expect(error?.path == "page_size")
        #expect(error?.message.contains("100") == true)
        #expect(try Self.adapter(Self.source(pageSize: 100)).list.pagination.pageSize == 100)
        #expect(try Self.adapter().list.pagination.pageSize == 50)
    }

    @Test func identityIsTheIDAsText() throws {
        let adapter = try Self.adapter()
        #expect(adapter.identity(of: try Self.record()) == "5001")
        #expect(adapter.identity(of: ["number": .string("S-1")]) == nil)
    }
}

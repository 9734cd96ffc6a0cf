import Foundation
import Testing

@testable import OrderSyncCore

/// The examples of the provider's documentation (`docs/dialects/formations.md`) and a source to map them with.
enum FormationsFixtures {
    static let directory = FixtureFiles.directory(for: "formations")
    static let utc = ZoneRules.utc
    static let paris = ZoneRules(identifier: "Europe/Paris")!
    /// The simulator's codes, as the harness configures them.
    static let statusMap: [String: OrderStatus] = [
        "100": .pending, "300": .confirmed, "500": .inProgress, "700": .completed, "900": .cancelled,
    ]

    static func load(_ name: String) throws -> JSONValue {
        try JSONValue.parse(Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// The doc's `GET /orders` response. Its example is not valid JSON (a trailing comma after
    /// the last order): `orders.json` is the valid equivalent.
    static func orders() throws -> [JSONValue] {
        try #require(try load("orders.json").arrayValue)
    }

    /// The doc's `GET /orders/123/orderlines` response. Its example is not valid JSON (single
    /// quotes around 'Joe' and 'Bloggs', a trailing comma after the last line):
    /// `orderlines.json` is the valid equivalent.
    static func orderLines() throws -> JSONValue {
        try load("orderlines.json")
    }

    /// The doc's order alone, as the list gives it.
    static func listItem() throws -> JSONObject {
        try #require(try orders().first?.objectValue)
    }

    /// The list item with its lines embedded under `orderlines`, as the sync engine merges them.
    static func record() throws -> JSONObject {
        var item = try listItem()
        item["orderlines"] = try orderLines()
        return item
    }

    static func source(
        statusMap: [String: OrderStatus] = statusMap, timezone: ZoneRules = utc, currency: String? = nil,
        pageSize: Int? = nil, options: JSONObject = JSONObject()
    ) -> SourceConfiguration {
        SourceConfiguration(
            name: "formations-test", dialect: "formations", baseURL: URL(string: "https://api.formations.example")!,
            startDate: "2020-01-01", pageSize: pageSize, timezone: timezone, currency: currency, statusMap: statusMap,
            options: options)
    }

    static func adapter(_ source: SourceConfiguration = source()) throws -> FormationsAdapter {
        try FormationsAdapter(source: source)
    }

    /// The error a mapping throws, or nil when it maps.
    static func mappingError(_ body: () throws(MappingError) -> Void) -> MappingError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    static func instant(_ text: String) throws -> Instant {
        try TimestampParser.parse(text, timeZone: utc)
    }

    static func query(_ items: [URLQueryItem]) -> [String] {
        items.map { "\($0.name)=\($0.value ?? "<nil>")" }
    }
}

import Foundation
import Testing

@testable import OrderSyncCore

/// The providers' documented JSON examples, kept as files in `Fixtures/<dialect>/` and read
/// through `#filePath` (not SwiftPM resources, so the test target needs no resource bundle).
enum UnitFixtures {
    static let utc = ZoneRules.utc
    static let berlin = ZoneRules(identifier: "Europe/Berlin")!
    static let paris = ZoneRules(identifier: "Europe/Paris")!

    /// A fixture file of `dialect`'s folder (`Fixtures/<dialect>/`) parsed with the project's own parser.
    static func json(_ name: String, dialect: String) throws -> JSONValue {
        let data = try Data(contentsOf: FixtureFiles.directory(for: dialect).appendingPathComponent(name))
        return try JSONValue.parse([UInt8](data))
    }

    /// the provider's documentation (`docs/dialects/erp.md`), "Response (list)", copied verbatim.
    static func erpList() throws -> JSONValue { try json("erp-list.json", dialect: "erp") }

    /// the provider's documentation (`docs/dialects/erp.md`), "Response (single)", copied verbatim.
    static func erpSingle() throws -> JSONValue { try json("erp-single.json", dialect: "erp") }

    /// the provider's documentation (`docs/dialects/lifecycle.md`), "List Orders Response", copied verbatim.
    static func lifecycleList() throws -> JSONValue { try json("lifecycle-list.json", dialect: "lifecycle") }

    /// the provider's documentation (`docs/dialects/lifecycle.md`), "Place Order Response". The doc's example is not valid JSON: it writes
    /// `"items": [...]` and `"billing": {...}`. The fixture is the valid equivalent, with those
    /// placeholders replaced by the `items` and `billing` of the doc's "Place New Order" request
    /// (same order: the request's two items sum to the response's `total` of 300.00).
    static func lifecyclePlaceOrderResponse() throws -> JSONValue { try json("lifecycle-place-order-response.json", dialect: "lifecycle") }

    /// An `erp` source as the brief describes it, varying only what a test needs.
    static func erpSource(
        timezone: ZoneRules = utc, currency: String? = nil, statusMap: [String: OrderStatus] = [:], pageSize: Int? = nil
    ) -> SourceConfiguration {
        SourceConfiguration(
            name: "acme", dialect: "erp", baseURL: URL(string: "https://erp.example")!, startDate: "2024-01-01",
            pageSize: pageSize, timezone: timezone, currency: currency, statusMap: statusMap)
    }

    static func lifecycleSource(
        timezone: ZoneRules = utc, currency: String? = nil, statusMap: [String: OrderStatus] = [:], pageSize: Int? = nil
    ) -> SourceConfiguration {
        SourceConfiguration(
            name: "shop", dialect: "lifecycle", baseURL: URL(string: "https://lifecycle.example")!,
            startDate: "2024-01-01", pageSize: pageSize, timezone: timezone, currency: currency, statusMap: statusMap)
    }

    /// An instant from its canonical text, failing the test when the text is not one.
    static func instant(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Instant? {
        do {
            return try TimestampParser.parse(text, timeZone: utc)
        } catch {
            Issue.record("bad instant literal \(text): \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }
}

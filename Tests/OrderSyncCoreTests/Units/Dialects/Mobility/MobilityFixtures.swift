import Foundation
import Testing

@testable import OrderSyncCore

/// The JSON examples of `docs/dialects/mobility.md`, kept as files in `Fixtures/mobility/`
/// and read through `#filePath` (not SwiftPM resources). All four are the doc's examples copied
/// verbatim: each is valid JSON as published. (The `"[email protected]"` e-mail values are how the
/// published page renders its e-mail addresses; they are kept as received, being plain strings.)
enum MobilityFixtures {
    static let utc = ZoneRules.utc
    static let berlin = ZoneRules(identifier: "Europe/Berlin")!

    static var directory: URL {
        FixtureFiles.directory(for: "mobility")
    }

    static func json(_ name: String) throws -> JSONValue {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try JSONValue.parse([UInt8](data))
    }

    /// "GET /v2.3/orders", Success Response (200).
    static func listResponse() throws -> JSONValue { try json("mobility-list.json") }
    /// "GET /v2.3/orders/{orderId}", Success Response (200).
    static func orderResponse() throws -> JSONValue { try json("mobility-order.json") }
    /// "GET /v2.3/orders/statuses", Success Response (200).
    static func statusesResponse() throws -> JSONValue { try json("mobility-statuses.json") }
    /// "GET /v2.3/orders/{orderId}/invoices", Success Response (200).
    static func invoicesResponse() throws -> JSONValue { try json("mobility-invoices.json") }

    /// The one item of the list example.
    static func listItem() throws -> JSONObject {
        try #require(listResponse()["result"]?["items"]?.arrayValue?.first?.objectValue)
    }

    /// The detail example's `result`.
    static func detail() throws -> JSONObject {
        try #require(orderResponse()["result"]?.objectValue)
    }

    /// The one item of the invoices example.
    static func invoiceItem() throws -> JSONObject {
        try #require(invoicesResponse()["result"]?["items"]?.arrayValue?.first?.objectValue)
    }

    /// A run's reference data as the engine hands it over: the statuses body under `statuses`.
    static func context(_ statuses: JSONValue) -> MappingContext {
        MappingContext(references: [MobilityStatusTable.referenceName: statuses])
    }

    /// The full table the simulator (and a real account) serves.
    static func fullStatusTable() throws -> MappingContext {
        context(try JSONValue.parse("""
            {"success": true, "result": [{"id": 1, "text": "New"}, {"id": 2, "text": "In Progress"},
             {"id": 3, "text": "Completed"}, {"id": 4, "text": "Cancelled"}, {"id": 5, "text": "Awaiting Approval"}]}
            """))
    }

    static func source(
        timezone: ZoneRules = utc, currency: String? = nil, statusMap: [String: OrderStatus] = [:], pageSize: Int? = nil,
        lookbackSeconds: Int = 86_400, options: JSONObject = JSONObject()
    ) -> SourceConfiguration {
        SourceConfiguration(
            name: "relocations", dialect: "mobility", baseURL: URL(string: "https://mobility.example")!,
            startDate: "2024-01-01", pageSize: pageSize, timezone: timezone, currency: currency, statusMap: statusMap,
            lookbackSeconds: lookbackSeconds, options: options)
    }

    static func adapter(_ source: SourceConfiguration = source()) throws -> MobilityAdapter {
        try MobilityAdapter(source: source)
    }

    static func instant(_ text: String) throws -> Instant {
        try TimestampParser.parse(text, timeZone: utc)
    }

    /// The `ConfigError` building an adapter throws; records an issue when it succeeds instead.
    static func configFailure(_ options: JSONObject, sourceLocation: SourceLocation = #_sourceLocation) -> ConfigError? {
        do {
            let adapter = try MobilityAdapter(source: source(options: options))
            Issue.record("expected a ConfigError, got \(adapter.options)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    static func query(_ items: [URLQueryItem]) -> [String] {
        items.map { "\($0.name)=\($0.value ?? "<nil>")" }
    }
}

import Foundation
import Testing

@testable import OrderSyncCore

/// Small realistic records per dialect (list item merged with its detail, as `mapOrder` gets
/// them), written from the providers' documented examples and kept in
/// `Fixtures/<dialect>/sample-record.json`, plus a minimal source configuration
/// each adapter accepts. The fuzz tests start from these and break them.
enum DialectSamples {
    /// `Fixtures/<dialect>/sample-record.json` of every registered dialect, by name.
    static var records: [String: String] {
        var records: [String: String] = [:]
        for adapter in DialectRegistry.all {
            let url = FixtureFiles.directory(for: adapter.name).appendingPathComponent("sample-record.json")
            records[adapter.name] = try? String(contentsOf: url, encoding: .utf8)
        }
        return records
    }

    /// Mobility's statuses reference (`GET /v2.3/orders/statuses`); offered under every name an
    /// adapter declares, in the shapes an adapter may keep (whole body or `result`).
    static let statusesBody = #"""
        {"success": true, "result": [{"id": 1, "text": "New"}, {"id": 2, "text": "In Progress"},
                                     {"id": 3, "text": "Completed"}, {"id": 4, "text": "Cancelled"}]}
        """#

    /// Envelopes for `checkEnvelope`: good and failed ones of each shape.
    static let envelopes = [
        #"{"success": true, "result": {"items": [], "current_page": 1, "last_page": 1}}"#,
        #"{"success": false, "message": "token expired"}"#,
        #"{"success": true, "data": [], "pagination": {"current_page": 1, "last_page": 1}}"#,
        #"{"items": [], "pagination": {"page": 1, "total_pages": 1}}"#,
        #"[]"#,
    ]

    static func record(for dialect: String) -> JSONValue? {
        records[dialect].flatMap { try? JSONValue.parse($0) }
    }

    /// Every sample: an adapter also meets records of another dialect's shape (misconfiguration).
    static var allRecords: [JSONValue] {
        records.keys.sorted().compactMap(record(for:))
    }

    /// A minimal source of `dialect` with the credentials and settings its adapter requires.
    static func source(for type: any DialectAdapter.Type) -> SourceConfiguration {
        let auth: SourceAuth = switch type.authKind {
        case .token, .apiKey: SourceAuth(token: Secret("fuzz-token"))
        case .usernamePassword: SourceAuth(username: Secret("u"), password: Secret("p"))
        }
        return SourceConfiguration(
            name: "fuzz-\(type.name)", dialect: type.name, baseURL: URL(string: "https://upstream.example")!,
            auth: auth, startDate: "2024-01-01", statusMap: ["700": .completed, "900": .cancelled])
    }

    /// Contexts a mapping may run with: none, then the statuses reference under each declared
    /// name as its `result` only and, last, as the whole body (the shape the run stores).
    static func contexts(for adapter: any DialectAdapter) -> [MappingContext] {
        guard let body = try? JSONValue.parse(statusesBody) else { return [MappingContext()] }
        var whole: [String: JSONValue] = [:], result: [String: JSONValue] = [:]
        for reference in adapter.references {
            whole[reference.name] = body
            result[reference.name] = body["result"] ?? .null
        }
        return [MappingContext(), MappingContext(references: result), MappingContext(references: whole)]
    }
}

import Foundation
import Testing

@testable import OrderSyncCore

/// reseller test material: fixtures read through `#filePath` from `Fixtures/reseller/` (not SwiftPM
/// resources), a source as the loader would build it, and a scripted transport.
enum ResellerFixtures {
    static let utc = ZoneRules.utc

    static var directory: URL {
        FixtureFiles.directory(for: "reseller")
    }

    static func json(_ name: String) throws -> JSONValue {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try JSONValue.parse([UInt8](data))
    }

    /// the provider's documentation (`docs/dialects/reseller.md`) has no JSON example, only the response's field list. The fixture is a
    /// list body written from that list and the contract in `docs/dialects/reseller.md` (integer `id`,
    /// `status` `{id, name}`, `currency` `{code}`, `line` items, dates with offsets): a
    /// delivered, paid EUR order with every documented field set, and a GBP order still being
    /// edited, with the optional objects `null`.
    static func list() throws -> [JSONValue] {
        try #require(json("reseller-list.json").arrayValue)
    }

    static func order(_ index: Int) throws -> JSONObject {
        try #require(list()[index].objectValue)
    }

    /// The login answer as `docs/dialects/reseller.md` writes it (the doc names the endpoint only).
    static func authenticateAnswer() throws -> JSONValue { try json("reseller-authenticate.json") }

    static func source(
        timezone: ZoneRules = utc, currency: String? = nil, statusMap: [String: OrderStatus] = [:],
        pageSize: Int? = nil, options: JSONObject = JSONObject(), baseURL: String = "https://reseller.example/base"
    ) -> SourceConfiguration {
        SourceConfiguration(
            name: "hw-shop", dialect: "reseller", baseURL: URL(string: baseURL)!,
            auth: SourceAuth(username: Secret("buyer@example.com"), password: Secret("s3cret-pa55")),
            startDate: "2026-01-01", pageSize: pageSize, timezone: timezone, currency: currency,
            statusMap: statusMap, options: options)
    }

    static func adapter(_ source: SourceConfiguration = source()) throws -> ResellerAdapter {
        try ResellerAdapter(source: source)
    }

    /// The mapping error of `record`, or nil (with a recorded issue) when it mapped.
    static func mappingFailure(_ record: JSONObject, sourceLocation: SourceLocation = #_sourceLocation) throws -> MappingError? {
        let adapter = try adapter()
        do {
            let order = try adapter.mapOrder(.object(record))
            Issue.record("mapped unexpectedly: \(order.orderID)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    static func instant(_ text: String) throws -> Instant {
        try TimestampParser.parse(text, timeZone: utc)
    }
}

/// A transport that answers each request through `respond` and records what was sent.
final class ResellerScriptedTransport: HTTPTransport {
    private let sent = LockedBox<[TransportRequest]>([])
    private let respond: @Sendable (TransportRequest, Int) async -> HTTPResponse

    /// `respond` gets the request and its 0-based position among all requests sent.
    init(_ respond: @escaping @Sendable (TransportRequest, Int) async -> HTTPResponse) {
        self.respond = respond
    }

    var requests: [TransportRequest] { sent.current }

    func perform(_ request: TransportRequest, limits: TransportLimits) async throws(TransportError) -> HTTPResponse {
        let index = sent.withValue { requests in
            requests.append(request)
            return requests.count - 1
        }
        return await respond(request, index)
    }

    /// A client over `transport` that never waits (no pacing, instant backoff).
    static func client(_ transport: ResellerScriptedTransport, authorizer: (any Authorizer)?, maxAttempts: Int = 3) -> HTTPClient {
        HTTPClient(
            source: "hw-shop", baseURL: URL(string: "https://reseller.example/base")!,
            settings: HTTPClientSettings(maxAttempts: maxAttempts, initialBackoff: .zero, requestsPerSecond: nil),
            transport: transport, authorizer: authorizer, sleeper: Sleeper { _ in }, random: { $0.lowerBound })
    }

    static func json(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers.merging(["Content-Type": "application/json"]) { $1 }, body: Array(text.utf8))
    }
}

extension TransportRequest {
    /// The request's path after the base URL's.
    var resellerPath: String { url?.path.replacingOccurrences(of: "/base", with: "") ?? "" }

    /// The decoded value of query item `name`.
    func queryValue(_ name: String) -> String? {
        url.flatMap { URLComponents(url: $0, resolvingAgainstBaseURL: false) }?.queryItems?.first { $0.name == name }?.value
    }
}

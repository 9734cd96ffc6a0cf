import Foundation

@testable import OrderSyncCore

/// An upstream behind the `HTTPTransport` seam that answers by URL: `respond` sees the path and
/// the query of each request and decides the answer. It records every URL asked for.
final class ScriptedUpstream: HTTPTransport {
    typealias Responder = @Sendable (_ path: String, _ query: [String: String]) -> HTTPResponse

    private let respond: Responder
    private let log = LockedBox<[URL]>([])

    init(_ respond: @escaping Responder) {
        self.respond = respond
    }

    var requested: [URL] { log.current }

    func perform(_ request: TransportRequest, limits: TransportLimits) async throws(TransportError) -> HTTPResponse {
        guard let url = request.url, let components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            throw .other("no URL")
        }
        log.withValue { $0.append(url) }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        return respond(components.path, query)
    }

    static func json(_ text: String, headers: [String: String] = [:]) -> HTTPResponse {
        HTTPResponse(status: 200, headers: headers.merging(["Content-Type": "application/json"]) { $1 }, body: Array(text.utf8))
    }

    /// `{"success": true, "data": [...]}` with orders numbered `ids`, plus `extra` members.
    static func orders(_ ids: some Sequence<Int>, extra: String = "", headers: [String: String] = [:]) -> HTTPResponse {
        let records = ids.map { #"{"id": \#($0), "status": "pending"}"# }.joined(separator: ",")
        return json(#"{"success": true, "data": [\#(records)]\#(extra.isEmpty ? "" : ", " + extra)}"#, headers: headers)
    }

    /// A walker over this upstream with `pagination`, no pacing, one attempt per request.
    func walker(_ pagination: Pagination, baseURL: String = "https://upstream.example/api") -> PageWalker {
        let settings = HTTPClientSettings(
            maxAttempts: 1, initialBackoff: .milliseconds(1), maxBackoff: .milliseconds(2), requestsPerSecond: nil)
        let client = HTTPClient(
            source: "scripted", baseURL: URL(string: baseURL)!, settings: settings, transport: self, authorizer: nil,
            sleeper: Sleeper { _ in })
        let source = SourceConfiguration(
            name: "scripted", dialect: LifecycleAdapter.name, baseURL: client.baseURL, auth: SourceAuth(token: Secret("t")),
            startDate: "2024-01-01")
        let endpoint = ListEndpoint(path: "/orders", pagination: pagination, recordsPath: ["data"])
        return PageWalker(
            reader: UpstreamReader(client: client, adapter: try! LifecycleAdapter(source: source)), endpoint: endpoint)
    }

    /// Every record id a walk from the start yields, in order.
    static func ids(_ walker: PageWalker) async throws -> [String] {
        var ids: [String] = []
        try await walker.walk(query: [], from: walker.endpoint.pagination.start) { page in
            ids += page.records.compactMap { $0["id"]?.scalarText }
            return true
        }
        return ids
    }
}

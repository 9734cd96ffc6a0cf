import Foundation

@testable import OrderSyncCore

/// A scripted upstream behind the `HTTPTransport` seam: `respond` gets the requested page
/// number and the attempt count for that page, and decides the answer. Records every request
/// and the limits it was sent with; enforces `maxResponseBytes` the way the real transport does.
final class PagingUpstream: HTTPTransport {
    typealias Responder = @Sendable (_ page: Int, _ attempt: Int) -> HTTPResponse

    private let respond: Responder
    private let log = LockedBox<(pages: [Int], limits: [TransportLimits])>(([], []))

    init(_ respond: @escaping Responder) {
        self.respond = respond
    }

    /// The page numbers requested, in order, retries included.
    var requestedPages: [Int] { log.current.pages }
    var limits: [TransportLimits] { log.current.limits }

    func perform(_ request: TransportRequest, limits: TransportLimits) async throws(TransportError) -> HTTPResponse {
        let items = request.url.flatMap { URLComponents(url: $0, resolvingAgainstBaseURL: false)?.queryItems } ?? []
        let page = items.first { $0.name == "page" }?.value.flatMap { Int($0) } ?? -1
        let attempt = log.withValue { log in
            log.pages.append(page)
            log.limits.append(limits)
            return log.pages.filter { $0 == page }.count
        }
        let response = respond(page, attempt)
        guard response.body.count <= limits.maxResponseBytes else { throw .tooLarge(limits.maxResponseBytes) }
        return response
    }

    /// A `{"data": [...], "pagination": {...}}` body of `count` orders numbered from `firstID`.
    static func page(ids: Range<Int>, lastPage: Int? = nil, echo page: Int? = nil) -> HTTPResponse {
        let records = ids.map { #"{"id": \#($0), "status": "pending"}"# }.joined(separator: ",")
        var pagination: [String] = []
        if let page { pagination.append(#""current_page": \#(page)"#) }
        if let lastPage { pagination.append(#""last_page": \#(lastPage)"#) }
        let body = #"{"success": true, "data": [\#(records)], "pagination": {\#(pagination.joined(separator: ","))}}"#
        return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Array(body.utf8))
    }

    static func text(_ body: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/html"], body: Array(body.utf8))
    }

    /// A walker over `transport` with no pacing, one attempt per request and millisecond backoff.
    static func walker(
        _ transport: PagingUpstream, pageSize: Int = 2, end: Pagination.End = .shortPage, maxPages: Int = 5,
        maxAttempts: Int = 1, maxResponseBytes: Int = 1 << 20, sleeper: Sleeper = Sleeper { _ in }
    ) -> PageWalker {
        let settings = HTTPClientSettings(
            maxAttempts: maxAttempts, initialBackoff: .milliseconds(1), maxBackoff: .milliseconds(2),
            requestsPerSecond: nil, maxResponseBytes: maxResponseBytes)
        let client = HTTPClient(
            source: "paging-test", baseURL: URL(string: "https://upstream.example")!, settings: settings,
            transport: transport, authorizer: nil, sleeper: sleeper)
        let source = SourceConfiguration(
            name: "paging-test", dialect: LifecycleAdapter.name, baseURL: client.baseURL,
            auth: SourceAuth(token: Secret("t")), startDate: "2024-01-01")
        let endpoint = ListEndpoint(
            path: "/api/orders/list",
            pagination: Pagination(pageSize: pageSize, end: end, maxPages: maxPages), recordsPath: ["data"])
        // lifecycle's envelope check (`success: false` is a failure) is part of what is walked.
        return PageWalker(
            reader: UpstreamReader(client: client, adapter: try! LifecycleAdapter(source: source)), endpoint: endpoint)
    }
}

extension PagingUpstream {
    /// Walks every page of `walker` from 1 and returns the record count of each page.
    static func pageCounts(_ walker: PageWalker) async throws -> [Int] {
        var counts: [Int] = []
        try await walker.walk(query: [], from: .page(1)) { page in
            counts.append(page.records.count)
            return true
        }
        return counts
    }
}

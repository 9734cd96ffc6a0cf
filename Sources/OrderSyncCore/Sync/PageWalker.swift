import FoundationEssentials
import PlatformSupport

/// Walks the pages of a list endpoint for one query: requests each page, picks out the records,
/// and decides from the server's own evidence when the list ends (see `Pagination`). It never
/// loops forever: a page equal to the previous one, a pointer that does not move, or more pages
/// than the pagination allows, is an error.
struct PageWalker {
    let reader: UpstreamReader
    let endpoint: ListEndpoint

    /// Calls `body` for every page from `start` until the last page or until `body` returns
    /// false. Cancellation is honoured between pages.
    func walk(query: [URLQueryItem], from start: PagePosition, _ body: (ListPage) async throws -> Bool) async throws {
        let pagination = endpoint.pagination
        var position = start
        var previousDigest: String?
        var previousCount: Int?
        /// The size of a page the server followed with more records, in this walk.
        var fullPage: Int?
        /// Every position asked for: a cursor that comes back (A → B → A) is a loop.
        var visited: Set<PagePosition> = []
        var fetched = 0
        while true {
            try Task.checkCancellation()
            guard fetched < pagination.maxPages else {
                throw SyncError.runawayPagination(path: endpoint.path, pages: fetched)
            }
            let (response, json) = try await reader.fetchJSON(try request(at: position, query: query))
            fetched += 1
            let records = try selectRecords(json)
            // Records, not the body: an envelope may echo the page number it was asked for.
            let digest = Fingerprint.of(serializing: .array(records))
            if !records.isEmpty, digest == previousDigest {
                throw SyncError.repeatedPage(path: endpoint.path, page: position.description)
            }
            if let previousCount, previousCount > 0, !records.isEmpty { fullPage = max(fullPage ?? 0, previousCount) }
            visited.insert(position)
            previousDigest = digest
            previousCount = records.count
            let next = try nextPosition(after: position, records: records, fullPage: fullPage, response: response, json: json)
            if let next, visited.contains(next) {
                throw SyncError.repeatedPage(path: endpoint.path, page: position.description)
            }
            guard try await body(ListPage(position: position, records: records, next: next)), let next else { return }
            position = next
        }
    }

    /// The request for the page at `position` (built by the endpoint, which `check-config
    /// --probe` asks for its first page too).
    private func request(at position: PagePosition, query: [URLQueryItem]) throws -> HTTPRequest {
        try endpoint.request(at: position, query: query, baseURL: reader.client.baseURL)
    }

    private func selectRecords(_ json: JSONValue) throws -> [JSONValue] {
        var value = json
        for key in endpoint.recordsPath {
            guard let next = value[key] else {
                throw SyncError.unexpectedShape(path: endpoint.path, "no \"\(endpoint.recordsPath.joined(separator: "."))\" in the body")
            }
            value = next
        }
        guard case .array(let records) = value else {
            throw SyncError.unexpectedShape(path: endpoint.path, "expected an array of orders, got \(value.kindName)")
        }
        return records
    }

    /// Where the next page starts, or nil when the server's evidence says this page is the last.
    private func nextPosition(
        after position: PagePosition, records: [JSONValue], fullPage: Int?, response: HTTPResponse, json: JSONValue
    ) throws -> PagePosition? {
        switch endpoint.pagination.style {
        case .pageNumber(_, _, let end):
            guard case .page(let page) = position, !records.isEmpty else { return nil }
            switch end {
            case .shortPage:
                if let fullPage, records.count < fullPage { return nil }
            case .totalPagesInHeader(let name):
                guard let total = response.header(name).flatMap({ Int($0.trimmingWhitespace()) }) else {
                    throw SyncError.unexpectedShape(path: endpoint.path, "missing or invalid \(name) header")
                }
                if page >= total { return nil }
            case .totalPagesInBody(let path):
                guard let text = Self.value(at: path, in: json)?.scalarText, let total = Int(text) else {
                    throw SyncError.unexpectedShape(path: endpoint.path, "missing or invalid \(path.joined(separator: "."))")
                }
                if page >= total { return nil }
            }
            return .page(page + 1)
        case .cursor(_, let pointer), .nextLink(let pointer):
            return pointerValue(pointer, response: response, json: json).map { .after($0) }
        }
    }

    private func pointerValue(_ pointer: Pagination.Pointer, response: HTTPResponse, json: JSONValue) -> String? {
        let value: String?
        switch pointer {
        case .body(let path): value = Self.value(at: path, in: json)?.scalarText
        case .header(let name): value = response.header(name)
        case .linkHeader: value = response.header("link").flatMap(LinkTarget.nextLink(inLinkHeader:))
        }
        guard let value = value?.trimmingWhitespace(), !value.isEmpty else { return nil }
        return value
    }

    private static func value(at path: [String], in json: JSONValue) -> JSONValue? {
        var value = json
        for key in path {
            guard let next = value[key] else { return nil }
            value = next
        }
        return value == .null ? nil : value
    }
}

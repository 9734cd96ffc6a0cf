import Foundation

/// Walks the pages of a list endpoint for one query: requests each page, checks the envelope,
/// picks out the records, and decides when the list ends. It never loops forever: a page equal
/// to the previous one, or more pages than the pagination allows, is an error.
struct PageWalker {
    let client: HTTPClient
    let adapter: any DialectAdapter
    let endpoint: ListEndpoint
    /// Attempts for a page whose 2xx body is not JSON (a proxy's error page, a cut-off body).
    var bodyAttempts = 3

    /// Calls `body` for every page from `startPage` until the last page or until `body` returns
    /// false. Cancellation is honoured between pages.
    func walk(query: [URLQueryItem], from startPage: Int, _ body: (ListPage) async throws -> Bool) async throws {
        let pagination = endpoint.pagination
        var page = startPage
        var previousDigest: String?
        var fetched = 0
        while true {
            try Task.checkCancellation()
            guard fetched < pagination.maxPages else {
                throw SyncError.runawayPagination(path: endpoint.path, pages: fetched)
            }
            let (response, json) = try await fetch(page: page, query: query)
            fetched += 1
            let records = try selectRecords(json)
            // Records, not the body: an envelope may echo the page number it was asked for.
            let digest = Fingerprint.of(JSONValue.array(records).serialized)
            if !records.isEmpty, digest == previousDigest {
                throw SyncError.repeatedPage(path: endpoint.path, page: page)
            }
            previousDigest = digest
            let isLast = try isLastPage(page, records: records, response: response, json: json)
            guard try await body(ListPage(number: page, records: records, isLast: isLast)), !isLast else { return }
            page += 1
        }
    }

    private func fetch(page: Int, query: [URLQueryItem]) async throws -> (HTTPResponse, JSONValue) {
        let pagination = endpoint.pagination
        var items = endpoint.query + query
        items.append(URLQueryItem(name: pagination.pageParameter, value: String(page)))
        if let sizeParameter = pagination.pageSizeParameter {
            items.append(URLQueryItem(name: sizeParameter, value: String(pagination.pageSize)))
        }
        let request = HTTPRequest(path: endpoint.path, query: items, headers: ["Accept": "application/json"])
        return try await fetchJSON(request)
    }

    /// Sends `request` and parses the body, retrying a body that is not JSON like a transient fault.
    func fetchJSON(_ request: HTTPRequest) async throws -> (HTTPResponse, JSONValue) {
        var attempt = 1
        while true {
            let response: HTTPResponse
            do {
                response = try await client.send(request)
            } catch {
                throw SyncError.http(error)
            }
            do {
                let json = try JSONValue.parse(response.body)
                do {
                    try adapter.checkEnvelope(json)
                } catch {
                    throw SyncError.upstream(path: request.path, error)
                }
                return (response, json)
            } catch let error as JSONParseError {
                guard attempt < bodyAttempts else { throw SyncError.invalidBody(path: request.path, error) }
                let delay = client.settings.backoff.delay(forAttempt: attempt, random: client.random)
                attempt += 1
                try await client.sleeper.sleep(delay)
            }
        }
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

    private func isLastPage(_ page: Int, records: [JSONValue], response: HTTPResponse, json: JSONValue) throws -> Bool {
        let pagination = endpoint.pagination
        if records.isEmpty { return true }
        switch pagination.end {
        case .shortPage:
            return records.count < pagination.pageSize
        case .totalPagesInHeader(let name):
            guard let total = response.header(name).flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
                throw SyncError.unexpectedShape(path: endpoint.path, "missing or invalid \(name) header")
            }
            return page >= total
        case .totalPagesInBody(let path):
            var value = json
            for key in path { value = value[key] ?? .null }
            guard let text = value.scalarText, let total = Int(text) else {
                throw SyncError.unexpectedShape(path: endpoint.path, "missing or invalid \(path.joined(separator: "."))")
            }
            return page >= total
        }
    }
}

import Foundation

/// Turns the records of one page into what the store writes: finds each record's id, skips
/// those unchanged since they were stored, fetches details for the rest (bounded concurrency),
/// maps them, and sets aside what cannot be mapped as rejected records.
struct RecordPipeline {
    let source: String
    let adapter: any DialectAdapter
    let client: HTTPClient
    let store: OrderStore
    let walker: PageWalker
    let childConcurrency: Int
    let context: MappingContext
    /// Mixed into every list fingerprint: what else decides the mapping (the binary's version,
    /// the source's status map, currency, time zone, options). When it changes, every order is
    /// read and mapped again once, so a mapping fix reaches the rows already stored.
    let mappingKey: String
    /// Read and write every record, even those unchanged since they were stored (`--restart`).
    var ignoreStoredDigests = false

    /// A list item that changed since it was stored (or is new), with its fingerprint.
    private struct Candidate: Sendable {
        var orderID: String
        var item: JSONObject
        var digest: String
    }

    func process(_ records: [JSONValue], stream: String, into batch: inout PageBatch) async throws {
        var candidates: [Candidate] = []
        for record in records {
            guard case .object(let item) = record else {
                batch.rejected.append(RejectedRecord(stream: stream, reason: "expected an order object, got \(record.kindName)", raw: record.serialized))
                continue
            }
            guard let orderID = adapter.identity(of: item) else {
                batch.rejected.append(RejectedRecord(stream: stream, reason: "the order has no id", raw: record.serialized))
                continue
            }
            candidates.append(Candidate(orderID: orderID, item: item, digest: Fingerprint.of(mappingKey + record.serialized)))
        }
        let ids = candidates.map(\.orderID)
        let stored: [String: String]
        do {
            stored = ignoreStoredDigests ? [:] : try await store.perform { [source] in try $0.listDigests(source: source, orderIDs: ids) }
        } catch {
            throw SyncError.store(error)
        }
        let changed = candidates.filter { stored[$0.orderID] != $0.digest }
        let merged = try await fetchDetails(for: changed)
        for (candidate, outcome) in zip(changed, merged) {
            switch outcome {
            case .success(let record):
                do {
                    batch.orders.append(PageBatch.Order(try adapter.mapOrder(record, context: context), listDigest: candidate.digest))
                } catch {
                    batch.rejected.append(RejectedRecord(stream: stream, reason: error.description, raw: record.serialized))
                }
            case .failure(let reason):
                batch.rejected.append(RejectedRecord(stream: stream, reason: reason, raw: JSONValue.object(candidate.item).serialized))
            }
        }
    }

    /// Re-reads stored orders by id through the detail request alone (orders no list shows any
    /// more). Their list fingerprint is cleared, so the next list sighting reads them again.
    func reread(_ orderIDs: [String], stream: String, into batch: inout PageBatch) async throws {
        let candidates = orderIDs.map { Candidate(orderID: $0, item: JSONObject(), digest: "") }
        for (candidate, outcome) in zip(candidates, try await fetchDetails(for: candidates)) {
            switch outcome {
            case .success(let record):
                do {
                    batch.orders.append(PageBatch.Order(try adapter.mapOrder(record, context: context), listDigest: nil))
                } catch {
                    batch.rejected.append(RejectedRecord(stream: stream, reason: error.description, raw: record.serialized))
                }
            case .failure(let reason):
                let raw = JSONValue.object(["id": .string(candidate.orderID)]).serialized
                batch.rejected.append(RejectedRecord(stream: stream, reason: "order \(candidate.orderID): \(reason)", raw: raw))
            }
        }
    }

    private enum DetailOutcome: Sendable {
        case success(JSONValue)
        case failure(String)
    }

    /// Details for `candidates`, in their order; at most `childConcurrency` requests at a time.
    private func fetchDetails(for candidates: [Candidate]) async throws -> [DetailOutcome] {
        guard let detail = adapter.detail else { return candidates.map { .success(.object($0.item)) } }
        var outcomes = [DetailOutcome?](repeating: nil, count: candidates.count)
        try await withThrowingTaskGroup(of: (Int, DetailOutcome).self) { group in
            var next = 0
            func launch() {
                let index = next
                let candidate = candidates[index]
                next += 1
                group.addTask { (index, try await fetchDetail(detail, for: candidate)) }
            }
            while next < min(childConcurrency, candidates.count) { launch() }
            while let (index, outcome) = try await group.next() {
                outcomes[index] = outcome
                if next < candidates.count { launch() }
            }
        }
        return outcomes.map { $0! }
    }

    private func fetchDetail(_ detail: DetailFetch, for candidate: Candidate) async throws -> DetailOutcome {
        guard Self.isRequestable(candidate.orderID) else {
            return .failure("the order id \"\(candidate.orderID)\" cannot be part of a request path")
        }
        let request = HTTPRequest(path: detail.path(candidate.orderID), headers: ["Accept": "application/json"])
        let body: JSONValue
        do {
            body = try await walker.fetchJSON(request).1
        } catch SyncError.http(let error) where error.refusesRecord != nil {
            // Deleted between list and detail, or refused for this order alone: keep what the
            // list said, with the reason; the next sighting asks again.
            return .failure("the detail request \(request.path) answered HTTP \(error.refusesRecord!)")
        }
        var value = body
        for key in detail.recordPath { value = value[key] ?? .null }
        if let key = detail.embedUnder {
            var item = candidate.item
            item[key] = value
            return .success(.object(item))
        }
        guard case .object(let detailObject) = value else {
            return .failure("the detail of order \(candidate.orderID) is \(value.kindName), not an object")
        }
        return .success(.object(candidate.item.merging(detailObject)))
    }

    /// Whether an id can be one path segment: the URL builder percent-encodes everything else,
    /// but an id like `a/b` or `..` would walk the path to another resource.
    static func isRequestable(_ id: String) -> Bool {
        !id.isEmpty && !id.contains("/") && id != "." && id != ".."
    }
}

extension HTTPError {
    /// A 4xx that concerns the one resource asked for (gone, malformed, refused), not the
    /// upstream or our credentials: asking again will not change it, and it must not stop the
    /// rest of the sync. 401, 403, 408 and 429 are about the client or the moment, not the record.
    var refusesRecord: Int? {
        if case .status(let code, _) = kind, (400..<500).contains(code), ![401, 403, 408, 429].contains(code) { return code }
        return nil
    }
}

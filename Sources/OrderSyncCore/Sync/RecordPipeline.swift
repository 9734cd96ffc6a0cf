import FoundationEssentials

/// Turns the records of one page into what the store writes: finds each record's id, skips
/// those unchanged since they were stored, fetches details for the rest (bounded concurrency),
/// maps them, and sets aside what cannot be had: a record that can never map (or whose detail
/// the upstream refuses or garbles) is a rejected record; a record whose detail failed for a
/// passing reason is deferred, and the next run retries it first. One record never holds back
/// the rest of its page. One pipeline per run.
struct RecordPipeline: Sendable {
    let source: String
    let adapter: any DialectAdapter
    let reader: UpstreamReader
    let store: any OrderStore
    let childConcurrency: Int
    let context: MappingContext
    /// Mixed into every list fingerprint: what else decides the mapping (the binary's version,
    /// the source's status map, currency, time zone, options). When it changes, every order is
    /// read and mapped again once, so a mapping fix reaches the rows already stored.
    let mappingKey: String
    /// Read and write every record, even those unchanged since they were stored (`--restart`,
    /// `verify --repair`).
    var ignoreStoredDigests = false

    /// How many details a page must have needed before their failing all alike says the source,
    /// not the records, is at fault.
    static let pageJudgement = 3

    /// The HTTP status every outcome was refused with, if they all were. A 404/410 is not a
    /// refusal: it says the order is gone (see `DetailOutcome.missing`), which is news about
    /// the order, never about the endpoint, so it never fails a page.
    static func commonRefusal(_ outcomes: [DetailOutcome]) -> Int? {
        let codes = outcomes.map { outcome -> Int? in
            if case .refused(_, let code) = outcome { return code }
            return nil
        }
        guard let first = codes.first ?? nil, codes.allSatisfy({ $0 != nil }) else { return nil }
        return first
    }

    /// How often the mapping loop checks for cancellation and yields its thread: a page of
    /// wide records must not keep a stopping daemon (or the watchdog task) waiting.
    static let yieldEvery = 32

    /// A list item that changed since it was stored (or is new), with its fingerprint.
    struct Candidate: Sendable {
        var orderID: String
        var item: JSONObject
        var digest: String?
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
            candidates.append(Candidate(orderID: orderID, item: item, digest: Fingerprint.of(mappingKey, serializing: record)))
        }
        let ids = candidates.map(\.orderID)
        let stored: [String: String]
        do {
            stored = ignoreStoredDigests ? [:] : try await store.listDigests(source: source, orderIDs: ids)
        } catch let error as CancellationError {
            throw error
        } catch {
            throw SyncError.store(error)
        }
        try await map(candidates.filter { stored[$0.orderID] != $0.digest }, stream: stream, into: &batch)
    }

    /// Re-reads orders by id through the detail request alone (orders no list shows any more,
    /// deferred records). Their list fingerprint is cleared, so the next list sighting reads
    /// them again.
    func reread(_ orderIDs: [String], stream: String, into batch: inout PageBatch) async throws {
        try await map(orderIDs.map { Candidate(orderID: $0, item: JSONObject(), digest: nil) }, stream: stream, into: &batch)
    }

    /// Fetches details for `candidates`, maps them and files each outcome into `batch`.
    /// - Parameter judgePage: whether a page whose details all failed alike fails the run
    ///   (off for the retry of deferred records, which must never hold back a poll).
    func map(_ candidates: [Candidate], stream: String, into batch: inout PageBatch, judgePage: Bool = true) async throws {
        let outcomes = try await fetchDetails(for: candidates)
        // The upstream itself failing (down, timing out) on every detail of a page, or refusing
        // every one of them with a 4xx other than 404/410, is the source failing, not the records:
        // the page is not written and the run fails, so no cursor moves past it. One or two
        // records failing alone are set aside instead: they cannot stall the source.
        let judged = judgePage && candidates.count >= Self.pageJudgement
        let answered = !judged || outcomes.contains { if case .deferred(_, .some) = $0 { false } else { true } }
        if judged, let code = Self.commonRefusal(outcomes) {
            throw SyncError.unexpectedShape(
                path: adapter.detail.map { $0.path(candidates[0].orderID) } ?? adapter.list.path,
                "every detail request of the page was refused (HTTP \(code)); nothing of the page was written. Check the upstream's detail endpoint")
        }
        for (index, (candidate, outcome)) in zip(candidates, outcomes).enumerated() {
            if index % Self.yieldEvery == Self.yieldEvery - 1 {
                try Task.checkCancellation()
                await Task.yield()
            }
            switch outcome {
            case .record(let record):
                file(record, digest: candidate.digest, stream: stream, into: &batch)
            case .missing(let reason):
                // Gone upstream: a stored order is flagged (and left out of every later refresh),
                // one never stored is a rejected record (see `PageWriter.markGone`).
                batch.gone.append(PageBatch.Gone(orderID: candidate.orderID, stream: stream, reason: "order \(candidate.orderID): \(reason)", raw: raw(candidate)))
            case .rejected(let reason), .refused(let reason, _):
                batch.rejected.append(RejectedRecord(stream: stream, reason: "order \(candidate.orderID): \(reason)", raw: raw(candidate)))
            case .deferred(let reason, let sourceError):
                if let sourceError, !answered { throw sourceError }
                batch.deferred.append(DeferredRecord(orderID: candidate.orderID, stream: stream, item: raw(candidate), reason: reason))
            }
        }
    }

    /// Maps one whole record into `batch`: an order, or a rejected record with the reason.
    func file(_ record: JSONValue, digest: String?, stream: String, into batch: inout PageBatch) {
        do {
            batch.orders.append(PageBatch.Order(try adapter.mapOrder(record, context: context), listDigest: digest))
        } catch {
            batch.rejected.append(RejectedRecord(stream: stream, reason: error.description, raw: record.serialized))
        }
    }

    /// Looks orders up by id through the detail request: the merged record of each one found,
    /// and the ids the upstream says do not exist. Other failures are neither (left out).
    func lookUp(_ orderIDs: [String]) async throws -> (found: [String: JSONValue], missing: Set<String>) {
        let candidates = orderIDs.map { Candidate(orderID: $0, item: JSONObject(), digest: nil) }
        var found: [String: JSONValue] = [:]
        var missing = Set<String>()
        for (candidate, outcome) in zip(candidates, try await fetchDetails(for: candidates)) {
            switch outcome {
            case .record(let record): found[candidate.orderID] = record
            case .missing: missing.insert(candidate.orderID)
            case .rejected, .refused, .deferred: continue
            }
        }
        return (found, missing)
    }

    private func raw(_ candidate: Candidate) -> String {
        candidate.item.members.isEmpty ? JSONValue.object(["id": .string(candidate.orderID)]).serialized : JSONValue.object(candidate.item).serialized
    }

    enum DetailOutcome: Sendable {
        case record(JSONValue)
        /// Asking again will not help (refused, undecodable, not an order): a rejected record.
        case rejected(String)
        /// The upstream says the order does not exist (404, 410).
        case missing(String)
        /// The upstream refused this order's detail with another 4xx.
        case refused(String, code: Int)
        /// A passing failure; the error when it was the upstream's, not the record's.
        case deferred(String, (any Error)?)
    }

    /// Details for `candidates`, in their order; at most `childConcurrency` requests at a time.
    private func fetchDetails(for candidates: [Candidate]) async throws -> [DetailOutcome] {
        guard let detail = adapter.detail else { return candidates.map { .record(.object($0.item)) } }
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
            return .rejected("the order id \"\(candidate.orderID)\" cannot be part of a request path")
        }
        let request = HTTPRequest(path: detail.path(candidate.orderID), headers: ["Accept": "application/json"])
        let body: JSONValue
        do {
            body = try await reader.fetchJSON(request).1
        } catch let error as SyncError {
            return try Self.classify(error, path: request.path)
        }
        var value = body
        for key in detail.recordPath { value = value[key] ?? .null }
        if let key = detail.embedUnder {
            var item = candidate.item
            item[key] = value
            return .record(.object(item))
        }
        guard case .object(let detailObject) = value else {
            return .rejected("the detail is \(value.kindName), not an object")
        }
        return .record(.object(candidate.item.merging(detailObject)))
    }

    /// What a failed detail request means for its record; rethrows what concerns the whole
    /// source (credentials, cancellation).
    static func classify(_ error: SyncError, path: String) throws -> DetailOutcome {
        switch error {
        case .http(let http):
            if let code = http.refusesRecord {
                // Deleted between list and detail, or refused for this order alone.
                let reason = "the detail request \(path) answered HTTP \(code)"
                return [404, 410].contains(code) ? .missing(reason) : .refused(reason, code: code)
            }
            switch http.kind {
            case .cancelled, .unauthorized, .authorization, .status(403, _): throw error
            case .transport(.tooLarge): return .rejected(error.description)
            default: return .deferred(error.description, error)
            }
        case .invalidBody, .unexpectedShape:
            return .rejected(error.description)
        case .upstream:
            return .deferred(error.description, nil)
        default:
            throw error
        }
    }

    /// Whether an id can be one path segment: the URL builder percent-encodes everything else,
    /// but an id like `a/b` or `..` would walk the path to another resource.
    static func isRequestable(_ id: String) -> Bool {
        // Bytes, not `contains("/")`: with Foundation imported that is an NSString search,
        // 1 % of a backfill's CPU once per order.
        !id.isEmpty && !id.utf8.contains(UInt8(ascii: "/")) && id != "." && id != ".."
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

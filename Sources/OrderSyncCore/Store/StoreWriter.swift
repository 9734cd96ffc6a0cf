/// The writes of the store. Each call is one transaction, all or nothing; the writer owns
/// transactions, so nothing outside a call can leave one open.
public protocol StoreWriter: AnyObject, Sendable {
    /// Records a configured source (first write wins `first_synced_at`), with the time zone the
    /// reporting views take its local dates in (and that zone's offsets, see `TimeZoneOffsets`).
    func registerSource(name: String, dialect: String, baseURL: String, timezone: ZoneRules, pollIntervalSeconds: Int?) async throws
    /// Writes one page in one transaction: orders, their lines, status history, invoices,
    /// rejected and deferred records and the checkpoint, all or nothing.
    @discardableResult
    func write(_ batch: PageBatch) async throws -> PageWriteSummary
    /// Sets a stream's checkpoint outside of a page write (a manual reset, a completed scan).
    func setCheckpoint(source: String, stream: String, cursor: String?, at instant: Instant) async throws
    /// Deletes the cursor of `stream` (every stream of the source when nil); returns how many
    /// went. Orders and runs are kept.
    @discardableResult
    func deleteCursors(source: String, stream: String?) async throws -> Int
    /// Opens a run row and returns its id.
    func beginRun(source: String, kind: RunKind, at instant: Instant) async throws -> Int64
    /// Closes a run row with its outcome and counters (the error is stored redacted).
    func finishRun(_ runID: Int64, outcome: RunOutcome, requests: Int, ordersUpserted: Int, error: String?, at instant: Instant) async throws
    /// Closes, as interrupted, runs left open by a process that died (kill -9, power loss),
    /// so `status` never shows a run as going that nothing runs; returns how many.
    @discardableResult
    func closeAbandonedRuns(at instant: Instant) async throws -> Int
    /// Flags orders the upstream no longer has (never deletes them) and records the event in
    /// the status history. Returns how many were newly flagged.
    @discardableResult
    func markDeletedUpstream(source: String, orderIDs: [String], at instant: Instant) async throws -> Int
    /// Records a request to poll `source` now (`ordersync poll`); returns its id.
    func requestPoll(source: String, at instant: Instant) async throws -> Int64
    /// Takes every waiting request for one of `sources`, marked taken by this process; by source.
    func takePollRequests(sources: [String], at instant: Instant) async throws -> [String: [Int64]]
    /// Closes requests with the poll that answered them.
    func finishPollRequests(_ ids: [Int64], runID: Int64, outcome: RunOutcome, at instant: Instant) async throws
    /// Records the reporting currency the views convert to (`reporting.currency`); nil removes it.
    func setReportingCurrency(_ code: String?) async throws
    /// Upserts exchange rates in one transaction; a rate stored with the same text is left alone.
    func importRates(_ rates: [FXRate]) async throws -> RateImportSummary
}

/// The defaults callers rely on (a protocol requirement cannot have them).
extension StoreWriter {
    public func registerSource(name: String, dialect: String, baseURL: String, timezone: ZoneRules = ZoneRules.utc) async throws {
        try await registerSource(name: name, dialect: dialect, baseURL: baseURL, timezone: timezone, pollIntervalSeconds: nil)
    }

    public func setCheckpoint(source: String, stream: String, cursor: String?) async throws {
        try await setCheckpoint(source: source, stream: stream, cursor: cursor, at: .now())
    }

    public func beginRun(source: String, kind: RunKind) async throws -> Int64 {
        try await beginRun(source: source, kind: kind, at: .now())
    }

    public func finishRun(_ runID: Int64, outcome: RunOutcome, requests: Int, ordersUpserted: Int, error: String?) async throws {
        try await finishRun(runID, outcome: outcome, requests: requests, ordersUpserted: ordersUpserted, error: error, at: .now())
    }

    public func requestPoll(source: String) async throws -> Int64 {
        try await requestPoll(source: source, at: .now())
    }

    public func takePollRequests(sources: [String]) async throws -> [String: [Int64]] {
        try await takePollRequests(sources: sources, at: .now())
    }

    public func finishPollRequests(_ ids: [Int64], runID: Int64, outcome: RunOutcome) async throws {
        try await finishPollRequests(ids, runID: runID, outcome: outcome, at: .now())
    }

    @discardableResult
    public func closeAbandonedRuns() async throws -> Int {
        try await closeAbandonedRuns(at: .now())
    }
}

import FoundationEssentials

/// What the sync reports while it works: each HTTP attempt, each retry, each page written, each
/// run finished. Metrics, progress lines and request logs are built from these events. Calls
/// come from any thread and sit on the sync's path: implementations must be quick and
/// thread-safe.
public protocol SyncObserver: Sendable {
    func requestFinished(_ event: RequestEvent)
    /// A failed attempt will be retried after `delay`; `rateLimited` when the upstream said so
    /// (429, or a `Retry-After`).
    func retryScheduled(source: String, delay: Duration, rateLimited: Bool)
    func pageWritten(source: String, stream: String, records: Int, summary: PageWriteSummary, checkpointed: Bool)
    func runFinished(source: String, kind: OrderStore.RunKind, report: RunReport, startedAt: Instant, finishedAt: Instant)
}

/// One HTTP attempt as the client saw it. `path` is the redacted target (no secret query values).
public struct RequestEvent: Sendable {
    public var source: String
    public var method: String
    public var path: String
    /// The HTTP status, nil when no response came (`error` then says why).
    public var status: Int?
    public var error: String?
    public var milliseconds: Int
    public var attempt: Int

    /// `2xx`, `4xx`, …, or `error` without a response.
    public var statusClass: String {
        status.map { "\($0 / 100)xx" } ?? "error"
    }
}

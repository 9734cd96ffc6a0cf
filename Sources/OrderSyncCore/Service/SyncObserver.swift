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
    /// `orderedAt`: the earliest and latest `ordered_at` of the page's orders (nil when none had one),
    /// which tells a progress line how far a scan got.
    func pageWritten(source: String, stream: String, records: Int, summary: PageWriteSummary, checkpointed: Bool,
                     orderedAt: ClosedRange<Instant>?)
    /// `elapsed`: the run's duration on a monotonic clock, finer than the whole-second instants.
    func runFinished(source: String, kind: OrderStore.RunKind, report: RunReport, startedAt: Instant, finishedAt: Instant,
                     elapsed: Duration)
}

extension SyncObserver {
    /// A page without dates to report (tests, and callers that have none).
    public func pageWritten(source: String, stream: String, records: Int, summary: PageWriteSummary, checkpointed: Bool) {
        pageWritten(source: source, stream: stream, records: records, summary: summary, checkpointed: checkpointed, orderedAt: nil)
    }

    /// A run timed by its whole-second instants alone.
    public func runFinished(source: String, kind: OrderStore.RunKind, report: RunReport, startedAt: Instant, finishedAt: Instant) {
        runFinished(source: source, kind: kind, report: report, startedAt: startedAt, finishedAt: finishedAt,
                    elapsed: .seconds(finishedAt.secondsSinceEpoch - startedAt.secondsSinceEpoch))
    }
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

/// How one source talks HTTP: timeouts, retries, pacing and limits. Read from the source's
/// `http` object; every member is optional and the defaults suit a well-behaved upstream.
public struct HTTPSettings: Sendable, Equatable {
    /// `connect_timeout_seconds`: whole seconds, because libcurl turns a sub-second timeout into none.
    public let connectTimeoutSeconds: Int
    /// `request_timeout_seconds`: an idle timeout under libcurl (it restarts when data arrives).
    public let requestTimeoutSeconds: Int
    /// `max_attempts`: tries per request, the first included; 1 means never retry.
    public let maxAttempts: Int
    /// `initial_backoff_ms`: the first retry delay, doubled (with jitter) on each further retry.
    public let initialBackoffMilliseconds: Int
    /// `max_backoff_seconds`: the ceiling of the doubling retry delay.
    public let maxBackoffSeconds: Int
    /// `retry_after_floor_seconds`: the least wait honoured from a `Retry-After` header.
    public let retryAfterFloorSeconds: Int
    /// `retry_after_cap_seconds`: the most wait honoured from a `Retry-After` header.
    public let retryAfterCapSeconds: Int
    /// `requests_per_second`: the pace of requests to this source; may be fractional (0.5).
    public let requestsPerSecond: Double
    /// `max_response_bytes`: a larger body fails the request instead of exhausting memory.
    public let maxResponseBytes: Int
    /// `child_concurrency`: how many child requests (lines, invoices) of one page run at once.
    public let childConcurrency: Int
    /// `failure_backoff_cap_seconds`: the longest pause of a source's polling after repeated failures
    /// (default 15 minutes, at most a day: a source that recovers is polled within one such step).
    public let failureBackoffCapSeconds: Int

    /// Settings with the documented defaults for whatever is not given.
    public init(
        connectTimeoutSeconds: Int = 10,
        requestTimeoutSeconds: Int = 30,
        maxAttempts: Int = 5,
        initialBackoffMilliseconds: Int = 500,
        maxBackoffSeconds: Int = 60,
        retryAfterFloorSeconds: Int = 1,
        retryAfterCapSeconds: Int = 300,
        requestsPerSecond: Double = 10,
        maxResponseBytes: Int = 33_554_432,
        childConcurrency: Int = 4,
        failureBackoffCapSeconds: Int = 900
    ) {
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.maxAttempts = maxAttempts
        self.initialBackoffMilliseconds = initialBackoffMilliseconds
        self.maxBackoffSeconds = maxBackoffSeconds
        self.retryAfterFloorSeconds = retryAfterFloorSeconds
        self.retryAfterCapSeconds = retryAfterCapSeconds
        self.requestsPerSecond = requestsPerSecond
        self.maxResponseBytes = maxResponseBytes
        self.childConcurrency = childConcurrency
        self.failureBackoffCapSeconds = failureBackoffCapSeconds
    }
}

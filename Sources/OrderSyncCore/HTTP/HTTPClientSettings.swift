/// How one source's `HTTPClient` talks to its upstream: timeouts, retries, pacing and limits.
///
/// A plain value handed over by whoever reads the configuration, so the HTTP layer never
/// depends on the config format.
public struct HTTPClientSettings: Sendable, Equatable {
    /// Seconds allowed to establish a connection (TCP and TLS handshake).
    public var connectTimeoutSeconds: Int
    /// Idle timeout in whole seconds: the request fails when (next to) no data arrives for
    /// this long (`CurlTransfer.stallBytesPerSecond`).
    ///
    /// It is also the base of the overall deadline, `requestTimeoutSeconds * 4`, which stops a
    /// response that trickles in forever.
    public var requestTimeoutSeconds: Int
    /// Total attempts for one request, the first one included.
    public var maxAttempts: Int
    /// Upper bound of the first retry delay; it doubles with every attempt.
    public var initialBackoff: Duration
    /// The retry delay never grows beyond this.
    public var maxBackoff: Duration
    /// A `Retry-After` hint shorter than this is raised to it.
    public var retryAfterFloor: Duration
    /// A `Retry-After` hint longer than this is cut down to it.
    public var retryAfterCap: Duration
    /// At most this many request starts per second; `nil` means unpaced.
    public var requestsPerSecond: Double?
    /// Responses with a larger body are abandoned as soon as the limit is crossed.
    public var maxResponseBytes: Int
    /// Sent as `User-Agent` unless a request sets its own.
    public var userAgent: String

    public init(
        connectTimeoutSeconds: Int = 10,
        requestTimeoutSeconds: Int = 30,
        maxAttempts: Int = 5,
        initialBackoff: Duration = .milliseconds(500),
        maxBackoff: Duration = .seconds(60),
        retryAfterFloor: Duration = .seconds(1),
        retryAfterCap: Duration = .seconds(300),
        requestsPerSecond: Double? = 10,
        maxResponseBytes: Int = 32 * 1024 * 1024,
        userAgent: String = "ordersync/0.1"
    ) {
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.retryAfterFloor = retryAfterFloor
        self.retryAfterCap = retryAfterCap
        self.requestsPerSecond = requestsPerSecond
        self.maxResponseBytes = maxResponseBytes
        self.userAgent = userAgent
    }

    /// The overall deadline of one attempt: four idle periods.
    public var overallDeadline: Duration {
        .seconds(max(1, requestTimeoutSeconds) * 4)
    }

    /// The retry schedule these settings describe.
    public var backoff: Backoff {
        Backoff(initial: initialBackoff, cap: maxBackoff)
    }

    /// The per-attempt limits handed to the transport.
    public var transportLimits: TransportLimits {
        TransportLimits(
            connectTimeoutSeconds: max(1, connectTimeoutSeconds),
            idleTimeoutSeconds: max(1, requestTimeoutSeconds),
            deadline: overallDeadline,
            maxResponseBytes: maxResponseBytes
        )
    }
}

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

    /// `ordersync/<version>`, what every request says it is unless it sets its own.
    public static let defaultUserAgent = "ordersync/\(OrderSync.version)"

    /// The defaults are the configuration's (`HTTPSettings()`, documented in `docs/interface.md`),
    /// so a client built in code and one read from a file without an `http` block behave alike.
    public init(
        connectTimeoutSeconds: Int = HTTPSettings().connectTimeoutSeconds,
        requestTimeoutSeconds: Int = HTTPSettings().requestTimeoutSeconds,
        maxAttempts: Int = HTTPSettings().maxAttempts,
        initialBackoff: Duration = .milliseconds(HTTPSettings().initialBackoffMilliseconds),
        maxBackoff: Duration = .seconds(HTTPSettings().maxBackoffSeconds),
        retryAfterFloor: Duration = .seconds(HTTPSettings().retryAfterFloorSeconds),
        retryAfterCap: Duration = .seconds(HTTPSettings().retryAfterCapSeconds),
        requestsPerSecond: Double? = HTTPSettings().requestsPerSecond,
        maxResponseBytes: Int = HTTPSettings().maxResponseBytes,
        userAgent: String = HTTPClientSettings.defaultUserAgent
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

extension HTTPClientSettings {
    /// The HTTP layer's settings from a source's `http` configuration block.
    public init(_ settings: HTTPSettings) {
        self.init(
            connectTimeoutSeconds: settings.connectTimeoutSeconds,
            requestTimeoutSeconds: settings.requestTimeoutSeconds,
            maxAttempts: settings.maxAttempts,
            initialBackoff: .milliseconds(settings.initialBackoffMilliseconds),
            maxBackoff: .seconds(settings.maxBackoffSeconds),
            retryAfterFloor: .seconds(settings.retryAfterFloorSeconds),
            retryAfterCap: .seconds(settings.retryAfterCapSeconds),
            requestsPerSecond: settings.requestsPerSecond,
            maxResponseBytes: settings.maxResponseBytes)
    }
}

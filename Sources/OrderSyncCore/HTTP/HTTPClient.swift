import FoundationEssentials
import PlatformSupport

/// Talks to one source: builds URLs under its base URL, authorizes, paces, retries, and
/// returns only 2xx responses.
///
/// One client per source; clients share the process-wide transport. Everything that passes
/// time goes through the injected `Sleeper` and `random`, so tests run without waiting.
public final class HTTPClient: Sendable {
    /// The configured source name, for error messages.
    public let source: String
    /// Request paths are appended to this URL's path.
    public let baseURL: URL
    /// Timeouts, retries, pacing and limits.
    public let settings: HTTPClientSettings

    /// `baseURL` taken apart once, for every request's URL.
    let requestBase: RequestBase
    let transport: any HTTPTransport
    let authorizer: (any Authorizer)?
    let sleeper: Sleeper
    let random: @Sendable (ClosedRange<Double>) -> Double
    /// The wall clock a `Retry-After` HTTP-date is measured against.
    let wallClock: @Sendable () -> Instant
    let rateLimiter: RateLimiter?
    private let sentRequests = LockedBox(0)
    /// Where request and retry events go (metrics, request logs); see `attach(_:)`.
    let observerBox = LockedBox<(any SyncObserver)?>(nil)

    public convenience init(
        source: String,
        baseURL: URL,
        settings: HTTPClientSettings,
        transport: any HTTPTransport,
        authorizer: (any Authorizer)?,
        sleeper: Sleeper = .real,
        random: @escaping @Sendable (ClosedRange<Double>) -> Double = { .random(in: $0) }
    ) {
        self.init(
            source: source, baseURL: baseURL, settings: settings, transport: transport,
            authorizer: authorizer, sleeper: sleeper, random: random, now: { ContinuousClock.now }
        )
    }

    /// The designated initializer; `now` drives the rate limiter's clock in tests, and
    /// `wallClock` the reading of `Retry-After` dates.
    init(
        source: String,
        baseURL: URL,
        settings: HTTPClientSettings,
        transport: any HTTPTransport,
        authorizer: (any Authorizer)?,
        sleeper: Sleeper,
        random: @escaping @Sendable (ClosedRange<Double>) -> Double,
        now: @escaping @Sendable () -> ContinuousClock.Instant,
        wallClock: @escaping @Sendable () -> Instant = { Instant.now() }
    ) {
        self.source = source
        self.baseURL = baseURL
        self.requestBase = RequestBase(baseURL)
        self.settings = settings
        self.transport = transport
        self.authorizer = authorizer
        self.sleeper = sleeper
        self.random = random
        self.wallClock = wallClock
        self.rateLimiter = settings.requestsPerSecond.flatMap { perSecond in
            perSecond > 0 ? RateLimiter(requestsPerSecond: perSecond, sleeper: sleeper, now: now) : nil
        }
    }

    /// Attempts actually sent so far, retries and login calls included (for `sync_runs.requests`).
    public var requestCount: Int {
        sentRequests.withValue { $0 }
    }

    /// Sends an authorized request, retrying transient failures; returns only a 2xx response.
    public func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        try await execute(request, authorizer: authorizer)
    }

    /// Sends a request without credentials (paced and retried all the same): for the login
    /// calls an `Authorizer` makes.
    public func sendWithoutAuthorization(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        try await execute(request, authorizer: nil)
    }

    func countSentRequest() {
        sentRequests.withValue { $0 += 1 }
    }

    /// The request of one attempt, before authorization.
    func urlRequest(for request: HTTPRequest, url: String) -> TransportRequest {
        var urlRequest = TransportRequest(urlString: url)
        urlRequest.httpMethod = request.method
        if !request.headers.keys.contains(where: { $0.lowercased() == "user-agent" }) {
            urlRequest.setValue(settings.userAgent, forHTTPHeaderField: "User-Agent")
        }
        for (name, value) in request.headers {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        if let body = request.body {
            urlRequest.httpBody = Data(body)
        }
        return urlRequest
    }

    /// Header values an authorizer added or changed, and their credential part after the
    /// scheme (`Bearer abc` → `abc`): they are redacted from anything that gets printed.
    static func credentials(before: TransportRequest, after: TransportRequest) -> [String] {
        var secrets: [String] = []
        for (name, value) in after.headerFields where before.value(forHTTPHeaderField: name) != value {
            secrets.append(value)
            if let space = value.firstIndex(of: " ") {
                secrets.append(value[value.index(after: space)...].trimmingWhitespace())
            }
        }
        return secrets
    }
}

import FoundationEssentials

/// Sends one request once: no retries, no authorization, no pacing (`HTTPClient` does those).
///
/// Tests substitute a scripted transport; production uses `CurlTransport.shared`.
public protocol HTTPTransport: Sendable {
    /// Performs a single attempt and returns whatever status came back.
    func perform(_ request: TransportRequest, limits: TransportLimits) async throws(TransportError) -> HTTPResponse
}

/// The limits of one attempt.
public struct TransportLimits: Sendable, Equatable {
    /// Seconds to establish a connection, where the transport can enforce it separately.
    public var connectTimeoutSeconds: Int
    /// Whole seconds without any data before the attempt fails.
    public var idleTimeoutSeconds: Int
    /// The attempt fails when it has not completed this long after it started.
    public var deadline: Duration
    /// The attempt is abandoned as soon as the body grows beyond this.
    public var maxResponseBytes: Int

    public init(connectTimeoutSeconds: Int, idleTimeoutSeconds: Int, deadline: Duration, maxResponseBytes: Int) {
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.deadline = deadline
        self.maxResponseBytes = maxResponseBytes
    }
}

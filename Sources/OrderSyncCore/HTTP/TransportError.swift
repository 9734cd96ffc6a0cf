/// Why one attempt produced no response.
public enum TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No data within the idle timeout, or the overall deadline passed.
    case timedOut
    /// The connection could not be made or broke off (refused, reset, truncated body, DNS).
    case connectionFailed(String)
    /// The body grew beyond the limit (in bytes) and the transfer was abandoned.
    case tooLarge(Int)
    /// The TLS handshake or certificate check failed.
    case tls(String)
    /// The attempt was cancelled.
    case cancelled
    /// Anything else the transport reported.
    case other(String)

    /// Timeouts and broken connections are usually transient; the rest is not.
    public var isRetryable: Bool {
        switch self {
        case .timedOut, .connectionFailed: true
        case .tooLarge, .tls, .cancelled, .other: false
        }
    }

    public var description: String {
        switch self {
        case .timedOut:
            "timed out (no data within the request timeout, or the overall deadline passed)"
        case .connectionFailed(let detail):
            "connection failed: \(detail)"
        case .tooLarge(let limit):
            "response body larger than \(limit) bytes; abandoned (raise the response size limit if this is expected)"
        case .tls(let detail):
            "TLS failed: \(detail) (check the base_url host and the system CA certificates)"
        case .cancelled:
            "cancelled"
        case .other(let detail):
            detail
        }
    }
}

import FoundationEssentials
import PlatformSupport

/// A request to a source that did not produce a 2xx response.
///
/// The description names the source, the method and the path (query names only, never their
/// values) and what went wrong, e.g.
/// `source "acme-eu": GET /obapi/v1/orders: HTTP 503 after 5 attempts: {"error":"maintenance"}`.
/// Credentials never appear in it: they are redacted from the body snippet.
public struct HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public indirect enum Kind: Sendable, Equatable {
        /// A non-2xx status that is not worth retrying; the start of the body, sanitized.
        case status(Int, bodySnippet: String)
        /// The attempt produced no response.
        case transport(TransportError)
        /// Every attempt failed with a retryable error; `last` is the final one.
        case retriesExhausted(attempts: Int, last: Kind)
        /// The upstream refused the credentials (401) and fresh ones did not help.
        case unauthorized
        /// Obtaining credentials failed before anything was sent (a login call, say).
        case authorization(String)
        /// The request was cancelled.
        case cancelled
    }

    /// The configured name of the source.
    public var source: String
    /// The HTTP method.
    public var method: String
    /// The URL path with the query's names only (`/v1/orders?page=…`).
    public var path: String
    /// What went wrong.
    public var kind: Kind

    public init(source: String, method: String, path: String, kind: Kind) {
        self.source = source
        self.method = method
        self.path = path
        self.kind = kind
    }

    /// Whether trying again later may succeed: transient failures and exhausted retries yes;
    /// refused credentials, client errors and cancellation no.
    public var isRetryable: Bool {
        kind.isRetryable
    }

    public var description: String {
        "source \"\(source)\": \(method) \(path): \(kind.summary(source: source))"
    }
}

extension HTTPError.Kind {
    /// Statuses that signal a transient condition on the upstream's side.
    static let retryableStatuses: Set<Int> = [408, 429, 500, 502, 503, 504]

    var isRetryable: Bool {
        switch self {
        case .status(let status, _): Self.retryableStatuses.contains(status)
        case .transport(let error): error.isRetryable
        case .retriesExhausted: true
        case .unauthorized, .authorization, .cancelled: false
        }
    }

    func summary(source: String) -> String {
        switch self {
        case .status(let status, let snippet):
            snippet.isEmpty ? "HTTP \(status)" : "HTTP \(status): \(snippet)"
        case .transport(let error):
            "\(error)"
        case .retriesExhausted(let attempts, .status(let status, let snippet)):
            "HTTP \(status) after \(attempts) attempts" + (snippet.isEmpty ? "" : ": \(snippet)")
        case .retriesExhausted(let attempts, let last):
            "\(last.summary(source: source)) (after \(attempts) attempts)"
        case .unauthorized:
            "HTTP 401: the credentials were refused; check the auth settings of source \"\(source)\""
                + " (token, token_env or token_file; username and password where used)"
        case .authorization(let detail):
            "could not obtain credentials: \(detail)"
        case .cancelled:
            "cancelled"
        }
    }

    /// The start of a response body for an error message: at most `snippetLimit` characters,
    /// control characters escaped, and every form of every secret the request carried (literal,
    /// JSON-escaped, percent-encoded, base64; see `Redactor`) replaced. Redacted before it is cut,
    /// so a secret at the cut is never left half-visible.
    static func snippet(of body: [UInt8], redacting secrets: [String]) -> String {
        // Decoded leniently: a hostile body need not be UTF-8. Only the start matters.
        let text = String(decoding: body.prefix(4096), as: UTF8.self)
        return Redactor(requestSecrets: secrets).sanitized(text, limit: snippetLimit)
            .trimmingWhitespace()
    }

    /// How much of an upstream's error body is kept (in the log, `status` and `sync_runs.error`).
    static let snippetLimit = 200
}

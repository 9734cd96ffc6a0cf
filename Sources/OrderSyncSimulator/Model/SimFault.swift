/// A misbehaviour queued for the next matching requests.
///
/// Faults are checked in the order they were injected; the first one that
/// matches a request hits it and counts down, and is dropped at zero.
public struct SimFault: Sendable, Equatable {
    /// How the request is answered instead of (or before) the normal response.
    public enum Kind: Sendable, Equatable {
        /// This status with a JSON error body, and `Retry-After` when given
        /// (seconds like `"2"` or an HTTP date).
        case status(Int, retryAfter: String?)
        /// Wait, then answer normally.
        case delay(milliseconds: Int)
        /// Reset the connection without answering.
        case reset
        /// Announce a longer `Content-Length` than is sent, then close.
        case truncatedBody
        /// `200` with a body that is not JSON.
        case garbage
        /// The next list page gets one extra malformed item appended (not in
        /// the snapshot). Successive bad records rotate through: missing id,
        /// unparseable date, non-numeric amount, wrong type, null item.
        /// Only list requests match this kind.
        case badRecord
        /// `200` with `{"success": false, "message": ...}` (mobility style).
        case unsuccessful(message: String)

        /// A short name for statistics and the control endpoint.
        public var name: String {
            switch self {
            case .status(let code, _): return "status_\(code)"
            case .delay: return "delay"
            case .reset: return "reset"
            case .truncatedBody: return "truncated"
            case .garbage: return "garbage"
            case .badRecord: return "bad_record"
            case .unsuccessful: return "unsuccessful"
            }
        }
    }

    /// The dialect whose requests it hits; nil hits any dialect.
    public var dialect: SimDialect?
    /// Only paths starting with this (after the dialect prefix, e.g.
    /// `/obapi/v1/orders`); nil matches every path.
    public var pathPrefix: String?
    public var kind: Kind
    /// How many matching requests it hits.
    public var count: Int

    public init(dialect: SimDialect? = nil, pathPrefix: String? = nil, kind: Kind, count: Int = 1) {
        self.dialect = dialect
        self.pathPrefix = pathPrefix
        self.kind = kind
        self.count = count
    }
}

/// A misbehaviour queued for the next matching requests, or for a fraction of them.
///
/// Faults are checked in the order they were injected; the first one that
/// matches a request hits it and counts down, and is dropped at zero. A fault
/// with a `rate` hits each matching request with that probability, drawn from
/// a stream of the simulator's seed (so a run's sequence of hits is
/// reproducible for the same sequence of requests); one it spares is passed on
/// to the next fault.
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
        /// `200` with the dialect's failure envelope (mobility's
        /// `{"success": false, "message": ...}`; the dialect's error body elsewhere).
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
    /// The probability (0...1) that it hits a matching request; nil hits every one.
    public var rate: Double?

    public init(dialect: SimDialect? = nil, pathPrefix: String? = nil, kind: Kind, count: Int = 1, rate: Double? = nil) {
        self.dialect = dialect
        self.pathPrefix = pathPrefix
        self.kind = kind
        self.count = count
        self.rate = rate
    }

    /// A fault that hits each matching request with probability `rate`, until
    /// cleared or `count` hits.
    public static func rate(_ rate: Double, _ kind: Kind, dialect: SimDialect? = nil, pathPrefix: String? = nil,
                            count: Int = .max) -> SimFault {
        SimFault(dialect: dialect, pathPrefix: pathPrefix, kind: kind, count: count, rate: rate)
    }

    /// The usual transient faults, each at `rate`: 429 with `Retry-After`, 500,
    /// 503, a reset connection and a truncated body.
    public static func mix(rate: Double, dialect: SimDialect? = nil, retryAfter: String = "1") -> [SimFault] {
        [.status(429, retryAfter: retryAfter), .status(500, retryAfter: nil), .status(503, retryAfter: nil), .reset,
         .truncatedBody].map { SimFault.rate(rate, $0, dialect: dialect) }
    }
}

/// The canonical order statuses every dialect maps onto (see `docs/schema.md`).
public enum OrderStatus: String, Sendable, CaseIterable, Codable, LosslessStringConvertible {
    case draft
    case pending
    case confirmed
    case inProgress = "in_progress"
    case shipped
    case completed
    case cancelled
    case refunded
    case onHold = "on_hold"
    case unknown

    public init?(_ description: String) {
        self.init(rawValue: description)
    }

    public var description: String { rawValue }

    /// Terminal orders no longer change upstream; every other status is *open* and is re-read.
    public var isTerminal: Bool {
        switch self {
        case .completed, .cancelled, .refunded: true
        default: false
        }
    }

    /// Whether an order in this status is revenue: both sides committed to it and nobody has
    /// withdrawn it. `draft` and `pending` are not committed yet, `cancelled` and `refunded` were
    /// withdrawn, `unknown` is a code the source's mapping does not know (map it to count it).
    /// The reporting views spell the same list out as `counts_as_revenue` (a test holds them equal).
    public var countsAsRevenue: Bool {
        switch self {
        case .confirmed, .inProgress, .shipped, .completed, .onHold: true
        case .draft, .pending, .cancelled, .refunded, .unknown: false
        }
    }
}

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
}

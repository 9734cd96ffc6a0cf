/// One order in the canonical schema, as an adapter produces it from upstream JSON.
/// Field meanings are the `orders` table's (see `docs/schema.md`).
public struct CanonicalOrder: Sendable, Equatable {
    public var orderID: String
    public var orderNumber: String?
    public var customerID: String?
    public var customerName: String?
    public var customerRef: String?
    public var status: OrderStatus
    public var statusRaw: String
    public var currency: String?
    public var netMinor: Int64?
    public var taxMinor: Int64?
    public var grossMinor: Int64?
    public var isPaid: Bool?
    public var orderedAt: Instant?
    public var updatedAt: Instant?
    public var invoicedAt: Instant?
    public var cancelledAt: Instant?
    /// The upstream JSON as received: the list item merged with its detail.
    public var raw: String
    /// The order's lines in upstream order, or nil when this read did not include them
    /// (the stored lines are then left as they are).
    public var lines: [CanonicalOrderLine]?

    public init(
        orderID: String, orderNumber: String? = nil, customerID: String? = nil, customerName: String? = nil,
        customerRef: String? = nil, status: OrderStatus, statusRaw: String, currency: String? = nil,
        netMinor: Int64? = nil, taxMinor: Int64? = nil, grossMinor: Int64? = nil, isPaid: Bool? = nil,
        orderedAt: Instant? = nil, updatedAt: Instant? = nil, invoicedAt: Instant? = nil, cancelledAt: Instant? = nil,
        raw: String, lines: [CanonicalOrderLine]? = nil
    ) {
        self.orderID = orderID
        self.orderNumber = orderNumber
        self.customerID = customerID
        self.customerName = customerName
        self.customerRef = customerRef
        self.status = status
        self.statusRaw = statusRaw
        self.currency = currency
        self.netMinor = netMinor
        self.taxMinor = taxMinor
        self.grossMinor = grossMinor
        self.isPaid = isPaid
        self.orderedAt = orderedAt
        self.updatedAt = updatedAt
        self.invoicedAt = invoicedAt
        self.cancelledAt = cancelledAt
        self.raw = raw
        self.lines = lines
    }
}

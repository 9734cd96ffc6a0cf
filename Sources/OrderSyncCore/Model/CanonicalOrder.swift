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

/// One line of an order; `lineNo` is its 1-based position upstream.
public struct CanonicalOrderLine: Sendable, Equatable {
    public var lineNo: Int
    public var lineID: String?
    public var sku: String?
    public var description: String?
    public var quantity: Double
    public var unitPriceMinor: Int64?
    public var netMinor: Int64?
    public var taxMinor: Int64?
    public var grossMinor: Int64?
    public var currency: String?

    public init(
        lineNo: Int, lineID: String? = nil, sku: String? = nil, description: String? = nil, quantity: Double,
        unitPriceMinor: Int64? = nil, netMinor: Int64? = nil, taxMinor: Int64? = nil, grossMinor: Int64? = nil,
        currency: String? = nil
    ) {
        self.lineNo = lineNo
        self.lineID = lineID
        self.sku = sku
        self.description = description
        self.quantity = quantity
        self.unitPriceMinor = unitPriceMinor
        self.netMinor = netMinor
        self.taxMinor = taxMinor
        self.grossMinor = grossMinor
        self.currency = currency
    }
}

/// One invoice issued for an order.
public struct CanonicalInvoice: Sendable, Equatable {
    public var invoiceID: String
    public var orderID: String
    public var invoiceNumber: String?
    public var status: String?
    public var currency: String?
    public var amountMinor: Int64?
    public var issuedOn: String?
    public var dueOn: String?
    public var paidOn: String?
    public var raw: String

    public init(
        invoiceID: String, orderID: String, invoiceNumber: String? = nil, status: String? = nil, currency: String? = nil,
        amountMinor: Int64? = nil, issuedOn: String? = nil, dueOn: String? = nil, paidOn: String? = nil, raw: String
    ) {
        self.invoiceID = invoiceID
        self.orderID = orderID
        self.invoiceNumber = invoiceNumber
        self.status = status
        self.currency = currency
        self.amountMinor = amountMinor
        self.issuedOn = issuedOn
        self.dueOn = dueOn
        self.paidOn = paidOn
        self.raw = raw
    }
}

/// A record that could not be normalized: kept with the reason, never dropped.
public struct RejectedRecord: Sendable, Equatable {
    public var stream: String
    public var reason: String
    public var raw: String

    public init(stream: String, reason: String, raw: String) {
        self.stream = stream
        self.reason = reason
        self.raw = raw
    }
}

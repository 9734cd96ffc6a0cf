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
    /// `status` normalized by the dialect's own table (`invoices.payment_state`).
    public var paymentState: PaymentState
    public var raw: String

    public init(
        invoiceID: String, orderID: String, invoiceNumber: String? = nil, status: String? = nil, currency: String? = nil,
        amountMinor: Int64? = nil, issuedOn: String? = nil, dueOn: String? = nil, paidOn: String? = nil,
        paymentState: PaymentState = .unknown, raw: String
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
        self.paymentState = paymentState
        self.raw = raw
    }
}

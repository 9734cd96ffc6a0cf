/// One mobility invoice (`order_invoice`) as the daemon should store it.
public struct SimInvoice: Sendable, Equatable {
    /// `order_invoice.id` (not the file item's own `id`).
    public var id: String
    public var orderID: String
    public var number: String
    public var amountMinor: Int64
    public var currency: String
    /// `YYYY-MM-DD`
    public var issuedOn: String
    /// `YYYY-MM-DD`
    public var dueOn: String?
    /// `YYYY-MM-DD`, nil while unpaid.
    public var paidOn: String?

    public init(id: String, orderID: String, number: String, amountMinor: Int64, currency: String,
                issuedOn: String, dueOn: String?, paidOn: String?) {
        self.id = id
        self.orderID = orderID
        self.number = number
        self.amountMinor = amountMinor
        self.currency = currency
        self.issuedOn = issuedOn
        self.dueOn = dueOn
        self.paidOn = paidOn
    }
}

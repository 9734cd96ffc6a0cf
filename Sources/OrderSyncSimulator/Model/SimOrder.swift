import Foundation

/// One order as the daemon should end up storing it, in upstream terms.
///
/// Money is in integer minor units of `currency`; which of gross, net and
/// tax exist depends on what the dialect publishes (mobility has gross only).
public struct SimOrder: Sendable, Equatable {
    /// The upstream identity as text: erp `"350"`, lifecycle `"3"` (database id),
    /// mobility `"123"`, reseller `"17"`, formations `"123"`.
    public var id: String
    /// The human reference: erp `ref`, lifecycle `order_id`, mobility
    /// `identity_number`, reseller `purchase_order_number` (may be nil),
    /// formations nil.
    public var number: String?
    /// The upstream status as text: erp `"validated"`, lifecycle
    /// `"processing"`, mobility `"In Progress"`, reseller `"SUBMITTED"`,
    /// formations `"700"`.
    public var statusRaw: String
    /// ISO 4217. For erp (`EUR`) and formations (`GBP`) the payload has no
    /// currency; this is the documented default of the source setting.
    public var currency: String?
    public var grossMinor: Int64
    public var netMinor: Int64?
    public var taxMinor: Int64?
    /// reseller `paid`; nil for dialects without the notion.
    public var isPaid: Bool?
    /// When the order was placed (erp: 00:00 UTC of `date_order`), whole seconds.
    public var placedAt: Date
    /// Lines in upstream order.
    public var lines: [SimLine]
    /// mobility invoices (`order_invoice`), ordered by id; empty elsewhere.
    public var invoices: [SimInvoice]

    public init(id: String, number: String?, statusRaw: String, currency: String?, grossMinor: Int64,
                netMinor: Int64?, taxMinor: Int64?, isPaid: Bool?, placedAt: Date,
                lines: [SimLine], invoices: [SimInvoice]) {
        self.id = id
        self.number = number
        self.statusRaw = statusRaw
        self.currency = currency
        self.grossMinor = grossMinor
        self.netMinor = netMinor
        self.taxMinor = taxMinor
        self.isPaid = isPaid
        self.placedAt = placedAt
        self.lines = lines
        self.invoices = invoices
    }
}

import FoundationEssentials

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
    /// The canonical status the daemon should store: the provider's documented table, plus for
    /// formations the `status_map` the simulator suggests; `unknown` for a status neither maps.
    public var status = "unknown"
    /// The customer columns as the daemon should store them; nil where the dialect gives none.
    public var customerID: String?
    public var customerName: String?
    public var customerRef: String?
    /// The upstream's last change, invoice and cancellation times the daemon should store
    /// (whole seconds); nil where the dialect publishes none.
    public var updatedAt: Date?
    /// True where the list does not show the update time (erp): a change that leaves every
    /// listed field as it was (a status moved and moved back between two polls) stays invisible
    /// until a visible one, so the stored `updatedAt` may be older than this, never newer.
    public var updatedAtMayLag = false
    /// Columns whose upstream text carries no UTC offset (a date like erp's `date_order`, or a
    /// wall-clock time): the daemon reads them in the source's `timezone`. The dates here are
    /// that wall clock taken as UTC, so they are right as they are for a UTC source.
    public var zonelessColumns: Set<String> = []
    public var invoicedAt: Date?
    public var cancelledAt: Date?

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

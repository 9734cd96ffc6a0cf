/// The simulator's own record of one order, shared by all dialects.
///
/// Each dialect uses the fields it publishes and renders them its own way;
/// money is integer minor units of `currency`, times are seconds since the
/// epoch (UTC) except `updatedAt`, which keeps microseconds so that two
/// writes in the same second still move it forward.
struct OrderRecord: Sendable {
    var id: Int
    /// erp `ref`, lifecycle `order_id`, mobility `identity_number`, reseller PO number.
    var number: String?
    /// The raw status text (formations: the numeric code as text).
    var status: String
    var currency: String
    /// When the order was placed; erp: 00:00 UTC of `date_order`.
    var placedAt: Int64
    /// When the record was created upstream (erp `created_at`, mobility `created_at`).
    var createdAt: Int64
    /// Last change, microseconds (erp/lifecycle/formations `updated_at`, mobility `status_updated_at`).
    var updatedAt: Int64
    var customerID: Int
    var customerName: String
    var customerRef: String?
    var paid: Bool = false
    /// Order-level tax rate in thousandths of a percent (21000 = 21 %), reseller and lifecycle.
    var vatRateMilli: Int = 0
    /// lifecycle: tax given explicitly when the order was placed.
    var taxOverride: Int64?
    /// reseller: the offset its dates are written in.
    var utcOffsetMinutes: Int = 0
    var shippedAt: Int64?
    var deliveredAt: Int64?
    var invoicedAt: Int64?
    var cancelledAt: Int64?
    var lines: [LineRecord] = []
    var invoices: [InvoiceRecord] = []
    var notes: String = ""
    var metadata: [JSONValue.Member] = []
    var billingFirstName: String = ""
    var billingLastName: String = ""
    /// Derived by the dialect's `recompute`; never set by hand.
    var grossMinor: Int64 = 0
    var netMinor: Int64 = 0
    var taxMinor: Int64 = 0
}

/// One line of an `OrderRecord`.
struct LineRecord: Sendable {
    var id: Int
    var sku: String
    var name: String
    var description: String
    var quantity: Int
    /// The unit price as the dialect writes it: incl. tax for lifecycle and
    /// mobility, excl. tax elsewhere.
    var unitMinor: Int64
    /// formations: tax per unit.
    var unitTaxMinor: Int64 = 0
    /// erp: VAT rate in thousandths of a percent (20000 = 20.000 %).
    var vatRateMilli: Int = 0

    var lineTotalMinor: Int64 {
        Int64(quantity) * unitMinor
    }
}

/// One mobility invoice of an order.
struct InvoiceRecord: Sendable {
    var id: Int
    var fileID: Int
    var number: String
    var amountMinor: Int64
    /// 00:00 UTC of the issue, due and payment days.
    var issuedOn: Int64
    var dueOn: Int64
    var paidOn: Int64?
}

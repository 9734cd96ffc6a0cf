/// The simulator's own record of one order, shared by all dialects.
///
/// Each dialect uses the fields it publishes and renders them its own way;
/// money is integer minor units of `currency`, times are seconds since the
/// epoch (UTC) except `updatedAt`, which keeps microseconds so that two
/// writes in the same second still move it forward.
@_spi(SimulatedDialects) public struct OrderRecord: Sendable {
    @_spi(SimulatedDialects) public var id: Int
    /// erp `ref`, lifecycle `order_id`, mobility `identity_number`, reseller PO number.
    @_spi(SimulatedDialects) public var number: String?
    /// The raw status text (formations: the numeric code as text).
    @_spi(SimulatedDialects) public var status: String
    @_spi(SimulatedDialects) public var currency: String
    /// When the order was placed; erp: 00:00 UTC of `date_order`.
    @_spi(SimulatedDialects) public var placedAt: Int64
    /// When the record was created upstream (erp `created_at`, mobility `created_at`).
    @_spi(SimulatedDialects) public var createdAt: Int64
    /// Last change, microseconds (erp/lifecycle/formations `updated_at`, mobility `status_updated_at`).
    @_spi(SimulatedDialects) public var updatedAt: Int64
    @_spi(SimulatedDialects) public var customerID: Int
    @_spi(SimulatedDialects) public var customerName: String
    @_spi(SimulatedDialects) public var customerRef: String?
    @_spi(SimulatedDialects) public var paid: Bool = false
    /// Order-level tax rate in thousandths of a percent (21000 = 21 %), reseller and lifecycle.
    @_spi(SimulatedDialects) public var vatRateMilli: Int = 0
    /// lifecycle: tax given explicitly when the order was placed.
    @_spi(SimulatedDialects) public var taxOverride: Int64?
    /// reseller: the offset its dates are written in.
    @_spi(SimulatedDialects) public var utcOffsetMinutes: Int = 0
    @_spi(SimulatedDialects) public var shippedAt: Int64?
    @_spi(SimulatedDialects) public var deliveredAt: Int64?
    @_spi(SimulatedDialects) public var invoicedAt: Int64?
    @_spi(SimulatedDialects) public var cancelledAt: Int64?
    @_spi(SimulatedDialects) public var lines: [LineRecord] = []
    @_spi(SimulatedDialects) public var invoices: [InvoiceRecord] = []
    @_spi(SimulatedDialects) public var notes: String = ""
    @_spi(SimulatedDialects) public var metadata: [JSONValue.Member] = []
    @_spi(SimulatedDialects) public var billingFirstName: String = ""
    @_spi(SimulatedDialects) public var billingLastName: String = ""
    /// Derived by the dialect's `recompute`; never set by hand.
    @_spi(SimulatedDialects) public var grossMinor: Int64 = 0
    @_spi(SimulatedDialects) public var netMinor: Int64 = 0
    @_spi(SimulatedDialects) public var taxMinor: Int64 = 0
}

/// One line of an `OrderRecord`.
@_spi(SimulatedDialects) public struct LineRecord: Sendable {
    @_spi(SimulatedDialects) public var id: Int
    @_spi(SimulatedDialects) public var sku: String
    @_spi(SimulatedDialects) public var name: String
    @_spi(SimulatedDialects) public var description: String
    @_spi(SimulatedDialects) public var quantity: Int
    /// The unit price as the dialect writes it: incl. tax for lifecycle and
    /// mobility, excl. tax elsewhere.
    @_spi(SimulatedDialects) public var unitMinor: Int64
    /// formations: tax per unit.
    @_spi(SimulatedDialects) public var unitTaxMinor: Int64 = 0
    /// erp: VAT rate in thousandths of a percent (20000 = 20.000 %).
    @_spi(SimulatedDialects) public var vatRateMilli: Int = 0

    @_spi(SimulatedDialects) public var lineTotalMinor: Int64 {
        Int64(quantity) * unitMinor
    }
}

/// One mobility invoice of an order.
@_spi(SimulatedDialects) public struct InvoiceRecord: Sendable {
    @_spi(SimulatedDialects) public var id: Int
    @_spi(SimulatedDialects) public var fileID: Int
    @_spi(SimulatedDialects) public var number: String
    @_spi(SimulatedDialects) public var amountMinor: Int64
    /// 00:00 UTC of the issue, due and payment days.
    @_spi(SimulatedDialects) public var issuedOn: Int64
    @_spi(SimulatedDialects) public var dueOn: Int64
    @_spi(SimulatedDialects) public var paidOn: Int64?
}

extension OrderRecord {
    /// An order with the fields every dialect has, for a dialect defined outside this module.
    @_spi(SimulatedDialects) public init(id: Int, status: String, currency: String, placedAt: Int64, updatedAtMicro: Int64,
                 customerID: Int, customerName: String) {
        self.init(id: id, number: nil, status: status, currency: currency, placedAt: placedAt, createdAt: placedAt,
                  updatedAt: updatedAtMicro, customerID: customerID, customerName: customerName, customerRef: nil)
    }
}

extension LineRecord {
    /// A line whose description is its name, for a dialect defined outside this module.
    @_spi(SimulatedDialects) public init(id: Int, sku: String, name: String, quantity: Int, unitMinor: Int64) {
        self.init(id: id, sku: sku, name: name, description: name, quantity: quantity, unitMinor: unitMinor)
    }
}

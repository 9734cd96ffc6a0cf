/// One order line as the daemon should store it.
///
/// Per dialect: erp has all figures (unit price excl. tax); lifecycle and
/// mobility have `grossMinor` (their unit price includes tax); reseller has
/// `netMinor` (excl. VAT); formations has net, tax and gross (unit price
/// excl. tax) and no line id, since position is a line's identity there.
public struct SimLine: Sendable, Equatable {
    /// Upstream line id (erp `id`, mobility `details[].id`, reseller
    /// `line[].id`); nil for lifecycle and formations.
    public var id: String?
    /// erp `product_ref`, lifecycle `product_id`, mobility `offer_id`,
    /// reseller `product_code`; nil for formations.
    public var sku: String?
    /// erp `description`, lifecycle `product_name`, mobility `offer_name`,
    /// reseller `description`, formations `description` (= product name).
    public var description: String?
    /// The quantity exactly as the upstream writes it (erp `"2.00"`, others `"2"`).
    public var quantity: String
    public var unitPriceMinor: Int64
    public var grossMinor: Int64?
    public var netMinor: Int64?
    public var taxMinor: Int64?

    public init(id: String?, sku: String?, description: String?, quantity: String, unitPriceMinor: Int64,
                grossMinor: Int64?, netMinor: Int64?, taxMinor: Int64?) {
        self.id = id
        self.sku = sku
        self.description = description
        self.quantity = quantity
        self.unitPriceMinor = unitPriceMinor
        self.grossMinor = grossMinor
        self.netMinor = netMinor
        self.taxMinor = taxMinor
    }
}

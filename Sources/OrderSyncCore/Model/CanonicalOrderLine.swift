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

/// reseller totals: net is the sum of the lines, VAT the order's rate on the net.
extension ResellerDialect {
    static func recompute(_ order: inout OrderRecord) {
        order.netMinor = order.lines.reduce(Int64(0)) { $0 + $1.lineTotalMinor }
        order.taxMinor = Pricing.percent(order.netMinor, milli: order.vatRateMilli)
        order.grossMinor = order.netMinor + order.taxMinor
    }
}

/// lifecycle totals: prices include tax, so the gross is the sum of the lines
/// and the tax is the part of it above net (or the tax given when placed).
extension LifecycleDialect {
    static func recompute(_ order: inout OrderRecord) {
        let lineSum = order.lines.reduce(Int64(0)) { $0 + $1.lineTotalMinor }
        order.grossMinor = lineSum
        let rate = Int64(order.vatRateMilli)
        let derived = (lineSum * rate + (100_000 + rate) / 2) / (100_000 + rate)
        order.taxMinor = min(order.taxOverride ?? derived, lineSum)
        order.netMinor = lineSum - order.taxMinor
    }
}

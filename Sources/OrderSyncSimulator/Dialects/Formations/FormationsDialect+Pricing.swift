/// formations totals: net is the sum of the lines, tax the sum of quantity × unit tax.
extension FormationsDialect {
    static func recompute(_ order: inout OrderRecord) {
        order.netMinor = order.lines.reduce(Int64(0)) { $0 + $1.lineTotalMinor }
        order.taxMinor = order.lines.reduce(Int64(0)) { $0 + Int64($1.quantity) * $1.unitTaxMinor }
        order.grossMinor = order.netMinor + order.taxMinor
    }
}

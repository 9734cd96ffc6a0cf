/// erp totals: net is the sum of the lines, VAT is per line (net × the line's rate).
extension ErpDialect {
    static func lineTax(_ line: LineRecord) -> Int64 {
        Pricing.percent(line.lineTotalMinor, milli: line.vatRateMilli)
    }

    static func recompute(_ order: inout OrderRecord) {
        order.netMinor = order.lines.reduce(Int64(0)) { $0 + $1.lineTotalMinor }
        order.taxMinor = order.lines.reduce(Int64(0)) { $0 + lineTax($1) }
        order.grossMinor = order.netMinor + order.taxMinor
    }
}

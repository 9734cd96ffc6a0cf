/// How each dialect derives order totals from its lines, so that the lines
/// always sum exactly to the totals the way that dialect's contract says.
enum Pricing {
    /// `value * rate / 100000`, rounded half up (rates are in thousandths of a percent).
    static func percent(_ value: Int64, milli rate: Int) -> Int64 {
        (value * Int64(rate) + 50_000) / 100_000
    }

    /// erp line VAT: net × rate.
    static func erpLineTax(_ line: LineRecord) -> Int64 {
        percent(line.lineTotalMinor, milli: line.vatRateMilli)
    }

    /// Sets `grossMinor`, `netMinor` and `taxMinor` from the lines.
    static func recompute(_ order: inout OrderRecord, dialect: SimDialect) {
        let lineSum = order.lines.reduce(Int64(0)) { $0 + $1.lineTotalMinor }
        switch dialect {
        case .erp:
            order.netMinor = lineSum
            order.taxMinor = order.lines.reduce(Int64(0)) { $0 + erpLineTax($1) }
            order.grossMinor = order.netMinor + order.taxMinor
        case .formations:
            order.netMinor = lineSum
            order.taxMinor = order.lines.reduce(Int64(0)) { $0 + Int64($1.quantity) * $1.unitTaxMinor }
            order.grossMinor = order.netMinor + order.taxMinor
        case .reseller:
            order.netMinor = lineSum
            order.taxMinor = percent(lineSum, milli: order.vatRateMilli)
            order.grossMinor = order.netMinor + order.taxMinor
        case .lifecycle:
            // Prices include tax: the tax is the part of the gross above net.
            order.grossMinor = lineSum
            let derived = (lineSum * Int64(order.vatRateMilli) + (100_000 + Int64(order.vatRateMilli)) / 2)
                / (100_000 + Int64(order.vatRateMilli))
            order.taxMinor = min(order.taxOverride ?? derived, lineSum)
            order.netMinor = lineSum - order.taxMinor
        case .mobility:
            order.grossMinor = lineSum
            order.netMinor = lineSum
            order.taxMinor = 0
        }
    }
}

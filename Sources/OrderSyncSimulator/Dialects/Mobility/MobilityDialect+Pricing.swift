/// mobility totals: amounts include tax and no tax is published, so gross and
/// net are both the sum of the lines.
extension MobilityDialect {
    static func recompute(_ order: inout OrderRecord) {
        let lineSum = order.lines.reduce(Int64(0)) { $0 + $1.lineTotalMinor }
        order.grossMinor = lineSum
        order.netMinor = lineSum
        order.taxMinor = 0
    }

    /// mobility also issues invoices between polls.
    static var mutationWeights: [Int] { [3, 3, 2, 2] }
}

import FoundationEssentials

/// formations: a company-formation agent. Numeric status codes without a
/// published meaning, `YmdHis` integer timestamps, a fixed page size, and
/// lines without ids (position is identity). Currency is GBP by contract.
enum FormationsDialect: DialectBehavior {
    static let dialect = SimDialect.formations
    static let firstID = 5_000
    /// 950 is deliberately absent from the suggested status map.
    static let statuses = ["100", "300", "500", "700", "900", "950"]
    static let terminalStatuses: Set<String> = ["700", "900"]
    static let statusWeights = [8, 10, 10, 60, 10, 2]
    static let initialStatus = "100"
    /// No codes are published: what the suggested status map says.
    static let canonicalStatuses = Dictionary(uniqueKeysWithValues: suggestedStatusMap)
    static let currency = "GBP"
    static let packages = ["Bronze Package", "Silver Package", "Gold Package"]
    /// Product names and whether VAT applies.
    static let products = [("Limited Company Formation", true, false), ("Service Address", true, true),
                           ("Registered Office", true, true), ("Confirmation Statement", false, true),
                           ("VAT Registration", true, true), ("Apostilled Documents", true, true)]

    static func makeOrder(id: Int, placedAt: Int64, status: String, now: Int64,
                          state: inout DialectState, rng: inout SplitMix64) -> OrderRecord {
        let name = "\(rng.pick(Catalog.companyWords)) \(rng.pick(["LTD", "LIMITED", "HOLDINGS LTD"]))".uppercased()
        var order = OrderRecord(id: id, number: nil, status: status, currency: currency, placedAt: placedAt,
                                createdAt: placedAt,
                                updatedAt: later(placedAt, within: 30 * CivilTime.day, now: now, &rng) * 1_000_000,
                                customerID: 400 + rng.int(1...5_000), customerName: name, customerRef: nil)
        order.lines = makeLines(currency: currency, state: &state, rng: &rng)
        apply(status: status, to: &order, now: now, rng: &rng)
        return order
    }

    static func makeLine(id: Int, currency: String, rng: inout SplitMix64) -> LineRecord {
        let product = rng.pick(products)
        let unit = Catalog.unitPrice(&rng, currency: currency) / 4
        return LineRecord(id: id, sku: product.0, name: product.0, description: product.0,
                          quantity: rng.int(1...3), unitMinor: max(unit, 99),
                          unitTaxMinor: product.1 ? Pricing.percent(max(unit, 99), milli: 20_000) : 0)
    }

    static func apply(status: String, to order: inout OrderRecord, now: Int64, rng: inout SplitMix64) {
        order.status = status
        order.invoicedAt = ["500", "700"].contains(status)
            ? later(order.placedAt, within: 2 * CivilTime.day, now: now, &rng) : nil
        order.cancelledAt = status == "900" ? later(order.placedAt, within: 7 * CivilTime.day, now: now, &rng) : nil
    }

    static func snapshot(_ order: OrderRecord) -> SimOrder {
        let lines = order.lines.map { line in
            let tax = Int64(line.quantity) * line.unitTaxMinor
            return SimLine(id: nil, sku: nil, description: line.description, quantity: String(line.quantity),
                           unitPriceMinor: line.unitMinor, grossMinor: line.lineTotalMinor + tax,
                           netMinor: line.lineTotalMinor, taxMinor: tax)
        }
        var snapshot = SimOrder(id: String(order.id), number: nil, statusRaw: order.status, currency: currency,
                        grossMinor: order.grossMinor, netMinor: order.netMinor, taxMinor: order.taxMinor, isPaid: nil,
                        placedAt: Date(timeIntervalSince1970: TimeInterval(order.placedAt)), lines: lines, invoices: [])
        snapshot.status = canonicalStatus(order.status)
        snapshot.customerID = order.lines.isEmpty ? nil : String(order.customerID)
        snapshot.customerName = order.customerName
        snapshot.updatedAt = seconds(micro: order.updatedAt)
        snapshot.invoicedAt = date(order.invoicedAt)
        snapshot.cancelledAt = date(order.cancelledAt)
        snapshot.zonelessColumns = ["ordered_at", "updated_at", "invoiced_at", "cancelled_at"]
        return snapshot
    }
}

extension SimDialect {
    /// The dialect's constant; its implementation is listed in `SimulatedDialects.all`.
    public static let formations = SimDialect(registering: "formations")
}

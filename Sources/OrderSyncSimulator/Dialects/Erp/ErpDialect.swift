import FoundationEssentials
import PlatformSupport

/// erp: an ERP's order API (`/obapi/v1/orders`), decimal strings everywhere,
/// a date-only `date_order`, and no currency in the payload (EUR by contract).
enum ErpDialect: DialectBehavior {
    static let dialect = SimDialect.erp
    static let firstID = 300
    static let statuses = ["draft", "validated", "in_progress", "delivered", "cancelled"]
    static let terminalStatuses: Set<String> = ["delivered", "cancelled"]
    static let statusWeights = [5, 15, 15, 55, 10]
    static let initialStatus = "draft"
    /// The provider's documented statuses.
    static let canonicalStatuses = ["draft": "draft", "validated": "confirmed", "in_progress": "in_progress",
                                    "delivered": "completed", "cancelled": "cancelled"]
    static let currency = "EUR"

    private static let products: [(ref: String, label: String, type: String, unit: String)] = [
        ("CONSULTING-01", "Consulting service", "service", "hour"),
        ("TRAINING-02", "On-site training", "service", "day"),
        ("LICENSE-PRO", "Pro licence, yearly", "product", "unit"),
        ("SUPPORT-GOLD", "Gold support plan", "service", "month"),
        ("HW-ROUTER-5", "Edge router R5", "product", "unit"),
        ("CABLE-CAT6", "Cat6 cable, 10 m", "product", "unit"),
    ]
    private static let vatRates = [20_000, 20_000, 20_000, 10_000, 5_500, 0]

    static func makeOrder(id: Int, placedAt: Int64, status: String, now: Int64,
                          state: inout DialectState, rng: inout SplitMix64) -> OrderRecord {
        let day = CivilTime.startOfDay(placedAt)
        let date = CivilTime.date(day)
        let month = "CO" + date.dropFirst(2).prefix(2) + date.dropFirst(5).prefix(2)
        let sequence = (state.counters[month] ?? 0) + 1
        state.counters[month] = sequence
        let ref = month + "-" + String.zeroPadded(sequence, width: 4)
        var order = OrderRecord(id: id, number: ref, status: status, currency: currency, placedAt: day,
                                createdAt: placedAt,
                                updatedAt: later(placedAt, within: 20 * CivilTime.day, now: now, &rng) * 1_000_000,
                                customerID: rng.int(1...400), customerName: Catalog.company(&rng),
                                customerRef: rng.chance(60) ? "PO-\(date.prefix(4))-\(String.zeroPadded(rng.int(1...999), width: 3))" : nil)
        order.lines = makeLines(currency: currency, state: &state, rng: &rng)
        apply(status: status, to: &order, now: now, rng: &rng)
        return order
    }

    static func makeLine(id: Int, currency: String, rng: inout SplitMix64) -> LineRecord {
        let product = rng.pick(products)
        return LineRecord(id: id, sku: product.ref, name: product.label,
                          description: "\(product.label) (\(rng.pick(["standard", "priority", "remote", "on site"])))",
                          quantity: rng.int(1...12), unitMinor: Catalog.unitPrice(&rng, currency: currency),
                          vatRateMilli: rng.pick(vatRates))
    }

    static func apply(status: String, to order: inout OrderRecord, now: Int64, rng: inout SplitMix64) {
        order.status = status
        order.paid = status == "delivered" && rng.chance(70)
        order.deliveredAt = status == "delivered"
            ? CivilTime.startOfDay(later(order.placedAt, within: 14 * CivilTime.day, now: now, &rng)) : nil
    }

    static func snapshot(_ order: OrderRecord) -> SimOrder {
        let lines = order.lines.map { line in
            let tax = lineTax(line)
            return SimLine(id: String(line.id), sku: line.sku, description: line.description,
                           quantity: "\(line.quantity).00", unitPriceMinor: line.unitMinor,
                           grossMinor: line.lineTotalMinor + tax, netMinor: line.lineTotalMinor, taxMinor: tax)
        }
        var snapshot = SimOrder(id: String(order.id), number: order.number, statusRaw: order.status, currency: currency,
                        grossMinor: order.grossMinor, netMinor: order.netMinor, taxMinor: order.taxMinor,
                        isPaid: nil, placedAt: Date(timeIntervalSince1970: TimeInterval(order.placedAt)),
                        lines: lines, invoices: [])
        snapshot.status = canonicalStatus(order.status)
        snapshot.customerRef = order.customerRef
        snapshot.updatedAt = seconds(micro: order.updatedAt)
        snapshot.updatedAtMayLag = true
        snapshot.zonelessColumns = ["ordered_at"]
        return snapshot
    }
}

extension SimDialect {
    /// The dialect's constant; its implementation is listed in `SimulatedDialects.all`.
    public static let erp = SimDialect(registering: "erp")
}

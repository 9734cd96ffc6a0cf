import FoundationEssentials

/// lifecycle: an order-management API with a full life cycle (place,
/// actions), tax-inclusive item prices and Laravel-style microsecond times.
enum LifecycleDialect: DialectBehavior {
    static let dialect = SimDialect.lifecycle
    static let firstID = 1
    static let statuses = ["pending", "processing", "confirmed", "in_progress", "completed", "cancelled",
                           "refunded", "on_hold"]
    static let terminalStatuses: Set<String> = ["completed", "cancelled", "refunded"]
    static let terminalTransitions = ["completed": ["refunded"]]
    static let statusWeights = [10, 10, 8, 8, 50, 7, 3, 4]
    static let initialStatus = "pending"
    static let canonicalStatuses = ["pending": "pending", "processing": "in_progress", "confirmed": "confirmed",
                                    "in_progress": "in_progress", "completed": "completed", "cancelled": "cancelled",
                                    "refunded": "refunded", "on_hold": "on_hold"]
    /// Statuses `active_only` leaves out.
    static let terminal: Set<String> = ["completed", "cancelled", "refunded"]
    static let symbols = ["EUR": "€", "USD": "$", "GBP": "£"]

    private static let products = [(1, "Premium Cleaning Service"), (2, "Window Cleaning"), (3, "Carpet Deep Clean"),
                                   (4, "Office Cleaning (weekly)"), (5, "Oven Cleaning"), (6, "Move-out Cleaning"),
                                   (7, "Upholstery Care"), (8, "Gutter Clearing")]

    static func makeOrder(id: Int, placedAt: Int64, status: String, now: Int64,
                          state: inout DialectState, rng: inout SplitMix64) -> OrderRecord {
        if state.lastNumber == 0 { state.lastNumber = 421_000 }
        let person = Catalog.person(&rng)
        var order = OrderRecord(id: id, number: String(state.takeNumber(&rng)), status: status,
                                currency: ["EUR", "EUR", "EUR", "USD", "GBP"][rng.int(0...4)], placedAt: placedAt,
                                createdAt: placedAt,
                                updatedAt: later(placedAt, within: 30 * CivilTime.day, now: now, &rng) * 1_000_000,
                                customerID: rng.int(10_000...99_999), customerName: "\(person.first) \(person.last)",
                                customerRef: nil)
        order.customerRef = "CUST-\(order.customerID)"
        order.vatRateMilli = rng.pick([21_000, 21_000, 9_000, 0])
        order.billingFirstName = person.first
        order.billingLastName = person.last
        order.notes = rng.chance(40) ? rng.pick(["Please call before arrival", "Key under the mat", "Second floor"]) : ""
        order.metadata = [JSONValue.Member(key: "source", value: .string(rng.pick(["webform", "phone", "api"])))]
        order.lines = makeLines(currency: order.currency, state: &state, rng: &rng)
        order.status = status
        return order
    }

    static func makeLine(id: Int, currency: String, rng: inout SplitMix64) -> LineRecord {
        let product = rng.pick(products)
        return LineRecord(id: id, sku: String(product.0), name: product.1, description: product.1,
                          quantity: rng.int(1...4), unitMinor: Catalog.unitPrice(&rng, currency: currency))
    }

    static func apply(status: String, to order: inout OrderRecord, now: Int64, rng: inout SplitMix64) {
        order.status = status
    }

    static func snapshot(_ order: OrderRecord) -> SimOrder {
        let lines = order.lines.map { line in
            SimLine(id: nil, sku: line.sku, description: line.name, quantity: String(line.quantity),
                    unitPriceMinor: line.unitMinor, grossMinor: line.lineTotalMinor, netMinor: nil, taxMinor: nil)
        }
        var snapshot = SimOrder(id: String(order.id), number: order.number, statusRaw: order.status, currency: order.currency,
                        grossMinor: order.grossMinor, netMinor: order.netMinor, taxMinor: order.taxMinor, isPaid: nil,
                        placedAt: Date(timeIntervalSince1970: TimeInterval(order.placedAt)), lines: lines, invoices: [])
        snapshot.status = canonicalStatus(order.status)
        snapshot.customerID = customerID(order)
        snapshot.customerName = "\(order.billingFirstName) \(order.billingLastName)"
        snapshot.updatedAt = seconds(micro: order.updatedAt)
        return snapshot
    }

    /// The userhub customer id (`CUST-…`), kept as text because placed orders bring their own.
    static func customerID(_ order: OrderRecord) -> String {
        order.customerRef ?? "CUST-\(order.customerID)"
    }
}

extension SimDialect {
    /// The dialect's constant; its implementation is listed in `SimulatedDialects.all`.
    public static let lifecycle = SimDialect(registering: "lifecycle")
}

import FoundationEssentials

/// reseller: a hardware reseller platform with session tokens, a `q` filter
/// grammar, pagination in headers and dates written in varied offsets.
enum ResellerDialect: DialectBehavior {
    static let dialect = SimDialect.reseller
    static let firstID = 1_000
    /// Status `id` is the position in this list.
    static let statuses = ["EDITING", "SUBMITTED", "SHIPPED", "DELIVERED", "CANCELED"]
    static let terminalStatuses: Set<String> = ["DELIVERED", "CANCELED"]

    /// Open while below DELIVERED or unpaid (docs/dialects/reseller.md): an unpaid delivery still changes.
    static func isOpen(_ order: OrderRecord) -> Bool {
        !terminalStatuses.contains(order.status) || !order.paid
    }
    static let statusWeights = [5, 15, 15, 55, 10]
    static let initialStatus = "EDITING"
    static let canonicalStatuses = ["EDITING": "draft", "SUBMITTED": "confirmed", "SHIPPED": "shipped",
                                    "DELIVERED": "completed", "CANCELED": "cancelled"]
    private static let offsets = [120, 0, -300, 60]
    private static let products = [("RT-AX58", "Wi-Fi 6 router"), ("SW-24G", "24-port gigabit switch"),
                                   ("AP-IN2", "Indoor access point"), ("LIC-MGMT-1Y", "Cloud management, 1 year"),
                                   ("SFP-10G", "10G SFP+ module"), ("PSU-65W", "65 W power supply")]

    static func statusID(_ status: String) -> Int {
        statuses.firstIndex(of: status) ?? 0
    }

    static func makeOrder(id: Int, placedAt: Int64, status: String, now: Int64,
                          state: inout DialectState, rng: inout SplitMix64) -> OrderRecord {
        let currency = ["EUR", "EUR", "EUR", "USD", "GBP"][rng.int(0...4)]
        var order = OrderRecord(id: id, number: rng.chance(70) ? "PO-\(rng.int(10_000...99_999))" : nil, status: status,
                                currency: currency, placedAt: placedAt, createdAt: placedAt,
                                updatedAt: placedAt * 1_000_000, customerID: 500 + rng.int(1...200),
                                customerName: Catalog.company(&rng), customerRef: nil)
        order.vatRateMilli = rng.pick([21_000, 21_000, 19_000, 20_000, 0])
        order.utcOffsetMinutes = rng.pick(offsets)
        order.lines = makeLines(currency: currency, state: &state, rng: &rng)
        apply(status: status, to: &order, now: now, rng: &rng)
        return order
    }

    static func makeLine(id: Int, currency: String, rng: inout SplitMix64) -> LineRecord {
        let product = rng.pick(products)
        return LineRecord(id: id, sku: product.0, name: product.1, description: product.1,
                          quantity: rng.int(1...10), unitMinor: Catalog.unitPrice(&rng, currency: currency))
    }

    static func apply(status: String, to order: inout OrderRecord, now: Int64, rng: inout SplitMix64) {
        order.status = status
        let shipped = ["SHIPPED", "DELIVERED"].contains(status)
        order.shippedAt = shipped ? later(order.placedAt, within: 5 * CivilTime.day, now: now, &rng) : nil
        order.deliveredAt = status == "DELIVERED"
            ? later(order.shippedAt ?? order.placedAt, within: 4 * CivilTime.day, now: now, &rng) : nil
        let paidChance = ["EDITING": 0, "SUBMITTED": 20, "SHIPPED": 50, "DELIVERED": 90, "CANCELED": 0][status] ?? 0
        order.paid = rng.chance(paidChance)
    }

    static func snapshot(_ order: OrderRecord) -> SimOrder {
        let lines = order.lines.map { line in
            SimLine(id: String(line.id), sku: line.sku, description: line.description, quantity: String(line.quantity),
                    unitPriceMinor: line.unitMinor, grossMinor: nil, netMinor: line.lineTotalMinor, taxMinor: nil)
        }
        var snapshot = SimOrder(id: String(order.id), number: order.number, statusRaw: order.status, currency: order.currency,
                        grossMinor: order.grossMinor, netMinor: order.netMinor, taxMinor: order.taxMinor,
                        isPaid: order.paid, placedAt: Date(timeIntervalSince1970: TimeInterval(order.placedAt)),
                        lines: lines, invoices: [])
        snapshot.status = canonicalStatus(order.status)
        snapshot.customerID = String(order.customerID)
        snapshot.customerName = order.customerName
        snapshot.customerRef = order.number
        return snapshot
    }

    /// An instant in the order's own offset, e.g. `2026-04-30T12:00:00+02:00`.
    static func stamp(_ seconds: Int64?, _ order: OrderRecord) -> JSONValue {
        seconds.map { .string(CivilTime.withOffset($0, offsetMinutes: order.utcOffsetMinutes)) } ?? .null
    }
}

extension SimDialect {
    /// The dialect's constant; its implementation is listed in `SimulatedDialects.all`.
    public static let reseller = SimDialect(registering: "reseller")
}

import FoundationEssentials
@_spi(SimulatedDialects) import OrderSyncSimulator

/// The simulated upstream of the test-only `sixth` dialect: a cursor-paginated order API in the
/// style of most modern ones (opaque `next_cursor`, `limit`), lines inside every list item,
/// decimal strings in EUR, ISO 8601 UTC times, and a static API key in `X-Api-Key`.
///
/// It lives in `Tests/` alone: what it proves is that a provider is one folder per side plus one
/// registry line each (`SixthTestDialect.register()`), with nothing in the product naming it.
enum SixthDialect: DialectBehavior {
    static let dialect = SimDialect.sixth
    static let firstID = 5_001
    static let statuses = ["open", "paid", "fulfilled", "cancelled", "refunded"]
    static let statusWeights = [15, 20, 50, 10, 5]
    static let initialStatus = "open"
    static let terminalStatuses: Set<String> = ["fulfilled", "cancelled", "refunded"]
    static let terminalTransitions = ["fulfilled": ["refunded"]]
    static let canonicalStatuses = ["open": "pending", "paid": "confirmed", "fulfilled": "completed",
                                    "cancelled": "cancelled", "refunded": "refunded"]
    static let currency = "EUR"

    private static let products = [("SKU-100", "Notebook, A5"), ("SKU-200", "Fountain pen"), ("SKU-300", "Ink, blue"),
                                    ("SKU-400", "Desk lamp"), ("SKU-500", "Paper, 500 sheets")]

    static func makeOrder(id: Int, placedAt: Int64, status: String, now: Int64,
                          state: inout DialectState, rng: inout SplitMix64) -> OrderRecord {
        var order = OrderRecord(id: id, status: status, currency: currency, placedAt: placedAt,
                                updatedAtMicro: later(placedAt, within: 20 * CivilTime.day, now: now, &rng) * 1_000_000,
                                customerID: rng.int(1...900), customerName: Catalog.company(&rng))
        order.number = "S-\(id)"
        order.lines = makeLines(currency: currency, state: &state, rng: &rng)
        return order
    }

    static func makeLine(id: Int, currency: String, rng: inout SplitMix64) -> LineRecord {
        let product = rng.pick(products)
        return LineRecord(id: id, sku: product.0, name: product.1, quantity: rng.int(1...6),
                          unitMinor: Catalog.unitPrice(&rng, currency: currency))
    }

    static func apply(status: String, to order: inout OrderRecord, now: Int64, rng: inout SplitMix64) {
        order.status = status
    }

    /// Net is the sum of the lines; the tax is a flat 20 % of it, exactly (a fifth of minor units, rounded down).
    static func recompute(_ order: inout OrderRecord) {
        order.netMinor = order.lines.reduce(Int64(0)) { $0 + $1.lineTotalMinor }
        order.taxMinor = order.netMinor / 5
        order.grossMinor = order.netMinor + order.taxMinor
    }

    static func snapshot(_ order: OrderRecord) -> SimOrder {
        let lines = order.lines.map { line in
            SimLine(id: String(line.id), sku: line.sku, description: line.name, quantity: String(line.quantity),
                    unitPriceMinor: line.unitMinor, grossMinor: nil, netMinor: line.lineTotalMinor, taxMinor: nil)
        }
        var snapshot = SimOrder(id: String(order.id), number: order.number, statusRaw: order.status, currency: currency,
                                grossMinor: order.grossMinor, netMinor: order.netMinor, taxMinor: order.taxMinor,
                                isPaid: nil, placedAt: Date(timeIntervalSince1970: TimeInterval(order.placedAt)),
                                lines: lines, invoices: [])
        snapshot.status = canonicalStatus(order.status)
        snapshot.customerID = "cus_\(order.customerID)"
        snapshot.customerName = order.customerName
        snapshot.updatedAt = seconds(micro: order.updatedAt)
        return snapshot
    }
}

extension SimDialect {
    /// The test-only dialect's constant; registered by `SixthTestDialect.register()`.
    static let sixth = SimDialect(registering: "sixth")
}

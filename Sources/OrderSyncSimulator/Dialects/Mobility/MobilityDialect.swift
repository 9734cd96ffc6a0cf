import FoundationEssentials
import PlatformSupport

/// mobility: a relocation-services marketplace. Amounts include tax, there
/// is no date filter, lines come only with the detail, and invoices live on
/// their own endpoint and can appear without touching `status_updated_at`.
enum MobilityDialect: DialectBehavior {
    static let dialect = SimDialect.mobility
    static let firstID = 100
    /// `status_id` is the position + 1; "Awaiting Approval" is deliberately
    /// missing from the documented canonical mapping.
    static let statuses = ["New", "In Progress", "Completed", "Cancelled", "Awaiting Approval"]
    static let terminalStatuses: Set<String> = ["Completed", "Cancelled"]
    static let statusWeights = [12, 15, 55, 12, 6]
    static let initialStatus = "New"
    /// "Awaiting Approval" is deliberately missing from the documented table.
    static let canonicalStatuses = ["New": "pending", "In Progress": "in_progress", "Completed": "completed",
                                    "Cancelled": "cancelled"]
    private static let currencies = ["EUR", "EUR", "EUR", "EUR", "USD", "USD", "GBP", "GBP", "JPY", "KWD"]
    static let offers = [(7001, "Immigration service"), (7002, "Visa application"), (7003, "Relocation package"),
                         (7004, "Home search"), (7005, "School search"), (7006, "Tax briefing"),
                         (7007, "Language course")]

    static func statusID(_ status: String) -> Int {
        (statuses.firstIndex(of: status) ?? 0) + 1
    }

    static func makeOrder(id: Int, placedAt: Int64, status: String, now: Int64,
                          state: inout DialectState, rng: inout SplitMix64) -> OrderRecord {
        if state.lastNumber == 0 { state.lastNumber = 780 }
        var order = OrderRecord(id: id, number: String(state.takeNumber(&rng)), status: status,
                                currency: rng.pick(currencies), placedAt: placedAt,
                                createdAt: placedAt - rng.int64(0...1_800),
                                updatedAt: later(placedAt, within: 20 * CivilTime.day, now: now, &rng) * 1_000_000,
                                customerID: 2_000 + rng.int(1...300), customerName: Catalog.company(&rng),
                                customerRef: nil)
        order.lines = makeLines(currency: order.currency, state: &state, rng: &rng)
        recompute(&order)
        let invoiced = (status == "Completed" && rng.chance(80)) || (status == "In Progress" && rng.chance(30))
        if invoiced {
            let issued = CivilTime.startOfDay(later(placedAt, within: 60 * CivilTime.day, now: now, &rng))
            let ids = state.takeInvoiceID()
            let paid = rng.chance(70) ? min(CivilTime.startOfDay(now), issued + rng.int64(0...25) * CivilTime.day) : nil
            order.invoices = [InvoiceRecord(id: ids.invoice, fileID: ids.file,
                                            number: "\(CivilTime.date(issued).prefix(4))-\(String.zeroPadded(ids.invoice % 1000, width: 3))",
                                            amountMinor: order.grossMinor, issuedOn: issued,
                                            dueOn: issued + 30 * CivilTime.day, paidOn: paid)]
        }
        return order
    }

    static func makeLine(id: Int, currency: String, rng: inout SplitMix64) -> LineRecord {
        let offer = rng.pick(offers)
        return LineRecord(id: id, sku: String(offer.0), name: offer.1, description: offer.1,
                          quantity: rng.int(1...3), unitMinor: Catalog.unitPrice(&rng, currency: currency))
    }

    static func apply(status: String, to order: inout OrderRecord, now: Int64, rng: inout SplitMix64) {
        order.status = status
    }

    static func snapshot(_ order: OrderRecord) -> SimOrder {
        let lines = order.lines.map { line in
            SimLine(id: String(line.id), sku: line.sku, description: line.name, quantity: String(line.quantity),
                    unitPriceMinor: line.unitMinor, grossMinor: line.lineTotalMinor, netMinor: nil, taxMinor: nil)
        }
        let invoices = order.invoices.map { invoice in
            SimInvoice(id: String(invoice.id), orderID: String(order.id), number: invoice.number,
                       amountMinor: invoice.amountMinor, currency: order.currency,
                       issuedOn: CivilTime.date(invoice.issuedOn), dueOn: CivilTime.date(invoice.dueOn),
                       paidOn: invoice.paidOn.map(CivilTime.date))
        }
        var snapshot = SimOrder(id: String(order.id), number: order.number, statusRaw: order.status, currency: order.currency,
                        grossMinor: order.grossMinor, netMinor: nil, taxMinor: nil, isPaid: nil,
                        placedAt: Date(timeIntervalSince1970: TimeInterval(order.placedAt)), lines: lines,
                        invoices: invoices)
        snapshot.status = canonicalStatus(order.status)
        snapshot.customerID = String(order.customerID)
        snapshot.customerName = order.customerName
        snapshot.customerRef = slug(order)
        snapshot.updatedAt = seconds(micro: order.updatedAt)
        // No cancellation time is published: a cancelled order's last status change is it.
        snapshot.cancelledAt = snapshot.status == "cancelled" ? snapshot.updatedAt : nil
        snapshot.zonelessColumns = ["ordered_at", "updated_at", "cancelled_at"]
        return snapshot
    }
}

extension SimDialect {
    /// The dialect's constant; its implementation is listed in `SimulatedDialects.all`.
    public static let mobility = SimDialect(registering: "mobility")
}

/// Changes a dialect's data the way real users would between two polls:
/// new orders, status changes, line edits whose totals follow, new invoices
/// that leave the update time alone (in the proportions the dialect's
/// `mutationWeights` give), and on request deletions.
///
/// Changed orders get the real current time as their update time, so a
/// daemon polling for changes sees them as new.
enum Mutator {
    private enum Change: CaseIterable {
        case newOrder, statusChange, lineEdit, newInvoice
    }

    static func mutate<D: DialectBehavior>(_ behavior: D.Type, state: inout DialectState, count: Int, nowMicro: Int64) {
        var rng = state.mutationRNG
        defer { state.mutationRNG = rng }
        let now = CivilTime.floorDiv(nowMicro, 1_000_000)
        for _ in 0..<max(0, count) {
            var change = Change.allCases[rng.weighted(D.mutationWeights)]
            if state.store.count == 0 { change = .newOrder }
            switch change {
            case .newOrder:
                place(behavior, state: &state, now: now, nowMicro: nowMicro, rng: &rng)
            case .statusChange:
                let movable = state.store.orders.filter { !D.nextStatuses(of: $0).isEmpty }
                guard !movable.isEmpty else {
                    place(behavior, state: &state, now: now, nowMicro: nowMicro, rng: &rng)
                    continue
                }
                let id = movable[rng.int(0...(movable.count - 1))].id
                state.store.update(id: id) { order in
                    D.apply(status: rng.pick(D.nextStatuses(of: order)), to: &order, now: now, rng: &rng)
                    order.updatedAt = touch(order.updatedAt, nowMicro)
                }
            case .lineEdit:
                // Only open orders are edited: a delivered or cancelled order is history.
                let open = state.store.orders.filter { D.isOpen($0) }
                guard !open.isEmpty else {
                    place(behavior, state: &state, now: now, nowMicro: nowMicro, rng: &rng)
                    continue
                }
                let id = open[rng.int(0...(open.count - 1))].id
                let newLineID = state.takeLineID()
                state.store.update(id: id) { order in
                    editLines(behavior, of: &order, newLineID: newLineID, rng: &rng)
                    order.updatedAt = touch(order.updatedAt, nowMicro)
                }
            case .newInvoice:
                addInvoice(behavior, state: &state, now: now, nowMicro: nowMicro, rng: &rng)
            }
        }
    }

    /// A new order placed now; returns its id.
    @discardableResult
    static func place<D: DialectBehavior>(_ behavior: D.Type, state: inout DialectState, now: Int64, nowMicro: Int64,
                                          rng: inout SplitMix64) -> Int {
        let id = state.store.nextID(gap: rng.int(1...3))
        var order = D.makeOrder(id: id, placedAt: now, status: D.initialStatus, now: now, state: &state, rng: &rng)
        order.updatedAt = nowMicro
        state.store.append(order)
        return id
    }

    /// An update time that is now and strictly after the previous one.
    static func touch(_ previous: Int64, _ nowMicro: Int64) -> Int64 {
        max(nowMicro, previous + 1)
    }

    private static func editLines<D: DialectBehavior>(_ behavior: D.Type, of order: inout OrderRecord, newLineID: Int,
                                                      rng: inout SplitMix64) {
        switch rng.int(0...3) {
        case 0 where order.lines.count < 5:
            order.lines.append(D.makeLine(id: newLineID, currency: order.currency, rng: &rng))
        case 1 where order.lines.count > 1:
            order.lines.remove(at: rng.int(0...(order.lines.count - 1)))
        case 2:
            let index = rng.int(0...(order.lines.count - 1))
            order.lines[index].quantity = order.lines[index].quantity % 9 + 1
        default:
            let index = rng.int(0...(order.lines.count - 1))
            let unit = Catalog.unitPrice(&rng, currency: order.currency)
            order.lines[index].unitMinor = unit
            if order.lines[index].unitTaxMinor > 0 {
                order.lines[index].unitTaxMinor = Pricing.percent(unit, milli: 20_000)
            }
        }
    }

    /// An invoice issued today for an order placed in the last 60 days, or for
    /// a new order when there is none (dialects with invoices: mobility).
    private static func addInvoice<D: DialectBehavior>(_ behavior: D.Type, state: inout DialectState, now: Int64,
                                                       nowMicro: Int64, rng: inout SplitMix64) {
        let recent = state.store.orders.filter { $0.placedAt >= now - 60 * CivilTime.day && $0.placedAt <= now }
        let id: Int
        if recent.isEmpty {
            id = place(behavior, state: &state, now: now, nowMicro: nowMicro, rng: &rng)
        } else {
            id = rng.pick(recent).id
        }
        let ids = state.takeInvoiceID()
        let today = CivilTime.startOfDay(now)
        state.store.update(id: id) { order in
            let invoiced = order.invoices.reduce(Int64(0)) { $0 + $1.amountMinor }
            let amount = order.grossMinor > invoiced ? order.grossMinor - invoiced : order.grossMinor
            order.invoices.append(InvoiceRecord(id: ids.invoice, fileID: ids.file,
                                                number: "INV-\(CivilTime.date(today).prefix(4))-\(ids.invoice)",
                                                amountMinor: amount, issuedOn: today,
                                                dueOn: today + 30 * CivilTime.day, paidOn: nil))
        }
    }

    /// Removes `count` orders picked at random (by the dialect's own deletion
    /// stream), as a deletion upstream does; returns their ids in ascending order.
    static func delete(state: inout DialectState, count: Int) -> [Int] {
        var deleted: [Int] = []
        for _ in 0..<max(0, min(count, state.store.count)) {
            let id = state.store.orders[state.deletionRNG.int(0...(state.store.count - 1))].id
            state.store.remove(id: id)
            deleted.append(id)
        }
        return deleted.sorted()
    }
}

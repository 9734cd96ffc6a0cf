/// The statements of one page, built in memory and sent in one pipelined batch
/// (`PostgresConnection.executeBatch`) inside the page's transaction: multi-row upserts for
/// orders, lines, history and invoices instead of one round trip per row.
///
/// The bookkeeping SQLite's `PageWriter` does row by row (is the order new, did its status
/// change, did it reappear) is done here from one prefetch of the page's stored orders, so the
/// summary and the history rows are the same as SQLite's, duplicates within a page included.
struct PostgresPageWrite {
    struct Stored {
        var status: String
        var statusRaw: String
        var deleted: Bool
    }

    let source: String
    let now: String
    private(set) var statements: [PostgresStatement] = []
    private(set) var summary = PageWriteSummary()
    private var state: [String: Stored]

    init(source: String, now: String, stored: [String: Stored]) {
        self.source = source
        self.now = now
        self.state = stored
    }

    /// Orders are upserted last-wins (a multi-row upsert may not touch one row twice); the
    /// history records every change in page order, as row-by-row writes would.
    mutating func add(orders: [PageBatch.Order], settleDeferrals: Bool) {
        guard !orders.isEmpty else { return }
        var history: [(any PostgresBindable)?] = []
        var last: [String: Int] = [:]
        for (index, entry) in orders.enumerated() {
            let order = entry.order
            let previous = state[order.orderID]
            summary.ordersUpserted += 1
            if previous == nil { summary.ordersInserted += 1 }
            if previous?.deleted == true || previous?.status != order.status.rawValue || previous?.statusRaw != order.statusRaw {
                history += [source, order.orderID, order.status.rawValue, order.statusRaw, now]
                if previous != nil { summary.statusChanges += 1 }
            }
            state[order.orderID] = Stored(status: order.status.rawValue, statusRaw: order.statusRaw, deleted: false)
            last[order.orderID] = index
        }
        let unique = orders.enumerated().filter { last[$0.element.order.orderID] == $0.offset }.map(\.element)
        for chunk in Self.chunks(unique, columns: 21) {
            var values: [(any PostgresBindable)?] = []
            for entry in chunk {
                let o = entry.order
                values += [source, o.orderID, o.orderNumber, o.customerID, o.customerName, o.customerRef, o.status.rawValue,
                           o.statusRaw, o.currency, o.netMinor, o.taxMinor, o.grossMinor, o.isPaid, o.orderedAt?.iso8601,
                           o.updatedAt?.iso8601, o.invoicedAt?.iso8601, o.cancelledAt?.iso8601, now, now, o.raw, entry.listDigest]
            }
            statements.append(PostgresStatement("""
                INSERT INTO orders (source, order_id, order_number, customer_id, customer_name, customer_ref, status,
                    status_raw, currency, net_minor, tax_minor, gross_minor, is_paid, ordered_at, updated_at, invoiced_at,
                    cancelled_at, first_seen_at, synced_at, raw, list_digest)
                VALUES \(PostgresSQL.valuesList(rows: chunk.count, columns: 21))
                ON CONFLICT (source, order_id) DO UPDATE SET
                    order_number = excluded.order_number, customer_id = excluded.customer_id,
                    customer_name = excluded.customer_name, customer_ref = excluded.customer_ref,
                    status = excluded.status, status_raw = excluded.status_raw, currency = excluded.currency,
                    net_minor = excluded.net_minor, tax_minor = excluded.tax_minor, gross_minor = excluded.gross_minor,
                    is_paid = excluded.is_paid, ordered_at = excluded.ordered_at, updated_at = excluded.updated_at,
                    invoiced_at = excluded.invoiced_at, cancelled_at = excluded.cancelled_at,
                    synced_at = excluded.synced_at, raw = excluded.raw, list_digest = excluded.list_digest,
                    deleted_upstream_at = NULL
                """, values))
        }
        if settleDeferrals {
            statements.append(PostgresStatement("DELETE FROM deferred_records WHERE source = $1 AND order_id = ANY($2::text[])",
                                                [source, PostgresArray.text(unique.map(\.order.orderID))]))
        }
        for chunk in Self.chunks(Array(stride(from: 0, to: history.count, by: 5)), columns: 5) {
            let values = chunk.flatMap { history[$0..<$0 + 5] }
            statements.append(PostgresStatement(
                "INSERT INTO order_status_history (source, order_id, status, status_raw, observed_at) VALUES "
                    + PostgresSQL.valuesList(rows: chunk.count, columns: 5), Array(values)))
        }
        addLines(of: unique.map(\.order))
    }

    /// An order that comes with lines has them replaced; one without keeps its stored lines.
    private mutating func addLines(of orders: [CanonicalOrder]) {
        let withLines = orders.filter { $0.lines != nil }
        guard !withLines.isEmpty else { return }
        statements.append(PostgresStatement("DELETE FROM order_lines WHERE source = $1 AND order_id = ANY($2::text[])",
                                            [source, PostgresArray.text(withLines.map(\.orderID))]))
        let lines = withLines.flatMap { order in (order.lines ?? []).map { (order.orderID, $0) } }
        for chunk in Self.chunks(lines, columns: 12) {
            var values: [(any PostgresBindable)?] = []
            for (orderID, line) in chunk {
                values += [source, orderID, line.lineNo, line.lineID, line.sku, line.description, line.quantity,
                           line.unitPriceMinor, line.netMinor, line.taxMinor, line.grossMinor, line.currency]
            }
            statements.append(PostgresStatement("""
                INSERT INTO order_lines (source, order_id, line_no, line_id, sku, description, quantity,
                    unit_price_minor, net_minor, tax_minor, gross_minor, currency)
                VALUES \(PostgresSQL.valuesList(rows: chunk.count, columns: 12))
                """, values))
        }
    }

    mutating func add(invoices: [CanonicalInvoice]) {
        guard !invoices.isEmpty else { return }
        summary.invoicesUpserted += invoices.count
        var last: [String: Int] = [:]
        for (index, invoice) in invoices.enumerated() { last[invoice.invoiceID] = index }
        let unique = invoices.enumerated().filter { last[$0.element.invoiceID] == $0.offset }.map(\.element)
        for chunk in Self.chunks(unique, columns: 12) {
            var values: [(any PostgresBindable)?] = []
            for i in chunk {
                values += [source, i.invoiceID, i.orderID, i.invoiceNumber, i.status, i.currency, i.amountMinor,
                           i.issuedOn, i.dueOn, i.paidOn, i.raw, i.paymentState.rawValue]
            }
            statements.append(PostgresStatement("""
                INSERT INTO invoices (source, invoice_id, order_id, invoice_number, status, currency, amount_minor,
                    issued_on, due_on, paid_on, raw, payment_state)
                VALUES \(PostgresSQL.valuesList(rows: chunk.count, columns: 12))
                ON CONFLICT (source, invoice_id) DO UPDATE SET
                    order_id = excluded.order_id, invoice_number = excluded.invoice_number, status = excluded.status,
                    currency = excluded.currency, amount_minor = excluded.amount_minor, issued_on = excluded.issued_on,
                    due_on = excluded.due_on, paid_on = excluded.paid_on, raw = excluded.raw,
                    payment_state = excluded.payment_state
                """, values))
        }
    }

    /// A record seen again with the same content updates its row instead of piling up copies.
    mutating func reject(_ record: RejectedRecord) {
        statements.append(PostgresStatement("""
            INSERT INTO rejected_records (source, stream, received_at, reason, raw, record_digest)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (source, stream, record_digest) DO UPDATE SET
                received_at = excluded.received_at, reason = excluded.reason
            """, [source, record.stream, now, record.reason, record.raw, Fingerprint.of(record.raw)]))
        summary.rejected += 1
    }

    mutating func settleDeferral(_ orderID: String) {
        statements.append(PostgresStatement("DELETE FROM deferred_records WHERE source = $1 AND order_id = $2", [source, orderID]))
    }

    mutating func noteDeferred() { summary.deferred += 1 }
    mutating func noteRejected() { summary.rejected += 1 }
    mutating func noteGone() { summary.goneUpstream += 1 }

    mutating func append(_ statement: PostgresStatement) { statements.append(statement) }

    /// Rows in chunks small enough for the protocol's parameter limit.
    static func chunks<T>(_ rows: [T], columns: Int) -> [ArraySlice<T>] {
        let size = max(1, min(1_000, PostgresSQL.maximumParameters / columns))
        return stride(from: 0, to: rows.count, by: size).map { rows[$0..<min($0 + size, rows.count)] }
    }
}

/// PostgreSQL array literals for `= ANY($1::text[])`: one parameter for a list of keys.
enum PostgresArray {
    /// `{"a","b\"c"}`: every element quoted, `"` and `\` escaped, so any text round-trips.
    static func text(_ values: [String]) -> String {
        var literal = "{"
        for (index, value) in values.enumerated() {
            if index > 0 { literal += "," }
            literal += "\""
            for character in value {
                if character == "\"" || character == "\\" { literal += "\\" }
                literal.append(character)
            }
            literal += "\""
        }
        return literal + "}"
    }
}

/// The row-level writes of one page, inside the transaction `SQLiteStore.write` opened.
/// Statements come from the connection's cache, so a page of 200 orders prepares nothing.
struct PageWriter {
    private let db: Database
    private let source: String
    private let now: String
    /// Whether the source had deferred records when the page began: almost never, and then
    /// no stored order needs its deferral settled (one DELETE per order saved).
    private let hadDeferred: Bool
    private(set) var summary = PageWriteSummary()

    init(_ db: Database, source: String, at instant: Instant) throws {
        self.db = db
        self.source = source
        self.now = instant.iso8601
        hadDeferred = try db.cachedStatement("SELECT EXISTS (SELECT 1 FROM deferred_records WHERE source = ?1)")
            .query(source).first?.int(0) == 1
    }

    mutating func upsert(_ order: CanonicalOrder, listDigest: String?) throws {
        let previous = try db.cachedStatement("SELECT status, status_raw, deleted_upstream_at FROM orders WHERE source = ?1 AND order_id = ?2")
            .query(source, order.orderID).first
        // An order flagged as deleted upstream that the upstream shows again is live again.
        let reappeared = previous?.string(2) != nil
        try db.cachedStatement("""
            INSERT INTO orders (source, order_id, order_number, customer_id, customer_name, customer_ref, status,
                status_raw, currency, net_minor, tax_minor, gross_minor, is_paid, ordered_at, updated_at, invoiced_at,
                cancelled_at, first_seen_at, synced_at, raw, list_digest)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?18, ?19, ?20)
            ON CONFLICT (source, order_id) DO UPDATE SET
                order_number = excluded.order_number, customer_id = excluded.customer_id,
                customer_name = excluded.customer_name, customer_ref = excluded.customer_ref,
                status = excluded.status, status_raw = excluded.status_raw, currency = excluded.currency,
                net_minor = excluded.net_minor, tax_minor = excluded.tax_minor, gross_minor = excluded.gross_minor,
                is_paid = excluded.is_paid, ordered_at = excluded.ordered_at, updated_at = excluded.updated_at,
                invoiced_at = excluded.invoiced_at, cancelled_at = excluded.cancelled_at,
                synced_at = excluded.synced_at, raw = excluded.raw, list_digest = excluded.list_digest,
                deleted_upstream_at = NULL
            """).execute(row: [
                .text(source), .text(order.orderID), text(order.orderNumber), text(order.customerID),
                text(order.customerName), text(order.customerRef), .text(order.status.rawValue), .text(order.statusRaw),
                text(order.currency), integer(order.netMinor), integer(order.taxMinor), integer(order.grossMinor),
                order.isPaid.map { .integer($0 ? 1 : 0) } ?? .null, text(order.orderedAt?.iso8601),
                text(order.updatedAt?.iso8601), text(order.invoicedAt?.iso8601), text(order.cancelledAt?.iso8601),
                .text(now), .text(order.raw), text(listDigest),
            ])
        summary.ordersUpserted += 1
        if previous == nil { summary.ordersInserted += 1 }
        if hadDeferred { try settleDeferral(order.orderID) }
        if reappeared || previous?.string(0) != order.status.rawValue || previous?.string(1) != order.statusRaw {
            try db.cachedStatement("""
                INSERT INTO order_status_history (source, order_id, status, status_raw, observed_at)
                VALUES (?1, ?2, ?3, ?4, ?5)
                """).execute(row: [.text(source), .text(order.orderID), .text(order.status.rawValue), .text(order.statusRaw), .text(now)])
            if previous != nil { summary.statusChanges += 1 }
        }
        if let lines = order.lines { try replaceLines(of: order.orderID, with: lines) }
    }

    private func replaceLines(of orderID: String, with lines: [CanonicalOrderLine]) throws {
        try db.cachedStatement("DELETE FROM order_lines WHERE source = ?1 AND order_id = ?2").execute(row: [.text(source), .text(orderID)])
        let insert = try db.cachedStatement("""
            INSERT INTO order_lines (source, order_id, line_no, line_id, sku, description, quantity,
                unit_price_minor, net_minor, tax_minor, gross_minor, currency)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
            """)
        for line in lines {
            try insert.execute(row: [
                .text(source), .text(orderID), .integer(Int64(line.lineNo)), text(line.lineID), text(line.sku),
                text(line.description), .real(line.quantity), integer(line.unitPriceMinor), integer(line.netMinor),
                integer(line.taxMinor), integer(line.grossMinor), text(line.currency),
            ])
        }
    }

    mutating func upsert(_ invoice: CanonicalInvoice) throws {
        try db.cachedStatement("""
            INSERT INTO invoices (source, invoice_id, order_id, invoice_number, status, currency, amount_minor,
                issued_on, due_on, paid_on, raw, payment_state)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
            ON CONFLICT (source, invoice_id) DO UPDATE SET
                order_id = excluded.order_id, invoice_number = excluded.invoice_number, status = excluded.status,
                currency = excluded.currency, amount_minor = excluded.amount_minor, issued_on = excluded.issued_on,
                due_on = excluded.due_on, paid_on = excluded.paid_on, raw = excluded.raw,
                payment_state = excluded.payment_state
            """).execute(row: [
                .text(source), .text(invoice.invoiceID), .text(invoice.orderID), text(invoice.invoiceNumber),
                text(invoice.status), text(invoice.currency), integer(invoice.amountMinor), text(invoice.issuedOn),
                text(invoice.dueOn), text(invoice.paidOn), .text(invoice.raw), .text(invoice.paymentState.rawValue),
            ])
        summary.invoicesUpserted += 1
    }

    /// An order whose detail answered 404/410. A stored one is flagged `deleted_upstream_at`
    /// with its history row (as `verify --repair` does) and its list fingerprint cleared, so a
    /// list that shows it again has it read (and un-flagged) again; its deferral, if any, is
    /// settled. One never stored has nothing to flag: it stays a visible rejected record.
    mutating func markGone(_ gone: PageBatch.Gone) throws {
        guard let row = try db.cachedStatement("SELECT status, deleted_upstream_at FROM orders WHERE source = ?1 AND order_id = ?2")
            .query(source, gone.orderID).first else {
            if hadDeferred { try settleDeferral(gone.orderID) }
            try reject(RejectedRecord(stream: gone.stream, reason: gone.reason, raw: gone.raw))
            return
        }
        if hadDeferred { try settleDeferral(gone.orderID) }
        guard row.string(1) == nil else { return }
        try db.cachedStatement("""
            UPDATE orders SET deleted_upstream_at = ?3, list_digest = NULL WHERE source = ?1 AND order_id = ?2
            """).execute(source, gone.orderID, now)
        try db.cachedStatement("""
            INSERT INTO order_status_history (source, order_id, status, status_raw, observed_at) VALUES (?1, ?2, ?3, ?4, ?5)
            """).execute(source, gone.orderID, row.string(0) ?? "unknown", SQLiteStore.deletedUpstreamMarker, now)
        summary.goneUpstream += 1
    }

    /// How many runs a deferred record is retried by before it becomes a rejected record.
    static let deferralLimit = 10

    /// Drops an order's deferred record: it was stored, or its outcome is final.
    func settleDeferral(_ orderID: String) throws {
        try db.cachedStatement("DELETE FROM deferred_records WHERE source = ?1 AND order_id = ?2").execute(source, orderID)
    }

    /// A record to retry on the next run; deferring it again counts one more attempt.
    mutating func deferRecord(_ record: DeferredRecord) throws {
        try db.cachedStatement("""
            INSERT INTO deferred_records (source, order_id, stream, item, reason, attempts, first_deferred_at, last_attempt_at)
            VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?6)
            ON CONFLICT (source, order_id) DO UPDATE SET
                stream = excluded.stream, item = excluded.item, reason = excluded.reason, attempts = attempts + 1,
                last_attempt_at = excluded.last_attempt_at
            """).execute(source, record.orderID, record.stream, record.item, record.reason, now)
        let attempts = try db.cachedStatement("SELECT attempts FROM deferred_records WHERE source = ?1 AND order_id = ?2")
            .scalar(source, record.orderID)?.intValue ?? 0
        guard attempts < Self.deferralLimit else {
            // A failure that outlasts this many runs is no passing one: it becomes a rejected
            // record (visible, kept), and verify brings the order in once the upstream serves it.
            try settleDeferral(record.orderID)
            try reject(RejectedRecord(
                stream: record.stream, reason: "order \(record.orderID): deferred \(attempts) times; last: \(record.reason)", raw: record.item))
            return
        }
        summary.deferred += 1
    }

    /// A record seen again with the same content updates its row instead of piling up copies.
    mutating func reject(_ record: RejectedRecord) throws {
        try db.cachedStatement("""
            INSERT INTO rejected_records (source, stream, received_at, reason, raw, record_digest)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT (source, stream, record_digest) DO UPDATE SET
                received_at = excluded.received_at, reason = excluded.reason
            """).execute(source, record.stream, now, record.reason, record.raw, Fingerprint.of(record.raw))
        summary.rejected += 1
    }

    private func text(_ value: String?) -> SQLiteValue { value.map { .text($0) } ?? .null }
    private func integer(_ value: Int64?) -> SQLiteValue { value.map { .integer($0) } ?? .null }
}

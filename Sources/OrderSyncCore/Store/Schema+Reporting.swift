/// Migrations 4 and 5: what downstream SQL reporting needs on day one (`docs/reporting.md`).
/// Version 4 adds tables and columns, version 5 the views over them; both only add.
extension Schema {
    /// `currencies` (written from `Currency.iso4217`, the code's own table), `sources.timezone`
    /// and `poll_interval_seconds`, `timezone_offsets` (see `TimeZoneOffsets`),
    /// `invoices.payment_state`, `fx_rates` and `reporting_settings`.
    static func reportingTables(_ db: Database) throws {
        try db.execute(version4)
        let insert = try db.makeStatement("INSERT INTO currencies (code, exponent, name) VALUES (?1, ?2, ?3)")
        for currency in Currency.iso4217 {
            try insert.execute(currency.code, Int64(currency.exponent), currency.name)
        }
        // UTC needs no zone data; every other zone is written when a source using it registers.
        try OrderStore.writeOffsets(db, timezone: TimeZoneOffsets.utc)
    }

    /// Existing invoices get `paid` when they have a payment date; the dialect's table normalizes
    /// the rest the next time they are read.
    private static let version4 = """
        CREATE TABLE currencies (
            code TEXT PRIMARY KEY,
            exponent INTEGER NOT NULL,
            name TEXT
        );
        ALTER TABLE sources ADD COLUMN timezone TEXT;
        ALTER TABLE sources ADD COLUMN poll_interval_seconds INTEGER;
        CREATE TABLE timezone_offsets (
            timezone TEXT NOT NULL,
            valid_from TEXT NOT NULL,
            valid_until TEXT NOT NULL,
            offset_seconds INTEGER NOT NULL,
            PRIMARY KEY (timezone, valid_from)
        );
        ALTER TABLE invoices ADD COLUMN payment_state TEXT NOT NULL DEFAULT 'unknown'
            CHECK (payment_state IN ('paid', 'open', 'void', 'unknown'));
        UPDATE invoices SET payment_state = 'paid' WHERE paid_on IS NOT NULL;
        CREATE TABLE fx_rates (
            day TEXT NOT NULL,
            base TEXT NOT NULL,
            quote TEXT NOT NULL,
            rate TEXT NOT NULL,
            PRIMARY KEY (day, base, quote)
        );
        CREATE INDEX fx_rates_by_pair ON fx_rates (base, quote, day);
        CREATE TABLE reporting_settings (
            key TEXT PRIMARY KEY,
            value TEXT
        );
        """

    /// The views, in dependency order.
    static var reportingViews: String {
        [ordersEnriched, orderInvoiceTotals, revenueDaily, revenueMonthly, openOrdersAging, orderReconciliation,
         sourceFreshness, ordersConverted].joined(separator: "\n")
    }

    // MARK: - Exact decimal text in SQL

    /// 10^`exponent` for an integer expression from 0 to `limit` (NULL beyond: never a guess).
    static func pow10(_ exponent: String, upTo limit: Int = 4) -> String {
        var power: Int64 = 1
        var cases: [String] = []
        for n in 0...limit {
            cases.append("WHEN \(n) THEN \(power)")
            if n < limit { power *= 10 }
        }
        return "(CASE \(exponent) \(cases.joined(separator: " ")) END)"
    }

    /// `minor` units at `exponent` decimals as exact decimal text, by integer division and
    /// remainder only: 123456, 2 → '1234.56'; -5, 2 → '-0.05'; 7, 0 → '7'.
    static func major(_ minor: String, _ exponent: String) -> String {
        """
        (CASE WHEN \(minor) IS NULL OR \(exponent) IS NULL THEN NULL WHEN \(exponent) = 0 THEN CAST(\(minor) AS TEXT) \
        ELSE (CASE WHEN \(minor) < 0 THEN '-' ELSE '' END) || CAST(abs(\(minor)) / \(pow10(exponent)) AS TEXT) || '.' \
        || substr('0000' || CAST(abs(\(minor)) % \(pow10(exponent)) AS TEXT), -\(exponent)) END)
        """
    }

    /// `numerator` / `denominator` (> 0) rounded half away from zero, in integers.
    static func roundedQuotient(_ numerator: String, _ denominator: String) -> String {
        """
        (CASE WHEN \(numerator) >= 0 THEN \(numerator) / \(denominator) + (2 * (\(numerator) % \(denominator)) >= \(denominator)) \
        ELSE -((-\(numerator)) / \(denominator) + (2 * ((-\(numerator)) % \(denominator)) >= \(denominator))) END)
        """
    }

    // MARK: - Views

    /// One row per order the upstream still has: the order with its dialect, amounts in major
    /// units, its local date in the source's time zone, whether it is open and paid, its age.
    private static let ordersEnriched = """
        CREATE VIEW orders_enriched AS
        SELECT b.source, b.order_id, b.order_number, b.dialect, b.customer_id, b.customer_name, b.customer_ref,
            b.status, b.status_raw, b.is_open, b.currency, b.exponent,
            b.gross_minor, b.net_minor, b.tax_minor,
            \(major("b.gross_minor", "b.exponent")) AS gross,
            \(major("b.net_minor", "b.exponent")) AS net,
            \(major("b.tax_minor", "b.exponent")) AS tax,
            b.gross_minor * 1.0 / \(pow10("b.exponent")) AS gross_real,
            b.net_minor * 1.0 / \(pow10("b.exponent")) AS net_real,
            b.tax_minor * 1.0 / \(pow10("b.exponent")) AS tax_real,
            b.ordered_at, b.timezone, b.utc_offset_seconds,
            datetime(b.ordered_at, b.utc_offset_seconds || ' seconds') AS ordered_at_local,
            date(b.ordered_at, b.utc_offset_seconds || ' seconds') AS ordered_on,
            substr(date(b.ordered_at, b.utc_offset_seconds || ' seconds'), 1, 7) AS ordered_month,
            CAST(julianday('now') - julianday(b.ordered_at) AS INTEGER) AS age_days,
            CASE WHEN b.is_paid IS NOT NULL THEN b.is_paid
                 WHEN b.source_has_invoices AND b.gross_minor IS NOT NULL
                     THEN coalesce(v.invoice_count, 0) > 0 AND coalesce(v.paid_minor, 0) >= b.gross_minor
            END AS is_paid,
            CASE WHEN b.is_paid IS NOT NULL THEN 'order'
                 WHEN b.source_has_invoices AND b.gross_minor IS NOT NULL THEN 'invoices' END AS is_paid_from,
            coalesce(v.invoice_count, 0) AS invoice_count, v.paid_minor,
            b.updated_at, b.invoiced_at, b.cancelled_at, b.first_seen_at, b.synced_at
        FROM (
            SELECT o.source, o.order_id, o.order_number, s.dialect, o.customer_id, o.customer_name, o.customer_ref,
                o.status, o.status_raw,
                CASE WHEN o.status IN ('completed', 'cancelled', 'refunded') THEN 0 ELSE 1 END AS is_open,
                o.currency,
                CASE WHEN o.currency IS NOT NULL THEN coalesce(c.exponent, \(Currency.defaultExponent)) END AS exponent,
                o.gross_minor, o.net_minor, o.tax_minor, o.is_paid, o.ordered_at,
                coalesce(s.timezone, 'UTC') AS timezone,
                (SELECT z.offset_seconds FROM timezone_offsets z
                    WHERE z.timezone = coalesce(s.timezone, 'UTC') AND z.valid_from <= o.ordered_at
                    ORDER BY z.valid_from DESC LIMIT 1) AS utc_offset_seconds,
                EXISTS (SELECT 1 FROM invoices i WHERE i.source = o.source) AS source_has_invoices,
                o.updated_at, o.invoiced_at, o.cancelled_at, o.first_seen_at, o.synced_at
            FROM orders o
            LEFT JOIN sources s ON s.source = o.source
            LEFT JOIN currencies c ON c.code = o.currency
            WHERE o.deleted_upstream_at IS NULL
        ) b
        LEFT JOIN order_invoice_totals v ON v.source = b.source AND v.order_id = b.order_id;
        """

    /// Per order with invoices: how many, how much invoiced (not void) and paid, in the order's
    /// currency; invoices in another currency are counted apart, never added.
    private static let orderInvoiceTotals = """
        CREATE VIEW order_invoice_totals AS
        SELECT i.source, i.order_id, count(*) AS invoice_count,
            sum(i.currency IS NOT o.currency) AS invoices_other_currency,
            sum(CASE WHEN i.currency IS o.currency AND i.payment_state <> 'void' THEN i.amount_minor ELSE 0 END) AS invoiced_minor,
            sum(CASE WHEN i.currency IS o.currency AND i.payment_state = 'paid' THEN i.amount_minor ELSE 0 END) AS paid_minor,
            sum(i.payment_state = 'open') AS open_invoices,
            max(i.paid_on) AS last_paid_on
        FROM invoices i JOIN orders o ON o.source = i.source AND o.order_id = i.order_id
        GROUP BY i.source, i.order_id;
        """

    private static func revenue(_ name: String, period: String, column: String) -> String {
        """
        CREATE VIEW \(name) AS
        SELECT source, currency, \(column) AS \(period), status, count(*) AS orders,
            sum(gross_minor) AS gross_minor, sum(net_minor) AS net_minor, sum(tax_minor) AS tax_minor,
            \(major("sum(gross_minor)", "max(exponent)")) AS gross,
            \(major("sum(net_minor)", "max(exponent)")) AS net,
            \(major("sum(tax_minor)", "max(exponent)")) AS tax
        FROM orders_enriched
        GROUP BY source, currency, \(column), status;
        """
    }

    private static let revenueDaily = revenue("revenue_daily", period: "day", column: "ordered_on")
    private static let revenueMonthly = revenue("revenue_monthly", period: "month", column: "ordered_month")

    /// Open orders by source, currency and age bucket (`bucket_order` sorts the buckets).
    private static let openOrdersAging = """
        CREATE VIEW open_orders_aging AS
        SELECT source, currency, bucket, bucket_order, count(*) AS orders,
            sum(gross_minor) AS gross_minor, \(major("sum(gross_minor)", "max(exponent)")) AS gross,
            min(ordered_on) AS oldest_ordered_on
        FROM (
            SELECT source, currency, exponent, gross_minor, ordered_on,
                CASE WHEN age_days IS NULL THEN 'no date' WHEN age_days <= 7 THEN '0-7 days'
                     WHEN age_days <= 30 THEN '8-30 days' WHEN age_days <= 90 THEN '31-90 days'
                     WHEN age_days <= 180 THEN '91-180 days' WHEN age_days <= 365 THEN '181-365 days'
                     ELSE 'over 365 days' END AS bucket,
                CASE WHEN age_days IS NULL THEN 7 WHEN age_days <= 7 THEN 1 WHEN age_days <= 30 THEN 2
                     WHEN age_days <= 90 THEN 3 WHEN age_days <= 180 THEN 4 WHEN age_days <= 365 THEN 5
                     ELSE 6 END AS bucket_order
            FROM orders_enriched WHERE is_open = 1
        )
        GROUP BY source, currency, bucket, bucket_order;
        """

    /// Per order: its total against the sum of its lines (on the figure both have: gross, else
    /// net) and against its invoices (not void, same currency); `reason` says what differs or
    /// what could not be compared.
    private static let orderReconciliation = """
        CREATE VIEW order_reconciliation AS
        WITH line_totals AS (
            SELECT l.source, l.order_id, count(*) AS line_count,
                sum(l.currency IS NOT NULL AND l.currency IS NOT o.currency) AS lines_other_currency,
                CASE WHEN count(l.gross_minor) = count(*) THEN sum(l.gross_minor) END AS lines_gross_minor,
                CASE WHEN count(l.net_minor) = count(*) THEN sum(l.net_minor) END AS lines_net_minor
            FROM order_lines l JOIN orders o ON o.source = l.source AND o.order_id = l.order_id
            GROUP BY l.source, l.order_id
        ),
        compared AS (
            SELECT e.source, e.order_id, e.order_number, e.dialect, e.status, e.currency, e.exponent,
                e.gross_minor AS order_gross_minor, e.net_minor AS order_net_minor,
                coalesce(l.line_count, 0) AS line_count, coalesce(l.lines_other_currency, 0) AS lines_other_currency,
                CASE WHEN l.line_count IS NULL OR l.lines_other_currency > 0 THEN NULL
                     WHEN e.gross_minor IS NOT NULL AND l.lines_gross_minor IS NOT NULL THEN 'gross'
                     WHEN e.net_minor IS NOT NULL AND l.lines_net_minor IS NOT NULL THEN 'net' END AS lines_basis,
                l.lines_gross_minor, l.lines_net_minor,
                coalesce(v.invoice_count, 0) AS invoice_count, coalesce(v.invoices_other_currency, 0) AS invoices_other_currency,
                v.invoiced_minor, v.paid_minor,
                EXISTS (SELECT 1 FROM invoices i WHERE i.source = e.source) AS source_has_invoices
            FROM orders_enriched e
            LEFT JOIN line_totals l ON l.source = e.source AND l.order_id = e.order_id
            LEFT JOIN order_invoice_totals v ON v.source = e.source AND v.order_id = e.order_id
        ),
        based AS (
            SELECT *,
                CASE lines_basis WHEN 'gross' THEN order_gross_minor WHEN 'net' THEN order_net_minor END AS order_basis_minor,
                CASE lines_basis WHEN 'gross' THEN lines_gross_minor WHEN 'net' THEN lines_net_minor END AS lines_minor,
                CASE WHEN invoice_count = 0 OR order_gross_minor IS NULL OR invoices_other_currency > 0 THEN NULL
                     ELSE invoiced_minor = order_gross_minor END AS invoices_match
            FROM compared
        ),
        checked AS (
            SELECT *, lines_minor - order_basis_minor AS lines_difference_minor,
                CASE WHEN lines_basis IS NOT NULL THEN lines_minor = order_basis_minor END AS lines_match,
                CASE WHEN invoices_match IS NOT NULL THEN invoiced_minor - order_gross_minor END AS invoices_difference_minor
            FROM based
        ),
        noted AS (
            SELECT *,
                CASE WHEN line_count = 0 THEN 'no lines stored'
                     WHEN lines_other_currency > 0 THEN 'lines in another currency than the order'
                     WHEN lines_basis IS NULL THEN 'lines and order have no gross or net figure in common'
                     WHEN lines_match = 0 THEN 'lines ' || lines_basis || ' ' || \(major("lines_minor", "exponent"))
                         || ' differ from order ' || lines_basis || ' ' || \(major("order_basis_minor", "exponent"))
                         || ' by ' || \(major("lines_difference_minor", "exponent")) END AS lines_note,
                CASE WHEN NOT source_has_invoices THEN 'no invoices from this source (its dialect has none)'
                     WHEN invoice_count = 0 THEN 'not invoiced yet'
                     WHEN order_gross_minor IS NULL THEN 'order has no gross figure to compare invoices with'
                     WHEN invoices_other_currency > 0 THEN 'invoices in another currency than the order'
                     WHEN invoices_match = 0 THEN 'invoices ' || \(major("invoiced_minor", "exponent"))
                         || ' differ from order gross ' || \(major("order_gross_minor", "exponent"))
                         || ' by ' || \(major("invoices_difference_minor", "exponent")) END AS invoices_note
            FROM checked
        )
        SELECT source, order_id, order_number, dialect, status, currency,
            order_gross_minor, order_net_minor, line_count, lines_basis, order_basis_minor, lines_minor,
            lines_difference_minor, lines_match,
            invoice_count, invoiced_minor, paid_minor, invoices_difference_minor, invoices_match,
            CASE WHEN lines_match = 0 OR invoices_match = 0 THEN 0
                 WHEN lines_match = 1 OR invoices_match = 1 THEN 1 END AS reconciles,
            CASE WHEN lines_note IS NOT NULL AND invoices_note IS NOT NULL THEN lines_note || '; ' || invoices_note
                 ELSE coalesce(lines_note, invoices_note) END AS reason
        FROM noted;
        """

    /// Per source: the last successful run and how long ago, the last failure, failures since
    /// the last success, and what the database holds for it. Stale: no success for three poll
    /// intervals (or never).
    private static let sourceFreshness = """
        CREATE VIEW source_freshness AS
        SELECT f.*,
            CASE WHEN last_success_at IS NULL THEN 1
                 ELSE lag_seconds > 3 * coalesce(poll_interval_seconds, 300) END AS is_stale
        FROM (
            SELECT s.source, s.dialect, coalesce(s.timezone, 'UTC') AS timezone, s.poll_interval_seconds, s.first_synced_at,
                ok.last_success_at,
                CAST(round((julianday('now') - julianday(ok.last_success_at)) * 86400) AS INTEGER) AS lag_seconds,
                latest.kind AS last_run_kind, latest.started_at AS last_run_at, latest.outcome AS last_run_outcome,
                failed.finished_at AS last_error_at, failed.error AS last_error,
                (SELECT count(*) FROM sync_runs r WHERE r.source = s.source AND r.outcome = 'failed'
                    AND r.run_id > coalesce(ok.last_ok_run_id, 0)) AS consecutive_failures,
                (SELECT count(*) FROM orders o WHERE o.source = s.source AND o.deleted_upstream_at IS NULL) AS orders,
                (SELECT count(*) FROM orders o WHERE o.source = s.source AND o.deleted_upstream_at IS NOT NULL) AS deleted_upstream,
                (SELECT count(*) FROM order_lines l WHERE l.source = s.source) AS lines,
                (SELECT count(*) FROM invoices i WHERE i.source = s.source) AS invoices,
                (SELECT count(*) FROM rejected_records j WHERE j.source = s.source) AS rejected
            FROM sources s
            LEFT JOIN (SELECT source, max(finished_at) AS last_success_at, max(run_id) AS last_ok_run_id
                       FROM sync_runs WHERE outcome = 'ok' GROUP BY source) ok ON ok.source = s.source
            LEFT JOIN sync_runs latest ON latest.run_id = (SELECT max(run_id) FROM sync_runs r WHERE r.source = s.source)
            LEFT JOIN sync_runs failed ON failed.run_id =
                (SELECT max(run_id) FROM sync_runs r WHERE r.source = s.source AND r.outcome = 'failed')
        ) f;
        """
}

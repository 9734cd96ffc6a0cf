/// Migrations 4 and 5: what downstream SQL reporting needs on day one (`docs/reporting.md`).
/// Version 4 adds tables and columns, version 5 the views over them; both only add. Migration 7
/// (`Schema+LayeredViews.swift`) replaces the views with layered ones; these stay as registered.
///
/// The SQL is written out literally (the store never interpolates into SQL). Two idioms repeat:
/// `CAST('1' || substr('0000', 1, e) AS INTEGER)` is 10^e, and major units as exact text are
/// `abs(m) / 10^e || '.' || the remainder left-padded to e digits`, integer arithmetic only.
/// Currencies missing from `currencies` get 2 decimals, as `Currency.defaultExponent` says.
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
        try SQLiteStore.writeOffsets(db, timezone: TimeZoneOffsets.utc)
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
        [orderInvoiceTotals, ordersEnriched, revenueDaily, revenueMonthly, openOrdersAging, orderReconciliation,
         sourceFreshness, ordersConverted].joined(separator: "\n")
    }

    /// One row per order the upstream still has: the order with its dialect, amounts in major
    /// units, its local date in the source's time zone, whether it is open and paid, its age.
    private static let ordersEnriched = """
        CREATE VIEW orders_enriched AS
        SELECT b.source, b.order_id, b.order_number, b.dialect, b.customer_id, b.customer_name, b.customer_ref,
            b.status, b.status_raw, b.is_open, b.currency, b.exponent, b.minor_per_major,
            b.gross_minor, b.net_minor, b.tax_minor,
            CASE WHEN b.exponent = 0 THEN CAST(b.gross_minor AS TEXT) ELSE CASE WHEN b.gross_minor < 0 THEN '-' ELSE '' END
                || (abs(b.gross_minor) / b.minor_per_major) || '.' || substr('0000' || (abs(b.gross_minor) % b.minor_per_major), -b.exponent) END AS gross,
            CASE WHEN b.exponent = 0 THEN CAST(b.net_minor AS TEXT) ELSE CASE WHEN b.net_minor < 0 THEN '-' ELSE '' END
                || (abs(b.net_minor) / b.minor_per_major) || '.' || substr('0000' || (abs(b.net_minor) % b.minor_per_major), -b.exponent) END AS net,
            CASE WHEN b.exponent = 0 THEN CAST(b.tax_minor AS TEXT) ELSE CASE WHEN b.tax_minor < 0 THEN '-' ELSE '' END
                || (abs(b.tax_minor) / b.minor_per_major) || '.' || substr('0000' || (abs(b.tax_minor) % b.minor_per_major), -b.exponent) END AS tax,
            b.gross_minor * 1.0 / b.minor_per_major AS gross_real,
            b.net_minor * 1.0 / b.minor_per_major AS net_real,
            b.tax_minor * 1.0 / b.minor_per_major AS tax_real,
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
                CASE WHEN o.currency IS NOT NULL THEN coalesce(c.exponent, 2) END AS exponent,
                CAST('1' || substr('0000', 1, CASE WHEN o.currency IS NOT NULL THEN coalesce(c.exponent, 2) END)
                    AS INTEGER) AS minor_per_major,
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

    /// Per source, currency, local day and canonical status: orders and their totals (sums of the base table).
    private static let revenueDaily = """
        CREATE VIEW revenue_daily AS
        SELECT source, currency, day, status, orders, gross_minor, net_minor, tax_minor,
            CASE WHEN e = 0 THEN CAST(gross_minor AS TEXT) ELSE CASE WHEN gross_minor < 0 THEN '-' ELSE '' END
                || (abs(gross_minor) / u) || '.' || substr('0000' || (abs(gross_minor) % u), -e) END AS gross,
            CASE WHEN e = 0 THEN CAST(net_minor AS TEXT) ELSE CASE WHEN net_minor < 0 THEN '-' ELSE '' END
                || (abs(net_minor) / u) || '.' || substr('0000' || (abs(net_minor) % u), -e) END AS net,
            CASE WHEN e = 0 THEN CAST(tax_minor AS TEXT) ELSE CASE WHEN tax_minor < 0 THEN '-' ELSE '' END
                || (abs(tax_minor) / u) || '.' || substr('0000' || (abs(tax_minor) % u), -e) END AS tax
        FROM (
            SELECT source, currency, ordered_on AS day, status, count(*) AS orders, sum(gross_minor) AS gross_minor,
                sum(net_minor) AS net_minor, sum(tax_minor) AS tax_minor, max(exponent) AS e, max(minor_per_major) AS u
            FROM orders_enriched
            GROUP BY source, currency, ordered_on, status
        );
        """

    /// Per source, currency, local month (`YYYY-MM`) and canonical status: orders and their totals.
    private static let revenueMonthly = """
        CREATE VIEW revenue_monthly AS
        SELECT source, currency, month, status, orders, gross_minor, net_minor, tax_minor,
            CASE WHEN e = 0 THEN CAST(gross_minor AS TEXT) ELSE CASE WHEN gross_minor < 0 THEN '-' ELSE '' END
                || (abs(gross_minor) / u) || '.' || substr('0000' || (abs(gross_minor) % u), -e) END AS gross,
            CASE WHEN e = 0 THEN CAST(net_minor AS TEXT) ELSE CASE WHEN net_minor < 0 THEN '-' ELSE '' END
                || (abs(net_minor) / u) || '.' || substr('0000' || (abs(net_minor) % u), -e) END AS net,
            CASE WHEN e = 0 THEN CAST(tax_minor AS TEXT) ELSE CASE WHEN tax_minor < 0 THEN '-' ELSE '' END
                || (abs(tax_minor) / u) || '.' || substr('0000' || (abs(tax_minor) % u), -e) END AS tax
        FROM (
            SELECT source, currency, ordered_month AS month, status, count(*) AS orders, sum(gross_minor) AS gross_minor,
                sum(net_minor) AS net_minor, sum(tax_minor) AS tax_minor, max(exponent) AS e, max(minor_per_major) AS u
            FROM orders_enriched
            GROUP BY source, currency, ordered_month, status
        );
        """

    /// Open orders by source, currency and age bucket (`bucket_order` sorts the buckets).
    private static let openOrdersAging = """
        CREATE VIEW open_orders_aging AS
        SELECT source, currency, bucket, bucket_order, orders, gross_minor,
            CASE WHEN e = 0 THEN CAST(gross_minor AS TEXT) ELSE CASE WHEN gross_minor < 0 THEN '-' ELSE '' END
                || (abs(gross_minor) / u) || '.' || substr('0000' || (abs(gross_minor) % u), -e) END AS gross,
            oldest_ordered_on
        FROM (
            SELECT source, currency, bucket, bucket_order, count(*) AS orders, sum(gross_minor) AS gross_minor,
                max(exponent) AS e, max(minor_per_major) AS u, min(ordered_on) AS oldest_ordered_on
            FROM (
                SELECT source, currency, exponent, minor_per_major, gross_minor, ordered_on,
                    CASE WHEN age_days IS NULL THEN 'no date' WHEN age_days <= 7 THEN '0-7 days'
                         WHEN age_days <= 30 THEN '8-30 days' WHEN age_days <= 90 THEN '31-90 days'
                         WHEN age_days <= 180 THEN '91-180 days' WHEN age_days <= 365 THEN '181-365 days'
                         ELSE 'over 365 days' END AS bucket,
                    CASE WHEN age_days IS NULL THEN 7 WHEN age_days <= 7 THEN 1 WHEN age_days <= 30 THEN 2
                         WHEN age_days <= 90 THEN 3 WHEN age_days <= 180 THEN 4 WHEN age_days <= 365 THEN 5
                         ELSE 6 END AS bucket_order
                FROM orders_enriched WHERE is_open = 1
            )
            GROUP BY source, currency, bucket, bucket_order
        );
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
            SELECT e.source, e.order_id, e.order_number, e.dialect, e.status, e.currency, e.exponent, e.minor_per_major,
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
        texts AS (
            SELECT *, exponent AS e, minor_per_major AS u,
                CASE WHEN exponent = 0 THEN CAST(lines_minor AS TEXT) ELSE CASE WHEN lines_minor < 0 THEN '-' ELSE '' END
                    || (abs(lines_minor) / minor_per_major) || '.' || substr('0000' || (abs(lines_minor) % minor_per_major), -exponent) END AS lines_text,
                CASE WHEN exponent = 0 THEN CAST(order_basis_minor AS TEXT) ELSE CASE WHEN order_basis_minor < 0 THEN '-' ELSE '' END
                    || (abs(order_basis_minor) / minor_per_major) || '.' || substr('0000' || (abs(order_basis_minor) % minor_per_major), -exponent) END AS order_basis_text,
                CASE WHEN exponent = 0 THEN CAST(lines_difference_minor AS TEXT) ELSE CASE WHEN lines_difference_minor < 0 THEN '-' ELSE '' END
                    || (abs(lines_difference_minor) / minor_per_major) || '.' || substr('0000' || (abs(lines_difference_minor) % minor_per_major), -exponent) END AS lines_difference_text,
                CASE WHEN exponent = 0 THEN CAST(invoiced_minor AS TEXT) ELSE CASE WHEN invoiced_minor < 0 THEN '-' ELSE '' END
                    || (abs(invoiced_minor) / minor_per_major) || '.' || substr('0000' || (abs(invoiced_minor) % minor_per_major), -exponent) END AS invoiced_text,
                CASE WHEN exponent = 0 THEN CAST(order_gross_minor AS TEXT) ELSE CASE WHEN order_gross_minor < 0 THEN '-' ELSE '' END
                    || (abs(order_gross_minor) / minor_per_major) || '.' || substr('0000' || (abs(order_gross_minor) % minor_per_major), -exponent) END AS order_gross_text,
                CASE WHEN exponent = 0 THEN CAST(invoices_difference_minor AS TEXT) ELSE CASE WHEN invoices_difference_minor < 0 THEN '-' ELSE '' END
                    || (abs(invoices_difference_minor) / minor_per_major) || '.' || substr('0000' || (abs(invoices_difference_minor) % minor_per_major), -exponent) END AS invoices_difference_text
            FROM checked
        ),
        noted AS (
            SELECT *,
                CASE WHEN line_count = 0 THEN 'no lines stored'
                     WHEN lines_other_currency > 0 THEN 'lines in another currency than the order'
                     WHEN lines_basis IS NULL THEN 'lines and order have no gross or net figure in common'
                     WHEN lines_match = 0 THEN 'lines ' || lines_basis || ' ' || lines_text || ' differ from order '
                         || lines_basis || ' ' || order_basis_text || ' by ' || lines_difference_text END AS lines_note,
                CASE WHEN NOT source_has_invoices THEN 'no invoices from this source (its dialect has none)'
                     WHEN invoice_count = 0 THEN 'not invoiced yet'
                     WHEN order_gross_minor IS NULL THEN 'order has no gross figure to compare invoices with'
                     WHEN invoices_other_currency > 0 THEN 'invoices in another currency than the order'
                     WHEN invoices_match = 0 THEN 'invoices ' || invoiced_text || ' differ from order gross '
                         || order_gross_text || ' by ' || invoices_difference_text END AS invoices_note
            FROM texts
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
    /// the last success, and what the database holds for it. Stale: no success within three
    /// poll intervals (or never).
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

/// Migration 7: the reporting views again, layered (`docs/reporting.md`). Migration 5's views
/// (`Schema+Reporting.swift`, `Schema+Conversion.swift`) stay as they were registered, because a
/// new database still runs every migration in order; this one replaces them.
///
/// What changes for a reader of `sqlite_schema`: `orders_enriched` is the base view and computes
/// each order's money text once; every other view selects from it and formats only the sums or
/// differences it makes itself, each once. Every text amount gets a REAL companion (`gross_real`,
/// the name `orders_enriched` already used) for sorting and charting, since text sorts `9970.45`
/// before `996.00`; exactness stays in the text and in the integer `*_minor` with `exponent`.
/// `counts_as_revenue` says, per canonical status, whether an order is revenue, in one place
/// (`orders_enriched`; the list is `OrderStatus.countsAsRevenue`'s, and a test holds them equal).
///
/// Portability (the PostgreSQL port reads these): the money text is plain CASE, CAST, `abs`,
/// `substr` and integer `/` and `%`: `10^e + r` has e + 1 digits, so dropping its leading `1`
/// left-pads the remainder `r` to `e` digits without a negative `substr` start. REAL companions
/// are `CAST(… AS DOUBLE PRECISION)`, a double in both. The date functions (`date`, `datetime`,
/// `julianday`) and `typeof` have no standard form and stay SQLite's.
///
/// Only the views with money columns are replaced; `order_invoice_totals` and `source_freshness`
/// are unchanged. New columns are appended, so existing column positions do not move.
extension Schema {
    /// Drops the views migration 5 made (dependents first) and creates the layered ones.
    static var layeredViews: String {
        ["DROP VIEW orders_converted;", "DROP VIEW order_reconciliation;", "DROP VIEW open_orders_aging;",
         "DROP VIEW revenue_monthly;", "DROP VIEW revenue_daily;", "DROP VIEW orders_enriched;",
         layeredOrdersEnriched, layeredRevenueDaily, layeredRevenueMonthly, layeredOpenOrdersAging,
         layeredOrderReconciliation, layeredOrdersConverted].joined(separator: "\n")
    }

    /// The base view: one row per order the upstream still has, its money text computed here once.
    private static let layeredOrdersEnriched = """
        CREATE VIEW orders_enriched AS
        SELECT b.source, b.order_id, b.order_number, b.dialect, b.customer_id, b.customer_name, b.customer_ref,
            b.status, b.status_raw, b.is_open, b.currency, b.exponent, b.minor_per_major,
            b.gross_minor, b.net_minor, b.tax_minor,
            CASE WHEN b.gross_minor < 0 THEN '-' ELSE '' END || CAST(abs(b.gross_minor) / b.minor_per_major AS TEXT)
                || CASE WHEN b.exponent > 0 THEN '.' || substr(CAST(b.minor_per_major + abs(b.gross_minor) % b.minor_per_major AS TEXT), 2) ELSE '' END AS gross,
            CASE WHEN b.net_minor < 0 THEN '-' ELSE '' END || CAST(abs(b.net_minor) / b.minor_per_major AS TEXT)
                || CASE WHEN b.exponent > 0 THEN '.' || substr(CAST(b.minor_per_major + abs(b.net_minor) % b.minor_per_major AS TEXT), 2) ELSE '' END AS net,
            CASE WHEN b.tax_minor < 0 THEN '-' ELSE '' END || CAST(abs(b.tax_minor) / b.minor_per_major AS TEXT)
                || CASE WHEN b.exponent > 0 THEN '.' || substr(CAST(b.minor_per_major + abs(b.tax_minor) % b.minor_per_major AS TEXT), 2) ELSE '' END AS tax,
            CAST(b.gross_minor AS DOUBLE PRECISION) / b.minor_per_major AS gross_real,
            CAST(b.net_minor AS DOUBLE PRECISION) / b.minor_per_major AS net_real,
            CAST(b.tax_minor AS DOUBLE PRECISION) / b.minor_per_major AS tax_real,
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
            b.updated_at, b.invoiced_at, b.cancelled_at, b.first_seen_at, b.synced_at,
            b.counts_as_revenue
        FROM (
            SELECT o.source, o.order_id, o.order_number, s.dialect, o.customer_id, o.customer_name, o.customer_ref,
                o.status, o.status_raw,
                CASE WHEN o.status IN ('completed', 'cancelled', 'refunded') THEN 0 ELSE 1 END AS is_open,
                CASE WHEN o.status IN ('confirmed', 'in_progress', 'shipped', 'completed', 'on_hold') THEN 1 ELSE 0 END
                    AS counts_as_revenue,
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

    /// Per source, currency, local day and canonical status (which says whether the row is revenue).
    private static let layeredRevenueDaily = """
        CREATE VIEW revenue_daily AS
        SELECT source, currency, day, status, orders, gross_minor, net_minor, tax_minor,
            CASE WHEN gross_minor < 0 THEN '-' ELSE '' END || CAST(abs(gross_minor) / u AS TEXT)
                || CASE WHEN exponent > 0 THEN '.' || substr(CAST(u + abs(gross_minor) % u AS TEXT), 2) ELSE '' END AS gross,
            CASE WHEN net_minor < 0 THEN '-' ELSE '' END || CAST(abs(net_minor) / u AS TEXT)
                || CASE WHEN exponent > 0 THEN '.' || substr(CAST(u + abs(net_minor) % u AS TEXT), 2) ELSE '' END AS net,
            CASE WHEN tax_minor < 0 THEN '-' ELSE '' END || CAST(abs(tax_minor) / u AS TEXT)
                || CASE WHEN exponent > 0 THEN '.' || substr(CAST(u + abs(tax_minor) % u AS TEXT), 2) ELSE '' END AS tax,
            counts_as_revenue, exponent,
            CAST(gross_minor AS DOUBLE PRECISION) / u AS gross_real,
            CAST(net_minor AS DOUBLE PRECISION) / u AS net_real,
            CAST(tax_minor AS DOUBLE PRECISION) / u AS tax_real
        FROM (
            SELECT source, currency, ordered_on AS day, status, count(*) AS orders, sum(gross_minor) AS gross_minor,
                sum(net_minor) AS net_minor, sum(tax_minor) AS tax_minor, max(counts_as_revenue) AS counts_as_revenue,
                max(exponent) AS exponent, max(minor_per_major) AS u
            FROM orders_enriched
            GROUP BY source, currency, ordered_on, status
        ) t;
        """

    /// Per source, currency, local month (`YYYY-MM`) and canonical status.
    private static let layeredRevenueMonthly = """
        CREATE VIEW revenue_monthly AS
        SELECT source, currency, month, status, orders, gross_minor, net_minor, tax_minor,
            CASE WHEN gross_minor < 0 THEN '-' ELSE '' END || CAST(abs(gross_minor) / u AS TEXT)
                || CASE WHEN exponent > 0 THEN '.' || substr(CAST(u + abs(gross_minor) % u AS TEXT), 2) ELSE '' END AS gross,
            CASE WHEN net_minor < 0 THEN '-' ELSE '' END || CAST(abs(net_minor) / u AS TEXT)
                || CASE WHEN exponent > 0 THEN '.' || substr(CAST(u + abs(net_minor) % u AS TEXT), 2) ELSE '' END AS net,
            CASE WHEN tax_minor < 0 THEN '-' ELSE '' END || CAST(abs(tax_minor) / u AS TEXT)
                || CASE WHEN exponent > 0 THEN '.' || substr(CAST(u + abs(tax_minor) % u AS TEXT), 2) ELSE '' END AS tax,
            counts_as_revenue, exponent,
            CAST(gross_minor AS DOUBLE PRECISION) / u AS gross_real,
            CAST(net_minor AS DOUBLE PRECISION) / u AS net_real,
            CAST(tax_minor AS DOUBLE PRECISION) / u AS tax_real
        FROM (
            SELECT source, currency, ordered_month AS month, status, count(*) AS orders, sum(gross_minor) AS gross_minor,
                sum(net_minor) AS net_minor, sum(tax_minor) AS tax_minor, max(counts_as_revenue) AS counts_as_revenue,
                max(exponent) AS exponent, max(minor_per_major) AS u
            FROM orders_enriched
            GROUP BY source, currency, ordered_month, status
        ) t;
        """

    /// Open orders by source, currency and age bucket (`bucket_order` sorts the buckets).
    private static let layeredOpenOrdersAging = """
        CREATE VIEW open_orders_aging AS
        SELECT source, currency, bucket, bucket_order, orders, gross_minor,
            CASE WHEN gross_minor < 0 THEN '-' ELSE '' END || CAST(abs(gross_minor) / u AS TEXT)
                || CASE WHEN exponent > 0 THEN '.' || substr(CAST(u + abs(gross_minor) % u AS TEXT), 2) ELSE '' END AS gross,
            oldest_ordered_on, exponent,
            CAST(gross_minor AS DOUBLE PRECISION) / u AS gross_real
        FROM (
            SELECT source, currency, bucket, bucket_order, count(*) AS orders, sum(gross_minor) AS gross_minor,
                max(exponent) AS exponent, max(minor_per_major) AS u, min(ordered_on) AS oldest_ordered_on
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
            ) aged
            GROUP BY source, currency, bucket, bucket_order
        ) t;
        """
}

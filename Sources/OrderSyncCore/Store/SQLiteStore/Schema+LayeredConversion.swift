/// Migration 7's `orders_converted` (see `Schema+LayeredViews.swift`): migration 5's view
/// (`Schema+Conversion.swift` explains the exact integer conversion and why three steps are
/// `MATERIALIZED`) with the converted text in the portable form, `counts_as_revenue` from
/// `orders_enriched`, and REAL companions of the converted amounts and of the rate for charts.
/// `typeof` detects a product that left 64-bit integers; it has no standard form, so the
/// PostgreSQL port checks the range instead.
extension Schema {
    static let layeredOrdersConverted = """
        CREATE VIEW orders_converted AS
        WITH settings AS (
            SELECT (SELECT value FROM reporting_settings WHERE key = 'currency') AS target
        ),
        looked_up AS MATERIALIZED (
            SELECT e.source, e.order_id, e.order_number, e.dialect, e.status, e.is_open, e.counts_as_revenue, e.ordered_on, e.ordered_month,
                e.currency, e.exponent, e.gross_minor, e.net_minor, e.tax_minor,
                st.target AS reporting_currency, coalesce(tc.exponent, 2) AS target_exponent,
                (SELECT max(f.day) FROM fx_rates f
                    WHERE f.base = e.currency AND f.quote = st.target AND f.day <= e.ordered_on) AS direct_day,
                (SELECT max(f.day) FROM fx_rates f
                    WHERE f.base = st.target AND f.quote = e.currency AND f.day <= e.ordered_on) AS inverse_day
            FROM orders_enriched e CROSS JOIN settings st LEFT JOIN currencies tc ON tc.code = st.target
        ),
        chosen AS (
            SELECT *,
                CASE WHEN reporting_currency IS NULL OR currency IS NULL OR ordered_on IS NULL THEN NULL
                     WHEN currency = reporting_currency THEN 'same'
                     WHEN direct_day IS NOT NULL AND direct_day >= coalesce(inverse_day, '') THEN 'direct'
                     WHEN inverse_day IS NOT NULL THEN 'inverse' END AS rate_kind
            FROM looked_up
        ),
        rated AS MATERIALIZED (
            SELECT c.*,
                CASE c.rate_kind WHEN 'direct' THEN c.direct_day WHEN 'inverse' THEN c.inverse_day END AS rate_day,
                CASE c.rate_kind WHEN 'same' THEN '1'
                    WHEN 'direct' THEN (SELECT f.rate FROM fx_rates f
                        WHERE f.day = c.direct_day AND f.base = c.currency AND f.quote = c.reporting_currency)
                    WHEN 'inverse' THEN (SELECT f.rate FROM fx_rates f
                        WHERE f.day = c.inverse_day AND f.base = c.reporting_currency AND f.quote = c.currency)
                END AS rate
            FROM chosen c
        ),
        scaled AS (
            SELECT *, CAST(replace(rate, '.', '') AS INTEGER) AS rate_digits,
                CASE WHEN instr(rate, '.') > 0 THEN length(rate) - instr(rate, '.') ELSE 0 END AS rate_scale
            FROM rated
        ),
        factors AS (
            SELECT *,
                CASE rate_kind WHEN 'same' THEN 1
                    WHEN 'direct' THEN rate_digits * CAST('1' || substr('000000000000000000', 1, max(target_exponent - exponent - rate_scale, 0)) AS INTEGER)
                    WHEN 'inverse' THEN CAST('1' || substr('000000000000000000', 1, max(rate_scale + target_exponent - exponent, 0)) AS INTEGER) END AS multiplier,
                CASE rate_kind WHEN 'same' THEN 1
                    WHEN 'direct' THEN CAST('1' || substr('000000000000000000', 1, max(rate_scale + exponent - target_exponent, 0)) AS INTEGER)
                    WHEN 'inverse' THEN rate_digits * CAST('1' || substr('000000000000000000', 1, max(exponent - target_exponent - rate_scale, 0)) AS INTEGER)
                END AS divisor
            FROM scaled
        ),
        products AS MATERIALIZED (
            SELECT *, gross_minor * multiplier AS gp, net_minor * multiplier AS np, tax_minor * multiplier AS tp,
                typeof(divisor) = 'integer' AND divisor > 0 AS exact
            FROM factors
        ),
        converted AS (
            SELECT *,
                CASE WHEN exact AND typeof(gp) = 'integer' THEN CASE WHEN gp >= 0 THEN gp / divisor + (2 * (gp % divisor) >= divisor)
                    ELSE -((-gp) / divisor + (2 * ((-gp) % divisor) >= divisor)) END END AS converted_gross_minor,
                CASE WHEN exact AND typeof(np) = 'integer' THEN CASE WHEN np >= 0 THEN np / divisor + (2 * (np % divisor) >= divisor)
                    ELSE -((-np) / divisor + (2 * ((-np) % divisor) >= divisor)) END END AS converted_net_minor,
                CASE WHEN exact AND typeof(tp) = 'integer' THEN CASE WHEN tp >= 0 THEN tp / divisor + (2 * (tp % divisor) >= divisor)
                    ELSE -((-tp) / divisor + (2 * ((-tp) % divisor) >= divisor)) END END AS converted_tax_minor,
                CAST('1' || substr('0000', 1, target_exponent) AS INTEGER) AS u, target_exponent AS e
            FROM products
        )
        SELECT source, order_id, order_number, dialect, status, is_open, ordered_on, ordered_month,
            currency, gross_minor, net_minor, tax_minor,
            reporting_currency, rate_kind, rate_day, rate,
            converted_gross_minor, converted_net_minor, converted_tax_minor,
            CASE WHEN converted_gross_minor < 0 THEN '-' ELSE '' END || CAST(abs(converted_gross_minor) / u AS TEXT)
                || CASE WHEN e > 0 THEN '.' || substr(CAST(u + abs(converted_gross_minor) % u AS TEXT), 2) ELSE '' END AS converted_gross,
            CASE WHEN converted_net_minor < 0 THEN '-' ELSE '' END || CAST(abs(converted_net_minor) / u AS TEXT)
                || CASE WHEN e > 0 THEN '.' || substr(CAST(u + abs(converted_net_minor) % u AS TEXT), 2) ELSE '' END AS converted_net,
            CASE WHEN converted_tax_minor < 0 THEN '-' ELSE '' END || CAST(abs(converted_tax_minor) / u AS TEXT)
                || CASE WHEN e > 0 THEN '.' || substr(CAST(u + abs(converted_tax_minor) % u AS TEXT), 2) ELSE '' END AS converted_tax,
            CASE WHEN reporting_currency IS NULL THEN 'no reporting currency: set reporting.currency in the configuration'
                 WHEN currency IS NULL THEN 'order has no currency'
                 WHEN ordered_on IS NULL THEN 'order has no date'
                 WHEN rate_kind IS NULL
                     THEN 'no ' || currency || '/' || reporting_currency || ' rate on or before ' || ordered_on
                 WHEN (gross_minor IS NOT NULL AND converted_gross_minor IS NULL)
                     OR (net_minor IS NOT NULL AND converted_net_minor IS NULL)
                     OR (tax_minor IS NOT NULL AND converted_tax_minor IS NULL)
                     THEN 'too large to convert exactly in 64-bit integers'
            END AS conversion_note,
            counts_as_revenue, e AS reporting_exponent,
            CAST(converted_gross_minor AS DOUBLE PRECISION) / u AS converted_gross_real,
            CAST(converted_net_minor AS DOUBLE PRECISION) / u AS converted_net_real,
            CAST(converted_tax_minor AS DOUBLE PRECISION) / u AS converted_tax_real,
            CAST(rate AS DOUBLE PRECISION) AS rate_real
        FROM converted;
        """
}

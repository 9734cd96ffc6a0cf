/// Migration 7's `order_reconciliation` (see `Schema+LayeredViews.swift`): the same columns as
/// migration 5's, the order's own money text now taken from `orders_enriched` (`gross`, `net`)
/// instead of being computed again; only the lines' total, the invoiced total and the two
/// differences, amounts no other view has, are formatted here, each once. The text appears only
/// inside `reason`; every amount column is integer minor units.
extension Schema {
    static let layeredOrderReconciliation = """
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
                e.gross_minor AS order_gross_minor, e.net_minor AS order_net_minor, e.gross AS order_gross, e.net AS order_net,
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
                CASE lines_basis WHEN 'gross' THEN order_gross WHEN 'net' THEN order_net END AS order_basis_text,
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
            SELECT *,
                CASE WHEN lines_minor < 0 THEN '-' ELSE '' END || CAST(abs(lines_minor) / minor_per_major AS TEXT)
                    || CASE WHEN exponent > 0 THEN '.' || substr(CAST(minor_per_major + abs(lines_minor) % minor_per_major AS TEXT), 2) ELSE '' END
                    AS lines_text,
                CASE WHEN lines_difference_minor < 0 THEN '-' ELSE '' END || CAST(abs(lines_difference_minor) / minor_per_major AS TEXT)
                    || CASE WHEN exponent > 0 THEN '.' || substr(CAST(minor_per_major + abs(lines_difference_minor) % minor_per_major AS TEXT), 2) ELSE '' END
                    AS lines_difference_text,
                CASE WHEN invoiced_minor < 0 THEN '-' ELSE '' END || CAST(abs(invoiced_minor) / minor_per_major AS TEXT)
                    || CASE WHEN exponent > 0 THEN '.' || substr(CAST(minor_per_major + abs(invoiced_minor) % minor_per_major AS TEXT), 2) ELSE '' END
                    AS invoiced_text,
                CASE WHEN invoices_difference_minor < 0 THEN '-' ELSE '' END || CAST(abs(invoices_difference_minor) / minor_per_major AS TEXT)
                    || CASE WHEN exponent > 0 THEN '.' || substr(CAST(minor_per_major + abs(invoices_difference_minor) % minor_per_major AS TEXT), 2) ELSE '' END
                    AS invoices_difference_text
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
                         || order_gross || ' by ' || invoices_difference_text END AS invoices_note
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
}

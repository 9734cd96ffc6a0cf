/// Totals per source and currency: what `ordersync demo` prints, and a sanity check for operators.
extension SQLiteStore {

    /// Read from `orders_enriched`, so that what counts as revenue is the views' one condition.
    public func revenueSummary() async throws -> [RevenueRow] {
        try await interruptible { db in
            try db.cachedStatement("""
                SELECT e.source, coalesce(e.currency, '?'), count(*),
                    sum((SELECT count(*) FROM order_lines l WHERE l.source = e.source AND l.order_id = e.order_id)),
                    sum(e.counts_as_revenue), sum(CASE WHEN e.counts_as_revenue = 1 THEN coalesce(e.gross_minor, 0) ELSE 0 END)
                FROM orders_enriched e GROUP BY e.source, e.currency ORDER BY e.source, e.currency
                """).query().map { row in
                    RevenueRow(source: row.string(0) ?? "", currency: row.string(1) ?? "?", orders: row.int(2) ?? 0,
                               lines: row.int(3) ?? 0, revenueOrders: row.int(4) ?? 0, grossMinor: row.int64(5) ?? 0)
                }
        }
    }
}

/// Totals per source and currency: what `ordersync demo` prints, and a sanity check for operators.
extension SQLiteStore {

    public func revenueSummary() async throws -> [RevenueRow] {
        try await interruptible { db in
            try db.cachedStatement("""
                SELECT o.source, coalesce(o.currency, '?'), count(*), sum(coalesce(o.gross_minor, 0)),
                    sum((SELECT count(*) FROM order_lines l WHERE l.source = o.source AND l.order_id = o.order_id))
                FROM orders o GROUP BY o.source, o.currency ORDER BY o.source, o.currency
                """).query().map { row in
                    RevenueRow(source: row.string(0) ?? "", currency: row.string(1) ?? "?", orders: row.int(2) ?? 0,
                               lines: row.int(4) ?? 0, grossMinor: row.int64(3) ?? 0)
                }
        }
    }
}

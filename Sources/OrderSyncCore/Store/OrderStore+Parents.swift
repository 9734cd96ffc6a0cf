/// Selections of stored orders that drive per-order requests (child sweeps, open-order rechecks).
extension OrderStore {
    /// Ids of the source's orders placed in `[from, to)`.
    public func orderIDs(source: String, orderedFrom from: Instant, to: Instant) throws -> [String] {
        try withDatabase { db in
            try db.cachedStatement("""
                SELECT order_id FROM orders WHERE source = ?1 AND ordered_at >= ?2 AND ordered_at < ?3 ORDER BY order_id
                """).query(source, from.iso8601, to.iso8601).compactMap { $0.string(0) }
        }
    }

    /// The source's orders not in a terminal status (`unknown` counts as open), and with
    /// `includeUnpaid` every order stored as unpaid too.
    public func openOrders(source: String, includeUnpaid: Bool = false) throws -> [OpenOrderRefreshStream.StoredOrder] {
        try withDatabase { db in
            try db.cachedStatement("""
                SELECT order_id, ordered_at FROM orders
                WHERE source = ?1 AND (status NOT IN ('completed', 'cancelled', 'refunded') OR (?2 AND is_paid = 0))
                ORDER BY order_id
                """).query(source, includeUnpaid).compactMap { row in
                    row.string(0).map { OpenOrderRefreshStream.StoredOrder(id: $0, orderedAt: Checkpoints.instant(row.string(1))) }
                }
        }
    }

    /// Ids of the source's orders placed at or after `orderedSince`, plus, with `includeOpen`,
    /// every order not in a terminal status. Sorted for a stable request order.
    public func orderIDs(source: String, orderedSince: Instant, includeOpen: Bool) throws -> [String] {
        try withDatabase { db in
            try db.cachedStatement("""
                SELECT order_id FROM orders
                WHERE source = ?1 AND (ordered_at >= ?2 OR (?3 AND status NOT IN ('completed', 'cancelled', 'refunded')))
                ORDER BY order_id
                """).query(source, orderedSince.iso8601, includeOpen).compactMap { $0.string(0) }
        }
    }
}

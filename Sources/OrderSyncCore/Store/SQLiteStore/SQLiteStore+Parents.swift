/// Selections of stored orders that drive per-order requests (child sweeps, open-order rechecks).
/// Orders flagged `deleted_upstream_at` are left out of all of them: the upstream said they are
/// gone, so asking about them again each poll would only fetch the same 404 (and once made
/// every poll of the source fail). A list that shows such an order again brings it back.
extension SQLiteStore {
    /// The terminal statuses as a JSON array bound to `json_each(?)`.
    static let terminalStatuses = JSONValue.array(terminalStatusNames.map { .string($0) }).serialized


    /// Ids of the source's orders placed in `[from, to)`.
    public func orderIDs(source: String, orderedFrom from: Instant, to: Instant) async throws -> [String] {
        try await interruptible { db in
            try db.cachedStatement("""
                SELECT order_id FROM orders WHERE source = ?1 AND ordered_at >= ?2 AND ordered_at < ?3 AND deleted_upstream_at IS NULL ORDER BY order_id
                """).query(source, from.iso8601, to.iso8601).compactMap { $0.string(0) }
        }
    }

    /// The source's orders not in a terminal status (`unknown` counts as open), and with
    /// `includeUnpaid` every order stored as unpaid too.
    public func openOrders(source: String, includeUnpaid: Bool) async throws -> [OpenOrder] {
        try await interruptible { db in
            try db.cachedStatement("""
                SELECT order_id, ordered_at FROM orders
                WHERE source = ?1 AND deleted_upstream_at IS NULL
                    AND (status NOT IN (SELECT value FROM json_each(?3)) OR (?2 AND is_paid = 0))
                ORDER BY order_id
                """).query(source, includeUnpaid, Self.terminalStatuses).compactMap { row in
                    row.string(0).map { OpenOrder(id: $0, orderedAt: Self.instant(row.string(1))) }
                }
        }
    }

    /// Ids of the source's orders placed at or after `orderedSince`, plus, with `includeOpen`,
    /// every order not in a terminal status. Sorted for a stable request order.
    public func orderIDs(source: String, orderedSince: Instant, includeOpen: Bool) async throws -> [String] {
        try await interruptible { db in
            try db.cachedStatement("""
                SELECT order_id FROM orders
                WHERE source = ?1 AND deleted_upstream_at IS NULL
                    AND (ordered_at >= ?2 OR (?3 AND status NOT IN (SELECT value FROM json_each(?4))))
                ORDER BY order_id
                """).query(source, orderedSince.iso8601, includeOpen, Self.terminalStatuses).compactMap { $0.string(0) }
        }
    }

}

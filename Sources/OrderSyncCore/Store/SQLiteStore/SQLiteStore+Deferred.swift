/// `deferred_records`: what the next run of a source retries before anything else.
extension SQLiteStore {
    /// The source's deferred records, oldest first.
    public func deferredRecords(source: String) async throws -> [DeferredRecord] {
        try await interruptible { db in
            try db.cachedStatement("""
                SELECT order_id, stream, item, reason FROM deferred_records WHERE source = ?1 ORDER BY first_deferred_at, order_id
                """).query(source).compactMap { row in
                    guard let id = row.string(0), let stream = row.string(1), let item = row.string(2) else { return nil }
                    return DeferredRecord(orderID: id, stream: stream, item: item, reason: row.string(3) ?? "")
                }
        }
    }
}

/// What `verify` compares and what its repair changes: the stored ids and statuses of a
/// source, and the flag on orders the upstream no longer has.
extension SQLiteStore {


    /// Every stored order of the source, by id.
    public func sightings(source: String) async throws -> [String: StoredSighting] {
        try await interruptible { db in
            var result: [String: StoredSighting] = [:]
            for row in try db.cachedStatement("""
                SELECT order_id, status_raw, ordered_at, deleted_upstream_at, first_seen_at, status FROM orders WHERE source = ?1
                """).query(source) {
                guard let id = row.string(0) else { continue }
                result[id] = StoredSighting(
                    statusRaw: row.string(1) ?? "", status: row.string(5) ?? "", orderedAt: Self.instant(row.string(2)),
                    deletedUpstreamAt: Self.instant(row.string(3)), firstSeenAt: Self.instant(row.string(4)))
            }
            return result
        }
    }

    /// The stored state of the given orders that a resync reports on: raw status and the raw
    /// record (its change means the upstream's content changed). Absent ids are not stored.
    public func snapshots(source: String, orderIDs: [String]) async throws -> [String: (statusRaw: String, raw: String, orderedAt: Instant?)] {
        try await interruptible { db in
            let statement = try db.cachedStatement("SELECT status_raw, raw, ordered_at FROM orders WHERE source = ?1 AND order_id = ?2")
            var result: [String: (statusRaw: String, raw: String, orderedAt: Instant?)] = [:]
            for id in orderIDs {
                if let row = try statement.query(source, id).first {
                    result[id] = (row.string(0) ?? "", row.string(1) ?? "", Self.instant(row.string(2)))
                }
            }
            return result
        }
    }

    /// The earliest `ordered_at` stored for the source.
    public func earliestOrderedAt(source: String) throws -> Instant? {
        try withDatabase { db in
            Self.instant(try db.cachedStatement("SELECT min(ordered_at) FROM orders WHERE source = ?1").scalar(source)?.stringValue)
        }
    }

    /// Flags orders the upstream no longer has (never deletes them) and records the event in
    /// the status history. Returns how many were newly flagged.
    @discardableResult
    public func markDeletedUpstream(source: String, orderIDs: [String], at instant: Instant) async throws -> Int {
        try await interruptible { db in
            try db.inTransaction {
                var flagged = 0
                let update = try db.cachedStatement("""
                    UPDATE orders SET deleted_upstream_at = ?3 WHERE source = ?1 AND order_id = ?2 AND deleted_upstream_at IS NULL
                    RETURNING status
                    """)
                let history = try db.cachedStatement("""
                    INSERT INTO order_status_history (source, order_id, status, status_raw, observed_at) VALUES (?1, ?2, ?3, ?4, ?5)
                    """)
                for orderID in orderIDs {
                    guard let status = try update.query(source, orderID, instant.iso8601).first?.string(0) else { continue }
                    try history.execute(source, orderID, status, Self.deletedUpstreamMarker, instant.iso8601)
                    flagged += 1
                }
                return flagged
            }
        }
    }
}

/// `ordersync reset`: forgetting where a source's streams stand.
extension SQLiteStore {
    /// The source's stored cursors, by stream.
    public func cursors(source: String) throws -> [(stream: String, cursor: String?)] {
        try withDatabase { db in
            try db.cachedStatement("SELECT stream, cursor FROM sync_state WHERE source = ?1 ORDER BY stream")
                .query(source).map { (stream: $0.string(0) ?? "", cursor: $0.string(1)) }
        }
    }

    /// Deletes the cursor of `stream` (every stream of the source when nil); returns how many
    /// rows went. Orders and runs are kept.
    @discardableResult
    public func deleteCursors(source: String, stream: String?) throws -> Int {
        try withDatabase { db in
            try db.inTransaction {
                let statement = try db.cachedStatement("DELETE FROM sync_state WHERE source = ?1 AND (?2 IS NULL OR stream = ?2)")
                try statement.execute(source, stream)
                return db.changes
            }
        }
    }

    /// Whether a live process (the daemon, a backfill) has a run of the source open.
    public func hasLiveRun(source: String) throws -> Bool {
        try withDatabase { db in
            try db.cachedStatement("SELECT pid FROM sync_runs WHERE source = ?1 AND outcome IS NULL").query(source)
                .contains { Self.isAlive($0.int64(0)) }
        }
    }
}

/// The read side `ordersync status` uses.
extension SQLiteStore {
    /// The status of `source`, from the tables alone (nothing upstream is asked).
    public func status(of source: String) async throws -> SourceStatus {
        try await interruptible { db in
            var status = SourceStatus(source: source)
            if let row = try db.cachedStatement("SELECT dialect, first_synced_at FROM sources WHERE source = ?1").query(source).first {
                status.dialect = row.string(0)
                status.firstSyncedAt = row.string(1)
            }
            status.streams = try db.cachedStatement("SELECT stream, cursor, updated_at FROM sync_state WHERE source = ?1 ORDER BY stream")
                .query(source).map { SourceStatus.Stream(name: $0.string(0) ?? "", cursor: $0.string(1), updatedAt: $0.string(2)) }
            let runs = try db.cachedStatement("""
                SELECT run_id, kind, started_at, finished_at, outcome, requests, orders_upserted, error
                FROM sync_runs WHERE source = ?1 ORDER BY run_id DESC LIMIT 50
                """).query(source)
            func run(_ row: Row) -> SourceStatus.Run {
                SourceStatus.Run(runID: row.int64(0) ?? 0, kind: row.string(1) ?? "", startedAt: row.string(2) ?? "",
                                 finishedAt: row.string(3), outcome: row.string(4), requests: row.int(5),
                                 ordersUpserted: row.int(6), error: row.string(7))
            }
            status.lastRun = runs.first.map(run)
            status.lastVerify = try db.cachedStatement("""
                SELECT run_id, kind, started_at, finished_at, outcome, requests, orders_upserted, error
                FROM sync_runs WHERE source = ?1 AND kind = 'verify' ORDER BY run_id DESC LIMIT 1
                """).query(source).first.map(run)
            // Polls only: a verify, resync or backfill that succeeds is not the source keeping up.
            let polls = runs.filter { $0.string(1) == OrderStore.RunKind.poll.rawValue }
            status.consecutiveFailures = polls.prefix { $0.string(4) != "ok" }.filter { $0.string(4) == "failed" }.count
            status.lastSuccessAt = try db.cachedStatement(
                "SELECT max(finished_at) FROM sync_runs WHERE source = ?1 AND kind = 'poll' AND outcome = 'ok'").query(source).first?.string(0)
            status.lastError = try db.cachedStatement(
                "SELECT error FROM sync_runs WHERE source = ?1 AND outcome = 'failed' ORDER BY run_id DESC LIMIT 1")
                .query(source).first?.string(0)
            status.orders = try count(db, "SELECT count(*) FROM orders WHERE source = ?1", source)
            status.openOrders = try db.cachedStatement("""
                SELECT count(*) FROM orders WHERE source = ?1 AND status NOT IN (SELECT value FROM json_each(?2))
                """).query(source, Self.terminalStatuses).first?.int(0) ?? 0
            status.lines = try count(db, "SELECT count(*) FROM order_lines WHERE source = ?1", source)
            status.invoices = try count(db, "SELECT count(*) FROM invoices WHERE source = ?1", source)
            status.rejectedRecords = try count(db, "SELECT count(*) FROM rejected_records WHERE source = ?1", source)
            status.deferredRecords = try count(db, "SELECT count(*) FROM deferred_records WHERE source = ?1", source)
            status.deletedUpstream = try count(db, "SELECT count(*) FROM orders WHERE source = ?1 AND deleted_upstream_at IS NOT NULL", source)
            for row in try db.cachedStatement("""
                SELECT status_raw, count(*) FROM orders WHERE source = ?1 AND status = 'unknown' GROUP BY status_raw
                """).query(source) {
                status.unknownStatuses[row.string(0) ?? ""] = row.int(1) ?? 0
            }
            return status
        }
    }

    /// The raw statuses of the source's orders that map to `unknown`, sorted.
    public func unknownRawStatuses(source: String) async throws -> [String] {
        try await interruptible { db in
            try db.cachedStatement("SELECT DISTINCT status_raw FROM orders WHERE source = ?1 AND status = 'unknown' ORDER BY status_raw")
                .query(source).compactMap { $0.string(0) }
        }
    }

    /// Every source the database has seen, configured or not any more.
    public func knownSources() throws -> [String] {
        try withDatabase { db in
            try db.cachedStatement("SELECT source FROM sources ORDER BY source").query().compactMap { $0.string(0) }
        }
    }

    private func count(_ db: Database, _ sql: String, _ source: String) throws -> Int {
        try db.cachedStatement(sql).query(source).first?.int(0) ?? 0
    }
}

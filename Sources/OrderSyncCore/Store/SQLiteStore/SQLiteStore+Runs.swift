import FoundationEssentials
import Glibc

/// `sync_runs`: one row per poll or backfill of a source, opened when it starts and closed
/// with its outcome, so an operator can see what ran, how it ended and why.
extension SQLiteStore {

    /// Opens a run row and returns its id.
    public func beginRun(source: String, kind: RunKind, at instant: Instant) throws -> Int64 {
        try withDatabase { db in
            try db.cachedStatement("INSERT INTO sync_runs (source, kind, started_at, pid) VALUES (?1, ?2, ?3, ?4)")
                .execute(source, kind.rawValue, instant.iso8601, Int64(getpid()))
            return db.lastInsertRowID
        }
    }

    /// Closes a run row with its outcome and counters.
    public func finishRun(
        _ runID: Int64, outcome: RunOutcome, requests: Int, ordersUpserted: Int, error: String?,
        at instant: Instant
    ) throws {
        try withDatabase { db in
            try db.cachedStatement("""
                UPDATE sync_runs SET finished_at = ?2, outcome = ?3, requests = ?4, orders_upserted = ?5, error = ?6
                WHERE run_id = ?1
                """).execute(row: [
                    .integer(runID), .text(instant.iso8601), .text(outcome.rawValue), .integer(Int64(requests)),
                    .integer(Int64(ordersUpserted)),
                    sanitized(error: error).map { .text($0) } ?? .null,
                ])
        }
    }

    /// Runs left open by a process that died (kill -9, power loss) are closed as interrupted,
    /// so `status` never shows a run as still going that nothing is running. A run whose
    /// process is alive (a backfill beside the daemon) stays open.
    @discardableResult
    public func closeAbandonedRuns(at instant: Instant) throws -> Int {
        try withDatabase { db in
            let open = try db.cachedStatement("SELECT run_id, pid FROM sync_runs WHERE outcome IS NULL").query()
            let close = try db.cachedStatement("""
                UPDATE sync_runs SET finished_at = ?2, outcome = 'interrupted',
                    error = coalesce(error, 'the process ended before the run finished')
                WHERE run_id = ?1
                """)
            var closed = 0
            for row in open where !Self.isAlive(row.int64(1)) {
                try close.execute(row.int64(0) ?? 0, instant.iso8601)
                closed += 1
            }
            return closed
        }
    }

    /// When the source's last run of `kind` started, if it ever ran.
    public func lastRunStart(source: String, kind: RunKind) throws -> Instant? {
        try withDatabase { db in
            Self.instant(try db.cachedStatement("SELECT max(started_at) FROM sync_runs WHERE source = ?1 AND kind = ?2")
                .scalar(source, kind.rawValue)?.stringValue)
        }
    }
}

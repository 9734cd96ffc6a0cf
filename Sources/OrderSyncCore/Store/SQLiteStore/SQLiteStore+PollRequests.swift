import FoundationEssentials
import Glibc

/// `poll_requests`: "poll this source now", written by `ordersync poll` and taken by the daemon
/// that polls the source. The request lives in the database, not in a signal, so it works from
/// any host that can write the database and survives a daemon restart; a signal only makes the
/// local daemon look at once instead of at its next check.
extension SQLiteStore {
    /// Records a request to poll `source` now; returns its id.
    public func requestPoll(source: String, at instant: Instant) throws -> Int64 {
        try withDatabase { db in
            try db.cachedStatement("INSERT INTO poll_requests (source, requested_at, requested_by_pid) VALUES (?1, ?2, ?3)")
                .execute(source, instant.iso8601, Int64(getpid()))
            return db.lastInsertRowID
        }
    }

    /// Takes every waiting request for one of `sources` (those this daemon polls): marks them
    /// taken by this process, so no other daemon answers them too. Returns them by source.
    public func takePollRequests(sources: [String], at instant: Instant) throws -> [String: [Int64]] {
        guard !sources.isEmpty else { return [:] }
        return try withDatabase { db in
            let names = JSONValue.array(sources.map(JSONValue.string)).serialized
            // The cheap check first: a read that touches the partial index only.
            guard try db.cachedStatement("""
                SELECT EXISTS (SELECT 1 FROM poll_requests WHERE taken_at IS NULL AND source IN (SELECT value FROM json_each(?1)))
                """).query(names).first?.int(0) == 1 else { return [:] }
            var taken: [String: [Int64]] = [:]
            for row in try db.cachedStatement("""
                UPDATE poll_requests SET taken_at = ?2, taken_by_pid = ?3
                WHERE taken_at IS NULL AND source IN (SELECT value FROM json_each(?1))
                RETURNING request_id, source
                """).query(names, instant.iso8601, Int64(getpid())) {
                if let id = row.int64(0), let source = row.string(1) { taken[source, default: []].append(id) }
            }
            return taken
        }
    }

    /// Closes requests with the poll that answered them.
    public func finishPollRequests(_ ids: [Int64], runID: Int64, outcome: RunOutcome, at instant: Instant) throws {
        try withDatabase { db in
            let statement = try db.cachedStatement("""
                UPDATE poll_requests SET finished_at = ?2, run_id = ?3, outcome = ?4 WHERE request_id = ?1
                """)
            try db.inTransaction {
                for id in ids { try statement.execute(id, instant.iso8601, runID, outcome.rawValue) }
            }
        }
    }

    /// A request as it stands now; nil when there is no such id.
    public func pollRequest(_ id: Int64) throws -> PollRequest? {
        try withDatabase { db in
            try db.cachedStatement("""
                SELECT request_id, source, taken_at, taken_by_pid, finished_at, run_id, outcome FROM poll_requests WHERE request_id = ?1
                """).query(id).first.map { row in
                    PollRequest(id: row.int64(0) ?? id, source: row.string(1) ?? "", takenAt: Self.instant(row.string(2)),
                                takenByPID: row.int64(3), finishedAt: Self.instant(row.string(4)), runID: row.int64(5),
                                outcome: row.string(6))
                }
        }
    }
}

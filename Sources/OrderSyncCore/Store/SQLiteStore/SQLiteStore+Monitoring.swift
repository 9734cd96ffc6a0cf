import FoundationEssentials
import Glibc

/// What `status` needs beyond `status(of:)`: runs in progress and the health rule's facts.
extension SQLiteStore {
    /// The source's open runs of `kind` whose process is alive, newest first.
    public func runningRuns(source: String, kind: RunKind) throws -> [(runID: Int64, startedAt: String, pid: Int64)] {
        let rows = try withDatabase { db in
            try db.cachedStatement("""
                SELECT run_id, started_at, pid FROM sync_runs
                WHERE source = ?1 AND kind = ?2 AND outcome IS NULL ORDER BY run_id DESC
                """).query(source, kind.rawValue)
        }
        var runs: [(runID: Int64, startedAt: String, pid: Int64)] = []
        for row in rows {
            let pid = row.int64(2) ?? 0
            guard pid == Int64(getpid()) || Self.isAlive(pid) else { continue }
            runs.append((runID: row.int64(0) ?? 0, startedAt: row.string(1) ?? "", pid: pid))
        }
        return runs
    }

    /// What the health rule needs of the source's polls (`HealthRule.PollHistory`), from
    /// `sync_runs`: verify, resync and backfill runs are not polls and do not count.
    public func pollHistory(source: String) throws -> HealthRule.PollHistory {
        try withDatabase { db in
            let row = try db.cachedStatement("""
                SELECT
                    (SELECT min(started_at) FROM sync_runs WHERE source = ?1 AND kind = 'poll'),
                    (SELECT max(finished_at) FROM sync_runs WHERE source = ?1 AND kind = 'poll' AND outcome = 'ok'),
                    (SELECT count(*) FROM sync_runs WHERE source = ?1 AND kind = 'poll' AND outcome = 'failed'
                        AND run_id > coalesce((SELECT max(run_id) FROM sync_runs
                                               WHERE source = ?1 AND kind = 'poll' AND outcome = 'ok'), 0))
                """).query(source).first
            return HealthRule.PollHistory(
                consecutiveFailures: row?.int(2) ?? 0, lastSuccess: Self.instant(row?.string(1)),
                watchedSince: Self.instant(row?.string(0)))
        }
    }
}

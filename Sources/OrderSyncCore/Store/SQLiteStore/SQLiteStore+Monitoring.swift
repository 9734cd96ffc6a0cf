import FoundationEssentials
import Glibc

/// What `status` needs beyond `status(of:)`: runs in progress and when watching began.
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

    /// When the source's first run started; nil if it never ran.
    public func firstRunStartedAt(source: String) throws -> String? {
        try withDatabase { db in
            try db.cachedStatement("SELECT min(started_at) FROM sync_runs WHERE source = ?1").query(source).first?.string(0)
        }
    }
}

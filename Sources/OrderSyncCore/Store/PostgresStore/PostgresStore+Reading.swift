import Glibc

/// The reads (`StoreReader`), on the reader session: they never wait for the writer's
/// transactions. Instants come back as the same ISO 8601 text SQLite stores.
extension PostgresStore {
    private typealias S = PostgresSchema

    /// The terminal statuses as a text array parameter.
    static var terminalStatusArray: String { PostgresArray.text(terminalStatusNames) }

    public func checkpoint(source: String, stream: String) async throws -> String? {
        try await reader.run { try $0.query("SELECT cursor FROM sync_state WHERE source = $1 AND stream = $2", [source, stream]).first?[0] }
    }

    public func cursors(source: String) async throws -> [(stream: String, cursor: String?)] {
        let rows = try await reader.run { try $0.query("SELECT stream, cursor FROM sync_state WHERE source = $1 ORDER BY stream", [source]) }
        return rows.map { (stream: $0[0] ?? "", cursor: $0[1]) }
    }

    public func listDigests(source: String, orderIDs: [String]) async throws -> [String: String] {
        guard !orderIDs.isEmpty else { return [:] }
        let rows = try await reader.run {
            try $0.query("SELECT order_id, list_digest FROM orders WHERE source = $1 AND order_id = ANY($2::text[]) AND list_digest IS NOT NULL AND deleted_upstream_at IS NULL",
                         [source, PostgresArray.text(orderIDs)])
        }
        var digests: [String: String] = [:]
        for row in rows { if let id = row[0], let digest = row[1] { digests[id] = digest } }
        return digests
    }

    public func unknownRawStatuses(source: String) async throws -> [String] {
        try await reader.run {
            try $0.query("SELECT DISTINCT status_raw FROM orders WHERE source = $1 AND status = 'unknown' ORDER BY status_raw", [source])
                .compactMap { $0[0] }
        }
    }

    public func knownSources() async throws -> [String] {
        try await reader.run { try $0.query("SELECT source FROM sources ORDER BY source").compactMap { $0[0] } }
    }

    public func deferredRecords(source: String) async throws -> [DeferredRecord] {
        try await reader.run {
            try $0.query("""
                SELECT order_id, stream, item, reason FROM deferred_records WHERE source = $1 ORDER BY first_deferred_at, order_id
                """, [source]).compactMap { row in
                    guard let id = row[0], let stream = row[1], let item = row[2] else { return nil }
                    return DeferredRecord(orderID: id, stream: stream, item: item, reason: row[3] ?? "")
                }
        }
    }

    public func runningRuns(source: String, kind: RunKind) async throws -> [(runID: Int64, startedAt: String, pid: Int64)] {
        let rows = try await reader.run {
            try $0.query("""
                SELECT run_id, \(S.utcText("started_at")), pid FROM sync_runs
                WHERE source = $1 AND kind = $2 AND outcome IS NULL ORDER BY run_id DESC
                """, [source, kind.rawValue])
        }
        return rows.compactMap { row in
            let pid = row[2].flatMap { Int64($0) } ?? 0
            guard pid == Int64(getpid()) || Self.isAlive(pid) else { return nil }
            return (runID: row[0].flatMap { Int64($0) } ?? 0, startedAt: row[1] ?? "", pid: pid)
        }
    }

    public func pollHistory(source: String) async throws -> HealthRule.PollHistory {
        let row = try await reader.run {
            try $0.query("""
                SELECT
                    (SELECT \(S.utcText("min(started_at)")) FROM sync_runs WHERE source = $1 AND kind = 'poll'),
                    (SELECT \(S.utcText("max(finished_at)")) FROM sync_runs WHERE source = $1 AND kind = 'poll' AND outcome = 'ok'),
                    (SELECT count(*) FROM sync_runs WHERE source = $1 AND kind = 'poll' AND outcome = 'failed'
                        AND run_id > coalesce((SELECT max(run_id) FROM sync_runs
                                               WHERE source = $1 AND kind = 'poll' AND outcome = 'ok'), 0))
                """, [source]).first
        }
        return HealthRule.PollHistory(
            consecutiveFailures: row?[2].flatMap { Int($0) } ?? 0, lastSuccess: Self.instant(row?[1]), watchedSince: Self.instant(row?[0]))
    }

    public func pollRequest(_ id: Int64) async throws -> PollRequest? {
        let row = try await reader.run {
            try $0.query("""
                SELECT request_id, source, \(S.utcText("taken_at")), taken_by_pid, \(S.utcText("finished_at")), run_id, outcome
                FROM poll_requests WHERE request_id = $1
                """, [id]).first
        }
        return row.map { row in
            PollRequest(id: row[0].flatMap { Int64($0) } ?? id, source: row[1] ?? "", takenAt: Self.instant(row[2]),
                        takenByPID: row[3].flatMap { Int64($0) }, finishedAt: Self.instant(row[4]),
                        runID: row[5].flatMap { Int64($0) }, outcome: row[6])
        }
    }

    public func lastRunStart(source: String, kind: RunKind) async throws -> Instant? {
        let text = try await reader.run {
            try $0.query("SELECT \(S.utcText("max(started_at)")) FROM sync_runs WHERE source = $1 AND kind = $2", [source, kind.rawValue]).first?[0]
        }
        return Self.instant(text)
    }

    public func hasLiveRun(source: String) async throws -> Bool {
        let pids = try await reader.run { try $0.query("SELECT pid FROM sync_runs WHERE source = $1 AND outcome IS NULL", [source]) }
        return pids.contains { Self.isAlive($0[0].flatMap { Int64($0) }) }
    }

    public func sightings(source: String) async throws -> [String: StoredSighting] {
        let rows = try await reader.run {
            try $0.query("""
                SELECT order_id, status_raw, \(S.utcText("ordered_at")), \(S.utcText("deleted_upstream_at")), \(S.utcText("first_seen_at")),
                    status
                FROM orders WHERE source = $1
                """, [source])
        }
        var result: [String: StoredSighting] = [:]
        for row in rows {
            guard let id = row[0] else { continue }
            result[id] = StoredSighting(statusRaw: row[1] ?? "", status: row[5] ?? "", orderedAt: Self.instant(row[2]),
                                        deletedUpstreamAt: Self.instant(row[3]), firstSeenAt: Self.instant(row[4]))
        }
        return result
    }

    public func snapshots(source: String, orderIDs: [String]) async throws -> [String: (statusRaw: String, raw: String, orderedAt: Instant?)] {
        guard !orderIDs.isEmpty else { return [:] }
        let rows = try await reader.run {
            try $0.query("""
                SELECT order_id, status_raw, raw, \(S.utcText("ordered_at")) FROM orders WHERE source = $1 AND order_id = ANY($2::text[])
                """, [source, PostgresArray.text(orderIDs)])
        }
        var result: [String: (statusRaw: String, raw: String, orderedAt: Instant?)] = [:]
        for row in rows { if let id = row[0] { result[id] = (row[1] ?? "", row[2] ?? "", Self.instant(row[3])) } }
        return result
    }

    public func earliestOrderedAt(source: String) async throws -> Instant? {
        Self.instant(try await reader.run {
            try $0.query("SELECT \(S.utcText("min(ordered_at)")) FROM orders WHERE source = $1", [source]).first?[0]
        })
    }

    public func orderIDs(source: String, orderedFrom from: Instant, to: Instant) async throws -> [String] {
        try await reader.run {
            try $0.query("""
                SELECT order_id FROM orders WHERE source = $1 AND ordered_at >= $2 AND ordered_at < $3 AND deleted_upstream_at IS NULL ORDER BY order_id
                """, [source, from.iso8601, to.iso8601]).compactMap { $0[0] }
        }
    }

    public func orderIDs(source: String, orderedSince: Instant, includeOpen: Bool) async throws -> [String] {
        try await reader.run {
            try $0.query("""
                SELECT order_id FROM orders
                WHERE source = $1 AND deleted_upstream_at IS NULL AND (ordered_at >= $2 OR ($3 AND status <> ALL($4::text[])))
                ORDER BY order_id
                """, [source, orderedSince.iso8601, includeOpen, Self.terminalStatusArray]).compactMap { $0[0] }
        }
    }

    public func openOrders(source: String, includeUnpaid: Bool) async throws -> [OpenOrder] {
        let rows = try await reader.run {
            try $0.query("""
                SELECT order_id, \(S.utcText("ordered_at")) FROM orders
                WHERE source = $1 AND deleted_upstream_at IS NULL AND (status <> ALL($3::text[]) OR ($2 AND is_paid = false))
                ORDER BY order_id
                """, [source, includeUnpaid, Self.terminalStatusArray])
        }
        return rows.compactMap { row in row[0].map { OpenOrder(id: $0, orderedAt: Self.instant(row[1])) } }
    }
}

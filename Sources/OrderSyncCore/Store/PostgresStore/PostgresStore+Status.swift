/// The read side `ordersync status` and `demo` use, on the reader session.
extension PostgresStore {
    public func status(of source: String) async throws -> SourceStatus {
        let terminal = Self.terminalStatusArray
        return try await reader.run { connection in
            // One snapshot for every figure (REPEATABLE READ), as SQLite's one read transaction.
            try connection.executeScript("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            defer { try? connection.executeScript("COMMIT") }
            var status = SourceStatus(source: source)
            if let row = try connection.query(
                "SELECT dialect, \(PostgresSchema.utcText("first_synced_at")) FROM sources WHERE source = $1", [source]).first {
                status.dialect = row[0]
                status.firstSyncedAt = row[1]
            }
            status.streams = try connection.query(
                "SELECT stream, cursor, \(PostgresSchema.utcText("updated_at")) FROM sync_state WHERE source = $1 ORDER BY stream", [source]
            ).map { SourceStatus.Stream(name: $0[0] ?? "", cursor: $0[1], updatedAt: $0[2]) }
            let columns = """
                run_id, kind, \(PostgresSchema.utcText("started_at")), \(PostgresSchema.utcText("finished_at")), outcome,
                requests, orders_upserted, error
                """
            let runs = try connection.query("SELECT \(columns) FROM sync_runs WHERE source = $1 ORDER BY run_id DESC LIMIT 50", [source])
            func run(_ row: PostgresRow) -> SourceStatus.Run {
                SourceStatus.Run(runID: row[0].flatMap { Int64($0) } ?? 0, kind: row[1] ?? "", startedAt: row[2] ?? "",
                                 finishedAt: row[3], outcome: row[4], requests: row[5].flatMap { Int($0) },
                                 ordersUpserted: row[6].flatMap { Int($0) }, error: row[7])
            }
            status.lastRun = runs.first.map(run)
            status.lastVerify = try connection.query(
                "SELECT \(columns) FROM sync_runs WHERE source = $1 AND kind = 'verify' ORDER BY run_id DESC LIMIT 1", [source]
            ).first.map(run)
            // Polls only: a verify, resync or backfill that succeeds is not the source keeping up.
            let polls = runs.filter { $0[1] == RunKind.poll.rawValue }
            status.consecutiveFailures = polls.prefix { $0[4] != "ok" }.filter { $0[4] == "failed" }.count
            status.lastSuccessAt = try connection.query(
                "SELECT \(PostgresSchema.utcText("max(finished_at)")) FROM sync_runs WHERE source = $1 AND kind = 'poll' AND outcome = 'ok'", [source]).first?[0]
            status.lastError = try connection.query(
                "SELECT error FROM sync_runs WHERE source = $1 AND outcome = 'failed' ORDER BY run_id DESC LIMIT 1", [source]).first?[0]
            let counts = try connection.query("""
                SELECT (SELECT count(*) FROM orders WHERE source = $1),
                    (SELECT count(*) FROM orders WHERE source = $1 AND status <> ALL($2::text[])),
                    (SELECT count(*) FROM order_lines WHERE source = $1),
                    (SELECT count(*) FROM invoices WHERE source = $1),
                    (SELECT count(*) FROM rejected_records WHERE source = $1),
                    (SELECT count(*) FROM deferred_records WHERE source = $1),
                    (SELECT count(*) FROM orders WHERE source = $1 AND deleted_upstream_at IS NOT NULL)
                """, [source, terminal]).first
            func count(_ index: Int) -> Int { counts?[index].flatMap { Int($0) } ?? 0 }
            status.orders = count(0)
            status.openOrders = count(1)
            status.lines = count(2)
            status.invoices = count(3)
            status.rejectedRecords = count(4)
            status.deferredRecords = count(5)
            status.deletedUpstream = count(6)
            for row in try connection.query("""
                SELECT status_raw, count(*) FROM orders WHERE source = $1 AND status = 'unknown' GROUP BY status_raw
                """, [source]) {
                status.unknownStatuses[row[0] ?? ""] = row[1].flatMap { Int($0) } ?? 0
            }
            return status
        }
    }

    public func revenueSummary() async throws -> [RevenueRow] {
        // Read from `orders_enriched` on SQLite; the reporting views are not ported yet.
        throw StoreError.readOnly(path: location, message: "the reporting views are not available on PostgreSQL yet")
    }

    public func monthlyRevenue(lastMonths months: Int) async throws -> [MonthlyRevenue] {
        // The reporting views are not ported to PostgreSQL yet (docs/postgresql.md).
        throw StoreError.readOnly(path: location, message: "the reporting views are not available on PostgreSQL yet")
    }
}

import Glibc

/// The writes (`StoreWriter`), each one transaction on the writer session.
extension PostgresStore {
    public func registerSource(name: String, dialect: String, baseURL: String, timezone: ZoneRules, pollIntervalSeconds: Int?) async throws {
        // Foundation on Linux names UTC "GMT"; the configuration (and the views' default) say UTC.
        let isUTC = ["UTC", "GMT"].contains(timezone.identifier)
        let offsets = isUTC ? TimeZoneOffsets.utc : TimeZoneOffsets(timezone)
        try await writer.transaction { connection in
            try connection.execute("""
                INSERT INTO sources (source, dialect, base_url, timezone, poll_interval_seconds) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (source) DO UPDATE SET dialect = excluded.dialect, base_url = excluded.base_url,
                    timezone = excluded.timezone, poll_interval_seconds = excluded.poll_interval_seconds
                """, [name, dialect, baseURL, offsets.timezone, pollIntervalSeconds])
            try Self.writeOffsets(connection, timezone: offsets)
        }
    }

    /// Writes the offsets of `timezone` unless the table already holds exactly these.
    static func writeOffsets(_ connection: PostgresConnection, timezone offsets: TimeZoneOffsets) throws {
        let stored = try connection.query("""
            SELECT valid_from, valid_until, offset_seconds FROM timezone_offsets WHERE timezone = $1 ORDER BY valid_from
            """, [offsets.timezone]).map {
                TimeZoneOffsets.Period(validFrom: $0[0] ?? "", validUntil: $0[1] ?? "", offsetSeconds: Int($0[2] ?? "") ?? 0)
            }
        guard stored != offsets.periods else { return }
        var statements = [PostgresStatement("DELETE FROM timezone_offsets WHERE timezone = $1", [offsets.timezone])]
        for chunk in PostgresPageWrite.chunks(offsets.periods, columns: 4) {
            statements.append(PostgresStatement(
                "INSERT INTO timezone_offsets (timezone, valid_from, valid_until, offset_seconds) VALUES "
                    + PostgresSQL.valuesList(rows: chunk.count, columns: 4),
                chunk.flatMap { [offsets.timezone, $0.validFrom, $0.validUntil, $0.offsetSeconds] as [(any PostgresBindable)?] }))
        }
        try connection.executeBatch(statements)
    }

    @discardableResult
    public func write(_ batch: PageBatch) async throws -> PageWriteSummary {
        let rejected = batch.rejected.map(sanitized)
        let deferred = batch.deferred.map(sanitized)
        return try await writer.transaction { connection in
            let now = batch.writtenAt.iso8601
            let ids = PostgresArray.text(batch.orders.map(\.order.orderID))
            var stored: [String: PostgresPageWrite.Stored] = [:]
            if !batch.orders.isEmpty {
                for row in try connection.query("""
                    SELECT order_id, status, status_raw, deleted_upstream_at IS NOT NULL FROM orders
                    WHERE source = $1 AND order_id = ANY($2::text[])
                    """, [batch.source, ids]) {
                    stored[row[0] ?? ""] = .init(status: row[1] ?? "", statusRaw: row[2] ?? "", deleted: row[3] == "t")
                }
            }
            // Almost never: then no stored order needs its deferral settled.
            let hadDeferred = try connection.execute(
                "SELECT EXISTS (SELECT 1 FROM deferred_records WHERE source = $1)", [batch.source]).scalar(Bool.self) ?? false
            var page = PostgresPageWrite(source: batch.source, now: now, stored: stored)
            page.add(orders: batch.orders, settleDeferrals: hadDeferred)
            page.add(invoices: batch.invoices)
            for record in rejected { page.reject(record) }
            for orderID in batch.settledDeferrals { page.settleDeferral(orderID) }
            if let checkpoint = batch.checkpoint {
                page.append(Self.checkpointStatement(batch.source, checkpoint.stream, checkpoint.cursor, now))
            }
            if !batch.orders.isEmpty {
                page.append(PostgresStatement(
                    "UPDATE sources SET first_synced_at = $2 WHERE source = $1 AND first_synced_at IS NULL", [batch.source, now]))
            }
            try connection.executeBatch(page.statements)
            // Deferrals are rare and each needs its attempt count back: one by one.
            for record in deferred {
                if try Self.deferRecord(connection, source: batch.source, record, now: now) {
                    page.noteDeferred()
                } else {
                    page.noteRejected()
                }
            }
            for gone in batch.gone {
                try Self.markGone(connection, source: batch.source, gone, now: now, settle: hadDeferred, summary: &page)
            }
            return page.summary
        }
    }

    /// An order whose detail the upstream says is gone: flagged (once) if stored, else a
    /// rejected record, as SQLite's `PageWriter.markGone`.
    private static func markGone(
        _ connection: PostgresConnection, source: String, _ gone: PageBatch.Gone, now: String, settle: Bool, summary page: inout PostgresPageWrite
    ) throws {
        var statements: [PostgresStatement] = []
        if settle { statements.append(PostgresStatement("DELETE FROM deferred_records WHERE source = $1 AND order_id = $2", [source, gone.orderID])) }
        let row = try connection.query("SELECT status, deleted_upstream_at IS NOT NULL FROM orders WHERE source = $1 AND order_id = $2",
                                       [source, gone.orderID]).first
        if let row {
            if row[1] != "t" {
                statements.append(PostgresStatement(
                    "UPDATE orders SET deleted_upstream_at = $3, list_digest = NULL WHERE source = $1 AND order_id = $2",
                    [source, gone.orderID, now]))
                statements.append(PostgresStatement(
                    "INSERT INTO order_status_history (source, order_id, status, status_raw, observed_at) VALUES ($1, $2, $3, $4, $5)",
                    [source, gone.orderID, row[0] ?? "unknown", deletedUpstreamMarker, now]))
                page.noteGone()
            }
        } else {
            var reject = PostgresPageWrite(source: source, now: now, stored: [:])
            reject.reject(RejectedRecord(stream: gone.stream, reason: gone.reason, raw: gone.raw))
            statements += reject.statements
            page.noteRejected()
        }
        try connection.executeBatch(statements)
    }

    public func requestPoll(source: String, at instant: Instant) async throws -> Int64 {
        try await writer.run {
            try $0.execute("INSERT INTO poll_requests (source, requested_at, requested_by_pid) VALUES ($1, $2, $3) RETURNING request_id",
                           [source, instant.iso8601, Int64(getpid())]).scalar(Int64.self) ?? 0
        }
    }

    public func takePollRequests(sources: [String], at instant: Instant) async throws -> [String: [Int64]] {
        guard !sources.isEmpty else { return [:] }
        let rows = try await writer.run {
            try $0.query("""
                UPDATE poll_requests SET taken_at = $2, taken_by_pid = $3
                WHERE taken_at IS NULL AND source = ANY($1::text[])
                RETURNING request_id, source
                """, [PostgresArray.text(sources), instant.iso8601, Int64(getpid())])
        }
        var taken: [String: [Int64]] = [:]
        for row in rows {
            if let id = row[0].flatMap({ Int64($0) }), let source = row[1] { taken[source, default: []].append(id) }
        }
        for key in taken.keys { taken[key]?.sort() }
        return taken
    }

    public func finishPollRequests(_ ids: [Int64], runID: Int64, outcome: RunOutcome, at instant: Instant) async throws {
        guard !ids.isEmpty else { return }
        try await writer.run {
            try $0.execute("UPDATE poll_requests SET finished_at = $2, run_id = $3, outcome = $4 WHERE request_id = ANY($1::bigint[])",
                           ["{" + ids.map(String.init).joined(separator: ",") + "}", instant.iso8601, runID, outcome.rawValue])
        }
    }

    /// Defers `record` once more; false when it reached the limit and became a rejected record.
    private static func deferRecord(_ connection: PostgresConnection, source: String, _ record: DeferredRecord, now: String) throws -> Bool {
        let attempts = try connection.execute("""
            INSERT INTO deferred_records (source, order_id, stream, item, reason, attempts, first_deferred_at, last_attempt_at)
            VALUES ($1, $2, $3, $4, $5, 1, $6, $6)
            ON CONFLICT (source, order_id) DO UPDATE SET
                stream = excluded.stream, item = excluded.item, reason = excluded.reason,
                attempts = deferred_records.attempts + 1, last_attempt_at = excluded.last_attempt_at
            RETURNING attempts
            """, [source, record.orderID, record.stream, record.item, record.reason, now]).scalar(Int.self) ?? 0
        guard attempts >= PageWriter.deferralLimit else { return true }
        // A failure that outlasts this many runs is no passing one: it becomes a rejected
        // record (visible, kept), and verify brings the order in once the upstream serves it.
        var page = PostgresPageWrite(source: source, now: now, stored: [:])
        page.settleDeferral(record.orderID)
        page.reject(RejectedRecord(
            stream: record.stream, reason: "order \(record.orderID): deferred \(attempts) times; last: \(record.reason)", raw: record.item))
        try connection.executeBatch(page.statements)
        return false
    }

    static func checkpointStatement(_ source: String, _ stream: String, _ cursor: String?, _ at: String) -> PostgresStatement {
        PostgresStatement("""
            INSERT INTO sync_state (source, stream, cursor, updated_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (source, stream) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at
            """, [source, stream, cursor, at])
    }

    public func setCheckpoint(source: String, stream: String, cursor: String?, at instant: Instant) async throws {
        let statement = Self.checkpointStatement(source, stream, cursor, instant.iso8601)
        try await writer.run { try $0.execute(statement.sql, statement.parameters) }
    }

    @discardableResult
    public func deleteCursors(source: String, stream: String?) async throws -> Int {
        try await writer.run {
            try $0.execute("DELETE FROM sync_state WHERE source = $1 AND ($2::text IS NULL OR stream = $2)", [source, stream]).affectedRows
        }
    }

    public func beginRun(source: String, kind: RunKind, at instant: Instant) async throws -> Int64 {
        try await writer.run {
            try $0.execute("INSERT INTO sync_runs (source, kind, started_at, pid) VALUES ($1, $2, $3, $4) RETURNING run_id",
                           [source, kind.rawValue, instant.iso8601, Int64(getpid())]).scalar(Int64.self) ?? 0
        }
    }

    public func finishRun(_ runID: Int64, outcome: RunOutcome, requests: Int, ordersUpserted: Int, error: String?, at instant: Instant) async throws {
        let error = sanitized(error: error)
        try await writer.run {
            try $0.execute("""
                UPDATE sync_runs SET finished_at = $2, outcome = $3, requests = $4, orders_upserted = $5, error = $6
                WHERE run_id = $1
                """, [runID, instant.iso8601, outcome.rawValue, requests, ordersUpserted, error])
        }
    }

    @discardableResult
    public func closeAbandonedRuns(at instant: Instant) async throws -> Int {
        try await writer.transaction { connection in
            let dead = try connection.query("SELECT run_id, pid FROM sync_runs WHERE outcome IS NULL")
                .filter { !Self.isAlive($0[1].flatMap { Int64($0) }) }.compactMap { $0[0] }
            guard !dead.isEmpty else { return 0 }
            return try connection.execute("""
                UPDATE sync_runs SET finished_at = $2, outcome = 'interrupted',
                    error = coalesce(error, 'the process ended before the run finished')
                WHERE run_id = ANY($1::bigint[])
                """, ["{" + dead.joined(separator: ",") + "}", instant.iso8601]).affectedRows
        }
    }

    @discardableResult
    public func markDeletedUpstream(source: String, orderIDs: [String], at instant: Instant) async throws -> Int {
        guard !orderIDs.isEmpty else { return 0 }
        return try await writer.transaction { connection in
            // One statement: flag the live ones and record each in the history.
            try connection.execute("""
                WITH flagged AS (
                    UPDATE orders SET deleted_upstream_at = $3
                    WHERE source = $1 AND order_id = ANY($2::text[]) AND deleted_upstream_at IS NULL
                    RETURNING order_id, status
                )
                INSERT INTO order_status_history (source, order_id, status, status_raw, observed_at)
                SELECT $1, order_id, status, $4, $3 FROM flagged
                """, [source, PostgresArray.text(orderIDs), instant.iso8601, Self.deletedUpstreamMarker]).affectedRows
        }
    }

    public func setReportingCurrency(_ code: String?) async throws {
        try await writer.run { connection in
            if let code {
                try connection.execute("""
                    INSERT INTO reporting_settings (key, value) VALUES ('currency', $1)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE reporting_settings.value IS DISTINCT FROM excluded.value
                    """, [code])
            } else {
                try connection.execute("DELETE FROM reporting_settings WHERE key = 'currency'")
            }
        }
    }

    public func importRates(_ rates: [FXRate]) async throws -> RateImportSummary {
        try await writer.transaction { connection in
            var summary = RateImportSummary()
            var existing: [String: String] = [:]
            for row in try connection.query("SELECT to_char(day, 'YYYY-MM-DD'), base, quote, rate FROM fx_rates") {
                existing[(row[0] ?? "") + " " + (row[1] ?? "") + " " + (row[2] ?? "")] = row[3]
            }
            var statements: [PostgresStatement] = []
            for rate in rates {
                let key = rate.day + " " + rate.base + " " + rate.quote
                let stored = existing[key]
                if stored == rate.rate { summary.unchanged += 1; continue }
                statements.append(PostgresStatement("""
                    INSERT INTO fx_rates (day, base, quote, rate) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (day, base, quote) DO UPDATE SET rate = excluded.rate
                    """, [rate.day, rate.base, rate.quote, rate.rate]))
                existing[key] = rate.rate
                if stored == nil { summary.added += 1 } else { summary.changed += 1 }
            }
            try connection.executeBatch(statements)
            return summary
        }
    }
}

import CSQLite
import FoundationEssentials

/// The canonical database. It knows tables and transactions, nothing of HTTP or dialects.
///
/// One actor over one connection, on a serial queue of its own (`StoreExecutor`): sources
/// write from concurrent tasks, SQLite allows one writer at a time anyway, and a call that waits
/// for another process's lock (up to the busy timeout) or runs long holds that queue, never one
/// of the async runtime's threads. Each call is one short transaction; a call that needs several
/// statements to be atomic is one method. The `Database` and its statements never leave the
/// actor. Long calls can be cancelled: see `interruptible`.
public actor SQLiteStore: OrderStore {
    public nonisolated let path: String
    public nonisolated var location: String { path }
    /// Applied to every error and rejection reason before it is stored: the database is read by
    /// people and tools that must never see a credential.
    public nonisolated let redactor: Redactor
    private let database: Database
    /// Where every store call runs (see `StoreExecutor`).
    nonisolated let executor: StoreExecutor

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Opens (creating if needed) and migrates the database at `path`.
    ///
    /// A file that is not an ordersync database (another application's tables) is refused before
    /// anything in it changes. Every error names the file.
    /// - Parameter groupReadable: create the file `0640` instead of `0600`.
    public init(
        path: String, groupReadable: Bool = false, busyTimeout: Duration = .seconds(5), redactor: Redactor = .none
    ) throws {
        try self.init(path: path, groupReadable: groupReadable, busyTimeout: busyTimeout, redactor: redactor, executor: StoreExecutor())
    }

    init(path: String, groupReadable: Bool, busyTimeout: Duration, redactor: Redactor, executor: StoreExecutor) throws {
        self.executor = executor
        self.path = path
        self.redactor = redactor
        var options = Database.OpenOptions()
        options.fileMode = groupReadable ? 0o640 : 0o600
        options.busyTimeout = busyTimeout
        try Self.refuseForeignDatabase(path: path, busyTimeout: busyTimeout)
        let database = try Database(path: path, options: options)
        self.database = database
        do {
            try Schema.migrator.migrate(database)
        } catch let error as MigrationError {
            throw StoreError.schema(path: path, underlying: error)
        } catch let error as SQLiteError {
            throw error.inDatabase(path)
        }
    }

    /// Opens an existing database for reading only: no migration, no journal-mode pragma, no
    /// write of any kind, so it works for a user who may only read the file (`status`).
    ///
    /// A WAL database needs its -shm file; after a clean stop it is gone, and a user who may not
    /// write the directory cannot create it. Then, as long as no -wal file says a writer is at
    /// work, the file is read as immutable.
    public init(readingOnly path: String, busyTimeout: Duration = .seconds(5), redactor: Redactor = .none) throws {
        try self.init(readingOnly: path, busyTimeout: busyTimeout, redactor: redactor, executor: StoreExecutor())
    }

    init(readingOnly path: String, busyTimeout: Duration, redactor: Redactor, executor: StoreExecutor) throws {
        self.executor = executor
        self.path = path
        self.redactor = redactor
        func open(immutable: Bool) throws -> (Database, Int) {
            var options = Database.OpenOptions(readOnly: true, create: false, busyTimeout: busyTimeout)
            options.immutable = immutable
            let database = try Database(path: path, options: options)
            return (database, try database.makeStatement("PRAGMA user_version").scalar()?.intValue ?? 0)
        }
        let opened: (Database, Int)
        do {
            opened = try open(immutable: false)
        } catch let error as SQLiteError where !FileManager.default.fileExists(atPath: path + "-wal")
            && [SQLITE_READONLY, SQLITE_CANTOPEN].contains(error.code & 0xFF) {
            opened = try open(immutable: true)
        }
        let (database, version) = opened
        self.database = database
        // Another application's file is named as such, as the read-write open does.
        let tables = try database.makeStatement("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .query().compactMap { $0.string(0) }
        if version == 0, !tables.isEmpty {
            throw StoreError.notOrderSync(path: path, reason: "it has \(tables.count) table(s) but no ordersync schema version")
        }
        if version > 0, !["sources", "sync_state"].allSatisfy(tables.contains) {
            throw StoreError.notOrderSync(path: path, reason: "its schema version is \(version) but it lacks ordersync's tables")
        }
        let known = Schema.migrator.knownVersion
        if version > known {
            throw StoreError.readOnly(path: path, message: "schema version \(version) is newer than this ordersync knows (\(known)); upgrade the binary")
        }
        if version < known {
            throw StoreError.readOnly(path: path, message: "schema version \(version) predates this ordersync (\(known)); run any other command once (the daemon migrates it on start)")
        }
    }

    /// Runs `body` with the connection. A database error names the file; a closed store refuses
    /// instead of crashing (a task still running while the process stops).
    func withDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        guard database.isOpen else { throw StoreError.closed(path: path) }
        do {
            return try body(database)
        } catch let error as SQLiteError {
            throw error.inDatabase(path)
        }
    }

    /// Runs `body` with the connection, stopping it if the calling task is cancelled: the
    /// cancellation handler interrupts SQLite (`ConnectionInterrupter`), the statement fails with
    /// SQLITE_INTERRUPT, an open transaction is rolled back, and the caller gets
    /// `CancellationError`. The connection stays usable. A task cancelled before the call starts
    /// gets `CancellationError` without touching the database.
    ///
    /// For reads and writes that can take long (verify's reads, reporting queries, page writes);
    /// never for the bookkeeping a cancelled run still does (`finishRun`). `body` must not
    /// suspend: the call stays one uninterrupted job on the store's queue.
    func interruptible<T>(_ body: (Database) throws -> T) async throws -> T {
        guard database.isOpen else { throw StoreError.closed(path: path) }
        let interrupter = database.interrupter
        let token = interrupter.begin()
        defer {
            interrupter.end(token)
            // SQLite rolls back an interrupted write itself, and `inTransaction` any other
            // failure; a ROLLBACK that was itself interrupted would leave one open.
            if database.isOpen, database.isInTransaction { try? database.execute("ROLLBACK") }
        }
        return try await withTaskCancellationHandler {
            guard !interrupter.isInterrupted else { throw CancellationError() }
            do {
                return try withDatabase(body)
            } catch is SQLiteError where interrupter.isInterrupted {
                // SQLITE_INTERRUPT, or SQLITE_BUSY from a lock wait the cancellation cut short.
                throw CancellationError()
            }
        } onCancel: {
            interrupter.interrupt(token)
        }
    }

    /// Closes the connection, so a stopped process leaves one self-contained file behind: the
    /// last connection to close checkpoints the WAL into the database and removes `-wal` and
    /// `-shm`. Idempotent; the store refuses work afterwards (`StoreError.closed`).
    ///
    /// Synchronous, so that a command can close in a `defer`: it waits on the store's queue for
    /// the call in progress, if any, to end.
    ///
    /// No explicit `wal_checkpoint(TRUNCATE)` first: that waits (up to the busy timeout) for
    /// every other connection, so a `status` or `backfill` beside the daemon would hang on it.
    /// When another connection is still open, its own last close does the checkpoint.
    public nonisolated func close() {
        executor.run { assumeIsolated { $0.database.close() } }
    }

    /// Records a configured source (first write wins `first_synced_at`), with the time zone the
    /// reporting views take its local dates in (and that zone's offsets, see `TimeZoneOffsets`).
    public func registerSource(
        name: String, dialect: String, baseURL: String, timezone: ZoneRules, pollIntervalSeconds: Int?
    ) throws {
        // Foundation on Linux names UTC "GMT"; the configuration (and the views' default) say UTC.
        let isUTC = ["UTC", "GMT"].contains(timezone.identifier)
        let offsets = isUTC ? TimeZoneOffsets.utc : TimeZoneOffsets(timezone)
        try withDatabase { db in
            try db.inTransaction {
                try db.cachedStatement("""
                    INSERT INTO sources (source, dialect, base_url, timezone, poll_interval_seconds) VALUES (?1, ?2, ?3, ?4, ?5)
                    ON CONFLICT (source) DO UPDATE SET dialect = excluded.dialect, base_url = excluded.base_url,
                        timezone = excluded.timezone, poll_interval_seconds = excluded.poll_interval_seconds
                    """).execute(name, dialect, baseURL, offsets.timezone, pollIntervalSeconds.map(Int64.init))
                try Self.writeOffsets(db, timezone: offsets)
            }
        }
    }

    /// The stored checkpoint of a stream, if any.
    public func checkpoint(source: String, stream: String) throws -> String? {
        try withDatabase { db in
            try db.cachedStatement("SELECT cursor FROM sync_state WHERE source = ?1 AND stream = ?2")
                .query(source, stream).first?.string(0)
        }
    }

    /// Sets a stream's checkpoint outside of a page write (a manual reset, a completed scan).
    public func setCheckpoint(source: String, stream: String, cursor: String?, at instant: Instant) throws {
        try withDatabase { db in
            try db.inTransaction { try Self.writeCheckpoint(db, source, stream, cursor, instant) }
        }
    }

    /// The fingerprints of the list items the given orders were last stored from.
    public func listDigests(source: String, orderIDs: [String]) async throws -> [String: String] {
        try await interruptible { db in
            // One read transaction for the page: each lookup on its own would take and release
            // the WAL read lock (two fcntl calls per order).
            try db.inTransaction(.deferred) {
                // An order flagged gone upstream has no fingerprint to match: a list that shows it
                // again has it read and stored, which clears the flag.
                let statement = try db.cachedStatement(
                    "SELECT list_digest FROM orders WHERE source = ?1 AND order_id = ?2 AND deleted_upstream_at IS NULL")
                var digests: [String: String] = [:]
                for orderID in orderIDs {
                    if let digest = try statement.query(source, orderID).first?.string(0) { digests[orderID] = digest }
                }
                return digests
            }
        }
    }

    /// Writes one page in one transaction: orders, their lines, status history, invoices,
    /// rejected records and the checkpoint, all or nothing.
    @discardableResult
    public func write(_ batch: PageBatch) async throws -> PageWriteSummary {
        try await interruptible { db in
            try db.inTransaction {
                var writer = try PageWriter(db, source: batch.source, at: batch.writtenAt)
                for order in batch.orders { try writer.upsert(order.order, listDigest: order.listDigest) }
                for invoice in batch.invoices { try writer.upsert(invoice) }
                for record in batch.rejected { try writer.reject(sanitized(record)) }
                for orderID in batch.settledDeferrals { try writer.settleDeferral(orderID) }
                for record in batch.deferred { try writer.deferRecord(sanitized(record)) }
                for gone in batch.gone { try writer.markGone(gone) }
                if let checkpoint = batch.checkpoint {
                    try Self.writeCheckpoint(db, batch.source, checkpoint.stream, checkpoint.cursor, batch.writtenAt)
                }
                if !batch.orders.isEmpty {
                    try db.cachedStatement("UPDATE sources SET first_synced_at = ?2 WHERE source = ?1 AND first_synced_at IS NULL")
                        .execute(batch.source, batch.writtenAt.iso8601)
                }
                return writer.summary
            }
        }
    }

    static func writeCheckpoint(_ db: Database, _ source: String, _ stream: String, _ cursor: String?, _ at: Instant) throws {
        try db.cachedStatement("""
            INSERT INTO sync_state (source, stream, cursor, updated_at) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (source, stream) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at
            """).execute(source, stream, cursor, at.iso8601)
    }
}

/// Why the store could not be used. Each description starts with `database <path>: `.
public enum StoreError: Error, CustomStringConvertible {
    case schema(path: String, underlying: MigrationError)
    /// The file holds another application's data (or some other SQLite file): it was not touched.
    case notOrderSync(path: String, reason: String)
    /// Another process kept the database locked for the whole start-up wait.
    case locked(path: String, waited: Duration)
    /// The store was used after `close()`.
    case closed(path: String)
    case readOnly(path: String, message: String)
    /// A store this build cannot open yet.
    case unsupported(location: String)

    public var description: String {
        switch self {
        case .schema(let path, let underlying): "database \(path): \(underlying)"
        case .notOrderSync(let path, let reason):
            "database \(path): not an ordersync database (\(reason)); nothing in it was changed: "
                + "point \"database\" at a new file or at an ordersync database"
        case .locked(let path, let waited):
            "database \(path): still locked by another process after \(waited.components.seconds) s; "
                + "find what holds it (fuser \(path)) and start again"
        case .closed(let path): "database \(path): used after it was closed (the process is stopping)"
        case .readOnly(let path, let message): "database \(path): \(message)"
        case .unsupported(let location): "database \(location): PostgreSQL is not supported by this build yet"
        }
    }
}

import CSQLite
import FoundationEssentials
import Dispatch
import PlatformSupport

/// The canonical database. It knows tables and transactions, nothing of HTTP or dialects.
///
/// One connection, serialized by a lock: sources write from concurrent tasks, and SQLite allows
/// one writer at a time anyway. Each call holds the lock for one short transaction.
public final class OrderStore: @unchecked Sendable {
    public let path: String
    /// Applied to every error and rejection reason before it is stored: the database is read by
    /// people and tools that must never see a credential.
    public let redactor: Redactor
    private let database: Database
    private let lock = Lock()
    /// Where `perform` runs store work: off the async runtime's few threads (see `perform`).
    private let queue = DispatchQueue(label: "ordersync.store")

    /// Stored errors and rejection reasons are cut to this many characters (an upstream's own
    /// text in them is cut to 200 before that).
    public static let storedTextLimit = 1_000

    /// Opens (creating if needed) and migrates the database at `path`.
    ///
    /// A file that is not an ordersync database (another application's tables) is refused before
    /// anything in it changes. Every error names the file.
    /// - Parameter groupReadable: create the file `0640` instead of `0600`.
    public init(
        path: String, groupReadable: Bool = false, busyTimeout: Duration = .seconds(5), redactor: Redactor = .none
    ) throws {
        self.path = path
        self.redactor = redactor
        var options = Database.OpenOptions()
        options.fileMode = groupReadable ? 0o640 : 0o600
        options.busyTimeout = busyTimeout
        try Self.refuseForeignDatabase(path: path, busyTimeout: busyTimeout)
        database = try Database(path: path, options: options)
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
        let version: Int
        (database, version) = opened
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

    /// Runs `body` on the store's own queue and resumes the caller with its result. SQLite may
    /// wait up to the busy timeout for another process's lock; that wait must not hold one of the
    /// async runtime's threads (there are as many as cores), or every source would stall with it.
    public func perform<T: Sendable>(_ body: @escaping @Sendable (OrderStore) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body(self) }) }
        }
    }

    /// Runs `body` with exclusive use of the connection.
    /// A database error names the file; a closed store refuses instead of crashing (a task
    /// still running while the process stops).
    func withDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        guard database.isOpen else { throw StoreError.closed(path: path) }
        do {
            return try body(database)
        } catch let error as SQLiteError {
            throw error.inDatabase(path)
        }
    }

    /// Closes the connection, so a stopped process leaves one self-contained file behind: the
    /// last connection to close checkpoints the WAL into the database and removes `-wal` and
    /// `-shm`. Idempotent; the store refuses work afterwards.
    ///
    /// No explicit `wal_checkpoint(TRUNCATE)` first: that waits (up to the busy timeout) for
    /// every other connection, so a `status` or `backfill` beside the daemon would hang on it.
    /// When another connection is still open, its own last close does the checkpoint.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        database.close()
    }

    /// Records a configured source (first write wins `first_synced_at`), with the time zone the
    /// reporting views take its local dates in (and that zone's offsets, see `TimeZoneOffsets`).
    public func registerSource(
        name: String, dialect: String, baseURL: String, timezone: TimeZone = TimeZone(identifier: "UTC")!,
        pollIntervalSeconds: Int? = nil
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
    public func setCheckpoint(source: String, stream: String, cursor: String?, at instant: Instant = .now()) throws {
        try withDatabase { db in
            try db.inTransaction { try Self.writeCheckpoint(db, source, stream, cursor, instant) }
        }
    }

    /// The fingerprints of the list items the given orders were last stored from.
    public func listDigests(source: String, orderIDs: [String]) throws -> [String: String] {
        try withDatabase { db in
            let statement = try db.cachedStatement("SELECT list_digest FROM orders WHERE source = ?1 AND order_id = ?2")
            var digests: [String: String] = [:]
            for orderID in orderIDs {
                if let digest = try statement.query(source, orderID).first?.string(0) { digests[orderID] = digest }
            }
            return digests
        }
    }

    /// Writes one page in one transaction: orders, their lines, status history, invoices,
    /// rejected records and the checkpoint, all or nothing.
    @discardableResult
    public func write(_ batch: PageBatch) throws -> PageWriteSummary {
        try withDatabase { db in
            try db.inTransaction {
                var writer = try PageWriter(db, source: batch.source, at: batch.writtenAt)
                for order in batch.orders { try writer.upsert(order.order, listDigest: order.listDigest) }
                for invoice in batch.invoices { try writer.upsert(invoice) }
                for record in batch.rejected { try writer.reject(sanitized(record)) }
                for orderID in batch.settledDeferrals { try writer.settleDeferral(orderID) }
                for record in batch.deferred { try writer.deferRecord(sanitized(record)) }
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
        }
    }
}

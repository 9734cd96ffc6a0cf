import FoundationEssentials
import Glibc

/// Opening the database at start-up: waiting out another writer, and refusing a file that is not
/// ours before anything in it changes.
extension SQLiteStore {
    /// Opens the store like `init`, but when another process holds the database locked
    /// (`SQLITE_BUSY` while opening or migrating) tries again with backoff for up to
    /// `startupWait`, logging once, then fails naming the file.
    public static func open(
        path: String, groupReadable: Bool = false, redactor: Redactor = .none, logger: Logger,
        startupWait: Duration = .seconds(30), busyTimeout: Duration = .seconds(5)
    ) async throws -> SQLiteStore {
        let clock = ContinuousClock()
        let deadline = clock.now + startupWait
        var delay = Duration.milliseconds(200)
        var logged = false
        while true {
            do {
                // Opening and migrating may wait for another process's lock: on the store's own
                // queue, like every later call, not on one of the runtime's threads.
                let executor = StoreExecutor()
                return try await executor.run {
                    try SQLiteStore(path: path, groupReadable: groupReadable, busyTimeout: busyTimeout, redactor: redactor, executor: executor)
                }
            } catch where isBusy(error) {
                guard clock.now < deadline else { throw StoreError.locked(path: path, waited: startupWait) }
                if !logged {
                    logger.warning(
                        "database \(path) is locked by another process; retrying for up to \(startupWait.components.seconds) s")
                    logged = true
                }
                try await Task.sleep(for: min(delay, max(.zero, deadline - clock.now)))
                delay = min(delay * 2, .seconds(2))
            }
        }
    }

    /// Opens an existing database for reading only, like `init(readingOnly:)`, on the store's
    /// own queue.
    public static func open(readingOnly path: String, busyTimeout: Duration = .seconds(5), redactor: Redactor = .none)
        async throws -> SQLiteStore
    {
        let executor = StoreExecutor()
        return try await executor.run {
            try SQLiteStore(readingOnly: path, busyTimeout: busyTimeout, redactor: redactor, executor: executor)
        }
    }

    /// Whether opening failed only because another connection held a lock.
    static func isBusy(_ error: any Error) -> Bool {
        switch error {
        case let error as SQLiteError: error.isBusy
        case StoreError.schema(_, .migrationFailed(_, _, _, let underlying)): isBusy(underlying)
        default: false
        }
    }

    /// Refuses, without changing anything (no WAL switch, no migration), a file that has tables
    /// but is not an ordersync database: another application's data must not be converted.
    /// A missing or empty file is fine: it becomes a new database.
    static func refuseForeignDatabase(path: String, busyTimeout: Duration) throws {
        var info = stat()
        guard stat(path, &info) == 0, info.st_size > 0 else { return }
        let probe = try Database(
            path: path, options: Database.OpenOptions(readOnly: true, create: false, fileMode: nil, busyTimeout: busyTimeout))
        defer { probe.close() }
        let (version, tables) = try inspect(probe, path: path)
        let marker = ["sources", "sync_state"]
        if version == 0, !tables.isEmpty {
            throw StoreError.notOrderSync(
                path: path, reason: "it has \(tables.count) table(s) but no ordersync schema version")
        }
        if version > 0, !marker.allSatisfy(tables.contains) {
            throw StoreError.notOrderSync(
                path: path, reason: "its schema version is \(version) but it lacks ordersync's tables")
        }
    }

    /// The schema version and the tables of a database, read without writing anything.
    private static func inspect(_ probe: Database, path: String) throws(SQLiteError) -> (version: Int, tables: [String]) {
        do throws(SQLiteError) {
            let version = Int(try probe.makeStatement("PRAGMA user_version").scalar()?.int64Value ?? 0)
            let tables = try probe.makeStatement(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            ).query().compactMap { $0.string(0) }
            return (version, tables)
        } catch {
            throw error.inDatabase(path)
        }
    }

}

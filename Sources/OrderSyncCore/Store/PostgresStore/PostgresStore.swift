import FoundationEssentials

/// The canonical database in PostgreSQL (`"database": "postgresql://…"`).
///
/// Shaped like GRDB's `DatabasePool`: one writer session owns every transaction (a page and
/// its checkpoint are one), and reads go to a reader session of their own, so `status`, verify's
/// reads and `/metrics` never queue behind page writes (PostgreSQL's MVCC gives each read a
/// consistent snapshot of committed data). Each session is one connection on its own queue
/// (`PostgresSession`). SQL lives here, in `PostgresSchema` and nowhere else.
///
/// One `run` per PostgreSQL database is supported: the SQLite store's `flock` has no
/// equivalent yet (leases come with the cluster issue); see docs/postgresql.md.
public final class PostgresStore: OrderStore {
    public let uri: PostgresURI
    public let redactor: Redactor
    let writer: PostgresSession
    let reader: PostgresSession

    public var location: String { uri.description }

    init(uri: PostgresURI, redactor: Redactor, role: String) {
        self.uri = uri
        self.redactor = redactor
        writer = PostgresSession(uri: uri, settings: PostgresSessionSettings(role: role), label: "ordersync.store.writer")
        reader = PostgresSession(uri: uri, settings: PostgresSessionSettings(role: role + "/read"), label: "ordersync.store.reader")
    }

    /// Connects, migrates (unless `readingOnly`) and returns the store.
    ///
    /// A server that is not reachable yet (the daemon started before PostgreSQL, a restart in
    /// progress) is tried again with backoff for up to `startupWait`, saying once why; then
    /// the last connection error is thrown. Errors in the schema (a newer version, another
    /// application's tables) are thrown at once.
    public static func open(
        uri text: String, redactor: Redactor = .none, logger: Logger, readingOnly: Bool = false,
        startupWait: Duration = .seconds(30), role: String = "store"
    ) async throws -> PostgresStore {
        let uri = try PostgresURI(validating: text)
        let store = PostgresStore(uri: uri, redactor: redactor, role: role)
        let clock = ContinuousClock()
        let deadline = clock.now + startupWait
        var delay = Duration.milliseconds(200)
        var logged = false
        while true {
            do {
                if readingOnly {
                    try await store.reader.run { try PostgresStore.checkVersion($0, uri: uri) }
                } else {
                    try await store.writer.run { try PostgresStore.migrate($0, uri: uri) }
                }
                return store
            } catch let error as PostgresError where error.isConnectionFailure {
                guard clock.now < deadline else {
                    store.close()
                    throw error
                }
                if !logged {
                    logger.warning("database \(uri) is not reachable; retrying for up to \(startupWait.components.seconds) s",
                                   ["error": redactor.sanitized("\(error)", limit: 500)])
                    logged = true
                }
                try await Task.sleep(for: min(delay, max(.zero, deadline - clock.now)))
                delay = min(delay * 2, .seconds(2))
            } catch {
                store.close()
                throw error
            }
        }
    }

    public func close() {
        writer.close()
        reader.close()
    }
}

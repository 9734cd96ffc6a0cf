/// One PostgreSQL connection of the store, on a serial queue of its own (`StoreExecutor`):
/// libpq's calls block until the server answers, so they run there, never on one of the async
/// runtime's threads, and callers wait by suspending.
///
/// A connection that broke (the server restarted, the network went) fails the call in progress
/// (the caller's poll fails and backs off, as for any other failure) and is connected again by
/// the next call, so a daemon outlives a PostgreSQL restart without losing anything: a page
/// and its checkpoint were one transaction, and the server rolled back the one it lost.
actor PostgresSession {
    nonisolated let uri: PostgresURI
    nonisolated let settings: PostgresSessionSettings
    private var connection: PostgresConnection?
    private var closed = false
    nonisolated let executor: StoreExecutor

    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    init(uri: PostgresURI, settings: PostgresSessionSettings, label: String) {
        self.uri = uri
        self.settings = settings
        self.executor = StoreExecutor(label: label)
    }

    /// Connects now (the store's start-up probes the server this way).
    func connect() throws {
        _ = try openConnection()
    }

    /// Runs `body` with the connection, connecting first if there is none or it broke.
    @discardableResult
    func run<T: Sendable>(_ body: @Sendable (PostgresConnection) throws -> T) throws -> T {
        let connection = try openConnection()
        do {
            return try body(connection)
        } catch let error as PostgresError {
            if error.isConnectionFailure || connection.isBroken { self.connection = nil }
            throw error.inDatabase(uri)
        }
    }

    /// Runs `body` in one transaction (committed when it returns, rolled back when it throws).
    @discardableResult
    func transaction<T: Sendable>(_ body: @Sendable (PostgresConnection) throws -> T) throws -> T {
        try run { connection in try connection.transaction { try body(connection) } }
    }

    private func openConnection() throws -> PostgresConnection {
        guard !closed else { throw StoreError.closed(path: uri.description) }
        // A session the server dropped while it sat idle (a restart between two polls) is
        // replaced before use, so only the calls in flight at the restart fail.
        if let connection, !connection.isBroken, !connection.isDroppedWhileIdle { return connection }
        connection?.close()
        connection = nil
        let fresh = try PostgresConnection.connect(uri, settings: settings)
        connection = fresh
        return fresh
    }

    /// Ends the connection; later calls fail with `StoreError.closed`. Synchronous: waits on
    /// the session's queue for the call in progress, if any.
    nonisolated func close() {
        executor.run { assumeIsolated { $0.closeNow() } }
    }

    private func closeNow() {
        closed = true
        connection?.close()
        connection = nil
    }
}

import Glibc

/// One PostgreSQL session through libpq: owns the `PGconn *` and finishes it in `deinit`.
///
/// Calls block the calling thread until the server answers (libpq's synchronous API), bounded by
/// `statement_timeout` and, on a dead network, by the TCP keepalives of `PostgresSessionSettings`.
/// Not `Sendable`: a libpq connection serves one thread at a time; the store serializes access
/// (one writer, one connection per reader), as it does for SQLite's `Database`.
public final class PostgresConnection {
    /// Where it connects; holds no secret (see `PostgresURI`).
    public let uri: PostgresURI
    /// What the session sets up on every (re)connect.
    public let settings: PostgresSessionSettings
    let lib: LibPQ
    /// The handle; nil only after `close()`.
    private(set) var handle: OpaquePointer?
    /// Set when a statement failed in libpq itself (no SQLSTATE: "server closed the connection
    /// unexpectedly", "could not send data"): libpq may still report CONNECTION_OK until it next
    /// reads the socket, but the session is gone. Cleared by a successful `reconnect()`.
    var lostSession = false

    /// Connects to `uri` and applies `settings`; the password, if any, comes from libpq's own
    /// conventions (pgpass file, `PGPASSWORD`, service file). `connect(_:settings:)` loads
    /// libpq first; this takes an already loaded one.
    public init(uri: PostgresURI, settings: PostgresSessionSettings, lib: LibPQ) throws(PostgresError) {
        self.uri = uri
        self.settings = settings
        self.lib = lib
        handle = try Self.open(uri: uri, settings: settings, lib: lib)
        // From here on `deinit` finishes the handle, also when the set-up below fails.
        try configureSession()
    }

    /// Loads libpq (a `ConfigError` naming package libpq5 when it is missing) and connects.
    public static func connect(_ uri: PostgresURI, settings: PostgresSessionSettings) throws -> PostgresConnection {
        try PostgresConnection(uri: uri, settings: settings, lib: LibPQ.shared())
    }

    deinit {
        close()
    }

    /// Ends the session; idempotent. Using the connection afterwards is a programming error.
    public func close() {
        guard let handle else { return }
        lib.finish(handle)
        self.handle = nil
    }

    var openHandle: OpaquePointer {
        guard let handle else { preconditionFailure("PostgreSQL connection to \(uri) used after close()") }
        return handle
    }

    private static func open(uri: PostgresURI, settings: PostgresSessionSettings, lib: LibPQ) throws(PostgresError) -> OpaquePointer {
        // Keywords before `dbname` (the URI, expanded) are defaults the URI may override; those
        // after it are what the code relies on and win (libpq: later entries override earlier).
        let pairs = settings.networkDefaults + [("dbname", uri.text)] + settings.enforcedKeywords
        let keywords = pairs.map { strdup($0.0) }
        let values = pairs.map { strdup($0.1) }
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let handle = (keywords.map { UnsafePointer($0) } + [nil]).withUnsafeBufferPointer { keywordArray in
            (values.map { UnsafePointer($0) } + [nil]).withUnsafeBufferPointer { valueArray in
                lib.connectdbParams(keywordArray.baseAddress, valueArray.baseAddress, 1)
            }
        }
        guard let handle else {
            throw PostgresError(sqlState: nil, message: "libpq could not allocate a connection (out of memory)").inDatabase(uri)
        }
        guard lib.status(handle) == LibPQ.connectionOK else {
            let message = Self.oneLine(lib.errorMessage(handle).map { String(cString: $0) } ?? "connection failed")
            lib.finish(handle)
            throw PostgresError(sqlState: nil, message: message, isConnectionFailure: true).inDatabase(uri)
        }
        // libpq's default notice processor writes to stderr, outside the log format; notices
        // ("relation already exists, skipping") carry nothing an operator must act on.
        _ = lib.setNoticeProcessor(handle, { _, _ in }, nil)
        return handle
    }

    private func configureSession() throws(PostgresError) {
        try executeScript(settings.sessionSQL)
    }

    // MARK: State

    /// True when the connection is lost (server restarted or unreachable): statements fail
    /// until `reconnect()` succeeds. The caller decides when to retry.
    public var isBroken: Bool {
        guard let handle else { return true }
        return lostSession || lib.status(handle) != LibPQ.connectionOK
    }

    /// True when the server ended this idle session (a restart, `pg_terminate_backend`, an
    /// idle timeout) without libpq knowing yet: its socket has hung up or holds unread bytes,
    /// which an idle session of ours never has (it uses no LISTEN). libpq would learn of it
    /// only by failing the next statement, so a poll that began after the server came back
    /// would fail too; checked before reuse, it is a reconnect instead. A false alarm (a
    /// stray notice) costs one reconnect. Never true inside a transaction.
    public var isDroppedWhileIdle: Bool {
        guard let handle, lib.transactionStatus(handle) == LibPQ.transactionIdle else { return false }
        let fd = lib.socket(handle)
        guard fd >= 0 else { return true }
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        // POLLHUP and POLLERR are reported whatever `events` asks; an EOF is POLLIN.
        return poll(&descriptor, 1, 0) > 0 && descriptor.revents != 0
    }

    /// Drops the session and opens a new one with the same URI and settings (session settings
    /// applied again); a failure leaves the connection broken, to be retried later.
    public func reconnect() throws(PostgresError) {
        let old = openHandle
        lib.reset(old)
        guard lib.status(old) == LibPQ.connectionOK else {
            let message = Self.oneLine(lib.errorMessage(old).map { String(cString: $0) } ?? "reconnection failed")
            throw PostgresError(sqlState: nil, message: message, isConnectionFailure: true).inDatabase(uri)
        }
        lostSession = false
        _ = lib.setNoticeProcessor(old, { _, _ in }, nil)
        try configureSession()
    }

    /// The server's version as a number: 150004 for 15.4, 160002 for 16.2.
    public var serverVersion: Int { Int(lib.serverVersion(openHandle)) }

    /// The server's version as it reports it (`15.4 (Debian 15.4-1)`), for `check-config --probe`.
    public var serverVersionText: String { parameterStatus("server_version") ?? String(serverVersion) }

    /// A parameter the server reports at start-up and on change (`server_version`, `TimeZone`,
    /// `application_name`, `integer_datetimes`, ...), nil when it sent none.
    public func parameterStatus(_ name: String) -> String? {
        lib.parameterStatus(openHandle, name).map { String(cString: $0) }
    }

    /// The server process serving this session (`pg_stat_activity.pid`, `pg_terminate_backend`).
    public var backendPID: Int32 { lib.backendPID(openHandle) }

    /// True inside a transaction block (also a failed one, waiting for ROLLBACK).
    public var isInTransaction: Bool {
        let status = lib.transactionStatus(openHandle)
        return status == LibPQ.transactionOpen || status == LibPQ.transactionFailed
    }

    /// libpq's message on one line: it ends with a newline and indents hints with tabs, while a
    /// log line must stay one line.
    static func oneLine(_ message: String) -> String {
        message.split(whereSeparator: \.isNewline)
            .map { $0.trimmingPrefix(while: { $0 == "\t" || $0 == " " }) }
            .filter { !$0.isEmpty }
            .joined(separator: "; ")
    }
}

extension Substring {
    fileprivate func trimmingPrefix(while predicate: (Character) -> Bool) -> Substring {
        self[(firstIndex { !predicate($0) } ?? endIndex)...]
    }
}

import CSQLite

/// One SQLite connection: owns the `sqlite3*` handle and closes it in
/// `deinit`.
///
/// Not `Sendable`: SQLite is opened in multi-thread mode (no per-call
/// mutex), so exactly one thread at a time may use a connection and the
/// statements it prepared. The store serializes access.
public final class Database {
    /// The connection handle; nil once closed.
    private(set) var connection: OpaquePointer?
    /// The path the connection was opened with.
    public let path: String
    /// Statements prepared once and reused, keyed by their SQL text.
    private var statementCache: [String: Statement] = [:]
    /// What another thread may use to stop the running statement (see `ConnectionInterrupter`).
    let interrupter = ConnectionInterrupter()

    /// Opens (and, when allowed, creates) the database at `path`.
    ///
    /// A read-write connection is switched to WAL (verified), with
    /// `synchronous=NORMAL`, `foreign_keys=ON` and the busy timeout; a
    /// read-only one only gets the busy timeout.
    public init(path: String, options: OpenOptions = OpenOptions()) throws(SQLiteError) {
        self.path = path
        // Every error names the file. (A do/catch rethrowing a typed error from this init
        // miscompiles on Swift 6.3; a returned failure does not.)
        if let failure = connectReportingFailure(options) { throw failure.inDatabase(path) }
    }

    private func connectReportingFailure(_ options: OpenOptions) -> SQLiteError? {
        do throws(SQLiteError) {
            try connect(options)
            return nil
        } catch {
            return error
        }
    }

    private func connect(_ options: OpenOptions) throws(SQLiteError) {
        let created = try Self.createFileIfNeeded(path: path, options: options)
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        if options.readOnly {
            flags |= SQLITE_OPEN_READONLY
        } else {
            flags |= SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0)
        }
        var handle: OpaquePointer?
        var name = path
        if options.readOnly && options.immutable {
            flags |= SQLITE_OPEN_URI
            name = Self.immutableURI(path)
        }
        let code = sqlite3_open_v2(name, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let error = SQLiteError(
                code: code,
                message: Self.openFailureMessage(code: code, handle: handle, path: path, options: options))
            sqlite3_close_v2(handle)
            if created { Self.removeEmptyFile(path) }
            throw error
        }
        connection = handle
        sqlite3_extended_result_codes(handle, 1)
        interrupter.attach(handle)
        try configure(options, createdFile: created)
    }

    deinit {
        close()
    }

    /// Closes the connection; idempotent. Statements still referenced
    /// elsewhere keep the handle alive (as a zombie) until they are released.
    public func close() {
        guard let connection else { return }
        // First, so no sqlite3_interrupt can run on a closing handle.
        interrupter.detach()
        statementCache.removeAll()
        sqlite3_close_v2(connection)
        self.connection = nil
    }

    /// True until `close()`.
    public var isOpen: Bool { connection != nil }

    /// The handle, which must still be open: using a closed database is a
    /// programming error.
    var openConnection: OpaquePointer {
        guard let connection else { preconditionFailure("database \(path) used after close()") }
        return connection
    }

    // MARK: Statements

    /// Runs one or many `;`-separated statements that take no parameters; an
    /// error names the statement that failed, not the whole script.
    public func execute(_ sql: String) throws(SQLiteError) {
        let connection = openConnection
        var failure: SQLiteError?
        sql.withCString { start in
            var cursor: UnsafePointer<CChar>? = start
            while let current = cursor, current.pointee != 0 {
                var handle: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let code = sqlite3_prepare_v2(connection, current, -1, &handle, &tail)
                guard code == SQLITE_OK else {
                    failure = SQLiteError(code: code, connection: connection, sql: Self.trimmed(String(cString: current)))
                    return
                }
                cursor = tail
                // Whitespace or a comment compiles to no statement.
                guard let handle else { continue }
                let statement = Statement(handle: handle, connection: connection, sql: Self.sqlText(of: handle))
                do throws(SQLiteError) {
                    try statement.execute([])
                } catch {
                    failure = error
                    return
                }
            }
        }
        if let failure { throw failure }
    }

    /// Returns the statement for `sql`, prepared once per connection and
    /// reused: reset, with every binding cleared, each time it is handed out.
    public func cachedStatement(_ sql: String) throws(SQLiteError) -> Statement {
        if let statement = statementCache[sql] {
            precondition(!statement.isIterating, "cached statement reused inside its own forEachRow: \(statement.sql)")
            statement.reset()
            statement.clearBindings()
            return statement
        }
        let statement = try prepare(sql, flags: UInt32(SQLITE_PREPARE_PERSISTENT))
        statementCache[sql] = statement
        return statement
    }

    /// Prepares a fresh, uncached statement; `sql` must hold exactly one.
    public func makeStatement(_ sql: String) throws(SQLiteError) -> Statement {
        try prepare(sql, flags: 0)
    }

    /// The number of rows changed by the most recent INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes64(openConnection)) }

    /// The rowid of the most recent successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(openConnection) }

    /// True while a transaction is open (SQLite is not in autocommit mode).
    public var isInTransaction: Bool { sqlite3_get_autocommit(openConnection) == 0 }

    private func prepare(_ sql: String, flags: UInt32) throws(SQLiteError) -> Statement {
        let connection = openConnection
        var handle: OpaquePointer?
        var trailing = ""
        let code = sql.withCString { start in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(connection, start, -1, flags, &handle, &tail)
            if code == SQLITE_OK, let tail { trailing = String(cString: tail) }
            return code
        }
        guard code == SQLITE_OK else {
            throw SQLiteError(code: code, connection: connection, sql: Self.trimmed(sql))
        }
        guard let handle else {
            throw .misuse("no statement to prepare (the SQL is empty or only a comment)", sql: Self.trimmed(sql))
        }
        let statement = Statement(handle: handle, connection: connection, sql: Self.sqlText(of: handle))
        guard Self.trimmed(trailing).isEmpty else {
            throw .misuse("several statements in one: use Database.execute(_:) to run a script", sql: Self.trimmed(sql))
        }
        return statement
    }

    /// The text SQLite compiled, trimmed of separators for readable errors.
    static func sqlText(of handle: OpaquePointer) -> String {
        trimmed(sqlite3_sql(handle).map { String(cString: $0) } ?? "")
    }

    static func trimmed(_ sql: String) -> String {
        let separators: Set<Character> = [" ", "\t", "\n", "\r", "\r\n", ";"]
        guard let first = sql.firstIndex(where: { !separators.contains($0) }),
              let last = sql.lastIndex(where: { !separators.contains($0) })
        else { return "" }
        return String(sql[first...last])
    }
}

@available(*, unavailable, message: "a Database is one connection; the store serializes access")
extension Database: Sendable {}

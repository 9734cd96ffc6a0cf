import CSQLite

/// A prepared SQLite statement; finalized when the last reference goes away.
///
/// Not `Sendable`: a statement belongs to its `Database`, and the store
/// serializes all access to that connection.
///
/// Every run (`execute`, `query`, `forEachRow`, `scalar`) resets the
/// statement when it ends, even on error or early exit, so a finished
/// SELECT never keeps a read snapshot open (which would stall WAL
/// checkpoints). Bindings survive a reset; `Database.cachedStatement` clears
/// them when it hands the statement out again.
public final class Statement {
    /// The compiled statement.
    let handle: OpaquePointer
    /// The connection it was compiled on; stays valid until this statement is
    /// finalized, because the database closes with `sqlite3_close_v2`.
    let connection: OpaquePointer
    /// The SQL text, trimmed, for error messages.
    public let sql: String
    /// The number of `?NNN` parameters the statement expects.
    public let parameterCount: Int
    /// The number of result columns (0 for statements that return nothing).
    public let columnCount: Int
    /// True while `forEachRow` is stepping, so reuse from inside the body can
    /// be caught instead of silently resetting the outer iteration.
    private(set) var isIterating = false

    /// The column names, computed once and shared by every row.
    public private(set) lazy var columnNames: [String] = (0..<Int32(columnCount)).map { column in
        sqlite3_column_name(handle, column).map { String(cString: $0) } ?? ""
    }

    init(handle: OpaquePointer, connection: OpaquePointer, sql: String) {
        self.handle = handle
        self.connection = connection
        self.sql = sql
        self.parameterCount = Int(sqlite3_bind_parameter_count(handle))
        self.columnCount = Int(sqlite3_column_count(handle))
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// True when the statement does not write to the database by itself.
    public var isReadOnly: Bool { sqlite3_stmt_readonly(handle) != 0 }

    // MARK: Running

    /// Binds `values` (when any are given) and steps until done, discarding
    /// any rows (e.g. from `RETURNING`).
    public func execute(_ values: any SQLiteBindable...) throws(SQLiteError) {
        try execute(values)
    }

    /// Binds `row` to ?1, ?2, ... and steps until done: the page writer's path, which binds
    /// each value directly instead of boxing it as `any SQLiteBindable` (20 per order).
    public func execute(row: [SQLiteValue]) throws(SQLiteError) {
        guard row.count == parameterCount else {
            throw .misuse("wrong number of bound values: the statement expects \(parameterCount), got \(row.count)", sql: sql)
        }
        sqlite3_reset(handle)
        for (offset, value) in row.enumerated() {
            try bind(value, at: offset + 1)
        }
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// Binds `values` (when not empty) and steps until done.
    public func execute(_ values: [any SQLiteBindable]) throws(SQLiteError) {
        try bindIfGiven(values)
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// Binds `values` and returns every row; meant for small result sets.
    public func query(_ values: any SQLiteBindable...) throws(SQLiteError) -> [Row] {
        try query(values)
    }

    /// Binds `values` and returns every row; meant for small result sets.
    public func query(_ values: [any SQLiteBindable]) throws(SQLiteError) -> [Row] {
        try bindIfGiven(values)
        defer { sqlite3_reset(handle) }
        var rows: [Row] = []
        while try step() {
            rows.append(currentRow())
        }
        return rows
    }

    /// Binds `values` and calls `body` with each row as it is stepped, without
    /// collecting them. Do not run this same statement from inside `body`.
    public func forEachRow(
        _ values: any SQLiteBindable...,
        body: (Row) throws -> Void
    ) throws {
        try forEachRow(values, body)
    }

    /// Binds `values` and calls `body` with each row as it is stepped.
    public func forEachRow(
        _ values: [any SQLiteBindable],
        _ body: (Row) throws -> Void
    ) throws {
        precondition(!isIterating, "statement reused inside its own forEachRow: \(sql)")
        try bindIfGiven(values)
        isIterating = true
        defer {
            isIterating = false
            sqlite3_reset(handle)
        }
        while try step() {
            try body(currentRow())
        }
    }

    /// Binds `values` and returns the first column of the first row, or nil
    /// when there is no row (a NULL in that column is `.null`, not nil).
    public func scalar(_ values: any SQLiteBindable...) throws(SQLiteError) -> SQLiteValue? {
        try scalar(values)
    }

    /// Binds `values` and returns the first column of the first row, if any.
    public func scalar(_ values: [any SQLiteBindable]) throws(SQLiteError) -> SQLiteValue? {
        try bindIfGiven(values)
        defer { sqlite3_reset(handle) }
        guard try step(), columnCount > 0 else { return nil }
        return columnValue(at: 0)
    }

    // MARK: Stepping and reading

    /// Advances one step: true when a row is available, false when done.
    func step() throws(SQLiteError) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW:
            return true
        case SQLITE_DONE:
            return false
        case let code:
            throw SQLiteError(code: code, connection: connection, sql: sql)
        }
    }

    /// The row the last `step()` stopped on.
    func currentRow() -> Row {
        var values: [SQLiteValue] = []
        values.reserveCapacity(columnCount)
        for column in 0..<columnCount {
            values.append(columnValue(at: column))
        }
        return Row(values: values, columnNames: columnNames)
    }

    /// Reads one column of the current row with its own storage class.
    func columnValue(at column: Int) -> SQLiteValue {
        let index = Int32(column)
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT:
            // Ask for the bytes after the text so the length matches the
            // UTF-8 form SQLite just produced; embedded NULs survive.
            guard let bytes = sqlite3_column_text(handle, index) else { return .text("") }
            let count = Int(sqlite3_column_bytes(handle, index))
            return .text(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, index))
            guard count > 0, let bytes = sqlite3_column_blob(handle, index) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default:
            return .null
        }
    }
}

@available(*, unavailable, message: "a Statement belongs to one connection; the store serializes access")
extension Statement: Sendable {}

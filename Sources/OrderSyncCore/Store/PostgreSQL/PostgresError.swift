/// An error from PostgreSQL or from libpq, with the statement that failed.
///
/// The description follows GRDB's shape, `PostgreSQL error 23505: duplicate key value violates
/// unique constraint "orders_pkey" - while executing `INSERT ...``. Like `SQLiteError` it carries
/// the SQL text but never the parameter values (secrets, customer data), and never a connection
/// string with a secret: the only URI it may name is a validated `PostgresURI`, which has none.
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    /// The five-character SQLSTATE (`23505`, `57014`, ...); nil for errors libpq detected itself
    /// (connection refused, connection lost) and for misuse of this wrapper.
    public let sqlState: String?
    /// The server's primary message, or libpq's, or ours.
    public let message: String
    /// The server's DETAIL line, when it sent one. Not in `description`: it repeats values
    /// (`Key (id)=(customer-4711) already exists.`), which are customer data, not for logs.
    public var detail: String?
    /// The server's HINT line, when it sent one.
    public var hint: String?
    /// The statement being executed, when there was one.
    public let sql: String?
    /// True when the connection itself failed (could not connect, or was lost): the statement may
    /// or may not have run, the connection is `isBroken`, and the caller decides whether to
    /// reconnect and retry.
    public let isConnectionFailure: Bool
    /// Where the connection went, for errors that happen before or while connecting.
    public var database: PostgresURI?

    public init(
        sqlState: String?, message: String, sql: String? = nil, isConnectionFailure: Bool = false,
        detail: String? = nil, hint: String? = nil
    ) {
        self.sqlState = sqlState
        self.message = message
        self.sql = sql
        self.isConnectionFailure = isConnectionFailure || Self.isConnectionState(sqlState)
        self.detail = detail
        self.hint = hint
    }

    public var description: String {
        var text = database.map { "database \($0): " } ?? ""
        text += sqlState.map { "PostgreSQL error \($0): " } ?? "PostgreSQL error: "
        text += message
        if let sql { text += " - while executing `\(sql)`" }
        if let hint { text += " (hint: \(hint))" }
        return text
    }

    /// SQLSTATE class 08 (connection exception) and 57P01–57P03 (the server is shutting down,
    /// crashed or not yet accepting connections): the session is gone, not the statement wrong.
    static func isConnectionState(_ state: String?) -> Bool {
        guard let state else { return false }
        return state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state)
    }

    // MARK: Common conditions

    /// `23xxx`: a NOT NULL, foreign key, unique or check constraint failed.
    public var isConstraint: Bool { sqlState?.hasPrefix("23") == true }
    /// `23505`: a unique constraint (or primary key) failed.
    public var isUniqueViolation: Bool { sqlState == "23505" }
    /// `57014`: the statement ran past `statement_timeout` (or was cancelled).
    public var isQueryCanceled: Bool { sqlState == "57014" }
    /// `40001`/`40P01`: a serialization failure or deadlock: retrying the transaction can succeed.
    public var isTransient: Bool { sqlState == "40001" || sqlState == "40P01" || isConnectionFailure }
    /// `42P01`: the table or view does not exist (e.g. reading the schema version of an empty database).
    public var isUndefinedTable: Bool { sqlState == "42P01" }

    /// A misuse of this wrapper detected before reaching libpq.
    static func misuse(_ message: String, sql: String? = nil) -> PostgresError {
        PostgresError(sqlState: nil, message: message, sql: sql)
    }

    /// This error, naming the database it happened in (unless it already names one).
    public func inDatabase(_ uri: PostgresURI) -> PostgresError {
        var copy = self
        if copy.database == nil { copy.database = uri }
        return copy
    }
}

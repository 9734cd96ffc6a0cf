import CSQLite

/// An error reported by SQLite, with the statement that failed.
///
/// The description follows GRDB's shape, `SQLite error 19: UNIQUE constraint
/// failed: t.id - while executing `INSERT ...``. It carries the SQL text but
/// never the bound values: those can be secrets or customer data, and errors
/// end up in logs and `status` output.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// The primary result code (`SQLITE_CONSTRAINT`, `SQLITE_BUSY`, ...).
    public let code: Int32
    /// The extended result code (`SQLITE_CONSTRAINT_PRIMARYKEY`, ...); equals
    /// `code` when SQLite gave no refinement.
    public let extendedCode: Int32
    /// SQLite's message, or ours for errors detected before reaching SQLite.
    public let message: String
    /// The statement being prepared or executed, when there was one.
    public let sql: String?
    /// The database file, once known: the description then starts with `database <path>: `, so
    /// an operator reading a log line knows which file to look at.
    public private(set) var databasePath: String?

    /// Creates an error from an (extended or primary) result code.
    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code & 0xFF
        self.extendedCode = code
        self.message = message
        self.sql = sql
    }

    /// Builds the error for a failed call on `connection`, using SQLite's own
    /// message when the connection still reports that failure.
    init(code: Int32, connection: OpaquePointer?, sql: String?) {
        var extended = code
        var message = String(cString: sqlite3_errstr(code))
        if let connection, sqlite3_errcode(connection) & 0xFF == code & 0xFF {
            extended = sqlite3_extended_errcode(connection)
            message = String(cString: sqlite3_errmsg(connection))
        }
        self.init(code: extended, message: message, sql: sql)
    }

    public var description: String {
        var text = databasePath.map { "database \($0): " } ?? ""
        text += "SQLite error \(code): \(message)"
        if let sql {
            text += " - while executing `\(sql)`"
        }
        if let advice {
            text += " (\(advice))"
        }
        return text
    }

    /// This error, naming the database file it happened in (unless it already names one).
    public func inDatabase(_ path: String) -> SQLiteError {
        var copy = self
        if copy.databasePath == nil { copy.databasePath = path }
        return copy
    }

    /// What an operator can do about an error that is not a bug.
    public var advice: String? {
        if isBusy { return "another process held the database longer than the busy timeout; a later attempt can succeed" }
        if isFull {
            return "the disk is full: free space on the database's volume; nothing of the failed transaction was written"
        }
        return nil
    }

    /// The database was locked by another connection (or another statement of
    /// this one) for longer than the busy timeout: retrying later can succeed.
    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }

    /// The statement was stopped by `sqlite3_interrupt` or the progress handler (a cancelled task).
    public var isInterrupt: Bool { code == SQLITE_INTERRUPT }

    /// The disk or the file system quota is full.
    public var isFull: Bool { code == SQLITE_FULL }

    /// A UNIQUE, NOT NULL, CHECK, FOREIGN KEY or PRIMARY KEY constraint failed.
    public var isConstraint: Bool { code == SQLITE_CONSTRAINT }
}

extension SQLiteError {
    /// A misuse of this wrapper detected before calling SQLite.
    static func misuse(_ message: String, sql: String? = nil) -> SQLiteError {
        SQLiteError(code: SQLITE_MISUSE, message: message, sql: sql)
    }
}

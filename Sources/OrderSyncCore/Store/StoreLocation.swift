/// Which store the configured `"database"` names: a file path is SQLite (as it always was), a
/// libpq connection URI (`postgresql://…` or `postgres://…`) is PostgreSQL. The one place that
/// decides; commands open their store through it.
public enum StoreLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(uri: String)

    public init(database: String) {
        if PostgresURI.isURI(database) {
            self = .postgres(uri: database)
        } else {
            self = .sqlite(path: database)
        }
    }

    public var isPostgres: Bool {
        if case .postgres = self { true } else { false }
    }

    /// Opens the store for a command that writes: created if needed, migrated, a busy start-up
    /// waited out (SQLite: another process's lock; PostgreSQL: a server not up yet), and its
    /// stored text redacted.
    public func open(groupReadable: Bool = false, redactor: Redactor = .none, logger: Logger) async throws -> any OrderStore {
        switch self {
        case .sqlite(let path):
            try await SQLiteStore.open(path: path, groupReadable: groupReadable, redactor: redactor, logger: logger)
        case .postgres(let uri):
            try await PostgresStore.open(uri: uri, redactor: redactor, logger: logger)
        }
    }

    /// Opens an existing store for reading only (`status`): nothing is migrated or written.
    public func openReadingOnly(redactor: Redactor = .none, logger: Logger) async throws -> any OrderStore {
        switch self {
        case .sqlite(let path):
            try await SQLiteStore.open(readingOnly: path, redactor: redactor)
        case .postgres(let uri):
            try await PostgresStore.open(uri: uri, redactor: redactor, logger: logger, readingOnly: true)
        }
    }
}

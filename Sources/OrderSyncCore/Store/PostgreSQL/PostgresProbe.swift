/// What `check-config --probe` reports about a PostgreSQL database: that it can be reached with
/// the configured URI and libpq's password conventions, the server's version, and the schema
/// version recorded there (nil for a database ordersync has not set up yet).
public struct PostgresProbe: Sendable, Equatable {
    /// As the server reports it: `15.4 (Debian 15.4-1.pgdg120+1)`.
    public let serverVersion: String
    /// As a number: 150004.
    public let serverVersionNumber: Int
    /// The highest migration applied, nil when the version table does not exist yet.
    public let schemaVersion: Int?

    /// Connects once (as `ordersync/check-config`), reads the versions and disconnects. Errors:
    /// a `ConfigError` when libpq is missing, a `PostgresError` when the server cannot be reached
    /// or refuses the login (its message says which; it never contains a password).
    public static func run(_ uri: PostgresURI, versionTable: String = PostgresConnection.schemaVersionTable) throws -> PostgresProbe {
        let connection = try PostgresConnection.connect(
            uri, settings: PostgresSessionSettings(role: "check-config", statementTimeoutSeconds: 10, connectTimeoutSeconds: 10))
        defer { connection.close() }
        return PostgresProbe(
            serverVersion: connection.serverVersionText, serverVersionNumber: connection.serverVersion,
            schemaVersion: try connection.schemaVersion(table: versionTable))
    }

    /// One line for `check-config --probe`: `PostgreSQL 15.4 (Debian …), schema version 7`.
    public func summary(currentSchemaVersion: Int) -> String {
        let schema: String
        switch schemaVersion {
        case nil: schema = "no ordersync schema yet (the first run creates it)"
        case let version? where version == currentSchemaVersion: schema = "schema version \(version) (current)"
        case let version? where version < currentSchemaVersion:
            schema = "schema version \(version), older than this binary's \(currentSchemaVersion) (the next run migrates it)"
        case let version?:
            schema = "schema version \(version), newer than this binary's \(currentSchemaVersion): upgrade ordersync"
        }
        return "PostgreSQL \(serverVersion), \(schema)"
    }
}

extension PostgresConnection {
    /// The table where the PostgreSQL store records applied migrations (one row per version,
    /// column `version`): SQLite keeps it in `PRAGMA user_version`, PostgreSQL has no such slot.
    /// The store's `PostgresSchema.versionTable` creates it under this name.
    public static let schemaVersionTable = "ordersync_schema"

    /// The highest `version` in `table`; nil when the table does not exist (an empty database).
    public func schemaVersion(table: String = PostgresConnection.schemaVersionTable) throws(PostgresError) -> Int? {
        // to_regclass: no error (and no aborted transaction) when the table is missing.
        guard try execute("SELECT to_regclass($1) IS NOT NULL", [table]).scalar(Bool.self) == true else { return nil }
        return try execute("SELECT max(version) FROM \(table)").scalar(Int.self)
    }
}

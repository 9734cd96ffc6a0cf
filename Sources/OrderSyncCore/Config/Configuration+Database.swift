extension Configuration {
    /// The PostgreSQL database `database` names, nil when it is a SQLite file path. Loading has
    /// validated it (no password in it), so it may be printed.
    public var postgresDatabase: PostgresURI? {
        guard PostgresURI.isURI(database) else { return nil }
        return try? PostgresURI(validating: database)
    }
}

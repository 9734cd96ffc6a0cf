/// What `check-config --probe` needs from the PostgreSQL store without opening it: the schema
/// version this build's migrator brings a database to, and one probe of the server that reads
/// the version recorded in the store's own version table. Nothing is created or migrated.
extension PostgresStore {
    /// The highest migration this build knows: a database at this version is current.
    public static var currentSchemaVersion: Int { PostgresSchema.knownVersion }

    /// Connects once and reads the server's and the schema's versions. Throws a `ConfigError`
    /// when libpq is missing, a `PostgresError` naming the database (never a secret) when the
    /// server cannot be reached or refuses the login.
    public static func probe(_ uri: PostgresURI) throws -> PostgresProbe {
        do {
            return try PostgresProbe.run(uri, versionTable: PostgresConnection.schemaVersionTable)
        } catch let error as PostgresError {
            throw error.inDatabase(uri)
        }
    }
}

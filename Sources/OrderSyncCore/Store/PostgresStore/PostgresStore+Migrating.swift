/// Creating and upgrading the schema: each migration in the transaction that records it,
/// serialized between processes by an advisory lock, refused on a schema newer than this build.
extension PostgresStore {
    /// Any fixed number: the key of the advisory lock migrations hold ("ordersyn" in ASCII).
    static let migrationLockKey: Int64 = 0x6F72_6465_7273_796E

    static func migrate(_ connection: PostgresConnection, uri: PostgresURI) throws {
        try connection.transaction {
            try connection.execute("SELECT pg_advisory_xact_lock($1::bigint)", [migrationLockKey])
            try refuseForeign(connection, uri: uri)
            try connection.executeScript(PostgresSchema.versionTable)
            let current = try currentVersion(connection)
            if current > PostgresSchema.knownVersion {
                throw StoreError.readOnly(
                    path: uri.description,
                    message: "schema version \(current) is newer than this ordersync knows (\(PostgresSchema.knownVersion)); upgrade the binary")
            }
            let applied = Set(try connection.query("SELECT version FROM ordersync_schema").compactMap { $0[0].flatMap { Int($0) } })
            for migration in PostgresSchema.migrations where !applied.contains(migration.version) {
                try connection.executeScript(migration.sql)
                if migration.version == 4 { try seedReporting(connection) }
                try connection.execute("INSERT INTO ordersync_schema (version, name) VALUES ($1, $2)", [migration.version, migration.name])
            }
        }
    }

    /// For `status`: the schema must be this build's, and nothing is changed.
    static func checkVersion(_ connection: PostgresConnection, uri: PostgresURI) throws {
        try refuseForeign(connection, uri: uri)
        let hasTable = try connection.execute("SELECT to_regclass('ordersync_schema') IS NOT NULL").scalar(Bool.self) ?? false
        let version = hasTable ? try currentVersion(connection) : 0
        let known = PostgresSchema.knownVersion
        if version > known {
            throw StoreError.readOnly(path: uri.description, message: "schema version \(version) is newer than this ordersync knows (\(known)); upgrade the binary")
        }
        if version < known {
            throw StoreError.readOnly(path: uri.description, message: "schema version \(version) predates this ordersync (\(known)); run any other command once (the daemon migrates it on start)")
        }
    }

    private static func currentVersion(_ connection: PostgresConnection) throws -> Int {
        try connection.execute("SELECT coalesce(max(version), 0) FROM ordersync_schema").scalar(Int.self) ?? 0
    }

    /// A database whose schema has tables of its own but not ours is another application's:
    /// refused before anything in it changes.
    private static func refuseForeign(_ connection: PostgresConnection, uri: PostgresURI) throws {
        let tables = try connection.query("""
            SELECT table_name::text FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
            """).compactMap { $0[0] }
        guard !tables.isEmpty else { return }
        if !tables.contains("ordersync_schema") {
            throw StoreError.notOrderSync(path: uri.description, reason: "its schema has \(tables.count) table(s) but no ordersync_schema")
        }
    }

    /// The currencies and UTC's offsets, as SQLite's migration 4 writes them.
    private static func seedReporting(_ connection: PostgresConnection) throws {
        let currencies = Currency.iso4217
        for start in stride(from: 0, to: currencies.count, by: 500) {
            let chunk = currencies[start..<min(start + 500, currencies.count)]
            try connection.execute(
                "INSERT INTO currencies (code, exponent, name) VALUES " + PostgresSQL.valuesList(rows: chunk.count, columns: 3),
                chunk.flatMap { [$0.code, $0.exponent, $0.name] as [(any PostgresBindable)?] })
        }
        try writeOffsets(connection, timezone: TimeZoneOffsets.utc)
    }
}

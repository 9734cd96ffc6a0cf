/// An append-only list of versioned schema migrations.
///
/// `PRAGMA user_version` records the last applied version. Each migration
/// runs in its own IMMEDIATE transaction together with the update of
/// `user_version`, so a failure leaves the database at the previous
/// version with none of the failed migration's changes.
///
/// Once released, a migration is never edited or removed: fixes go into a new
/// version. Note that `PRAGMA foreign_keys` cannot change inside a
/// transaction, so a migration cannot switch it off.
public struct Migrator: Sendable {
    /// One registered migration.
    public struct Migration: Sendable {
        public let version: Int
        public let name: String
        let migrate: @Sendable (Database) throws -> Void
    }

    /// The registered migrations, in increasing version order.
    public private(set) var migrations: [Migration] = []

    public init() {}

    /// The highest version this binary knows (0 when nothing is registered).
    public var knownVersion: Int { migrations.last?.version ?? 0 }

    /// Appends a migration; `version` must be positive and higher than every
    /// version registered before (a programming error otherwise).
    public mutating func register(
        version: Int,
        name: String,
        _ migrate: @escaping @Sendable (Database) throws -> Void
    ) {
        precondition(version > 0, "migration \(name): versions start at 1, got \(version)")
        precondition(
            version > knownVersion,
            "migration \(name): version \(version) registered after version \(knownVersion); versions must increase")
        migrations.append(Migration(version: version, name: name, migrate: migrate))
    }

    /// The schema version recorded in the database (`PRAGMA user_version`).
    public func appliedVersion(_ db: Database) throws -> Int {
        Int(try db.makeStatement("PRAGMA user_version").scalar()?.int64Value ?? 0)
    }

    /// Applies every migration above the database's version, in order.
    ///
    /// Refuses (with `MigrationError.databaseIsNewer`) a database written by
    /// a newer binary, rather than running old code against a schema it does
    /// not know. Wraps a migration's own error in
    /// `MigrationError.migrationFailed`.
    public func migrate(_ db: Database) throws {
        let found = try appliedVersion(db)
        try refuseIfNewer(found: found, db: db)
        for migration in migrations where migration.version > found {
            try apply(migration, to: db)
        }
    }

    private func apply(_ migration: Migration, to db: Database) throws {
        do {
            try db.inTransaction(.immediate) {
                // Another process may have migrated while this one waited for
                // the write lock: read the version again under the lock.
                let current = try appliedVersion(db)
                try refuseIfNewer(found: current, db: db)
                guard current < migration.version else { return }
                try migration.migrate(db)
                // user_version lives in the file header, which is part of the
                // transaction: it commits or rolls back with the migration.
                try db.execute("PRAGMA user_version = \(migration.version)")
            }
        } catch let error as MigrationError {
            throw error
        } catch {
            throw MigrationError.migrationFailed(
                path: db.path, version: migration.version, name: migration.name, underlying: error)
        }
    }

    private func refuseIfNewer(found: Int, db: Database) throws(MigrationError) {
        guard found <= knownVersion else {
            throw .databaseIsNewer(path: db.path, found: found, known: knownVersion)
        }
    }
}

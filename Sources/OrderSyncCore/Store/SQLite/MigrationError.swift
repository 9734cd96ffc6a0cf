/// Why `Migrator.migrate` stopped.
public enum MigrationError: Error, CustomStringConvertible {
    /// The database records a schema version above every version this binary
    /// knows: it was written by a newer release.
    case databaseIsNewer(path: String, found: Int, known: Int)
    /// A migration threw; it was rolled back and the database keeps the
    /// previous version.
    case migrationFailed(path: String, version: Int, name: String, underlying: any Error)

    public var description: String {
        switch self {
        case let .databaseIsNewer(path, found, known):
            return "the database at \(path) has schema version \(found), but this ordersync knows only up to "
                + "\(known): it was written by a newer ordersync; upgrade the binary (or restore a backup)"
        case let .migrationFailed(path, version, name, underlying):
            return "migrating the database at \(path) to schema version \(version) (\(name)) failed, "
                + "nothing of it was applied and the database stays at the previous version: \(underlying)"
        }
    }
}

import OrderSyncCore

extension CommandContext {
    /// The configured database, opened the way every command that writes opens it: created with
    /// the configured mode, migrated, a busy start-up retried, and its stored text redacted.
    func openStore(_ configuration: Configuration, logger: Logger) async throws -> any OrderStore {
        try await StoreLocation(database: configuration.database).open(
            groupReadable: configuration.databaseGroupReadable, redactor: redaction.current, logger: logger)
    }
}

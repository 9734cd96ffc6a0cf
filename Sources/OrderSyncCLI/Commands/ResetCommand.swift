import FoundationEssentials
import OrderSyncCore

/// `ordersync reset`: forget a source's cursors so its next poll (or backfill) starts over.
enum ResetCommand: CLICommand {
    static let spec = CommandSpec(
        name: "reset",
        abstract: "Delete a source's cursors, so its next poll reads again from start_date.",
        discussion: """
            Deletes the source's rows in sync_state (one stream with --stream: orders, open_orders, backfill, …).
            Orders, lines, invoices and runs are kept: what is read again is upserted, nothing is duplicated,
            but the next poll re-reads the whole range from start_date (every request that takes). Resetting
            the backfill stream makes the same backfill command load its range again. Refused while a run of the
            source is in progress (stop the daemon first). Without --yes it only says what it would delete and
            exits 64.
            """,
        options: [
            .config,
            .value("source", "name", "The source whose cursors to delete (required)."),
            .value("stream", "name", "Only this stream's cursor."),
            .flag("yes", "Really delete them."),
        ],
        usage: "[--config <path>] --source <name> [--stream <name>] --yes")

    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        guard let name = arguments.value("source") else { throw UsageError("missing --source <name>", spec: spec) }
        let stream = arguments.value("stream")
        let configuration = try context.loadConfiguration(arguments, resolveSecrets: false)
        guard StoreLocation(database: configuration.database).isPostgres
            || FileManager.default.fileExists(atPath: configuration.database) else {
            context.console.err("Error: no database at \(configuration.database): nothing to reset")
            return .failure
        }
        let store = try await context.openStore(configuration, logger: context.logger(for: configuration))
        defer { store.close() }
        let cursors = try await store.cursors(source: name).filter { stream == nil || $0.stream == stream }
        guard !cursors.isEmpty else {
            let what = stream.map { "stream '\($0)' of " } ?? ""
            context.console.err("Error: no cursor stored for \(what)source '\(name)'; nothing to reset")
            return .failure
        }
        let listing = cursors.map { "  \($0.stream): \($0.cursor ?? "(empty)")" }.joined(separator: "\n")
        guard arguments.flag("yes") else {
            context.console.err("""
                reset would delete these cursor(s) of '\(name)':
                \(listing)
                Its next poll would then read everything again from start_date (\(configuration.source(named: name)?.startDate ?? "?")); \
                stored orders are kept and updated in place. Run again with --yes to do it.
                """)
            return .usage
        }
        guard try await !store.hasLiveRun(source: name) else {
            context.console.err("Error: a run of '\(name)' is in progress (the daemon or a backfill); stop it first (systemctl stop ordersync)")
            return .failure
        }
        let deleted = try await store.deleteCursors(source: name, stream: stream)
        context.console.out("deleted \(deleted) cursor(s) of '\(name)':\n\(listing)")
        return .success
    }
}

import Foundation
import OrderSyncCore

/// `ordersync status`: per source, what the database says about its sync.
enum StatusCommand: CLICommand {
    static let spec = CommandSpec(
        name: "status",
        abstract: "Show each source's cursors, last run, order counts and last error.",
        discussion: "Reads only the database; safe to run while the daemon runs.",
        options: [.config, .flag("json", "Print one JSON document instead of text.")])

    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        // Status reads the database only: it needs no credentials (and runs where they are not).
        let configuration = try context.loadConfiguration(arguments, resolveSecrets: false)
        guard FileManager.default.fileExists(atPath: configuration.database) else {
            context.console.err("Error: no database at \(configuration.database) yet: run 'ordersync run' or 'ordersync backfill' first")
            return .failure
        }
        let store = try await OrderStore.open(
            path: configuration.database, groupReadable: configuration.databaseGroupReadable,
            redactor: context.redaction.current, logger: context.logger(level: configuration.logLevel))
        defer { store.close() }
        let configured = configuration.sources.map(\.name)
        let others = try store.knownSources().filter { !configured.contains($0) }
        var statuses: [(SourceStatus, SourceConfiguration?)] = []
        for name in configured + others {
            statuses.append((try store.status(of: name), configuration.source(named: name)))
        }
        if arguments.flag("json") {
            context.console.out(StatusReport.json(statuses, database: configuration.database).serialized)
        } else {
            context.console.out(StatusReport.text(statuses, database: configuration.database))
        }
        return .success
    }
}

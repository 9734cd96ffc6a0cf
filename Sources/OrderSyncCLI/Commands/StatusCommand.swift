import FoundationEssentials
import OrderSyncCore

/// `ordersync status`: per source, what the database says about its sync; exits 1 when an
/// enabled source is unhealthy, so it doubles as a monitoring check.
enum StatusCommand: CLICommand {
    static let spec = CommandSpec(
        name: "status",
        abstract: "Show each source's cursors, last run, order counts and last error.",
        discussion: """
            Reads only the database, opened read-only (a user who may only read the file can run it), and no
            secrets; safe while the daemon runs. Exits 0 when every enabled source is healthy, 1 when one failed
            its last 3 polls, was never polled, or has had no successful poll for longer than 3 × its poll
            interval plus its failure backoff (the rule of /healthz; verify, resync and backfill runs do not count).
            """,
        options: [
            .config, .flag("json", "Print one JSON document instead of text."),
            .value("source", "name", "Show (and judge) only this source."),
        ])

    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        // Status reads the database only: it needs no credentials (and runs where they are not).
        let configuration = try context.loadConfiguration(arguments, resolveSecrets: false)
        var location = StoreLocation(database: configuration.database)
        if case .sqlite(let path) = location {
            let databasePath = path.hasPrefix("/") ? path : context.workingDirectory + "/" + path
            guard FileManager.default.fileExists(atPath: databasePath) else {
                context.console.err("Error: no database at \(configuration.database) yet: run 'ordersync run' or 'ordersync backfill' first")
                return .failure
            }
            location = .sqlite(path: databasePath)
        }
        let store = try await location.openReadingOnly(redactor: context.redaction.current, logger: context.logger(level: "warning"))
        defer { store.close() }
        let configured = configuration.sources.map(\.name)
        var names = configured + (try await store.knownSources().filter { !configured.contains($0) })
        if let only = arguments.value("source") {
            guard names.contains(only) else {
                throw UsageError("no source named '\(only)' in the configuration or the database (known: \(names.joined(separator: ", ")))", spec: spec)
            }
            names = [only]
        }
        var statuses: [StatusReport.Entry] = []
        let now = Instant.now()
        for name in names {
            let status = try await store.status(of: name)
            let source = configuration.source(named: name)
            var entry = StatusReport.Entry(status: status, source: source)
            if let source, source.enabled {
                entry.problem = health(of: try await store.pollHistory(source: name), source: source, now: now)
            }
            if let running = try await store.runningRuns(source: name, kind: .backfill).first {
                let cursor = try await store.checkpoint(source: name, stream: "backfill")
                entry.backfill = (running.startedAt, BackfillPosition(
                    cursor: cursor, sliceDays: source?.sliceDays ?? 30, timezone: source?.timezone ?? ZoneRules.utc))
            }
            statuses.append(entry)
        }
        if arguments.flag("json") {
            context.console.out(StatusReport.json(statuses, database: configuration.database).serialized)
        } else {
            context.console.out(StatusReport.text(statuses, database: configuration.database))
        }
        return statuses.contains { $0.problem != nil } ? .failure : .success
    }

    /// The `/healthz` rule (`HealthRule.judge`) from what the database holds of the source's polls.
    static func health(of history: HealthRule.PollHistory, source: SourceConfiguration, now: Instant) -> String? {
        HealthRule.judge(history, pollIntervalSeconds: source.pollIntervalSeconds,
                         failureBackoffCapSeconds: source.http.failureBackoffCapSeconds, now: now)
    }
}

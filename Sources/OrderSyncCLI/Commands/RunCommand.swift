import FoundationEssentials
import OrderSyncCore

/// `ordersync run`: the daemon, or one poll of every source with `--once`.
enum RunCommand: CLICommand {
    static let spec = CommandSpec(
        name: "run",
        abstract: "Poll every enabled source on its own schedule until SIGTERM or SIGINT.",
        discussion: """
            Each source polls every poll_interval_seconds in its own task; a failing source backs off and
            recovers by itself without delaying the others. Under systemd (Type=notify) it reports readiness
            and feeds the watchdog. SIGTERM/SIGINT finish or roll back the page in hand and exit 0; SIGHUP
            reloads the configuration (an invalid file is refused and the running one kept).
            One run per database: a second one exits 1 naming the first one's PID (from <database>.lock).
            """,
        options: [
            .config, .flag("once", "Poll every enabled source once and exit (0 when all succeeded)."),
            .value("source", "name", "With --once: poll only this source (also when it is disabled)."),
        ],
        usage: "[--config <path>] [--once [--source <name>]]")

    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let once = arguments.flag("once")
        let only = arguments.value("source")
        if only != nil, !once { throw UsageError("--source <name> needs --once; the daemon polls every enabled source", spec: spec) }
        let configuration = try context.loadConfiguration(arguments)
        if let problem = DatabaseLocation.problem(configuration.database, workingDirectory: context.workingDirectory) { throw problem }
        let logger = context.logger(for: configuration)
        // `ordersync poll` signals the pid in the lock file: until the daemon watches SIGUSR1,
        // one must not end it.
        if !once { PollRequestWatcher.ignoreEarlySignals() }
        // One daemon per SQLite database; held until the process ends. A PostgreSQL database
        // has no file to lock: one `run` per database is the supported setup there (see
        // docs/postgresql.md) until the cluster issue adds leases.
        let lock = StoreLocation(database: configuration.database).isPostgres
            ? nil : try DaemonLock.acquire(forDatabase: configuration.database)
        defer { lock?.release() }
        let store = try await context.openStore(configuration, logger: logger)
        defer { store.close() }
        let abandoned = try await store.closeAbandonedRuns()
        if abandoned > 0 { logger.notice("closed runs left open by an earlier process as interrupted", ["runs": "\(abandoned)"]) }
        let environment = try await SyncEnvironment(configuration: configuration, store: store, logger: logger, includeDisabled: only != nil)
        var syncs = environment.syncs
        if let only {
            guard let sync = environment.sync(named: only) else {
                let names = configuration.sources.map(\.name).joined(separator: ", ")
                throw UsageError("no source named '\(only)' in the configuration (configured: \(names))", spec: spec)
            }
            syncs = [sync]
        }
        guard !syncs.isEmpty else {
            throw ConfigError(path: "sources", message: "no source is enabled; set \"enabled\": true on at least one")
        }
        if once {
            logger.info("polling once", ["sources": syncs.map(\.source.name).joined(separator: ","), "database": store.location])
            return await pollOnce(syncs, logger: logger, context: context)
        }
        return await Daemon(environment, syncs: syncs, arguments: arguments, context: context, logger: logger).run()
    }

    private static func pollOnce(_ syncs: [SourceSync], logger: Logger, context: CommandContext) async -> ExitCode {
        let metrics = SyncMetrics(logger: logger)
        for sync in syncs { sync.attach(metrics) }
        let work = StoppableWork<[(source: String, report: RunReport)]>()
        let signals = await SignalHandling.watch(context: context, immediateExit: .success) { signal in
            logger.notice("received \(signal); stopping after the page in hand")
            work.stop()
        }
        defer { signals.cancel() }
        let reports = await work.run { await runConcurrently(syncs) { await $0.poll() } }
        for (name, report) in reports {
            var line = "\(name): \(report.outcome.rawValue), \(report.requests) requests, \(report.written.ordersUpserted) orders written"
            if report.written.rejected > 0 { line += ", \(report.written.rejected) rejected" }
            if report.written.goneUpstream > 0 { line += ", \(report.written.goneUpstream) gone upstream (flagged deleted_upstream_at)" }
            if let error = report.error { line += ": \(error)" }
            context.console.out(line)
        }
        return reports.allSatisfy { $0.report.outcome != .failed } ? .success : .failure
    }
}

import Foundation
import OrderSyncCore

/// `ordersync run`: the daemon, or one poll of every source with `--once`.
enum RunCommand: CLICommand {
    static let spec = CommandSpec(
        name: "run",
        abstract: "Poll every enabled source on its own schedule until SIGTERM or SIGINT.",
        discussion: """
            Each source polls every poll_interval_seconds in its own task; a failing source backs off and
            recovers by itself without delaying the others. Under systemd (Type=notify) it reports readiness
            and feeds the watchdog. SIGTERM/SIGINT finish or roll back the page in hand and exit 0.
            One run per database: a second one exits 1 naming the first one's PID (from <database>.lock).
            """,
        options: [.config, .flag("once", "Poll every enabled source once and exit (0 when all succeeded).")])

    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let configuration = try context.loadConfiguration(arguments)
        let logger = context.logger(level: configuration.logLevel)
        // One daemon per database; held until the process ends.
        let lock = try DaemonLock.acquire(forDatabase: configuration.database)
        defer { lock.release() }
        let store = try await OrderStore.open(
            path: configuration.database, groupReadable: configuration.databaseGroupReadable,
            redactor: context.redaction.current, logger: logger)
        defer { store.close() }
        let abandoned = try store.closeAbandonedRuns()
        if abandoned > 0 { logger.notice("closed runs left open by an earlier process as interrupted", ["runs": "\(abandoned)"]) }
        let environment = try SyncEnvironment(configuration: configuration, store: store, logger: logger)
        guard !environment.syncs.isEmpty else {
            throw ConfigError(path: "sources", message: "no source is enabled; set \"enabled\": true on at least one")
        }
        if arguments.flag("once") {
            return await pollOnce(environment, logger: logger, context: context)
        }
        return await daemon(environment, logger: logger)
    }

    private static func pollOnce(_ environment: SyncEnvironment, logger: Logger, context: CommandContext) async -> ExitCode {
        let work = StoppableWork<[(source: String, report: RunReport)]>()
        SignalWatcher.shared.start(immediateExitCode: ExitCode.success.rawValue) { name in
            logger.notice("received \(name); stopping after the page in hand")
            work.stop()
        }
        let reports = await work.run { await runConcurrently(environment.syncs) { await $0.poll() } }
        for (name, report) in reports {
            var line = "\(name): \(report.outcome.rawValue), \(report.requests) requests, \(report.written.ordersUpserted) orders written"
            if report.written.rejected > 0 { line += ", \(report.written.rejected) rejected" }
            if let error = report.error { line += ": \(error)" }
            context.console.out(line)
        }
        return reports.allSatisfy { $0.report.outcome != .failed } ? .success : .failure
    }

    private static func daemon(_ environment: SyncEnvironment, logger: Logger) async -> ExitCode {
        let notifier = SystemdNotifier()
        let scheduler = PollScheduler(syncs: environment.syncs, logger: logger)
        let work = StoppableWork<Void>()
        SignalWatcher.shared.start(immediateExitCode: ExitCode.success.rawValue) { name in
            logger.notice("received \(name); stopping after the page in hand (send it again to exit at once)")
            notifier.stopping()
            work.stop()
        }
        let names = environment.syncs.map(\.source.name).joined(separator: ",")
        logger.notice("started", ["sources": names, "database": environment.store.path, "version": OrderSync.version])
        notifier.ready(status: "polling \(environment.syncs.count) source(s)")
        let watchdog = notifier.watchdogInterval.map { interval in
            Task {
                while !Task.isCancelled {
                    notifier.watchdog()
                    try? await Task.sleep(for: interval)
                }
            }
        }
        await work.run { await scheduler.run() }
        watchdog?.cancel()
        logger.notice("stopped")
        return .success
    }
}

import FoundationEssentials
import OrderSyncCore

/// `ordersync run` without `--once`: the scheduler, the metrics listener, sd_notify, and the
/// configuration reload on SIGHUP.
final class Daemon: Sendable {
    let arguments: ParsedArguments
    let context: CommandContext
    let store: any OrderStore
    let logger: Logger
    let metrics: SyncMetrics
    let notifier = SystemdNotifier()
    let scheduler: PollScheduler
    /// The configuration in force: the loaded one, then each valid reload's.
    let configuration: LockedBox<Configuration>
    private let initialSyncs: [SourceSync]
    private let requests: PollRequestWatcher

    init(_ environment: SyncEnvironment, syncs: [SourceSync], arguments: ParsedArguments, context: CommandContext, logger: Logger) {
        self.arguments = arguments
        self.context = context
        self.store = environment.store
        self.logger = logger
        self.configuration = LockedBox(environment.configuration)
        initialSyncs = syncs
        let metrics = SyncMetrics(logger: logger)
        self.metrics = metrics
        let notifier = self.notifier
        let store = environment.store
        scheduler = PollScheduler(
            syncs: syncs, logger: logger,
            onPoll: { _, _ in notifier.status(metrics.summary()) },
            onBackoff: { name, seconds in metrics.setBackoff(name, seconds: seconds) },
            onVerify: { report in metrics.setVerifyDifferences(report.source, report.differences) },
            onRequestsAnswered: { ids, report in await PollRequestWatcher.answered(ids, report: report, store: store, logger: logger) })
        requests = PollRequestWatcher(store: store, scheduler: scheduler, logger: logger)
    }

    /// Attaches the metrics to a source and judges its health from what the database holds of
    /// its polls, as `status` does.
    func watch(_ sync: SourceSync) async {
        sync.attach(metrics)
        let history = (try? await store.pollHistory(source: sync.source.name)) ?? HealthRule.PollHistory()
        metrics.track(sync.source, history: history)
    }

    func run() async -> ExitCode {
        var server: MetricsServer?
        if let listen = configuration.current.metrics {
            let started = MetricsServer(listen: listen) { [metrics] path in Self.respond(path, metrics: metrics) }
            do {
                try started.start()
            } catch {
                logger.error("cannot start the metrics listener", ["error": error.description])
                return .failure
            }
            server = started
            var address = listen
            if case .tcp(let host, _) = listen, let port = started.port { address = .tcp(host: host, port: port) }
            logger.notice("serving /metrics and /healthz", ["listen": address.description])
            if let warning = listen.exposureWarning { logger.warning(warning) }
        }
        let work = StoppableWork<Void>()
        let signals = await SignalHandling.watch(
            context: context, immediateExit: .success, onReload: { [self] in await reload() }
        ) { [logger, notifier] signal in
            logger.notice("received \(signal); stopping after the page in hand (send it again to exit at once)")
            notifier.stopping()
            work.stop()
        }
        for sync in initialSyncs { await watch(sync) }
        let names = initialSyncs.map(\.source.name).joined(separator: ",")
        logger.notice("started", ["sources": names, "database": store.location, "version": OrderSync.version])
        notifier.ready(status: metrics.summary())
        let watchdog = notifier.watchdogInterval.map { interval in
            Task { [notifier] in
                while !Task.isCancelled {
                    notifier.watchdog()
                    try? await Task.sleep(for: interval)
                }
            }
        }
        let requestChecks = Task { [requests] in await requests.run() }
        await work.run { [scheduler] in await scheduler.run() }
        requestChecks.cancel()
        await requestChecks.value
        watchdog?.cancel()
        signals.cancel()
        server?.stop()
        logger.notice("stopped")
        return .success
    }

    static func respond(_ path: String, metrics: SyncMetrics) -> MetricsServer.Response {
        switch path {
        case "/metrics":
            return .init(status: 200, contentType: SyncMetrics.contentType, body: metrics.prometheusText())
        case "/healthz":
            let unhealthy = metrics.health().compactMap { entry in entry.problem.map { "\(entry.source): \($0)" } }
            return unhealthy.isEmpty
                ? .init(status: 200, body: "ok\n")
                : .init(status: 503, body: unhealthy.joined(separator: "\n") + "\n")
        default:
            return .init(status: 404, body: "not found; try /metrics or /healthz\n")
        }
    }
}

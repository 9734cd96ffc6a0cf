import FoundationEssentials
import OrderSyncCore

/// `ordersync verify`: is the database equal to what the upstreams hold now? With `--repair`,
/// make it so.
enum VerifyCommand: CLICommand {
    static let spec = CommandSpec(
        name: "verify",
        abstract: "Compare each upstream with the database; with --repair, re-sync what differs.",
        discussion: """
            Reads every order id and status the upstream lists now (list pages only, window by window) and compares
            them with the database: orders missing here, orders gone upstream, statuses that differ. Exits 0 when
            equal, 1 when not. --repair re-syncs exactly the orders that differ (details, lines, invoices), flags
            orders gone upstream with deleted_upstream_at (never deleting them), and exits 0 once equal. Without
            --source or --all, every enabled source is verified. Safe beside a running daemon.
            """,
        options: [
            .config,
            .value("source", "name", "The source to verify."),
            .flag("all", "Verify every enabled source (the default)."),
            .flag("repair", "Re-sync what differs and flag orders gone upstream."),
            .flag("json", "Print one JSON document instead of text."),
        ],
        usage: "[--config <path>] [--source <name> | --all] [--repair] [--json]")

    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let configuration = try context.loadConfiguration(arguments)
        let logger = context.logger(for: configuration)
        let store = try await context.openStore(configuration, logger: logger)
        defer { store.close() }
        let environment = try await SyncEnvironment(configuration: configuration, store: store, logger: logger, includeDisabled: true)
        let syncs = try SourceSelection.syncs(arguments, in: environment, spec: spec, defaultAll: true)
        let repair = arguments.flag("repair")
        let work = StoppableWork<[VerifyReport]>()
        let signals = await SignalHandling.watch(context: context, immediateExit: .incomplete) { signal in
            logger.notice("received \(signal); stopping the verify")
            work.stop()
        }
        defer { signals.cancel() }
        let reports = await work.run {
            await withTaskGroup(of: VerifyReport.self) { group in
                for sync in syncs { group.addTask { await sync.verify(repair: repair) } }
                var reports: [VerifyReport] = []
                for await report in group { reports.append(report) }
                return reports.sorted { $0.source < $1.source }
            }
        }
        if arguments.flag("json") {
            context.console.out(VerifyOutput.json(reports).serialized)
        } else {
            for report in reports { context.console.out(VerifyOutput.text(report)) }
        }
        if reports.contains(where: { $0.run.outcome == .interrupted }) { return .incomplete }
        return reports.allSatisfy(\.isEqual) ? .success : .failure
    }
}

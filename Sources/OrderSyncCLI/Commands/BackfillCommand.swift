import FoundationEssentials
import OrderSyncCore

/// `ordersync backfill`: a resumable historical load of one source or all of them.
enum BackfillCommand: CLICommand {
    static let spec = CommandSpec(
        name: "backfill",
        abstract: "Load a source's history, resumably.",
        discussion: """
            Loads orders placed from --since through --until (inclusive; default: up to now), slice by slice and
            page by page, each page committed with its position. Interrupted (SIGTERM/SIGINT, exit 75, or a crash),
            the same command continues where it stopped. A completed range is not loaded again unless --restart
            (without --until, a completed backfill is extended from where it ended up to the new now).
            """,
        options: [
            .config,
            .value("source", "name", "The source to backfill."),
            .flag("all", "Backfill every enabled source (concurrently)."),
            .value("since", "YYYY-MM-DD", "The first day to load (required)."),
            .value("until", "YYYY-MM-DD", "The last day to load (default: up to now)."),
            .flag("restart", "Start the range over, re-reading and re-mapping every order in it."),
        ],
        usage: "[--config <path>] (--source <name> | --all) --since <YYYY-MM-DD> [--until <YYYY-MM-DD>] [--restart]")

    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        guard (arguments.value("source") != nil) != arguments.flag("all") else {
            throw UsageError("give exactly one of --source <name> and --all", spec: spec)
        }
        guard let sinceText = arguments.value("since") else { throw UsageError("missing --since <YYYY-MM-DD>", spec: spec) }
        let since = try date(sinceText, option: "since")
        let until = try arguments.value("until").map { text throws(UsageError) in try date(text, option: "until") }
        if let until, until.secondsIfUTC < since.secondsIfUTC {
            throw UsageError("--until \(until.dateText) is before --since \(since.dateText)", spec: spec)
        }
        let configuration = try context.loadConfiguration(arguments)
        if let problem = DatabaseLocation.problem(configuration.database, workingDirectory: context.workingDirectory) { throw problem }
        let logger = context.logger(for: configuration)
        let store = try await context.openStore(configuration, logger: logger)
        defer { store.close() }
        let environment = try await SyncEnvironment(configuration: configuration, store: store, logger: logger, includeDisabled: true)
        let syncs = try SourceSelection.syncs(arguments, in: environment, spec: spec, defaultAll: false)
        let restart = arguments.flag("restart")
        let work = StoppableWork<[(source: String, report: RunReport)]>()
        let signals = await SignalHandling.watch(context: context, immediateExit: .incomplete) { signal in
            logger.notice("received \(signal); stopping after the page in hand; run the same command again to continue")
            work.stop()
        }
        defer { signals.cancel() }
        let progress = BackfillProgressReporter(syncs: syncs, store: store, logger: logger, context: context)
        let reports = await progress.during {
            await work.run { await runConcurrently(syncs) { await $0.backfill(since: since, until: until, restart: restart) } }
        }
        for (name, report) in reports {
            var line = "\(name): backfill \(report.outcome.rawValue), \(report.requests) requests, \(report.written.ordersUpserted) orders written"
            if let error = report.error { line += ": \(error)" }
            context.console.out(line)
        }
        if reports.contains(where: { $0.report.outcome == .failed }) { return .failure }
        if reports.contains(where: { $0.report.outcome == .interrupted }) {
            context.console.err("backfill incomplete: run the same command again to continue where it stopped")
            return .incomplete
        }
        return .success
    }

    private static func date(_ text: String, option: String) throws(UsageError) -> CivilTime {
        guard text.utf8.count == 10, let date = try? TimestampParser.parseDate(text) else {
            throw UsageError("--\(option) expects a date as YYYY-MM-DD, got '\(text)'", spec: spec)
        }
        return date
    }
}

import FoundationEssentials
import OrderSyncCore

/// `ordersync resync`: re-read given orders of one source now, and say what changed.
enum ResyncCommand: CLICommand {
    static let spec = CommandSpec(
        name: "resync",
        abstract: "Re-read given orders of one source now (detail, lines, invoices) and report what changed.",
        discussion: """
            For one order an analyst doubts: reads it from the upstream whatever the cursors say, writes it, and
            prints per order: added, status changed (from → to), updated, unchanged, not found upstream, or rejected.
            Exits 0 when every order was read, 1 otherwise. Safe beside a running daemon.
            """,
        options: [
            .config,
            .value("source", "name", "The source the orders belong to."),
            .value("order", "id", "An upstream order id; repeat for several."),
        ],
        usage: "[--config <path>] --source <name> --order <id> [--order <id> ...]")

    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        guard arguments.value("source") != nil else { throw UsageError("missing --source <name>", spec: spec) }
        let ids = arguments.values("order")
        guard !ids.isEmpty else { throw UsageError("missing --order <id>", spec: spec) }
        let configuration = try context.loadConfiguration(arguments)
        let logger = context.logger(for: configuration)
        let store = try await context.openStore(configuration, logger: logger)
        defer { store.close() }
        let environment = try await SyncEnvironment(configuration: configuration, store: store, logger: logger, includeDisabled: true)
        guard let sync = try SourceSelection.syncs(arguments, in: environment, spec: spec, defaultAll: false).first else { return .failure }
        let report = await sync.resync(ids)
        if let error = report.run.error { context.console.err("\(report.source): resync \(report.run.outcome.rawValue): \(error)") }
        for result in report.results {
            context.console.out("\(report.source) \(result.orderID): \(describe(result.change))")
        }
        let read: Set<ResyncReport.Result.Change> = [.notFoundUpstream, .rejected, .notRead]
        return report.results.allSatisfy { !read.contains($0.change) } ? .success : .failure
    }

    private static func describe(_ change: ResyncReport.Result.Change) -> String {
        switch change {
        case .added(let status): "added (status \(status))"
        case .statusChanged(let from, let to): "status changed: \(from) → \(to)"
        case .updated: "updated (same status, other content)"
        case .unchanged: "unchanged"
        case .notFoundUpstream: "not found upstream"
        case .rejected: "read but rejected (see rejected_records)"
        case .notRead: "not read (the run failed)"
        }
    }
}

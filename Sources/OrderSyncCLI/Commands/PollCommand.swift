import FoundationEssentials
import Glibc
import OrderSyncCore

/// `ordersync poll --source NAME`: makes the running daemon poll a source now, without waiting
/// for its interval or its failure backoff, and without stopping it (`run --once` is refused
/// while the daemon holds the lock).
enum PollCommand: CLICommand {
    static let spec = CommandSpec(
        name: "poll",
        abstract: "Make the running daemon poll a source now, and wait for that poll's outcome.",
        discussion: """
            Records the request in the database (table poll_requests) and sends SIGUSR1 to the daemon named in
            <database>.lock so it looks at once; a daemon also checks for requests every 2 s, so the request is
            answered by whichever daemon polls the source (also one on another host sharing the database). The
            poll starts at once when the source is waiting (its interval or a failure backoff), else right after
            the poll in progress. Waits for it and exits 0 when it succeeded, 1 when it failed or no daemon took
            the request within --timeout (the request stays recorded and is answered when a daemon next checks),
            75 when it was taken but is still running. With --no-wait, exits 0 once the request is recorded.
            """,
        options: [
            .config,
            .value("source", "name", "The source to poll (required; an enabled source of the configuration)."),
            .value("timeout", "seconds", "How long to wait for the poll to finish (default 120)."),
            .flag("no-wait", "Record the request, nudge the daemon and exit."),
        ],
        usage: "[--config <path>] --source <name> [--timeout <seconds>] [--no-wait]")

    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        guard let name = arguments.value("source") else { throw UsageError("missing --source <name>", spec: spec) }
        var timeout = 120
        if let text = arguments.value("timeout") {
            guard let seconds = Int(text), (1...86_400).contains(seconds) else {
                throw UsageError("--timeout expects whole seconds from 1 to 86400, got '\(text)'", spec: spec)
            }
            timeout = seconds
        }
        // The daemon holds the credentials; asking it to poll needs none.
        let configuration = try context.loadConfiguration(arguments, resolveSecrets: false)
        guard let source = configuration.source(named: name) else {
            let names = configuration.sources.map(\.name).joined(separator: ", ")
            throw UsageError("no source named '\(name)' in the configuration (configured: \(names))", spec: spec)
        }
        guard source.enabled else {
            context.console.err("Error: source '\(name)' is disabled, so no daemon polls it; poll it once with 'ordersync run --once --source \(name)' (stop the daemon first)")
            return .failure
        }
        guard FileManager.default.fileExists(atPath: configuration.database) else {
            context.console.err("Error: no database at \(configuration.database) yet: start the daemon ('ordersync run') first")
            return .failure
        }
        let store = try await context.openStore(configuration, logger: context.logger(for: configuration))
        defer { store.close() }
        let id = try await store.requestPoll(source: name)
        if let pid = DaemonLock.holder(forDatabase: configuration.database) {
            _ = kill(pid, SIGUSR1)
            context.console.out("requested a poll of \(name) (request \(id)); nudged the daemon (pid \(pid))")
        } else {
            context.console.out("requested a poll of \(name) (request \(id)); no daemon runs here on this database, so it waits for the daemon that polls \(name)")
        }
        if arguments.flag("no-wait") { return .success }
        return try await wait(for: id, source: name, timeout: timeout, store: store, context: context)
    }

    /// Follows the request until the poll that answered it ended, or `timeout` passed.
    private static func wait(for id: Int64, source: String, timeout: Int, store: any OrderStore, context: CommandContext) async throws -> ExitCode {
        let deadline = ContinuousClock.now + .seconds(timeout)
        var request = try await store.pollRequest(id)
        while request?.finishedAt == nil, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
            request = try await store.pollRequest(id)
        }
        guard let request, request.takenAt != nil else {
            context.console.err("""
                Error: no daemon took the request within \(timeout) s: is 'ordersync run' running with \(source) enabled \
                (systemctl status ordersync)? The request stays recorded; a daemon polling \(source) answers it at its next check.
                """)
            return .failure
        }
        let taker = request.takenByPID.map { "pid \($0)" } ?? "a daemon"
        guard request.finishedAt != nil else {
            context.console.err("\(source): the poll (taken by \(taker)) is still running after \(timeout) s; see 'ordersync status --source \(source)'")
            return .incomplete
        }
        let outcome = request.outcome ?? "unknown"
        let run = request.runID.map { " (run \($0))" } ?? ""
        context.console.out("\(source): polled by \(taker): \(outcome)\(run)")
        if outcome == OrderStore.RunOutcome.ok.rawValue { return .success }
        context.console.err("\(source): the poll did not succeed; see 'ordersync status --source \(source)' for its error")
        return .failure
    }
}

import Foundation
import OrderSyncCLI
import OrderSyncCore
import OrderSyncTesting

/// Helpers the operations tests share: editing the harness's configuration file the way an
/// operator would, and waiting on conditions rather than on the clock.
enum Operations {
    /// Rewrites the configuration at `path`: `root` members laid over the root, and only the
    /// sources `keep` accepts.
    static func editConfig(_ path: String, root: JSONObject = JSONObject(), keep: (String) -> Bool = { _ in true }) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard case .object(var object) = try JSONValue.parse(text), case .array(let sources)? = object["sources"] else {
            throw ConfigError(path: "", message: "not a configuration")
        }
        object["sources"] = .array(sources.filter { source in
            if case .object(let fields) = source, case .string(let name)? = fields["name"] { return keep(name) }
            return true
        })
        try Data(JSONValue.object(object.merging(root)).prettyPrinted.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Polls `condition` every 50 ms until it holds; throws after `timeout` with `what`.
    static func waitUntil(_ what: String, timeout: Duration = .seconds(30), _ condition: () throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            if (try? condition()) == true { return }
            guard ContinuousClock.now < deadline else { throw TimedOut(what: what) }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    struct TimedOut: Error, CustomStringConvertible {
        var what: String
        var description: String { "timed out waiting for \(what)" }
    }

    /// Runs `ordersync` in-process with a captured console.
    static func ordersync(
        _ arguments: [String], environment: [String: String] = [:], directory: String, logs: LockedBox<[String]>? = nil,
        terminal: Bool = false
    ) async -> (code: ExitCode, out: String, err: String) {
        let out = LockedBox<[String]>([]), err = LockedBox<[String]>([])
        let console = Console(out: { line in out.withValue { $0.append(line) } }, err: { line in err.withValue { $0.append(line) } })
        let sink = logs.map { LogSink.collecting(into: $0) } ?? .discard
        var context = CommandContext(environment: environment, console: console, logSink: sink, workingDirectory: directory)
        context.isTerminal = terminal
        let code = await OrderSyncCommand.main(arguments, context: context)
        return (code, out.current.joined(separator: "\n"), err.current.joined(separator: "\n"))
    }

    /// Rows of `sql` in the database, read-only.
    static func count(_ database: String, _ sql: String) throws -> Int {
        let db = try Database(path: database, options: Database.OpenOptions(readOnly: true, create: false))
        return try db.makeStatement(sql).scalar()?.intValue ?? 0
    }
}

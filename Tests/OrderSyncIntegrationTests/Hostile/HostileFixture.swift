import Foundation
import OrderSyncCore
import OrderSyncTesting

/// A directory with a configuration whose sources point at a `HostileServer`, and the real
/// binary run against it.
struct HostileFixture {
    let directory: String
    var configPath: String { directory + "/config.json" }
    var databasePath: String { directory + "/orders.db" }

    /// One source: `auth` is the JSON of its `auth` object; `extra` members are laid over it.
    struct Source {
        var name: String
        var dialect: String = "erp"
        var baseURL: String
        var auth: String
        var extra: String = ""
    }

    /// Writes `config.json` for `sources`: one attempt per request, no pacing, a short timeout.
    func writeConfiguration(_ sources: [Source], pollInterval: Int = 30) throws {
        let start = Instant.now().adding(seconds: -10 * 86_400).dateText(in: ZoneRules.utc)
        let entries = sources.map { source in
            """
            {"name": "\(source.name)", "dialect": "\(source.dialect)", "base_url": "\(source.baseURL)",
             "auth": \(source.auth), "start_date": "\(start)", "poll_interval_seconds": \(pollInterval),
             "http": {"max_attempts": 2, "initial_backoff_ms": 1, "max_backoff_seconds": 1, "requests_per_second": 1000,
                      "request_timeout_seconds": 5, "retry_after_floor_seconds": 0}\(source.extra)}
            """
        }
        let text = #"{"database": "\#(databasePath)", "sources": [\#(entries.joined(separator: ",\n"))]}"#
        try Data(text.utf8).write(to: URL(fileURLWithPath: configPath))
    }

    /// Writes a secret file beside the configuration with `mode`.
    func writeSecret(_ secret: String, file: String, mode: mode_t = 0o600) throws {
        let path = directory + "/" + file
        try Data((secret + "\n").utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, mode)
    }

    /// Runs `ordersync <arguments> --config <config>` to its end; returns the exit status and
    /// everything it printed (stdout and stderr).
    func ordersync(_ arguments: String..., environment: [String: String] = [:]) async throws -> (status: Int32?, output: String) {
        try await ordersync(arguments, environment: environment)
    }

    func ordersync(_ arguments: [String], environment: [String: String] = [:], timeout: Duration = .seconds(60)) async throws
        -> (status: Int32?, output: String)
    {
        let child = try OrderSyncProcess(arguments + ["--config", configPath], directory: directory, environment: environment)
        let status = await child.wait(timeout: timeout)
        if status == nil { child.signal(SIGKILL) }
        return (status, child.output)
    }

    /// Starts `ordersync <arguments> --config <config>` and returns at once.
    func start(_ arguments: String...) throws -> OrderSyncProcess {
        try OrderSyncProcess(arguments + ["--config", configPath], directory: directory)
    }

    /// The bytes of every file of the database (main, -wal, -shm), as text for searching.
    func databaseText() throws -> String {
        var text = ""
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasPrefix("orders.db") {
            text += String(decoding: try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)), as: UTF8.self)
        }
        return text
    }

    /// The files of the database that exist now, by suffix (`""`, `-wal`, `-shm`, `.lock`).
    func databaseFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("orders.db") }
            .map { String($0.dropFirst("orders.db".count)) }.sorted()
    }

    /// Rows of `sql`, each column as text, read through a read-only connection.
    func query(_ sql: String) throws -> [[String?]] {
        let db = try Database(path: databasePath, options: Database.OpenOptions(readOnly: true, create: false))
        defer { db.close() }
        return try db.makeStatement(sql).query().map { row in (0..<row.count).map { row.string($0) } }
    }
}

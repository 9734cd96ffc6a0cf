import Foundation
import OrderSyncCLI
import OrderSyncCore
import OrderSyncSimulator

/// An in-process simulator plus a configuration, database and CLI pointed at it: what the
/// integration tests drive, the way an operator would (config file, `ordersync` commands).
public final class SyncHarness: Sendable {
    public let simulator: Simulator
    public let directory: String
    public let configPath: String
    /// The SQLite file, or the PostgreSQL URI, the configuration names (`"database"`).
    public let databasePath: String
    public let store: StoreKind
    public let dialects: [String]
    /// Everything the commands printed and logged, for assertions on what an operator sees.
    public let output = LockedBox<[String]>([])

    /// Starts a simulator and writes a configuration for `dialects` into `directory`.
    /// - Parameter extra: members laid over every source (e.g. `page_size`, `http`).
    public init(
        directory: String, dialects: [String], simulator configuration: SimulatorConfiguration = SimulatorConfiguration(),
        extra: JSONObject = JSONObject(), store: StoreKind = .sqlite
    ) throws {
        simulator = Simulator(configuration: configuration)
        try simulator.start()
        self.directory = directory
        self.dialects = dialects
        configPath = directory + "/config.json"
        self.store = store
        databasePath = try store.makeDatabase(in: directory)
        var settings = JSONObject([
            // Fast, few retries: tests inject faults and should not wait on real backoff.
            "http": .object(JSONObject([
                "requests_per_second": .number("1000"), "max_attempts": .number("3"), "initial_backoff_ms": .number("1"),
                "max_backoff_seconds": .number("1"), "retry_after_floor_seconds": .number("0"),
            ])),
        ])
        settings = settings.merging(extra)
        let start = Instant(configuration.now).adding(seconds: -Int64(configuration.historyDays + 5) * 86_400)
            .dateText(in: ZoneRules.utc)
        let text = SimulatorSources.configurationText(
            for: simulator, database: databasePath, startDate: start, dialects: dialects, extra: settings)
        try Data(text.utf8).write(to: URL(fileURLWithPath: configPath))
    }

    deinit {
        simulator.stop()
    }

    /// The source name a dialect got in the configuration.
    public func sourceName(_ dialect: String) -> String { "sim-\(dialect)" }

    /// Runs `ordersync <arguments> --config <this config>` in-process; returns the exit code.
    @discardableResult
    public func ordersync(_ arguments: String...) async -> ExitCode {
        let sink = output
        let console = Console(out: { line in sink.withValue { $0.append(line) } }, err: { line in sink.withValue { $0.append(line) } })
        let context = CommandContext(environment: [:], console: console, logSink: .collecting(into: sink), workingDirectory: directory)
        return await OrderSyncCommand.main(arguments + ["--config", configPath], context: context)
    }

    /// The sync machinery for this configuration, built the way `ordersync` builds it, over
    /// `transport` (a test may wrap the real one to break it on purpose).
    public func environment(
        transport: any HTTPTransport = CurlTransport.shared, now: @escaping @Sendable () -> Instant = { .now() }
    ) async throws -> SyncEnvironment {
        let configuration = try ConfigLoader.load(path: configPath, environment: [:], dialects: DialectRegistry.requirements)
        let store = try await self.store.open(databasePath)
        let logger = Logger(label: "test", level: .debug, sink: .collecting(into: output))
        return try await SyncEnvironment(configuration: configuration, store: store, logger: logger, transport: transport, now: now)
    }

    /// How the database differs from the simulator's data set for `dialect` (empty: equal), read
    /// with the source's current `status_map` and `timezone` from the configuration file.
    public func differences(_ dialect: String) throws -> [String] {
        guard let simDialect = SimDialect(rawValue: dialect) else { return ["no simulated dialect \(dialect)"] }
        let configuration = try ConfigLoader.load(path: configPath, environment: [:], dialects: DialectRegistry.requirements,
                                                  resolveSecrets: false)
        let source = configuration.source(named: sourceName(dialect))
        return try DatasetComparison.differences(
            database: databasePath, source: sourceName(dialect), expected: simulator.snapshot(of: simDialect),
            statusMap: source?.statusMap.mapValues(\.rawValue) ?? [:], timeZone: source?.timezone ?? ZoneRules.utc)
    }
}

/// What an interrupted backfill left behind.
public struct InterruptedBackfill: Sendable {
    public var outcome: OrderStore.RunOutcome
    /// Orders of the source stored when it stopped.
    public var storedOrders: Int
    /// The `backfill` cursor it left (nil if it stopped before its first page).
    public var checkpoint: String?
}

extension SyncHarness {
    /// Runs a backfill of `dialect` from `since` whose upstream dies after `requests` requests:
    /// the way the resume tests break one on purpose.
    public func interruptedBackfill(_ dialect: String, since: CivilTime, afterRequests requests: Int) async throws -> InterruptedBackfill {
        let source = sourceName(dialect)
        guard let sync = try await environment(transport: FailingTransport(failAfter: requests)).sync(named: source) else {
            throw ConfigError(path: "sources", message: "no source \(source)")
        }
        let report = await sync.backfill(since: since, until: nil)
        let stored = try DatasetComparison.count("orders", database: databasePath, source: source)
        let store = try SQLiteStore(path: databasePath)
        defer { store.close() }
        let checkpoint = try await store.checkpoint(source: source, stream: "backfill")
        return InterruptedBackfill(outcome: report.outcome, storedOrders: stored, checkpoint: checkpoint)
    }
}

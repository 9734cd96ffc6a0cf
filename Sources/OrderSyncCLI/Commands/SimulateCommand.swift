import FoundationEssentials
import OrderSyncCore
import OrderSyncSimulator

/// `ordersync simulate`: the built-in upstream, all five dialects on one loopback port.
enum SimulateCommand: CLICommand {
    static let spec = CommandSpec(
        name: "simulate",
        abstract: "Serve all five provider dialects from a deterministic data set on one loopback port.",
        discussion: """
            For demos, tests and benchmarks. Control endpoints (no auth): GET /_sim/health, GET /_sim/stats,
            POST /_sim/mutate?dialect=erp&count=10 (&delete=N deletes orders), GET /_sim/orders?dialect=erp (ids and
            raw statuses upstream), POST /_sim/fault?dialect=erp&kind=status&status=503&count=3 (kinds: status, delay,
            reset, truncated, garbage, bad_record, unsuccessful, mix; rate=0.02 instead of count hits that fraction
            of requests), POST /_sim/faults/clear. All of them: docs/simulator.md.
            """,
        options: [
            .value("port", "n", "The port to listen on, 0 for any free one (default: 8700)."),
            .value("orders", "n", "Orders per dialect (default: 200)."),
            .value("seed", "n", "The data set's seed (default: 1)."),
            .value("write-config", "path", "Also write an ordersync configuration for these upstreams to this file."),
            .value("database", "path", "The database named in the written configuration (default: ./ordersync-sim.db)."),
            .flag("force", "Replace a --write-config file even if simulate did not write it."),
        ])

    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        var configuration = SimulatorConfiguration()
        configuration.port = UInt16(try arguments.integer("port", default: 8700, in: 0...65_535, spec: spec))
        configuration.ordersPerDialect = try arguments.integer("orders", default: 200, in: 0...1_000_000, spec: spec)
        configuration.seed = UInt64(try arguments.integer("seed", default: 1, in: 0...Int.max, spec: spec))
        if let path = arguments.value("write-config"), !arguments.flag("force"),
           let problem = OverwriteGuard.simulatorConfigProblem(path) {
            context.console.err("Error: \(problem)")
            return .failure
        }
        let simulator = Simulator(configuration: configuration)
        try simulator.start()
        context.console.out("simulator listening on 127.0.0.1:\(simulator.port) (\(configuration.ordersPerDialect) orders per dialect, seed \(configuration.seed))")
        for dialect in SimDialect.allCases {
            let credential = configuration.sourceSettings(for: dialect).auth.map { "\($0.key) \($0.value)" }
                .joined(separator: ", ")
            context.console.out("  \(dialect.rawValue): \(simulator.baseURL(for: dialect))  (\(credential))")
        }
        if let path = arguments.value("write-config") {
            let database = arguments.value("database") ?? "./ordersync-sim.db"
            let start = Instant.now().adding(seconds: -Int64(configuration.historyDays + 30) * 86_400).dateText(in: ZoneRules.utc)
            let text = SimulatorSources.configurationText(for: simulator, database: database, startDate: start)
            try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: path))
            context.console.out("wrote a configuration for these upstreams to \(path)")
        }
        context.console.out("press Ctrl-C to stop")
        let stop = AsyncStream<Void>.makeStream()
        let signals = await SignalHandling.watch(context: context, immediateExit: .success) { _ in stop.continuation.finish() }
        for await _ in stop.stream {}
        signals.cancel()
        simulator.stop()
        return .success
    }
}

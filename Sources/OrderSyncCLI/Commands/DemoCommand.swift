import Foundation
import OrderSyncCore
import OrderSyncSimulator

/// `ordersync demo`: the whole pipeline in one command, against the built-in simulator.
enum DemoCommand: CLICommand {
    static let spec = CommandSpec(
        name: "demo",
        abstract: "Start the simulator, sync every dialect into ./ordersync-demo.db, print a summary.",
        options: [
            .value("orders", "n", "Orders per dialect (default: 200)."),
            .value("seed", "n", "The data set's seed (default: 1)."),
            .value("database", "path", "Where to write (default: ./ordersync-demo.db; replaced if it exists)."),
        ])

    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        var simulatorConfiguration = SimulatorConfiguration()
        simulatorConfiguration.ordersPerDialect = try arguments.integer("orders", default: 200, in: 1...100_000, spec: spec)
        simulatorConfiguration.seed = UInt64(try arguments.integer("seed", default: 1, in: 0...Int.max, spec: spec))
        let database = arguments.value("database") ?? "ordersync-demo.db"
        let simulator = Simulator(configuration: simulatorConfiguration)
        try simulator.start()
        defer { simulator.stop() }
        context.console.out("simulator started on 127.0.0.1:\(simulator.port) with \(simulatorConfiguration.ordersPerDialect) orders per dialect")

        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        let utc = TimeZone(identifier: "UTC")!
        let start = Instant.now().adding(seconds: -Int64(simulatorConfiguration.historyDays + 30) * 86_400).dateText(in: utc)
        let text = SimulatorSources.configurationText(for: simulator, database: database, startDate: start)
        let configuration = try ConfigLoader.parse(
            text: text, environment: [:], dialects: DialectRegistry.requirements, baseDirectory: context.workingDirectory)
        let logger = context.logger(level: "warning")
        let store = try OrderStore(path: database)
        defer { store.close() }
        let environment = try SyncEnvironment(configuration: configuration, store: store, logger: logger)

        let clock = ContinuousClock()
        let began = clock.now
        let reports = await runConcurrently(environment.syncs) { await $0.poll() }
        let elapsed = clock.now - began
        context.console.out("synced \(reports.count) sources in \(elapsed.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1)))):")
        for (name, report) in reports {
            var line = "  \(name): \(report.outcome.rawValue), \(report.requests) requests, \(report.written.ordersUpserted) orders"
            if report.written.rejected > 0 { line += ", \(report.written.rejected) rejected" }
            if let error = report.error { line += " (\(error))" }
            context.console.out(line)
        }
        context.console.out("\nsource            currency     orders    lines         revenue")
        for row in try store.revenueSummary() {
            let revenue = MinorUnits.format(row.grossMinor, exponent: Currency.exponent(of: row.currency))
            context.console.out(pad(row.source, 18) + pad(row.currency, 9) + lpad("\(row.orders)", 10) + lpad("\(row.lines)", 9)
                                + lpad(revenue, 16))
        }
        let path = URL(fileURLWithPath: database, relativeTo: URL(fileURLWithPath: context.workingDirectory)).path
        // Name the binary the way it was started, so the commands can be pasted as they are.
        let binary = CommandLine.arguments.first.map { $0.contains("/") ? $0 : "ordersync" } ?? "ordersync"
        context.console.out("""

            The database is \(path). Try:
              sqlite3 -readonly \(database) "SELECT source, currency, count(*), sum(gross_minor) FROM orders GROUP BY 1, 2"
              sqlite3 -readonly \(database) "SELECT source, status, count(*) FROM orders GROUP BY 1, 2"
              \(binary) simulate --write-config sim.json     # a live upstream and a config for it; then, elsewhere:
              \(binary) run --config sim.json --once && \(binary) status --config sim.json
            """)
        return reports.allSatisfy(\.report.succeeded) ? .success : .failure
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(1, width - text.count))
    }

    private static func lpad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(1, width - text.count)) + text
    }
}

import FoundationEssentials
import OrderSyncCore
import OrderSyncSimulator
import PlatformSupport

/// `ordersync demo`: the whole pipeline in one command, against the built-in simulator.
enum DemoCommand: CLICommand {
    static let spec = CommandSpec(
        name: "demo",
        abstract: "Start the simulator, sync every dialect into ./ordersync-demo.db, print a summary.",
        options: [
            .value("orders", "n", "Orders per dialect (default: 200)."),
            .value("seed", "n", "The data set's seed (default: 1)."),
            .value("database", "path", "Where to write (default: ./ordersync-demo.db; an earlier demo database is replaced)."),
            .flag("force", "Replace the --database file even if demo did not write it."),
            .value("now", "YYYY-MM-DDTHH:MM:SSZ", "The simulated present (default: now); pins the data set, as in docs/reporting.md."),
        ])

    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        var simulatorConfiguration = SimulatorConfiguration()
        simulatorConfiguration.ordersPerDialect = try arguments.integer("orders", default: 200, in: 1...100_000, spec: spec)
        simulatorConfiguration.seed = UInt64(try arguments.integer("seed", default: 1, in: 0...Int.max, spec: spec))
        if let now = arguments.value("now") {
            guard now.hasSuffix("Z"), let instant = try? TimestampParser.parse(now, timeZone: ZoneRules.utc) else {
                throw UsageError("'--now' expects a UTC time YYYY-MM-DDTHH:MM:SSZ, got '\(now)'", spec: spec)
            }
            simulatorConfiguration.now = instant.date
        }
        let database = arguments.value("database") ?? "ordersync-demo.db"
        if !arguments.flag("force"), let problem = OverwriteGuard.demoDatabaseProblem(database) {
            context.console.err("Error: \(problem)")
            return .failure
        }
        let simulator = Simulator(configuration: simulatorConfiguration)
        try simulator.start()
        defer { simulator.stop() }
        context.console.out("simulator started on 127.0.0.1:\(simulator.port) with \(simulatorConfiguration.ordersPerDialect) orders per dialect")

        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        let utc = ZoneRules.utc
        let simulatedNow = Instant(simulatorConfiguration.now)
        let start = simulatedNow.adding(seconds: -Int64(simulatorConfiguration.historyDays + 30) * 86_400).dateText(in: utc)
        let text = SimulatorSources.configurationText(for: simulator, database: database, startDate: start)
        let configuration = try ConfigLoader.parse(
            text: text, environment: [:], dialects: DialectRegistry.requirements, baseDirectory: context.workingDirectory)
        let logger = context.logger(level: "warning")
        let store = try await SQLiteStore.open(path: database, logger: logger)
        defer { store.close() }
        let environment = try await SyncEnvironment(configuration: configuration, store: store, logger: logger)

        let clock = ContinuousClock()
        let began = clock.now
        let reports = await runConcurrently(environment.syncs) { await $0.poll() }
        let elapsed = clock.now - began
        context.console.out("synced \(reports.count) sources in \(String.fixed(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, fractionDigits: 1)) s:")
        for (name, report) in reports {
            var line = "  \(name): \(report.outcome.rawValue), \(report.requests) requests, \(report.written.ordersUpserted) orders"
            if report.written.rejected > 0 { line += ", \(report.written.rejected) rejected" }
            if let error = report.error { line += " (\(error))" }
            context.console.out(line)
        }
        context.console.out("\nsource            currency     orders    lines  revenue orders         revenue")
        for row in try await store.revenueSummary() {
            let revenue = MinorUnits.format(row.grossMinor, exponent: Currency.exponent(of: row.currency))
            context.console.out(pad(row.source, 18) + pad(row.currency, 9) + lpad("\(row.orders)", 10) + lpad("\(row.lines)", 9)
                                + lpad("\(row.revenueOrders)", 16) + lpad(revenue, 16))
        }
        context.console.out(revenueNote)
        try await printMonthlyRevenue(store, from: simulatedNow.adding(seconds: -Int64(simulatorConfiguration.historyDays) * 86_400),
                                to: simulatedNow, context: context)
        let path = URL(fileURLWithPath: database, relativeTo: URL(fileURLWithPath: context.workingDirectory)).path
        // Name the binary the way it was started, so the commands can be pasted as they are.
        let binary = CommandLine.arguments.first.map { $0.contains("/") ? $0 : "ordersync" } ?? "ordersync"
        context.console.out("""

            The database is \(path). Try:
              sqlite3 -readonly \(database) "SELECT source, currency, count(*), sum(gross_minor) FROM orders GROUP BY 1, 2"
              sqlite3 -readonly \(database) "SELECT source, status, count(*) FROM orders GROUP BY 1, 2"
              sqlite3 -readonly \(database) "SELECT source, order_id, reason FROM order_reconciliation WHERE reconciles = 0"
              \(binary) simulate --write-config sim.json     # a live upstream and a config for it; then, elsewhere:
              \(binary) run --config sim.json --once && \(binary) status --config sim.json
            """)
        return reports.allSatisfy(\.report.succeeded) ? .success : .failure
    }

    /// Loads the illustrative rates, then prints the latest months of revenue per source in EUR
    /// (`orders_converted`, the first query of docs/reporting.md).
    private static func printMonthlyRevenue(_ store: any OrderStore, from: Instant, to: Instant, context: CommandContext) async throws {
        try await store.setReportingCurrency(DemoRates.reportingCurrency)
        let rates = try FXRateFile.parse(DemoRates.csv(from: from, to: to), file: "demo rates")
        _ = try await store.importRates(rates)
        context.console.out("\nrevenue per month and source in EUR (view orders_converted, with \(rates.count) illustrative rates, "
                            + "not market data; none for KWD, so its orders stay unconverted; only orders that count as revenue):")
        context.console.out("month    source            orders      revenue EUR  unconverted")
        for row in try await store.monthlyRevenue(lastMonths: 3) {
            let line = pad(row.month, 9) + pad(row.source, 18) + lpad("\(row.orders)", 6) + lpad(row.revenue ?? "-", 17)
            context.console.out(row.unconverted == 0 ? line : line + lpad("\(row.unconverted)", 13))
        }
    }

    /// What the revenue figures include: `OrderStatus.countsAsRevenue`, the list the views' `counts_as_revenue` is tested against.
    static var revenueNote: String {
        let counted = OrderStatus.allCases.filter(\.countsAsRevenue).map(\.rawValue)
        let left = OrderStatus.allCases.filter { !$0.countsAsRevenue }.map(\.rawValue)
        return "revenue: the gross of orders in status \(counted.joined(separator: ", ")) (counts_as_revenue in the views); "
            + "\(left.joined(separator: ", ")) orders are left out"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(1, width - text.count))
    }

    private static func lpad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(1, width - text.count)) + text
    }
}

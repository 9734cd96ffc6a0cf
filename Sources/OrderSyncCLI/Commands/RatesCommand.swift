import FoundationEssentials
import OrderSyncCore

/// `ordersync rates import FILE.csv`: loads exchange rates into `fx_rates` for the reporting
/// views, all rows or none.
enum RatesCommand: CLICommand {
    static let spec: CommandSpec = {
        var spec = CommandSpec(
            name: "rates",
            abstract: "Import exchange rates (day,base,quote,rate CSV, or the ECB's CSV) for the reporting views.",
            discussion: """
                The file starts with the header day,base,quote,rate; each row says that on day one base is worth \
                rate quote (2026-01-02,EUR,USD,1.0834). A header starting with Date reads the European Central \
                Bank's layout instead (eurofxref-hist.csv: one column per currency, rates against the euro, N/A \
                skipped). Quoted fields ("1,234.5") are read as spreadsheets write them. Every row is checked first \
                and every problem printed with its line and column; nothing is imported unless all are good. Importing the same file again changes nothing; a rate \
                given anew for the same day and pair replaces the stored one. Also records reporting.currency.
                """,
            options: [.config],
            usage: "import <file.csv> [--config <path>]")
        spec.arguments = ["action", "file"]
        return spec
    }()

    static func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        guard arguments.positionals.first == "import" else {
            let got = arguments.positionals.first.map { "unknown action '\($0)'" } ?? "missing action"
            throw UsageError("\(got) (expected: import)", spec: spec)
        }
        guard arguments.positionals.count == 2 else { throw UsageError("missing the CSV file to import", spec: spec) }
        let configuration = try context.loadConfiguration(arguments, resolveSecrets: false)
        let file = arguments.positionals[1]
        let path = URL(fileURLWithPath: file, relativeTo: URL(fileURLWithPath: context.workingDirectory)).path
        guard let bytes = FileManager.default.contents(atPath: path) else {
            let why = FileManager.default.fileExists(atPath: path) ? "it is not readable" : "no such file"
            context.console.err("Error: cannot read \(file): \(why)")
            return .failure
        }
        guard let text = String(data: bytes, encoding: .utf8) else {
            context.console.err("Error: \(file) is not UTF-8 text; save it as UTF-8 CSV")
            return .failure
        }
        let rates: [FXRate]
        do {
            rates = try FXRateFile.parse(text, file: file)
        } catch {
            context.console.err("Error: \(file) has problems:\n" + error.description)
            return .failure
        }
        let store = try await context.openStore(configuration, logger: context.logger(for: configuration))
        defer { store.close() }
        try await store.setReportingCurrency(configuration.reporting.currency)
        let summary = try await store.importRates(rates)
        context.console.out("\(file): \(rates.count) rates: \(summary.added) added, \(summary.changed) changed, \(summary.unchanged) unchanged")
        if configuration.reporting.currency == nil {
            context.console.out("note: reporting.currency is not set, so orders_converted converts nothing yet")
        }
        return .success
    }
}

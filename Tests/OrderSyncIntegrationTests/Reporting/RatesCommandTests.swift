import Foundation
import OrderSyncCLI
import OrderSyncCore
import OrderSyncTesting
import Testing

/// `ordersync rates import`: exit codes of the command line contract, all-or-nothing imports
/// with line numbers, idempotence, and `reporting.currency` recorded for the views.
@Suite("rates import command")
struct RatesCommandTests {
    struct Result {
        var code: ExitCode
        var out: String
        var err: String
    }

    func ordersync(_ arguments: [String], directory: String) async -> Result {
        let out = LockedBox<[String]>([])
        let err = LockedBox<[String]>([])
        let console = Console(out: { line in out.withValue { $0.append(line) } }, err: { line in err.withValue { $0.append(line) } })
        let context = CommandContext(environment: [:], console: console, logSink: .discard, workingDirectory: directory)
        let code = await OrderSyncCommand.main(arguments, context: context)
        return Result(code: code, out: out.current.joined(separator: "\n"), err: err.current.joined(separator: "\n"))
    }

    func writeConfig(_ directory: String, reporting: String = #""reporting": {"currency": "EUR"},"#) throws -> String {
        let path = directory + "/config.json"
        try Data("""
            {"database": "\(directory)/orders.db", \(reporting)
             "sources": [{"name": "a", "dialect": "erp", "base_url": "https://erp.example", "auth": {"token_env": "NOT_SET_HERE"}}]}
            """.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func storedRates(_ directory: String) throws -> [String] {
        let db = try Database(path: directory + "/orders.db", options: Database.OpenOptions(readOnly: true, create: false))
        return try db.makeStatement("SELECT day || ' ' || base || ' ' || quote || ' ' || rate FROM fx_rates ORDER BY 1").query()
            .compactMap { $0.string(0) }
    }

    @Test("a good file imports once; importing it again changes nothing; a new rate replaces the old")
    func importsIdempotently() async throws {
        try await withTemporaryDirectory { directory in
            let config = try writeConfig(directory)
            try Data("day,base,quote,rate\n2026-01-02,EUR,USD,1.0834\n2026-01-02,USD,EUR,0.923\n".utf8)
                .write(to: URL(fileURLWithPath: directory + "/rates.csv"))
            let first = await ordersync(["rates", "import", "rates.csv", "--config", config], directory: directory)
            #expect(first.code == .success, "\(first.err)")
            #expect(first.out == "rates.csv: 2 rates: 2 added, 0 changed, 0 unchanged")
            let again = await ordersync(["rates", "import", "rates.csv", "--config", config], directory: directory)
            #expect(again.out == "rates.csv: 2 rates: 0 added, 0 changed, 2 unchanged")
            #expect(try storedRates(directory) == ["2026-01-02 EUR USD 1.0834", "2026-01-02 USD EUR 0.923"])
            try Data("day,base,quote,rate\n2026-01-02,EUR,USD,1.0840\n".utf8).write(to: URL(fileURLWithPath: directory + "/fix.csv"))
            let fix = await ordersync(["rates", "import", "fix.csv", "--config", config], directory: directory)
            #expect(fix.out == "fix.csv: 1 rates: 0 added, 1 changed, 0 unchanged")
            #expect(try storedRates(directory) == ["2026-01-02 EUR USD 1.084", "2026-01-02 USD EUR 0.923"])
            let db = try Database(path: directory + "/orders.db", options: Database.OpenOptions(readOnly: true, create: false))
            #expect(try db.makeStatement("SELECT value FROM reporting_settings WHERE key = 'currency'").scalar()?.stringValue == "EUR")
        }
    }

    @Test("the binary imports the ECB's layout with quoted cells; a bad one names file, line and column and imports nothing")
    func ecbFileWithTheBinary() async throws {
        try await withTemporaryDirectory { directory in
            let config = try writeConfig(directory)
            try Data("Date,USD,JPY,CYP,\n2024-01-05,\"1.0921\",\"1,158.08\",N/A,\n2024-01-04,1.0953,N/A,0.5,\n".utf8)
                .write(to: URL(fileURLWithPath: directory + "/eurofxref-hist.csv"))
            let good = try OrderSyncProcess(["rates", "import", "eurofxref-hist.csv", "--config", config], directory: directory)
            #expect(await good.wait(timeout: .seconds(60)) == 0, "\(good.output)")
            #expect(good.output.contains("eurofxref-hist.csv: 3 rates: 3 added"), "\(good.output)")
            #expect(try storedRates(directory) == ["2024-01-04 EUR USD 1.0953", "2024-01-05 EUR JPY 1158.08", "2024-01-05 EUR USD 1.0921"])

            try Data("Date,USD,GBP,\n2024-01-08,1.09,0.86,\n2024-01-09,1.09,\"0.86,\n".utf8)
                .write(to: URL(fileURLWithPath: directory + "/bad.csv"))
            let bad = try OrderSyncProcess(["rates", "import", "bad.csv", "--config", config], directory: directory)
            #expect(await bad.wait(timeout: .seconds(60)) == 1, "\(bad.output)")
            #expect(bad.output.contains("bad.csv:3:17: the quoted field starting here has no closing quote"), "\(bad.output)")
            #expect(bad.output.contains("nothing was imported"))
            #expect(try storedRates(directory).count == 3, "the good line 2 of the bad file was not imported either")
        }
    }

    @Test("a bad file exits 1 naming each bad line, and imports none of it")
    func badFileImportsNothing() async throws {
        try await withTemporaryDirectory { directory in
            let config = try writeConfig(directory)
            try Data("day,base,quote,rate\n2026-01-02,EUR,USD,1.08\n2026-01-03,EUR,USD,abc\n".utf8)
                .write(to: URL(fileURLWithPath: directory + "/bad.csv"))
            let result = await ordersync(["rates", "import", "bad.csv", "--config", config], directory: directory)
            #expect(result.code == .failure)
            #expect(result.err.contains("bad.csv:3:20: rate \"abc\" is not a plain decimal number"), "\(result.err)")
            #expect(result.err.contains("nothing was imported"))
            let stored = FileManager.default.fileExists(atPath: directory + "/orders.db") ? try storedRates(directory) : []
            #expect(stored.isEmpty)
            let missing = await ordersync(["rates", "import", "nope.csv", "--config", config], directory: directory)
            #expect(missing.code == .failure && missing.err.contains("cannot read nope.csv: no such file"), "\(missing.err)")
        }
    }

    @Test("usage errors exit 64, a bad reporting.currency 78")
    func exitCodes() async throws {
        try await withTemporaryDirectory { directory in
            for (arguments, message) in [
                (["rates"], "missing action (expected: import)"),
                (["rates", "export", "x.csv"], "unknown action 'export' (expected: import)"),
                (["rates", "import"], "missing the CSV file to import"),
                (["rates", "import", "a.csv", "b.csv"], "unexpected argument 'b.csv'"),
            ] {
                let result = await ordersync(arguments, directory: directory)
                #expect(result.code == .usage, "\(arguments)")
                #expect(result.err.contains(message) && result.err.contains("Usage: ordersync rates import <file.csv>"), "\(result.err)")
            }
            let config = try writeConfig(directory, reporting: #""reporting": {"currency": "Euro"},"#)
            let bad = await ordersync(["rates", "import", "x.csv", "--config", config], directory: directory)
            #expect(bad.code == .configuration)
            #expect(bad.err.contains("reporting.currency: expected an ISO 4217 currency code"), "\(bad.err)")
            let help = await ordersync(["rates", "--help"], directory: directory)
            #expect(help.code == .success && help.out.contains("USAGE: ordersync rates import <file.csv> [--config <path>]"))
        }
    }
}

import Foundation
import OrderSyncCore
import OrderSyncTesting
import Testing

@testable import OrderSyncCLI

/// The command line contract of `interface.md`: help on stdout with 0, usage errors on stderr
/// with 64, configuration errors naming the key with 78.
@Suite("Command line")
struct CommandLineTests {
    struct Result {
        var code: ExitCode
        var out: String
        var err: String
    }

    func ordersync(_ arguments: [String], environment: [String: String] = [:], directory: String = NSTemporaryDirectory()) async -> Result {
        let out = LockedBox<[String]>([])
        let err = LockedBox<[String]>([])
        let console = Console(out: { line in out.withValue { $0.append(line) } }, err: { line in err.withValue { $0.append(line) } })
        let context = CommandContext(environment: environment, console: console, logSink: .discard, workingDirectory: directory)
        let code = await OrderSyncCommand.main(arguments, context: context)
        return Result(code: code, out: out.current.joined(separator: "\n"), err: err.current.joined(separator: "\n"))
    }

    /// Every command the dispatcher knows, from its own table: a command added later is covered
    /// without anyone remembering to list it here.
    static let commandNames = OrderSyncCommand.commands.map(\.spec.name)

    @Test func theRegistryIsTheWholeCommandLine() {
        // The table is read, not empty (an empty one would make the help test below vacuous).
        #expect(Self.commandNames.count >= 10, "\(Self.commandNames)")
        #expect(Set(Self.commandNames).count == Self.commandNames.count, "a command is declared twice")
    }

    @Test("--help works on every command, naming each of its options", arguments: commandNames)
    func help(command: String) async throws {
        let spec = try #require(OrderSyncCommand.commands.first { $0.spec.name == command }?.spec)
        let result = await ordersync([command, "--help"])
        #expect(result.code == .success)
        #expect(result.out.hasPrefix("OVERVIEW: \(spec.abstract)"))
        #expect(result.out.contains("USAGE: ordersync \(command)"))
        for option in spec.options {
            #expect(result.out.contains("  --\(option.name)"), "\(command) --help lacks --\(option.name)")
        }
        #expect(result.out.contains("-h, --help"))
        #expect(result.err.isEmpty)
    }

    @Test func topLevelHelpListsSubcommands() async {
        let result = await ordersync(["--help"])
        #expect(result.code == .success)
        for command in Self.commandNames {
            #expect(result.out.contains("\n  \(command) "), "ordersync --help lacks \(command)")
        }
    }

    @Test("usage errors exit 64 with the usage line", arguments: [
        (["frobnicate"], "unknown subcommand 'frobnicate'"),
        ([], "missing subcommand"),
        (["run", "--bogus"], "unknown option '--bogus'"),
        (["run", "--once=yes"], "option '--once' takes no value"),
        (["status", "--config"], "missing value for '--config <path>'"),
        (["backfill", "--all"], "missing --since"),
        (["backfill", "--since", "2024-01-01"], "give exactly one of --source <name> and --all"),
        (["backfill", "--all", "--since", "2024-13-01"], "--since expects a date as YYYY-MM-DD, got '2024-13-01'"),
        (["backfill", "--all", "--since", "2024-02-01", "--until", "2024-01-01"], "--until 2024-01-01 is before --since 2024-02-01"),
        (["simulate", "--port", "70000"], "'--port' expects an integer from 0 to 65535, got '70000'"),
    ] as [([String], String)])
    func usageErrors(arguments: [String], message: String) async {
        let result = await ordersync(arguments)
        #expect(result.code == .usage)
        #expect(result.err.hasPrefix("Error: "))
        #expect(result.err.contains(message), "\(result.err)")
        #expect(result.err.contains("Usage: ordersync"))
        #expect(result.out.isEmpty)
    }

    @Test func configurationErrorsExit78NamingTheKey() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/config.json"
            try Data("""
                {"database": "x.db", "sources": [{"name": "a", "dialect": "erp", "base_url": "http://erp.example.com",
                  "auth": {"token": "t"}, "page_size": "ten"}]}
                """.utf8).write(to: URL(fileURLWithPath: path))
            let result = await ordersync(["check-config", "--config", path])
            #expect(result.code == .configuration)
            #expect(result.err.contains("sources[0].page_size: expected a positive integer, got \"ten\""), "\(result.err)")
            #expect(result.err.contains("sources[0].base_url"), "http:// is refused for a non-loopback host")

            let missing = await ordersync(["run", "--once", "--config", directory + "/nope.json"])
            #expect(missing.code == .configuration)
            #expect(missing.err.contains("cannot read \(directory)/nope.json"))
        }
    }

    @Test func checkConfigNamesASettingTheDialectIgnoresAndEveryOptionError() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/config.json"
            let sources = #"[{"name": "a", "dialect": "erp", "base_url": "https://erp.example.com", "auth": {"token": "t"}},"#
                + #" {"name": "f", "dialect": "formations", "base_url": "https://f.example.com", "auth": {"token": "t"}, "page_size": 100}]"#
            try Data(#"{"database": "x.db", "sources": \#(sources)}"#.utf8).write(to: URL(fileURLWithPath: path))
            // The warning is logged (journal or stderr), by check-config as by every command.
            let log = LockedBox<[String]>([])
            let context = CommandContext(environment: [:], console: Console(out: { _ in }, err: { _ in }),
                                         logSink: .collecting(into: log), workingDirectory: directory)
            #expect(await OrderSyncCommand.main(["check-config", "--config", path], context: context) == .success)
            #expect(log.current.contains { $0.contains("sources[1].page_size: formations' server fixes its page size; the value is ignored") },
                    "\(log.current)")

            let bad = sources.replacingOccurrences(of: #""page_size": 100"#, with: #""options": {"filter_param": "a b", "x": 1}"#)
            try Data(#"{"database": "x.db", "sources": \#(bad)}"#.utf8).write(to: URL(fileURLWithPath: path))
            let refused = await ordersync(["check-config", "--config", path])
            #expect(refused.code == .configuration)
            #expect(refused.err.contains("sources[1].options.filter_param: expected a query parameter name"), "\(refused.err)")
            #expect(refused.err.contains("sources[1].options.x: unknown formations option"), "\(refused.err)")
        }
    }

    @Test("the default config path comes from ORDERSYNC_CONFIG")
    func configFromEnvironment() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/from-env.json"
            try Data(#"{"database": "x.db", "sources": [{"name": "a", "dialect": "erp", "base_url": "https://erp.example.com", "auth": {"token": "t"}}]}"#.utf8)
                .write(to: URL(fileURLWithPath: path))
            let result = await ordersync(["check-config"], environment: ["ORDERSYNC_CONFIG": path])
            #expect(result.code == .success, "\(result.err)")
            #expect(result.out.contains("\(path): OK"))
        }
    }

    @Test("config.example.json is valid, with its secrets supplied the ways it names")
    func exampleConfigurationIsValid() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let example = root.appendingPathComponent("config.example.json").path
        let text = try String(contentsOfFile: example, encoding: .utf8)
        try await withTemporaryDirectory { credentials in
            var environment = ["CREDENTIALS_DIRECTORY": credentials]
            let config = try JSONValue.parse(text)
            for source in config["sources"]?.arrayValue ?? [] {
                for member in source["auth"]?.objectValue?.members ?? [] {
                    guard let value = member.value.stringValue else { continue }
                    if member.key.hasSuffix("_env") { environment[value] = "example-secret" }
                    if member.key.hasSuffix("_file") {
                        try Data("example-secret\n".utf8).write(to: URL(fileURLWithPath: credentials + "/" + value))
                    }
                }
            }
            // The example's /var/lib/ordersync exists only on an installed machine; check-config
            // requires the database directory, so the copy points into this test's directory.
            let copy = credentials + "/config.json"
            try Data(text.replacingOccurrences(of: "/var/lib/ordersync/", with: credentials + "/").utf8).write(to: URL(fileURLWithPath: copy))
            let result = await ordersync(["check-config", "--config", copy], environment: environment)
            #expect(result.code == .success, "\(result.err)")
            for dialect in DialectRegistry.builtIn.map({ $0.name }) {
                #expect(result.out.contains(": \(dialect) at https://"), "the example shows a \(dialect) source")
            }
        }
    }

    @Test("status needs the database, not the credentials")
    func statusWithoutSecrets() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp"])
            let noDatabase = await ordersync(["status", "--config", harness.configPath])
            #expect(noDatabase.code == .failure)
            #expect(noDatabase.err.contains("no database at"))
            #expect(await harness.ordersync("run", "--once") == .success)
            // The same configuration with the token moved to an environment variable that is not set here.
            let text = try String(contentsOfFile: harness.configPath, encoding: .utf8)
                .replacingOccurrences(of: "\"token\": \"sim-erp-token\"", with: "\"token_env\": \"ORDERSYNC_TEST_UNSET\"")
            let path = directory + "/env-token.json"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let status = await ordersync(["status", "--json", "--config", path])
            #expect(status.code == .success, "\(status.err)")
            let json = try JSONValue.parse(status.out)
            let source = try #require(json["sources"]?.arrayValue?.first)
            #expect(source["orders"] == .number("200"))
            #expect(source["last_run"]?["outcome"] == .string("ok"))
            #expect(await ordersync(["run", "--once", "--config", path]).code == .configuration, "run does need it")
        }
    }
}

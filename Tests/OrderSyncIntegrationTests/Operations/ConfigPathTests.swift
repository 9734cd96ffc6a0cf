import Foundation
import OrderSyncCore
import OrderSyncTesting
import Testing

/// Paths and configuration as an operator meets them, through the binary: a relative database
/// is the file next to the configuration, a disabled source needs no secrets, a malformed file
/// is named, `help <command>` and `scripts/install --no-enable` do what their help says.
@Suite("Configuration paths, through the binary")
struct ConfigPathTests {
    @Test("a relative database is the file next to the configuration, from any directory")
    func relativeDatabase() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp"])
            try Operations.editConfig(harness.configPath, root: ["database": .string("ordersync-sim.db")])
            let elsewhere = directory + "/elsewhere"
            try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)

            let run = try await OrderSyncProcess.run(["run", "--once", "--config", harness.configPath], directory: elsewhere)
            #expect(run.status == 0, "\(run.output)")
            #expect(FileManager.default.fileExists(atPath: directory + "/ordersync-sim.db"), "created next to the configuration")
            #expect(!FileManager.default.fileExists(atPath: elsewhere + "/ordersync-sim.db"), "not in the working directory")
            #expect(run.output.contains("database=\(directory)/ordersync-sim.db"), "the log names the absolute path: \(run.output)")

            // `cd / && ordersync status --config …` finds it; so does a relative --config.
            let status = try await OrderSyncProcess.run(["status", "--config", harness.configPath], directory: "/")
            #expect(status.status == 0, "\(status.output)")
            #expect(status.output.contains("\(directory)/ordersync-sim.db"), "\(status.output)")
            let relative = try await OrderSyncProcess.run(["status", "--config", "../config.json"], directory: elsewhere)
            #expect(relative.status == 0, "\(relative.output)")
        }
    }

    @Test("the shipped config.example.json passes check-config without the disabled source's token")
    func disabledSourceNeedsNoSecrets() async throws {
        try await withTemporaryDirectory { directory in
            let example = OrderSyncProcess.packageRoot + "/config.example.json"
            let text = try String(contentsOfFile: example, encoding: .utf8)
                .replacingOccurrences(of: "/var/lib/ordersync/orders.db", with: directory + "/orders.db")
            let config = directory + "/config.json"
            try Data(text.utf8).write(to: URL(fileURLWithPath: config))
            for file in ["partner-reseller.password", "acme-erp.token", "webshop-lifecycle.token"] {
                try Data("secret-\(file)\n".utf8).write(to: URL(fileURLWithPath: directory + "/" + file))
                chmod(directory + "/" + file, 0o600)
            }
            let environment = ["FLEET_MOBILITY_TOKEN": "fleet-token"]
            let check = try await OrderSyncProcess.run(["check-config", "--config", config], directory: directory, environment: environment)
            #expect(check.status == 0, "\(check.output)")
            #expect(check.output.contains("northwind-formations"), "\(check.output)")

            // Used by name, a disabled source needs its secrets like any other.
            let named = try await OrderSyncProcess.run(["run", "--once", "--source", "northwind-formations", "--config", config],
                                                       directory: directory, environment: environment)
            #expect(named.status == 78, "\(named.output)")
            #expect(named.output.contains("NORTHWIND_FORMATIONS_TOKEN is not set"), "\(named.output)")
        }
    }

    @Test("a malformed configuration is named with its line and column")
    func malformedConfigNamesItsFile() async throws {
        try await withTemporaryDirectory { directory in
            let config = directory + "/config.json"
            try Data("{\n  \"database\": \"x.db\",\n  \"sources\": [}\n".utf8).write(to: URL(fileURLWithPath: config))
            let check = try await OrderSyncProcess.run(["check-config", "--config", config], directory: directory)
            #expect(check.status == 78)
            #expect(check.output.contains("\(config): invalid JSON at line 3, column 15"), "\(check.output)")
        }
    }

    @Test("ordersync help run shows run's help; help of no command is a usage error")
    func helpCommand() async throws {
        try await withTemporaryDirectory { directory in
            let help = try await OrderSyncProcess.run(["help", "run"], directory: directory)
            #expect(help.status == 0)
            #expect(help.output.contains("USAGE: ordersync run"), "\(help.output)")
            let top = try await OrderSyncProcess.run(["help"], directory: directory)
            #expect(top.status == 0 && top.output.contains("SUBCOMMANDS:"), "\(top.output)")
            let unknown = try await OrderSyncProcess.run(["help", "frobnicate"], directory: directory)
            #expect(unknown.status == 64 && unknown.output.contains("no help for 'frobnicate'"), "\(unknown.output)")
        }
    }

    @Test("scripts/install takes --no-enable, as its help says")
    func installTakesNoEnable() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [OrderSyncProcess.packageRoot + "/scripts/install", "--no-enable", "--binary", "/nonexistent/ordersync"]
        let pipe = Pipe()
        (process.standardOutput, process.standardError) = (pipe, pipe)
        try process.run()
        let said = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // Refused for the missing binary (or for not being root), never for the option.
        #expect(process.terminationStatus == 1, "\(said)")
        #expect(!said.contains("unknown option"), "\(said)")
        #expect(said.contains("no binary at /nonexistent/ordersync") || said.contains("run as root"), "\(said)")
    }
}

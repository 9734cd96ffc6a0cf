import Foundation
import OrderSyncCLI
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// The operator's commands against the simulator: `status` as a check, `reset`,
/// `run --once --source`, `check-config` (database directory, `--probe`), overwrite refusals,
/// JSON and trace logs.
@Suite("Operator commands", .serialized)
struct CommandOperationsTests {
    @Test("status exits 1 while a source fails its last 3 runs, 0 when healthy; --source narrows it")
    func statusExitCodes() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp", "lifecycle"], extra: [
                "http": .object(["max_attempts": .number("1"), "requests_per_second": .number("1000")]),
            ])
            let config = ["--config", harness.configPath]
            #expect(await Operations.ordersync(["run", "--once"] + config, directory: directory).code == .success)
            var status = await Operations.ordersync(["status"] + config, directory: directory)
            #expect(status.code == .success, "\(status.out)")
            #expect(status.out.contains("health:        ok"), "\(status.out)")

            harness.simulator.inject(SimFault(dialect: .erp, kind: .status(503, retryAfter: nil), count: 1_000_000))
            for _ in 1...3 { _ = await Operations.ordersync(["run", "--once", "--source", "sim-erp"] + config, directory: directory) }
            status = await Operations.ordersync(["status"] + config, directory: directory)
            #expect(status.code == .failure)
            #expect(status.out.contains("health:        UNHEALTHY: failed its last 3 runs"), "\(status.out)")
            let json = await Operations.ordersync(["status", "--json"] + config, directory: directory)
            #expect(json.code == .failure)
            #expect(json.out.contains(#""healthy":false"#) && json.out.contains(#""unhealthy_reason":"failed its last 3 runs""#), "\(json.out)")
            #expect(await Operations.ordersync(["status", "--source", "sim-lifecycle"] + config, directory: directory).code == .success)
            #expect(await Operations.ordersync(["status", "--source", "nope"] + config, directory: directory).code == .usage)
        }
    }

    @Test("status works for a user who may only read the database", RequiredTool.setprivAsRoot.trait)
    func statusReadOnly() async throws {
        try RequiredTool.setprivAsRoot.require()
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp"])
            #expect(await harness.ordersync("run", "--once") == .success)
            // A directory and files the user `nobody` may read but not write.
            let shared = "/tmp/ordersync-readonly-\(getpid())"
            try? FileManager.default.removeItem(atPath: shared)
            try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            defer { try? FileManager.default.removeItem(atPath: shared) }
            // A WAL database as a clean stop leaves it: everything checkpointed, no -wal or -shm
            // file, which a reader that may not write the directory cannot create.
            let source = try Database(path: harness.databasePath, options: Database.OpenOptions(create: false))
            try source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            try FileManager.default.copyItem(atPath: harness.databasePath, toPath: "\(shared)/orders.db")
            let header = try Data(contentsOf: URL(fileURLWithPath: "\(shared)/orders.db")).prefix(20)
            #expect(header[18] == 2 && header[19] == 2, "the copy is in WAL mode (header bytes 18-19)")
            try Operations.editConfig(harness.configPath, root: ["database": .string("\(shared)/orders.db")])
            try FileManager.default.copyItem(atPath: harness.configPath, toPath: "\(shared)/config.json")
            for file in ["orders.db", "config.json"] {
                try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: "\(shared)/\(file)")
            }
            let (status, said) = try RequiredTool.setprivAsRoot.run(
                ["--reuid=65534", "--regid=65534", "--clear-groups", OrderSyncProcess.binary, "status", "--config", "\(shared)/config.json"],
                in: shared)
            #expect(status == 0, "\(said)")
            #expect(said.contains("sim-erp (erp, enabled)"), "\(said)")
            #expect(!FileManager.default.fileExists(atPath: "\(shared)/orders.db-wal"), "nothing was written")
            #expect(!FileManager.default.fileExists(atPath: "\(shared)/orders.db-shm"), "nothing was written")
        }
    }

    @Test("reset explains without --yes (64), deletes the cursors with it; run --once --source polls one source")
    func resetAndSourceRun() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp", "lifecycle"])
            let config = ["--config", harness.configPath]
            #expect(await Operations.ordersync(["run", "--once", "--source", "sim-lifecycle"] + config, directory: directory).code == .success)
            #expect(try Operations.count(harness.databasePath, "SELECT count(DISTINCT source) FROM sync_runs") == 1)
            #expect(try Operations.count(harness.databasePath, "SELECT count(*) FROM sync_runs WHERE source = 'sim-lifecycle'") == 1)
            #expect(await Operations.ordersync(["run", "--source", "sim-erp"] + config, directory: directory).code == .usage)

            let cursors = "SELECT count(*) FROM sync_state WHERE source = 'sim-lifecycle'"
            let before = try Operations.count(harness.databasePath, cursors)
            #expect(before >= 1)
            let dry = await Operations.ordersync(["reset", "--source", "sim-lifecycle"] + config, directory: directory)
            #expect(dry.code == .usage)
            #expect(dry.err.contains("reset would delete these cursor(s) of 'sim-lifecycle'") && dry.err.contains("--yes"), "\(dry.err)")
            #expect(try Operations.count(harness.databasePath, cursors) == before, "nothing deleted without --yes")
            #expect(await Operations.ordersync(["reset", "--source", "sim-lifecycle", "--stream", "nope", "--yes"] + config,
                                               directory: directory).code == .failure)
            let done = await Operations.ordersync(["reset", "--source", "sim-lifecycle", "--yes"] + config, directory: directory)
            #expect(done.code == .success, "\(done.err)")
            #expect(try Operations.count(harness.databasePath, cursors) == 0)
            #expect(try Operations.count(harness.databasePath, "SELECT count(*) FROM orders WHERE source = 'sim-lifecycle'") > 0, "orders kept")
        }
    }

    @Test("check-config: a missing database directory and an unknown key in one pass; ORDERSYNC_CONFIG is the default")
    func checkConfigDatabaseDirectory() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp"])
            #expect(await Operations.ordersync(["check-config"], environment: ["ORDERSYNC_CONFIG": harness.configPath], directory: directory).code == .success)
            try Operations.editConfig(harness.configPath, root: ["database": .string(directory + "/missing/orders.db"), "log_levle": .string("info")])
            let result = await Operations.ordersync(["check-config", "--config", harness.configPath], directory: directory)
            #expect(result.code == .configuration)
            #expect(result.err.contains("log_levle: unknown key"), "\(result.err)")
            #expect(result.err.contains("database: the directory \(directory)/missing does not exist"), "\(result.err)")
            try Operations.editConfig(harness.configPath, root: ["database": .string(directory + "/missing/orders.db")])
            #expect(await Operations.ordersync(["run", "--once", "--config", harness.configPath], directory: directory).code == .configuration,
                    "run refuses it as a configuration error (78), which systemd does not restart")
        }
    }

    /// Time zones come from the system's tzdata (no ICU): a machine without it is told so, not
    /// that "Europe/Berlin" is unknown. Through the real binary, since TZDIR is per process.
    @Test("check-config: a named time zone without tzdata on the machine names the missing data")
    func timeZoneWithoutTZData() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp"])
            let text = try String(contentsOfFile: harness.configPath, encoding: .utf8)
            guard case .object(var config) = try JSONValue.parse(text), case .array(var sources)? = config["sources"],
                  case .object(var source)? = sources.first else { Issue.record("not a configuration"); return }
            source["timezone"] = .string("Europe/Berlin")
            sources[0] = .object(source)
            config["sources"] = .array(sources)
            try Data(JSONValue.object(config).serialized.utf8).write(to: URL(fileURLWithPath: harness.configPath))
            for (tzdir, expected) in [("/usr/share/zoneinfo", nil), (directory + "/no-zoneinfo", "install the tzdata package, or set TZDIR")] {
                let process = try OrderSyncProcess(["check-config", "--config", harness.configPath], directory: directory, environment: ["TZDIR": tzdir])
                let code = await process.wait(timeout: .seconds(30))
                if let expected {
                    #expect(code == ExitCode.configuration.rawValue, "\(process.output)")
                    #expect(process.output.contains(expected), "\(process.output)")
                } else {
                    #expect(code == 0, "\(process.output)")
                }
            }
        }
    }

    @Test("check-config --probe: ok with the right token, credentials refused with a wrong one, unreachable")
    func probe() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp", "lifecycle", "reseller"])
            let good = await Operations.ordersync(["check-config", "--probe", "--config", harness.configPath], directory: directory)
            #expect(good.code == .success, "\(good.out)\n\(good.err)")
            for name in ["sim-erp", "sim-lifecycle", "sim-reseller"] { #expect(good.out.contains("  \(name): ok (HTTP 200)"), "\(good.out)") }

            let text = try String(contentsOfFile: harness.configPath, encoding: .utf8)
            let token = harness.simulator.configuration.token(for: .erp)!
            let password = harness.simulator.configuration.resellerPassword
            try Data(text.replacingOccurrences(of: "\"\(token)\"", with: "\"wrong-token\"")
                .replacingOccurrences(of: "\"\(password)\"", with: "\"wrong-password\"").utf8).write(to: URL(fileURLWithPath: harness.configPath))
            try Operations.editConfig(harness.configPath) { $0 != "sim-lifecycle" }
            let wrong = await Operations.ordersync(["check-config", "--probe", "--config", harness.configPath], directory: directory)
            #expect(wrong.code == .failure)
            #expect(wrong.out.contains("  sim-erp: credentials refused"), "\(wrong.out)")
            #expect(wrong.out.contains("  sim-reseller: credentials refused"), "\(wrong.out)")
            #expect(!wrong.out.contains("wrong-token") && !wrong.out.contains("wrong-password"), "secrets never printed")

            harness.simulator.stop()
            let down = await Operations.ordersync(["check-config", "--probe", "--config", harness.configPath], directory: directory)
            #expect(down.code == .failure)
            #expect(down.out.contains("  sim-erp: unreachable"), "\(down.out)")
        }
    }

    @Test("log_format json: one object per line; trace logs each request without secrets, debug each page")
    func jsonAndTraceLogs() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp"])
            try Operations.editConfig(harness.configPath, root: ["log_format": .string("json"), "log_level": .string("trace")])
            let logs = LockedBox<[String]>([])
            #expect(await Operations.ordersync(["run", "--once", "--config", harness.configPath], directory: directory, logs: logs).code == .success)
            let lines = logs.current
            #expect(!lines.isEmpty)
            var requests = 0, pages = 0
            for line in lines {
                guard case .object(let object) = try JSONValue.parse(line) else { Issue.record("not an object: \(line)"); continue }
                #expect(object["time"] != nil && object["level"] != nil && object["message"] != nil, "\(line)")
                if object["message"] == .string("request") {
                    requests += 1
                    #expect(object["level"] == .string("trace") && object["status"] != nil && object["ms"] != nil && object["attempt"] != nil)
                }
                if object["message"] == .string("page written") { pages += 1 }
            }
            #expect(requests > 1 && pages > 0, "\(requests) request lines, \(pages) page lines")
            let token = harness.simulator.configuration.token(for: .erp)!
            #expect(!lines.joined().contains(token))
        }
    }

    @Test("a backfill on a terminal redraws one live line per source")
    func liveProgressOnATerminal() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp", "lifecycle"], extra: ["page_size": .number("5")])
            harness.simulator.inject(SimFault(kind: .delay(milliseconds: 15), count: 1_000_000))
            let result = await Operations.ordersync(
                ["backfill", "--all", "--since", "2020-01-01", "--config", harness.configPath], directory: directory, terminal: true)
            #expect(result.code == .success, "\(result.err)")
            let frames = result.err.components(separatedBy: "\u{1B}[2K")
            #expect(frames.contains { $0.hasPrefix("sim-erp: ") } && frames.contains { $0.hasPrefix("sim-lifecycle: ") }, "\(result.err)")
            #expect(result.err.contains("\u{1B}[2A"), "later frames move up over the two lines drawn")
        }
    }
}

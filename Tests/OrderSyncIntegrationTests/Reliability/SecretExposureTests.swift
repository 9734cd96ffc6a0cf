import Foundation
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// A token or password never appears in a log line, an error, `status` output or the database;
/// the database file is created readable by its owner only.
@Suite("Secrets and exposure (the real binary)")
struct SecretExposureTests {
    static let tokens: [SimDialect: String] = [.erp: "TOKEN-erp-7c1f-DO-NOT-LEAK", .lifecycle: "TOKEN-lc-93ab-DO-NOT-LEAK"]
    static let wrongToken = "WRONG-5d2e-DO-NOT-LEAK"

    @Test("no secret in output, errors, status or the database")
    func secretsStayPrivate() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp", "lifecycle"],
                                          simulator: SimulatorConfiguration(bearerTokens: Self.tokens))
            let wrongConfig = directory + "/wrong.json"
            let text = try String(contentsOfFile: harness.configPath, encoding: .utf8)
                .replacingOccurrences(of: Self.tokens[.erp]!, with: Self.wrongToken)
                .replacingOccurrences(of: "orders.db", with: "wrong.db")
            try Data(text.utf8).write(to: URL(fileURLWithPath: wrongConfig))

            var transcript = ""
            for (arguments, expected) in [
                (["check-config", "--config", harness.configPath], Int32(0)),
                (["run", "--once", "--config", harness.configPath], 0),
                (["backfill", "--config", harness.configPath, "--all", "--since", "2020-01-01"], 0),
                (["status", "--config", harness.configPath], 0),
                (["status", "--json", "--config", harness.configPath], 0),
                (["run", "--once", "--config", wrongConfig], 1),
                (["status", "--json", "--config", wrongConfig], 0),
            ] as [([String], Int32)] {
                let child = try OrderSyncProcess(arguments, directory: directory)
                let status = await child.wait(timeout: .seconds(60))
                #expect(status == expected, "\(arguments): \(child.output)")
                transcript += child.output
            }
            #expect(transcript.contains("credentials were refused"), "the wrong token is reported as refused credentials")
            var files = transcript
            for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.contains(".db") {
                files += String(decoding: try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)), as: UTF8.self)
            }
            for secret in Array(Self.tokens.values) + [Self.wrongToken] {
                #expect(!files.contains(secret), "\(secret) leaked")
            }
            let mode = try FileManager.default.attributesOfItem(atPath: harness.databasePath)[.posixPermissions] as? Int
            #expect(mode == 0o600, "the database is created readable by its owner only (got \(String(mode ?? 0, radix: 8)))")
        }
    }
}

import Foundation
import OrderSyncCLI
import OrderSyncSimulator
import OrderSyncTesting
import Testing

@testable import OrderSyncCore

/// reseller sessions against the simulator: a token that expires mid-run is replaced and the
/// run still converges; a wrong password stops the run at once with a clear message.
@Suite("reseller sessions against the simulator")
struct ResellerAuthIntegrationTests {
    static let dialect = "reseller"

    @Test func anExpiredTokenIsReplacedAndThePollStillEndsEqual() async throws {
        try await withTemporaryDirectory { directory in
            // Tokens live 1.5 s (the simulator reports expires_in 2, rounded up, so the daemon
            // would keep them: only the 401 tells it they expired). Long enough that a retried
            // request arrives before its fresh token expires, even on a loaded machine.
            var configuration = SimulatorConfiguration()
            configuration.resellerTokenTTL = 1.5
            let harness = try SyncHarness(directory: directory, dialects: [Self.dialect], simulator: configuration,
                                          extra: ["page_size": .number("20")])
            // The first page is answered late, so every later request carries an expired token.
            harness.simulator.inject(SimFault(dialect: .reseller, pathPrefix: "/api/v1/orders", kind: .delay(milliseconds: 1_700)))
            let sync = try #require(try await harness.environment().sync(named: harness.sourceName(Self.dialect)))
            let authorizer = try #require(sync.client.authorizer as? ResellerAuthorizer)

            let report = await sync.poll()
            #expect(report.outcome == .ok, "\(String(describing: report.error))")
            #expect(try harness.differences(Self.dialect) == [])
            let logins = await authorizer.logins
            // One login, then one per 401 on an expired token (more than one when the rest of the
            // poll outlasts the second token too).
            #expect(logins >= 2, "\(logins) logins")
            // Every request the client sent reached the simulator: the 401 and its retry included.
            #expect(harness.simulator.stats().requests[.reseller] == report.requests)
        }
    }

    @Test func aWrongPasswordFailsFastNamingTheSourceNotThePassword() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: [Self.dialect])
            let wrong = "not-the-Pa55word"
            let text = try String(contentsOfFile: harness.configPath, encoding: .utf8)
            #expect(text.contains(#""password": "sim-pass""#))
            try text.replacingOccurrences(of: #""password": "sim-pass""#, with: "\"password\": \"\(wrong)\"")
                .write(toFile: harness.configPath, atomically: true, encoding: .utf8)

            let code = await harness.ordersync("run", "--once")
            #expect(code != .success)
            let output = harness.output.current.joined(separator: "\n")
            #expect(output.contains("sim-reseller"))
            #expect(output.contains("/api/v1/authenticate"))
            #expect(output.contains("the credentials were refused"), "\(output)")
            #expect(!output.contains(wrong))
            let requests = harness.simulator.stats().requests[.reseller] ?? 0
            #expect((1...2).contains(requests), "logins only, no retry loop (\(requests))")

            let db = try Database(path: harness.databasePath, options: Database.OpenOptions(readOnly: true, create: false))
            let row = try #require(try db.makeStatement("SELECT outcome, error FROM sync_runs WHERE source = ?1")
                .query(harness.sourceName(Self.dialect)).first)
            #expect(row.string(0) == "failed")
            #expect(row.string(1)?.contains("credentials were refused") == true)
            #expect(row.string(1)?.contains(wrong) == false)
        }
    }
}

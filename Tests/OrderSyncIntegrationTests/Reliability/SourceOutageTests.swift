import Foundation
import OrderSyncCLI
@testable import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// A source that stays down: the others keep their schedule, it backs off (exponential, capped),
/// `status` shows it failing, and it recovers by itself when its upstream comes back.
@Suite("A source that stays down")
struct SourceOutageTests {
    @Test("the healthy source keeps polling; the dead one backs off, shows in status, and recovers")
    func outageAndRecovery() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: ["erp", "lifecycle"], extra: [
                "poll_interval_seconds": .number("1"),
                "http": .object(["max_attempts": .number("1"), "requests_per_second": .number("1000"),
                                 "failure_backoff_cap_seconds": .number("4")]),
            ])
            let transport = PathFailingTransport(failingPathPrefix: "/lifecycle/")
            let environment = try await harness.environment(transport: transport)
            let scheduler = PollScheduler(syncs: environment.syncs, logger: .silent)
            // The backoff doubles with each consecutive failure and stops at the cap.
            let steps = (1...6).map { scheduler.nextDelayAfterFailure($0, interval: 1, cap: 4) }
            #expect(steps[0] <= 1 && steps[2] >= 2 && steps.allSatisfy { $0 <= 4 }, "\(steps)")

            let running = Task { await scheduler.run() }
            let store = try #require(environment.store as? SQLiteStore)
            // Wait on progress, not on the clock: a loaded machine slows every poll alike.
            try await waitUntil(timeout: .seconds(40)) { try await count(store, "sim-erp", outcome: "ok") >= 4 }
            let down = try await store.status(of: "sim-lifecycle")
            let up = try await store.status(of: "sim-erp")
            #expect(down.consecutiveFailures >= 2, "failing runs recorded")
            #expect(down.lastError?.contains("sim-lifecycle") == true, "\(down.lastError ?? "nil")")
            #expect(up.lastRun?.outcome == "ok")
            let okRuns = try await count(store, "sim-erp", outcome: "ok")
            let failedRuns = try await count(store, "sim-lifecycle", outcome: "failed")
            #expect(okRuns >= 4, "the healthy source kept its 1 s schedule (\(okRuns) runs)")
            // Its 1 s interval stretches: consecutive failures are spaced ever further apart.
            try await waitUntil(timeout: .seconds(40)) { try await count(store, "sim-lifecycle", outcome: "failed") >= 4 }
            let starts = try await store.withDatabase { db in
                try db.makeStatement("SELECT started_at FROM sync_runs WHERE source = 'sim-lifecycle' ORDER BY run_id").query()
                    .compactMap { $0.string(0).flatMap { try? TimestampParser.parse($0, timeZone: ZoneRules.utc) } }
            }
            let gaps = zip(starts.dropFirst(), starts).map { $0.secondsSinceEpoch - $1.secondsSinceEpoch }
            #expect(gaps.contains { $0 >= 2 }, "backed off beyond the 1 s interval: gaps \(gaps), \(failedRuns) failures")

            let statusOutput = LockedBox<[String]>([])
            let console = Console(out: { line in statusOutput.withValue { $0.append(line) } }, err: { _ in })
            _ = await OrderSyncCommand.main(["status", "--config", harness.configPath], context: CommandContext(environment: [:], console: console))
            #expect(statusOutput.current.joined().contains("consecutive failed run"), "\(statusOutput.current)")

            transport.heal()
            try await waitUntil(timeout: .seconds(40)) { try await count(store, "sim-lifecycle", outcome: "ok") >= 1 }
            running.cancel()
            await running.value
            #expect(try await store.status(of: "sim-lifecycle").lastRun?.outcome != "failed", "recovered by itself")
            #expect(try harness.differences("lifecycle") == [])
        }
    }

    private func waitUntil(timeout: Duration, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while try await !condition(), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    private func count(_ store: SQLiteStore, _ source: String, outcome: String) async throws -> Int {
        try await store.withDatabase { db in
            try db.makeStatement("SELECT count(*) FROM sync_runs WHERE source = ?1 AND outcome = ?2").scalar(source, outcome)?.intValue ?? 0
        }
    }
}

/// A dead upstream for one source (a path prefix), the real one for the others, until healed.
final class PathFailingTransport: HTTPTransport {
    private let prefix: String
    private let failing = LockedBox(true)

    init(failingPathPrefix prefix: String) {
        self.prefix = prefix
    }

    func heal() { failing.withValue { $0 = false } }

    func perform(_ request: TransportRequest, limits: TransportLimits) async throws(TransportError) -> OrderSyncCore.HTTPResponse {
        if failing.current, request.url?.path.hasPrefix(prefix) == true {
            throw .connectionFailed("injected: connection refused")
        }
        return try await CurlTransport.shared.perform(request, limits: limits)
    }
}

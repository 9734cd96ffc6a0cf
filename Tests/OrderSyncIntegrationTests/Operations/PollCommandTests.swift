import Foundation
import OrderSyncCore
import OrderSyncTesting
import Testing

/// Issue 16 D: `ordersync poll --source NAME` makes the running daemon poll a source now, while
/// the daemon holds the lock; and `status` judges health by polls alone, as `/healthz` does.
@Suite("The poll command and one health rule (the real binary)", .serialized)
struct PollCommandTests {
    @Test("poll --source: the daemon (interval one hour) polls at once and the command reports its outcome")
    func pollNow() async throws {
        try await withTemporaryDirectory { directory in
            let firstDay = Day.today - 21
            let upstream = ERPUpstream(count: 30, firstDay: firstDay, dayCount: 20)
            let server = try HostileUpstream(handler: upstream.respond)
            defer { server.stop() }
            let fixture = try TrustFixture(directory: directory, sources: [
                TrustFixture.source("erp", "erp", server, ["start_date": Day.text(firstDay), "page_size": 25, "poll_interval_seconds": 3600]),
            ])
            func polls() throws -> Int { try fixture.count("SELECT count(*) FROM sync_runs WHERE kind = 'poll' AND outcome = 'ok'") }

            let noDatabase = try await fixture.run(["poll", "--source", "erp", "--timeout", "1"])
            #expect(noDatabase.status == 1 && noDatabase.output.contains("no database at"), "\(noDatabase.output)")
            let first = try await fixture.run(["run", "--once"])
            try #require(first.status == 0, "\(first.output.suffix(1_500))")
            // Without a daemon, nobody takes the request: exit 1, saying so; the request stays.
            let nobody = try await fixture.run(["poll", "--source", "erp", "--timeout", "1"])
            #expect(nobody.status == 1 && nobody.output.contains("no daemon took the request"), "\(nobody.output)")

            let daemon = try fixture.start(["run"])
            defer { if daemon.process.isRunning { daemon.signal(SIGKILL) } }
            // The daemon takes the waiting request at its first check: the poll it starts with,
            // and the one that answers it.
            try await Operations.waitUntil("the waiting request answered", timeout: .seconds(60)) {
                try fixture.count("SELECT count(*) FROM poll_requests WHERE outcome = 'ok'") == 1
            }
            let before = try polls()

            // An upstream change the hourly schedule would not see for an hour.
            let changed = 100_001
            try #require(upstream.status(changed) == "validated")
            upstream.setStatus(changed, "in_progress")
            let asked = try await fixture.run(["poll", "--source", "erp"], timeout: .seconds(90))
            #expect(asked.status == 0, "\(asked.output)")
            #expect(asked.output.contains("nudged the daemon (pid \(daemon.pid))"), "\(asked.output)")
            #expect(asked.output.contains("erp: polled by pid \(daemon.pid): ok"), "\(asked.output)")
            #expect(try polls() >= before + 1)
            #expect(try fixture.texts("SELECT status_raw FROM orders WHERE order_id = ?", "\(changed)") == ["in_progress"])
            #expect(try fixture.count("SELECT count(*) FROM poll_requests WHERE taken_by_pid = ? AND run_id IS NOT NULL", Int64(daemon.pid)) == 2)
            #expect(daemon.process.isRunning, "SIGUSR1 never ends the daemon")

            // Unknown and usage errors.
            #expect(try await fixture.run(["poll", "--source", "nope"]).status == 64)
            #expect(try await fixture.run(["poll"]).status == 64)
            daemon.signal(SIGTERM)
            #expect(await daemon.wait(timeout: .seconds(30)) == 0)
        }
    }

    @Test("status: a verify that succeeds is not a poll success; failing polls stay unhealthy until a poll succeeds")
    func verifyIsNoPollSuccess() async throws {
        try await withTemporaryDirectory { directory in
            let firstDay = Day.today - 21
            let upstream = ERPUpstream(count: 30, firstDay: firstDay, dayCount: 20)
            let down = LockedBox(false)
            let server = try HostileUpstream { request in
                down.current ? .json(#"{"error": "down"}"#, status: 503) : upstream.respond(request)
            }
            defer { server.stop() }
            var http = TrustFixture.fastHTTP
            http["max_attempts"] = 1
            let fixture = try TrustFixture(directory: directory, sources: [
                TrustFixture.source("erp", "erp", server, ["start_date": Day.text(firstDay), "page_size": 25, "http": http]),
            ])
            #expect(try await fixture.run(["run", "--once"]).status == 0)
            down.withValue { $0 = true }
            for _ in 1...3 { #expect(try await fixture.run(["run", "--once"]).status == 1) }
            let failing = try await fixture.run(["status"])
            #expect(failing.status == 1 && failing.output.contains("UNHEALTHY: failed its last 3 polls"), "\(failing.output)")

            down.withValue { $0 = false }
            #expect(try await fixture.run(["verify"]).status == 0)
            #expect(try await fixture.run(["resync", "--source", "erp", "--order", "100001"]).status == 0)
            let afterVerify = try await fixture.run(["status", "--json"])
            #expect(afterVerify.status == 1, "a verify is no poll: \(afterVerify.output)")
            #expect(afterVerify.output.contains(#""unhealthy_reason":"failed its last 3 polls""#), "\(afterVerify.output)")

            #expect(try await fixture.run(["run", "--once"]).status == 0)
            let healthy = try await fixture.run(["status"])
            #expect(healthy.status == 0, "\(healthy.output)")
        }
    }
}

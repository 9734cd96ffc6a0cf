import Foundation
@testable import OrderSyncCore
import OrderSyncTesting
import Testing

/// `/metrics` and `/healthz`: the text passes `promtool check metrics`, the health rule turns
/// on failures and staleness, and the listener serves only what it should.
@Suite("Metrics and health")
struct MetricsTests {
    let clock = LockedBox(Instant(secondsSinceEpoch: 1_800_000_000))

    func makeMetrics() -> SyncMetrics {
        let clock = self.clock
        let metrics = SyncMetrics(now: { clock.current })
        metrics.track(SourceConfiguration(name: "acme-erp", dialect: "erp", baseURL: URL(string: "https://erp.example")!,
                                          pollIntervalSeconds: 60, startDate: "2026-01-01"))
        metrics.track(SourceConfiguration(name: "shop\"x", dialect: "lifecycle", baseURL: URL(string: "https://l.example")!,
                                          pollIntervalSeconds: 60, startDate: "2026-01-01"))
        return metrics
    }

    func report(_ outcome: OrderStore.RunOutcome, orders: Int = 0) -> RunReport {
        var written = PageWriteSummary()
        written.ordersUpserted = orders
        return RunReport(runID: 1, outcome: outcome, requests: 3, written: written, error: nil)
    }

    @Test("run durations keep their fractions: a 250 ms poll is not a 0 s one")
    func subSecondDurations() {
        let metrics = makeMetrics()
        metrics.runFinished(source: "acme-erp", kind: .poll, report: report(.ok), startedAt: clock.current, finishedAt: clock.current,
                            elapsed: .milliseconds(250))
        metrics.runFinished(source: "acme-erp", kind: .poll, report: report(.ok), startedAt: clock.current, finishedAt: clock.current,
                            elapsed: .milliseconds(40))
        let text = metrics.prometheusText()
        #expect(text.contains(#"ordersync_source_run_duration_seconds_sum{kind="poll",source="acme-erp"} 0.29"#), "\(text)")
        #expect(text.contains(#"ordersync_source_run_duration_seconds_bucket{kind="poll",source="acme-erp",le="0.05"} 1"#))
        #expect(text.contains(#"ordersync_source_run_duration_seconds_bucket{kind="poll",source="acme-erp",le="0.1"} 1"#))
        #expect(text.contains(#"ordersync_source_run_duration_seconds_bucket{kind="poll",source="acme-erp",le="0.25"} 2"#))
    }

    @Test("the exposition passes promtool and carries every family")
    func promtool() throws {
        let metrics = makeMetrics()
        metrics.requestFinished(RequestEvent(source: "acme-erp", method: "GET", path: "/orders", status: 200, error: nil, milliseconds: 12, attempt: 1))
        metrics.requestFinished(RequestEvent(source: "acme-erp", method: "GET", path: "/orders", status: 429, error: nil, milliseconds: 3, attempt: 1))
        metrics.requestFinished(RequestEvent(source: "acme-erp", method: "GET", path: "/orders", status: nil, error: "reset", milliseconds: 3, attempt: 2))
        metrics.retryScheduled(source: "acme-erp", delay: .seconds(1), rateLimited: true)
        metrics.pageWritten(source: "acme-erp", stream: "orders", records: 5, summary: { var s = PageWriteSummary(); s.ordersUpserted = 5; s.rejected = 1; return s }(), checkpointed: true)
        metrics.runFinished(source: "acme-erp", kind: .poll, report: report(.ok, orders: 5), startedAt: clock.current, finishedAt: clock.current.adding(seconds: 7))
        metrics.setVerifyDifferences("acme-erp", 2)
        let text = metrics.prometheusText()
        for family in ["ordersync_build_info", "ordersync_uptime_seconds", "ordersync_source_healthy",
                       "ordersync_source_last_success_timestamp_seconds", "ordersync_source_seconds_since_cursor_advance",
                       "ordersync_source_consecutive_failures", "ordersync_source_runs_total", "ordersync_source_requests_total",
                       "ordersync_source_retries_total", "ordersync_source_rate_limit_waits_total", "ordersync_source_orders_upserted_total",
                       "ordersync_source_rejected_records_total", "ordersync_source_run_duration_seconds", "ordersync_source_verify_differences"] {
            #expect(text.contains("# TYPE \(family) "), "\(family) missing")
        }
        #expect(text.contains(#"ordersync_source_requests_total{source="acme-erp",status_class="4xx"} 1"#))
        #expect(text.contains(#"ordersync_source_requests_total{source="acme-erp",status_class="error"} 1"#))
        #expect(text.contains(#"ordersync_source_rate_limit_waits_total{source="acme-erp"} 1"#))
        #expect(text.contains(#"ordersync_source_run_duration_seconds_bucket{kind="poll",source="acme-erp",le="15"} 1"#))
        #expect(text.contains(#"ordersync_source_run_duration_seconds_bucket{kind="poll",source="acme-erp",le="5"} 0"#))
        #expect(text.contains(#"ordersync_source_request_duration_seconds_bucket{source="acme-erp",le="0.005"} 2"#))
        #expect(text.contains(#"ordersync_source_request_duration_seconds_bucket{source="acme-erp",le="0.025"} 3"#))
        #expect(text.contains(#"ordersync_source_request_duration_seconds_sum{source="acme-erp"} 0.018"#))
        #expect(text.contains(#"source="shop\"x""#), "label values are escaped")
        #expect(text.contains(#"ordersync_source_verify_differences{source="acme-erp"} 2"#))

        let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let promtool else {
            Issue.record("promtool is missing: run scripts/setup (Debian package prometheus)")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: promtool)
        process.arguments = ["check", "metrics"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "promtool: \(said)\n\(text)")
        #expect(said.isEmpty, "promtool has no complaint (lint included): \(said)")
    }

    @Test("health: three failed polls, or no success for 3 × interval + backoff")
    func healthRule() {
        let metrics = makeMetrics()
        #expect(metrics.health().allSatisfy { $0.problem == nil })
        for _ in 1...2 { metrics.runFinished(source: "acme-erp", kind: .poll, report: report(.failed), startedAt: clock.current, finishedAt: clock.current) }
        #expect(metrics.health().first { $0.source == "acme-erp" }?.problem == nil, "two failures are not yet unhealthy")
        metrics.runFinished(source: "acme-erp", kind: .poll, report: report(.failed), startedAt: clock.current, finishedAt: clock.current)
        #expect(metrics.health().first { $0.source == "acme-erp" }?.problem == "failed its last 3 runs")
        metrics.runFinished(source: "acme-erp", kind: .poll, report: report(.ok), startedAt: clock.current, finishedAt: clock.current)
        #expect(metrics.health().first { $0.source == "acme-erp" }?.problem == nil)

        // Stale: 180 s without success is the bound at a 60 s interval, plus the backoff in force.
        clock.withValue { $0 = $0.adding(seconds: 181) }
        #expect(metrics.health().first { $0.source == "acme-erp" }?.problem?.hasPrefix("no successful run for 181 s") == true)
        metrics.setBackoff("acme-erp", seconds: 120)
        #expect(metrics.health().first { $0.source == "acme-erp" }?.problem == nil, "a backoff extends the bound")
        #expect(metrics.summary().contains("unhealthy: shop\"x"))
    }

    @Test("the listener: GET /metrics and /healthz, 404, 405, oversized requests, then stop")
    func listener() throws {
        let metrics = makeMetrics()
        let server = MetricsServer(listen: .tcp(host: "127.0.0.1", port: 0)) { path in
            path == "/metrics" ? .init(status: 200, contentType: SyncMetrics.contentType, body: metrics.prometheusText())
                : path == "/healthz" ? .init(status: 503, body: "acme-erp: down\n") : .init(status: 404, body: "no\n")
        }
        try server.start()
        defer { server.stop() }
        let port = try #require(server.port)
        let scrape = try PlainHTTP.get(port: port, "/metrics?x=1")
        #expect(scrape.status == 200)
        #expect(scrape.head.contains("Content-Type: text/plain; version=0.0.4"))
        #expect(scrape.head.contains("Connection: close"))
        #expect(scrape.body.contains("ordersync_build_info"))
        #expect(try PlainHTTP.get(port: port, "/healthz").status == 503)
        #expect(try PlainHTTP.get(port: port, "/other").status == 404)
        #expect(try PlainHTTP.exchange(port: port, "POST /metrics HTTP/1.1\r\nContent-Length: 0\r\n\r\n").status == 405)
        #expect(try PlainHTTP.exchange(port: port, "GET /metrics HTTP/1.1\r\nX: " + String(repeating: "a", count: 20_000) + "\r\n\r\n").status == 431)
        #expect(try PlainHTTP.exchange(port: port, "garbage\r\n\r\n").status == 400)
        server.stop()
        #expect(throws: (any Error).self) { try PlainHTTP.get(port: port, "/metrics") }
    }

    @Test("a unix socket listener serves the same, and removes its socket on stop")
    func unixListener() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/metrics.sock"
            let server = MetricsServer(listen: .unix(path: path)) { path in .init(status: path == "/healthz" ? 200 : 404, body: "ok\n") }
            try server.start()
            #expect(try PlainHTTP.exchange(unixPath: path, "GET /healthz HTTP/1.1\r\n\r\n").body == "ok\n")
            server.stop()
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test("metrics.listen is validated with its key path", arguments: [
        ("\"127.0.0.1:9464\"", nil),
        ("\"[::1]:9464\"", nil),
        ("\"/run/ordersync/metrics.sock\"", nil),
        ("\"localhost:99999\"", "metrics.listen: the port must be an integer from 0 to 65535"),
        ("\"metrics.example.com:9464\"", "metrics.listen: the host must be an IP address or localhost"),
        ("\"9464\"", "metrics.listen: expected HOST:PORT"),
    ] as [(String, String?)])
    func listenValidation(listen: String, error: String?) {
        let text = """
            {"database": "x.db", "metrics": {"listen": \(listen)}, "log_format": "json",
             "sources": [{"name": "a", "dialect": "erp", "base_url": "https://erp.example", "auth": {"token": "t"}}]}
            """
        do {
            let configuration = try ConfigLoader.parse(text: text, environment: [:], dialects: DialectRegistry.requirements, baseDirectory: "/tmp")
            #expect(error == nil)
            #expect(configuration.metrics != nil && configuration.logFormat == "json")
        } catch let failure {
            #expect(error.map { "\(failure)".contains($0) } == true, "\(failure)")
        }
    }
}

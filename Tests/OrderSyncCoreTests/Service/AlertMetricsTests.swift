import Foundation
@testable import OrderSyncCore
import Testing

/// The two families added for contrib/prometheus's alerts: the configured poll interval (the
/// stale alert's threshold) and polls that failed on the database (the not-writable alert),
/// which an upstream failure must not count.
@Suite("Metrics for the alert rules")
struct AlertMetricsTests {
    let clock = LockedBox(Instant(secondsSinceEpoch: 1_800_000_000))

    func failed(_ error: String) -> RunReport {
        RunReport(runID: 1, outcome: .failed, requests: 1, written: PageWriteSummary(), error: error)
    }

    @Test("database failures are counted, upstream failures are not; the poll interval is served")
    func databaseFailuresAndInterval() {
        let clock = self.clock
        let metrics = SyncMetrics(now: { clock.current })
        metrics.track(SourceConfiguration(name: "acme-erp", dialect: "erp", baseURL: URL(string: "https://erp.example")!,
                                          pollIntervalSeconds: 300, startDate: "2026-01-01"))
        #expect(metrics.prometheusText().contains(#"ordersync_source_database_failures_total{source="acme-erp"} 0"#))
        #expect(metrics.prometheusText().contains(#"ordersync_source_poll_interval_seconds{source="acme-erp"} 300"#))

        metrics.runFinished(source: "acme-erp", kind: .poll, report: failed("GET /obapi/v1/orders: HTTP 503 (after 3 attempts)"),
                            startedAt: clock.current, finishedAt: clock.current)
        #expect(metrics.prometheusText().contains(#"ordersync_source_database_failures_total{source="acme-erp"} 0"#), "an upstream failure")

        // The two shapes a store failure reaches the report in (SyncError.store, and the run row
        // that could not be opened).
        metrics.runFinished(source: "acme-erp", kind: .poll, report: failed("database /var/lib/ordersync/orders.db: SQLite error 13: database or disk is full"),
                            startedAt: clock.current, finishedAt: clock.current)
        metrics.runFinished(source: "acme-erp", kind: .poll, report: failed("database: attempt to write a readonly database"),
                            startedAt: clock.current, finishedAt: clock.current)
        #expect(metrics.prometheusText().contains(#"ordersync_source_database_failures_total{source="acme-erp"} 2"#))
    }
}

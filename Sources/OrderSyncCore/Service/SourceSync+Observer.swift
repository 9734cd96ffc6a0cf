import FoundationEssentials

/// How the service layer watches a `SourceSync` without hooks inside the walker: the observer
/// rides on the source's HTTP client, and `SourceSync` calls the two functions below once per
/// page and once per run.
extension SourceSync {
    /// Sends this source's request, page and run events to `observer`.
    public func attach(_ observer: any SyncObserver) {
        client.attach(observer)
    }

    /// Whether this source's backfill scans newest first down to `--since` (no date windows),
    /// so its progress is the oldest order it reached rather than a window.
    public var backfillScansNewestFirst: Bool {
        if case .descendingScan = adapter.backfill { return true }
        return false
    }

    /// HTTP attempts sent so far by this source, retries and logins included.
    public var requestsSent: Int { client.requestCount }

    /// After a page's transaction: logs it at debug and tells the observer; returns `summary`.
    func pageWritten(_ batch: PageBatch, _ summary: PageWriteSummary) -> PageWriteSummary {
        let records = batch.orders.count + batch.invoices.count + batch.rejected.count
        logger.debug("page written", [
            "stream": batch.stream, "records": "\(records)", "orders_upserted": "\(summary.ordersUpserted)",
            "new_orders": "\(summary.ordersInserted)", "invoices": "\(summary.invoicesUpserted)", "rejected": "\(summary.rejected)",
            "checkpoint": batch.checkpoint?.stream ?? "-",
        ])
        let dates = batch.orders.compactMap(\.order.orderedAt)
        client.observer?.pageWritten(source: source.name, stream: batch.stream, records: records, summary: summary,
                                     checkpointed: batch.checkpoint != nil,
                                     orderedAt: dates.min().flatMap { low in dates.max().map { low...$0 } })
        return summary
    }

    /// After a run's row is closed: tells the observer, with the times the row holds (the
    /// health rule judges the same instants in the daemon and in `status`) and the run's duration on
    /// a monotonic clock (for the duration metrics, finer than whole seconds).
    func runRecorded(_ kind: OrderStore.RunKind, _ report: RunReport, startedAt: Instant, finishedAt: Instant, elapsed: Duration) {
        client.observer?.runFinished(source: source.name, kind: kind, report: report, startedAt: startedAt, finishedAt: finishedAt,
                                     elapsed: elapsed)
    }
}

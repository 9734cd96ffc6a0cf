import Foundation

/// Syncs one configured source: runs the adapter's declared streams through the shared
/// mechanisms (page walking, change detection, detail fetches, checkpoints) and records each
/// run in `sync_runs`. One instance per source; its polls never overlap (the scheduler awaits
/// each before the next).
public final class SourceSync: Sendable {
    public let source: SourceConfiguration
    let adapter: any DialectAdapter
    let client: HTTPClient
    let store: OrderStore
    let logger: Logger
    let now: @Sendable () -> Instant

    public init(
        source: SourceConfiguration, adapter: any DialectAdapter, client: HTTPClient, store: OrderStore,
        logger: Logger, now: @escaping @Sendable () -> Instant = { .now() }
    ) throws {
        self.source = source
        self.adapter = adapter
        self.client = client
        self.store = store
        self.logger = logger.with("source", source.name)
        self.now = now
        try store.registerSource(name: source.name, dialect: source.dialect, baseURL: source.baseURL.absoluteString)
    }

    var walker: PageWalker { PageWalker(client: client, adapter: adapter) }

    var pipeline: RecordPipeline {
        RecordPipeline(source: source.name, adapter: adapter, client: client, store: store, walker: walker,
                       childConcurrency: source.http.childConcurrency)
    }

    /// The start of the source's `start_date`, where a first sync begins.
    var startInstant: Instant {
        (try? TimestampParser.parseDate(source.startDate).instant(in: source.timezone)) ?? Instant(secondsSinceEpoch: 0)
    }

    /// One poll: every stream the dialect declares, in order. Never throws; the outcome is in
    /// the report and in `sync_runs`.
    public func poll() async -> RunReport {
        await record(.poll) { startedAt, written in
            for stream in adapter.pollStreams {
                try Task.checkCancellation()
                switch stream {
                case .dateWindow(let window): try await pollDateWindow(window, startedAt: startedAt, written: &written)
                case .descendingScan(let scan): try await pollDescendingScan(scan, startedAt: startedAt, written: &written)
                case .openOrders(let refresh): try await refreshOpenOrders(refresh, startedAt: startedAt, written: &written)
                }
            }
        }
    }

    /// Runs `body` as one recorded run: opens the `sync_runs` row, classifies how it ended
    /// (ok, failed with the reason, interrupted by cancellation) and closes the row.
    func record(
        _ kind: OrderStore.RunKind,
        _ body: (_ startedAt: Instant, _ written: inout PageWriteSummary) async throws -> Void
    ) async -> RunReport {
        let startedAt = now()
        let requestsBefore = client.requestCount
        var written = PageWriteSummary()
        var outcome = OrderStore.RunOutcome.ok
        var failure: String?
        let runID: Int64
        do {
            runID = try store.beginRun(source: source.name, kind: kind, at: startedAt)
        } catch {
            logger.error("cannot record the run start", ["error": "\(error)"])
            return RunReport(runID: 0, outcome: .failed, requests: 0, written: written, error: "database: \(error)")
        }
        do {
            try await body(startedAt, &written)
        } catch {
            if Task.isCancelled || error is CancellationError {
                outcome = .interrupted
                failure = "stopped by a signal before the run finished"
            } else {
                outcome = .failed
                failure = String(describing: error)
            }
        }
        let requests = client.requestCount - requestsBefore
        do {
            try store.finishRun(runID, outcome: outcome, requests: requests, ordersUpserted: written.ordersUpserted,
                                error: failure, at: now())
        } catch {
            logger.error("cannot record the run outcome", ["error": "\(error)"])
        }
        let report = RunReport(runID: runID, outcome: outcome, requests: requests, written: written, error: failure)
        log(report, kind: kind)
        return report
    }

    private func log(_ report: RunReport, kind: OrderStore.RunKind) {
        var metadata: Logger.Metadata = [
            "kind": kind.rawValue, "outcome": report.outcome.rawValue, "requests": "\(report.requests)",
            "orders_upserted": "\(report.written.ordersUpserted)", "new_orders": "\(report.written.ordersInserted)",
            "status_changes": "\(report.written.statusChanges)", "rejected": "\(report.written.rejected)",
        ]
        if let error = report.error { metadata["error"] = error }
        switch report.outcome {
        case .ok: logger.info("\(kind.rawValue) finished", metadata)
        case .interrupted: logger.notice("\(kind.rawValue) interrupted", metadata)
        case .failed: logger.error("\(kind.rawValue) failed", metadata)
        }
    }

    /// Processes one page of records and writes it, with `checkpoint`, in one transaction.
    func commit(_ records: [JSONValue], stream: String, checkpoint: String?, written: inout PageWriteSummary) async throws {
        var batch = PageBatch(source: source.name, stream: stream, writtenAt: now())
        try await pipeline.process(records, stream: stream, into: &batch)
        batch.checkpoint = checkpoint
        do {
            written += try store.write(batch)
        } catch {
            throw SyncError.store(error)
        }
    }

    func loadCheckpoint(_ stream: String) throws -> String? {
        do {
            return try store.checkpoint(source: source.name, stream: stream)
        } catch {
            throw SyncError.store(error)
        }
    }

    func saveCheckpoint(_ stream: String, _ cursor: String) throws {
        do {
            try store.setCheckpoint(source: source.name, stream: stream, cursor: cursor, at: now())
        } catch {
            throw SyncError.store(error)
        }
    }
}

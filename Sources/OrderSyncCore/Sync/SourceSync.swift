import FoundationEssentials

/// Syncs one configured source: runs the adapter's declared streams through the shared
/// mechanisms (page walking, change detection, detail fetches, checkpoints) and records each
/// run in `sync_runs`. One instance per source; its polls never overlap (the scheduler awaits
/// each before the next).
public final class SourceSync: Sendable {
    public let source: SourceConfiguration
    let adapter: any DialectAdapter
    let client: HTTPClient
    let store: any OrderStore
    let logger: Logger
    let now: @Sendable () -> Instant

    public init(
        source: SourceConfiguration, adapter: any DialectAdapter, client: HTTPClient, store: any OrderStore,
        logger: Logger, now: @escaping @Sendable () -> Instant = { .now() }
    ) async throws {
        self.source = source
        self.adapter = adapter
        self.client = client
        self.store = store
        self.logger = logger.with("source", source.name)
        self.now = now
        try await store.registerSource(name: source.name, dialect: source.dialect, baseURL: source.baseURL.absoluteString,
                                 timezone: source.timezone, pollIntervalSeconds: source.pollIntervalSeconds)
    }

    /// The upstream reader every request of this source goes through (body and envelope retries).
    var reader: UpstreamReader { UpstreamReader(client: client, adapter: adapter) }

    func walker(_ endpoint: ListEndpoint) -> PageWalker {
        PageWalker(reader: reader, endpoint: endpoint)
    }

    /// The order list's walker.
    var walker: PageWalker { walker(adapter.list) }

    /// What decides how a record maps besides the record: see `RecordPipeline.mappingKey`.
    var mappingKey: String {
        let statusMap = source.statusMap.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.rawValue)" }.joined(separator: ",")
        let parts = [OrderSync.version, source.dialect, statusMap, source.currency ?? "", source.timezone.identifier,
                     JSONValue.object(source.options).serialized]
        return Fingerprint.of(parts.joined(separator: "\u{1F}"))
    }

    /// The start of the source's `start_date`, where a first sync begins.
    var startInstant: Instant {
        (try? TimestampParser.parseDate(source.startDate).instant(in: source.timezone)) ?? Instant(secondsSinceEpoch: 0)
    }

    /// One poll: every stream the dialect declares, in order. Never throws; the outcome is in
    /// the report and in `sync_runs`.
    public func poll() async -> RunReport {
        await record(.poll) { run in
            try await retryDeferred(run)
            for stream in adapter.pollStreams {
                try Task.checkCancellation()
                switch stream {
                case .dateWindow(let window): try await pollDateWindow(window, run: run)
                case .descendingScan(let scan): try await pollDescendingScan(scan, run: run)
                case .openOrders(let refresh): try await refreshOpenOrders(refresh, run: run)
                case .childSweep(let sweep): try await sweepChildren(sweep, run: run)
                }
            }
        }
    }

    /// Runs `body` as one recorded run: opens the `sync_runs` row, fetches the dialect's
    /// reference data, classifies how the run ended (ok, failed with the reason, interrupted by
    /// cancellation) and closes the row.
    func record(
        _ kind: OrderStore.RunKind, ignoreStoredDigests: Bool = false, _ body: (SyncRun) async throws -> Void
    ) async -> RunReport {
        let startedAt = now()
        let began = ContinuousClock.now
        let requestsBefore = client.requestCount
        var written = PageWriteSummary()
        var outcome = OrderStore.RunOutcome.ok
        var failure: String?
        let runID: Int64
        do {
            runID = try await store.beginRun(source: source.name, kind: kind, at: startedAt)
        } catch {
            logger.error("cannot record the run start", ["error": "\(error)"])
            return RunReport(runID: 0, outcome: .failed, requests: 0, written: written, error: "database: \(error)")
        }
        do {
            let run = SyncRun(startedAt: startedAt, pipeline: pipeline(try await fetchReferences(), ignoreStoredDigests: ignoreStoredDigests))
            defer { written = run.written }
            try await body(run)
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
        let (upserted, finishedAt) = (written.ordersUpserted, now())
        do {
            // Not interruptible: a run stopped by a signal records that it was, from its cancelled task.
            try await store.finishRun(runID, outcome: outcome, requests: requests, ordersUpserted: upserted, error: failure, at: finishedAt)
        } catch {
            logger.error("cannot record the run outcome", ["error": "\(error)"])
        }
        let report = RunReport(runID: runID, outcome: outcome, requests: requests, written: written, error: failure)
        log(report, kind: kind)
        runRecorded(kind, report, startedAt: startedAt, finishedAt: finishedAt, elapsed: ContinuousClock.now - began)
        return report
    }

    private func log(_ report: RunReport, kind: OrderStore.RunKind) {
        var metadata: Logger.Metadata = [
            "kind": kind.rawValue, "outcome": report.outcome.rawValue, "requests": "\(report.requests)",
            "orders_upserted": "\(report.written.ordersUpserted)", "new_orders": "\(report.written.ordersInserted)",
            "status_changes": "\(report.written.statusChanges)", "rejected": "\(report.written.rejected)",
        ]
        if report.written.deferred > 0 { metadata["deferred"] = "\(report.written.deferred)" }
        if report.written.goneUpstream > 0 { metadata["gone_upstream"] = "\(report.written.goneUpstream)" }
        if let error = report.error { metadata["error"] = error }
        switch report.outcome {
        case .ok: logger.info("\(kind.rawValue) finished", metadata)
        case .interrupted: logger.notice("\(kind.rawValue) interrupted", metadata)
        case .failed: logger.error("\(kind.rawValue) failed", metadata)
        }
    }

    /// Processes one page of records and writes it, with `checkpoint`, in one transaction.
    func commit(_ records: [JSONValue], stream: String, checkpoint: PageBatch.Checkpoint?, run: SyncRun) async throws {
        var batch = PageBatch(source: source.name, stream: stream, writtenAt: now())
        try await run.pipeline.process(records, stream: stream, into: &batch)
        batch.checkpoint = checkpoint
        try await write(batch, run: run)
    }

    func write(_ batch: PageBatch, run: SyncRun) async throws {
        run.written += pageWritten(batch, try await inStore(await store.write(batch)))
    }

    /// A store call from the sync: its failures become `SyncError.store`, except cancellation
    /// (the store interrupts a long call when the task is cancelled), which stays what it is.
    func inStore<T>(_ call: @autoclosure () async throws -> T) async throws -> T {
        do {
            return try await call()
        } catch let error as CancellationError {
            throw error
        } catch {
            throw SyncError.store(error)
        }
    }

    /// The run's record pipeline, over the reference data it fetched.
    func pipeline(_ context: MappingContext, ignoreStoredDigests: Bool) -> RecordPipeline {
        RecordPipeline(source: source.name, adapter: adapter, reader: reader, store: store,
                       childConcurrency: source.http.childConcurrency, context: context, mappingKey: mappingKey,
                       ignoreStoredDigests: ignoreStoredDigests)
    }

    /// The dialect's reference data for this run, one request each.
    private func fetchReferences() async throws -> MappingContext {
        var context = MappingContext()
        for reference in adapter.references {
            let request = HTTPRequest(path: reference.path, query: reference.query, headers: ["Accept": "application/json"])
            context.references[reference.name] = try await reader.fetchJSON(request).1
        }
        return context
    }

    /// A stream's checkpoint, decoded strictly (`SyncError.badCheckpoint` when it does not decode).
    func loadCheckpoint<T: Decodable>(_ type: T.Type, _ stream: String) async throws -> T? {
        let text = try await inStore(await store.checkpoint(source: source.name, stream: stream))
        return try Checkpoints.decode(type, from: text, source: source.name, stream: stream)
    }

    func saveCheckpoint<T: Encodable>(_ stream: String, _ value: T) async throws {
        let (at, cursor) = (now(), Checkpoints.encode(value))
        try await inStore(await store.setCheckpoint(source: source.name, stream: stream, cursor: cursor, at: at))
    }

    /// A stored instant later than the run's start (the clock was once ahead: an NTP step, a
    /// restored VM) would make a window end before it starts, or a scan stop at once, and skip
    /// data while reporting success. It is logged and clamped to the run's start.
    func clamped(_ instant: Instant, stream: String, run: SyncRun) -> Instant {
        guard instant > run.startedAt else { return instant }
        logger.warning("a checkpoint lies in the future; clamped to now", [
            "stream": stream, "value": instant.iso8601, "now": run.startedAt.iso8601,
        ])
        return run.startedAt
    }
}

import FoundationEssentials

/// Child sweeps: per-order lists (invoices) read for recent and open orders on their own interval.
extension SourceSync {
    /// A poll's sweep: when due, the recent and open orders, filtered to what changed since the
    /// previous sweep. The very first sweep has nothing to filter from and reads every stored
    /// order's children, so history is complete from the start. A previous sweep recorded in the
    /// future (the clock was once ahead) says nothing about what was read: the sweep runs now,
    /// unfiltered, over the recent and open orders.
    func sweepChildren(_ sweep: ChildSweepStream, run: SyncRun) async throws {
        let saved = try await loadCheckpoint(Checkpoints.Pass.self, sweep.name)
        var last = saved?.syncedThrough
        var filtered = last != nil
        if let recorded = last, recorded > run.startedAt {
            last = clamped(recorded, stream: sweep.name, run: run).adding(seconds: -Int64(sweep.intervalSeconds))
            filtered = false
        }
        if let last, run.startedAt < last.adding(seconds: Int64(sweep.intervalSeconds)) {
            logger.debug("child sweep not due yet", ["stream": sweep.name, "last": last.iso8601])
            return
        }
        let since = filtered ? last?.adding(seconds: -Int64(source.lookbackSeconds)) : nil
        let recent = last == nil ? Instant(secondsSinceEpoch: 0) : run.startedAt.adding(seconds: -Int64(sweep.recentDays) * 86_400)
        let includeOpen = sweep.includeOpen
        let parents = try await inStore(await store.orderIDs(source: source.name, orderedSince: recent, includeOpen: includeOpen))
        try await self.sweep(sweep, parents: parents, since: since, run: run)
        try await saveCheckpoint(sweep.name, Checkpoints.Pass(syncedThrough: run.startedAt))
    }

    /// A backfill's sweep: every child of the orders placed in the backfilled range, unfiltered.
    func sweepChildren(_ sweep: ChildSweepStream, placedFrom from: Instant, to: Instant, run: SyncRun) async throws {
        let parents = try await inStore(await store.orderIDs(source: source.name, orderedFrom: from, to: to))
        try await self.sweep(sweep, parents: parents, since: nil, run: run)
    }

    /// Every child of `parents`, unfiltered (a resync of given orders).
    func sweepChildren(_ sweep: ChildSweepStream, of parents: [String], run: SyncRun) async throws {
        try await self.sweep(sweep, parents: parents, since: nil, run: run)
    }

    private func sweep(_ sweep: ChildSweepStream, parents: [String], since: Instant?, run: SyncRun) async throws {
        for orderID in parents where RecordPipeline.isRequestable(orderID) {
            try Task.checkCancellation()
            let walker = walker(sweep.endpoint(orderID))
            do {
                for query in sweep.queries(since) {
                    try await walker.walk(query: query, from: walker.endpoint.pagination.start) { page in
                        var batch = PageBatch(source: source.name, stream: sweep.name, writtenAt: now())
                        for record in page.records {
                            do {
                                batch.invoices.append(try adapter.mapInvoice(record, orderID: orderID, context: run.context))
                            } catch {
                                batch.rejected.append(RejectedRecord(stream: sweep.name, reason: String(describing: error), raw: record.serialized))
                            }
                        }
                        try await write(batch, run: run)
                        return true
                    }
                }
            } catch let error as SyncError {
                // One parent gone upstream, refused, or answered with garbage must not stop the
                // sweep of the others; a failure of the upstream itself still fails the run.
                let reason: String
                switch try RecordPipeline.classify(error, path: walker.endpoint.path) {
                case .rejected(let why), .missing(let why), .refused(let why, _), .deferred(let why, .none): reason = why
                default: throw error
                }
                var batch = PageBatch(source: source.name, stream: sweep.name, writtenAt: now())
                batch.rejected.append(RejectedRecord(
                    stream: sweep.name, reason: "order \(orderID): \(reason)",
                    raw: JSONValue.object(["order_id": .string(orderID)]).serialized))
                try await write(batch, run: run)
            }
        }
    }
}

import Foundation

/// Child sweeps: per-order lists (invoices) read for recent and open orders on their own interval.
extension SourceSync {
    /// A poll's sweep: when due, the recent and open orders, filtered to what changed since the
    /// previous sweep. The very first sweep has nothing to filter from and reads every stored
    /// order's children, so history is complete from the start.
    func sweepChildren(_ sweep: ChildSweepStream, run: inout RunState) async throws {
        let saved = Checkpoints.decode(Checkpoints.Pass.self, from: try await loadCheckpoint(sweep.name))
        let last = Checkpoints.instant(saved?.syncedThrough)
        if let last, run.startedAt < last.adding(seconds: Int64(sweep.intervalSeconds)) {
            logger.debug("child sweep not due yet", ["stream": sweep.name, "last": last.iso8601])
            return
        }
        let since = last?.adding(seconds: -Int64(source.lookbackSeconds))
        let recent = last == nil ? Instant(secondsSinceEpoch: 0) : run.startedAt.adding(seconds: -Int64(sweep.recentDays) * 86_400)
        let includeOpen = sweep.includeOpen
        let parents = try await inStore { [source] in try $0.orderIDs(source: source.name, orderedSince: recent, includeOpen: includeOpen) }
        try await self.sweep(sweep, parents: parents, since: since, run: &run)
        try await saveCheckpoint(sweep.name, Checkpoints.encode(Checkpoints.Pass(syncedThrough: run.startedAt.iso8601)))
    }

    /// A backfill's sweep: every child of the orders placed in the backfilled range, unfiltered.
    func sweepChildren(_ sweep: ChildSweepStream, placedFrom from: Instant, to: Instant, run: inout RunState) async throws {
        let parents = try await inStore { [source] in try $0.orderIDs(source: source.name, orderedFrom: from, to: to) }
        try await self.sweep(sweep, parents: parents, since: nil, run: &run)
    }

    private func sweep(_ sweep: ChildSweepStream, parents: [String], since: Instant?, run: inout RunState) async throws {
        for orderID in parents where RecordPipeline.isRequestable(orderID) {
            try Task.checkCancellation()
            let walker = PageWalker(client: client, adapter: adapter, endpoint: sweep.endpoint(orderID))
            do {
                for query in sweep.queries(since) {
                    try await walker.walk(query: query, from: walker.endpoint.pagination.firstPage) { page in
                        var batch = PageBatch(source: source.name, stream: sweep.name, writtenAt: now())
                        for record in page.records {
                            do {
                                batch.invoices.append(try adapter.mapInvoice(record, orderID: orderID, context: run.context))
                            } catch {
                                batch.rejected.append(RejectedRecord(stream: sweep.name, reason: String(describing: error), raw: record.serialized))
                            }
                        }
                        try await write(batch, run: &run)
                        return true
                    }
                }
            } catch SyncError.http(let error) where error.refusesRecord != nil {
                // One parent gone upstream (or refused) must not stop the sweep of the others.
                var batch = PageBatch(source: source.name, stream: sweep.name, writtenAt: now())
                batch.rejected.append(RejectedRecord(
                    stream: sweep.name, reason: "order \(orderID): \(walker.endpoint.path) answered HTTP \(error.refusesRecord!)",
                    raw: JSONValue.object(["order_id": .string(orderID)]).serialized))
                try await write(batch, run: &run)
            }
        }
    }
}

import Foundation

/// Child sweeps: per-order lists (invoices) read for recent and open orders on their own interval.
extension SourceSync {
    func sweepChildren(_ sweep: ChildSweepStream, run: inout RunState) async throws {
        let saved = Checkpoints.decode(Checkpoints.Pass.self, from: try loadCheckpoint(sweep.name))
        let last = Checkpoints.instant(saved?.syncedThrough)
        if let last, run.startedAt < last.adding(seconds: Int64(sweep.intervalSeconds)) {
            logger.debug("child sweep not due yet", ["stream": sweep.name, "last": last.iso8601])
            return
        }
        let since = last?.adding(seconds: -Int64(source.lookbackSeconds))
        let parents: [String]
        do {
            parents = try store.orderIDs(source: source.name, orderedSince: run.startedAt.adding(seconds: -Int64(sweep.recentDays) * 86_400),
                                         includeOpen: sweep.includeOpen)
        } catch {
            throw SyncError.store(error)
        }
        for orderID in parents {
            try Task.checkCancellation()
            let walker = PageWalker(client: client, adapter: adapter, endpoint: sweep.endpoint(orderID))
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
                    try write(batch, run: &run)
                    return true
                }
            }
        }
        try saveCheckpoint(sweep.name, Checkpoints.encode(Checkpoints.Pass(syncedThrough: run.startedAt.iso8601)))
    }
}

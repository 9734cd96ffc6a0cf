import FoundationEssentials

/// Strategies 2 and 3: the descending scan and the open-order refresh.
extension SourceSync {
    /// Reads newest-first until a whole page is older than `synced_through − lookback`. The
    /// cursor moves to the poll's start only when the scan completes: an interrupted scan is
    /// simply run again, so nothing between the old cursor and the interruption is skipped.
    func pollDescendingScan(_ stream: DescendingScanStream, run: SyncRun) async throws {
        let saved = try await loadCheckpoint(Checkpoints.Pass.self, stream.name)
        let threshold = saved.map { clamped($0.syncedThrough, stream: stream.name, run: run).adding(seconds: -Int64(source.lookbackSeconds)) }
            ?? startInstant
        try await scan(stream, olderThan: threshold, from: adapter.list.pagination.start, run: run) { _ in nil }
        try await saveCheckpoint(stream.name, Checkpoints.Pass(syncedThrough: run.startedAt))
    }

    /// Pages through a descending list until a page holds nothing newer than `threshold`.
    /// `checkpoint(next)` gives what to commit with each page (`next` nil once the scan has
    /// reached its end; a nil result leaves the cursors).
    func scan(
        _ stream: DescendingScanStream, olderThan threshold: Instant, from start: PagePosition, run: SyncRun,
        checkpoint: (_ next: PagePosition?) -> PageBatch.Checkpoint?
    ) async throws {
        try await walker.walk(query: stream.query, from: start) { page in
            // A record without a readable timestamp counts as new: better read than skipped.
            let wholePageOlder = !page.records.isEmpty && page.records.allSatisfy { record in
                guard let item = record.objectValue, let stamp = stream.timestamp(item) else { return false }
                return stamp < threshold
            }
            let next = wholePageOlder ? nil : page.next
            try await commit(page.records, stream: stream.name, checkpoint: checkpoint(next), run: run)
            return !wholePageOlder
        }
    }

    private func recheckLeavers(_ stream: OpenOrderRefreshStream, seen: Set<String>, run: SyncRun) async throws {
        if case .none = stream.leavers { return }
        let includeUnpaid = stream.openIncludesUnpaid
        let leavers = try await inStore(await store.openOrders(source: source.name, includeUnpaid: includeUnpaid))
            .filter { !seen.contains($0.id) }
            .map { KnownOrder(id: $0.id, orderedAt: $0.orderedAt) }
        try await reread(leavers, how: stream.leavers, stream: stream.name, run: run)
    }

    /// Reads the given stored orders again, the way the dialect can find an order it knows:
    /// by detail requests, or by list queries that show them.
    func reread(
        _ orders: [KnownOrder], how: OpenOrderRefreshStream.LeaverRecheck, stream: String, run: SyncRun
    ) async throws {
        guard !orders.isEmpty else { return }
        switch how {
        case .none:
            return
        case .detail:
            for start in stride(from: 0, to: orders.count, by: 100) {
                try Task.checkCancellation()
                var batch = PageBatch(source: source.name, stream: stream, writtenAt: now())
                let ids = orders[start..<min(start + 100, orders.count)].map(\.id)
                try await run.pipeline.reread(ids, stream: stream, into: &batch)
                try await write(batch, run: run)
            }
        case .listQueries(let queries):
            for query in queries(orders) {
                try await walker.walk(query: query, from: adapter.list.pagination.start) { page in
                    try await commit(page.records, stream: stream, checkpoint: nil, run: run)
                    return true
                }
            }
        }
    }

    /// Re-reads every order the upstream still lists as open, one filter at a time, then the
    /// orders that left the open set since the last poll, by id.
    func refreshOpenOrders(_ stream: OpenOrderRefreshStream, run: SyncRun) async throws {
        var seen = Set<String>()
        var queries = stream.queries
        if let unknownStatusQueries = stream.unknownStatusQueries {
            let unknown = try await inStore(await store.unknownRawStatuses(source: source.name))
            if !unknown.isEmpty { queries += unknownStatusQueries(unknown) }
        }
        for query in queries {
            try await walker.walk(query: query, from: adapter.list.pagination.start) { page in
                seen.formUnion(page.records.compactMap { $0.objectValue.flatMap(adapter.identity(of:)) })
                try await commit(page.records, stream: stream.name, checkpoint: nil, run: run)
                return true
            }
        }
        try await recheckLeavers(stream, seen: seen, run: run)
        try await saveCheckpoint(stream.name, Checkpoints.Pass(syncedThrough: run.startedAt))
    }
}

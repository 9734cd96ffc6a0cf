import Foundation

/// Strategies 2 and 3: the descending scan and the open-order refresh.
extension SourceSync {
    /// Reads newest-first until a whole page is older than `synced_through − lookback`. The
    /// cursor moves to the poll's start only when the scan completes: an interrupted scan is
    /// simply run again, so nothing between the old cursor and the interruption is skipped.
    func pollDescendingScan(_ stream: DescendingScanStream, run: inout RunState) async throws {
        let saved = Checkpoints.decode(Checkpoints.Pass.self, from: try await loadCheckpoint(stream.name))
        let threshold = Checkpoints.instant(saved?.syncedThrough).map { $0.adding(seconds: -Int64(source.lookbackSeconds)) }
            ?? startInstant
        try await scan(stream, olderThan: threshold, from: adapter.list.pagination.firstPage, run: &run) { _, _ in nil }
        try await saveCheckpoint(stream.name, Checkpoints.encode(Checkpoints.Pass(syncedThrough: run.startedAt.iso8601)))
    }

    /// Pages through a descending list until a page holds nothing newer than `threshold`.
    /// `checkpoint(page, isLast)` gives what to commit with each page (nil: leave the cursors).
    func scan(
        _ stream: DescendingScanStream, olderThan threshold: Instant, from startPage: Int, run: inout RunState,
        checkpoint: (_ page: Int, _ reachedEnd: Bool) -> PageBatch.Checkpoint?
    ) async throws {
        try await walker.walk(query: stream.query, from: startPage) { page in
            // A record without a readable timestamp counts as new: better read than skipped.
            let wholePageOlder = !page.records.isEmpty && page.records.allSatisfy { record in
                guard let item = record.objectValue, let stamp = stream.timestamp(item) else { return false }
                return stamp < threshold
            }
            let reachedEnd = wholePageOlder || page.isLast
            try await commit(page.records, stream: stream.name, checkpoint: checkpoint(page.number, reachedEnd), run: &run)
            return !wholePageOlder
        }
    }

    private func recheckLeavers(_ stream: OpenOrderRefreshStream, seen: Set<String>, run: inout RunState) async throws {
        if case .none = stream.leavers { return }
        let includeUnpaid = stream.openIncludesUnpaid
        let leavers = try await inStore { [source] in try $0.openOrders(source: source.name, includeUnpaid: includeUnpaid) }
            .filter { !seen.contains($0.id) }
        guard !leavers.isEmpty else { return }
        switch stream.leavers {
        case .none:
            return
        case .detail:
            for start in stride(from: 0, to: leavers.count, by: 100) {
                try Task.checkCancellation()
                var batch = PageBatch(source: source.name, stream: stream.name, writtenAt: now())
                let ids = leavers[start..<min(start + 100, leavers.count)].map(\.id)
                try await pipeline(run.context).reread(ids, stream: stream.name, into: &batch)
                try await write(batch, run: &run)
            }
        case .listQueries(let queries):
            for query in queries(leavers) {
                try await walker.walk(query: query, from: adapter.list.pagination.firstPage) { page in
                    try await commit(page.records, stream: stream.name, checkpoint: nil, run: &run)
                    return true
                }
            }
        }
    }

    /// Re-reads every order the upstream still lists as open, one filter at a time, then the
    /// orders that left the open set since the last poll, by id.
    func refreshOpenOrders(_ stream: OpenOrderRefreshStream, run: inout RunState) async throws {
        var seen = Set<String>()
        var queries = stream.queries
        if let unknownStatusQueries = stream.unknownStatusQueries {
            let unknown = try await inStore { [source] in try $0.unknownRawStatuses(source: source.name) }
            if !unknown.isEmpty { queries += unknownStatusQueries(unknown) }
        }
        for query in queries {
            try await walker.walk(query: query, from: adapter.list.pagination.firstPage) { page in
                seen.formUnion(page.records.compactMap { $0.objectValue.flatMap(adapter.identity(of:)) })
                try await commit(page.records, stream: stream.name, checkpoint: nil, run: &run)
                return true
            }
        }
        try await recheckLeavers(stream, seen: seen, run: &run)
        try await saveCheckpoint(stream.name, Checkpoints.encode(Checkpoints.Pass(syncedThrough: run.startedAt.iso8601)))
    }
}

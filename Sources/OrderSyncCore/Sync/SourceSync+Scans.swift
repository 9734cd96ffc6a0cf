import Foundation

/// Strategies 2 and 3: the descending scan and the open-order refresh.
extension SourceSync {
    /// Reads newest-first until a whole page is older than `synced_through − lookback`. The
    /// cursor moves to the poll's start only when the scan completes: an interrupted scan is
    /// simply run again, so nothing between the old cursor and the interruption is skipped.
    func pollDescendingScan(_ stream: DescendingScanStream, startedAt: Instant, written: inout PageWriteSummary) async throws {
        let saved = Checkpoints.decode(Checkpoints.Pass.self, from: try loadCheckpoint(stream.name))
        let threshold = Checkpoints.instant(saved?.syncedThrough).map { $0.adding(seconds: -Int64(source.lookbackSeconds)) }
            ?? startInstant
        try await scan(stream, olderThan: threshold, from: adapter.list.pagination.firstPage, written: &written) { _, _ in nil }
        try saveCheckpoint(stream.name, Checkpoints.encode(Checkpoints.Pass(syncedThrough: startedAt.iso8601)))
    }

    /// Pages through a descending list until a page holds nothing newer than `threshold`.
    /// `checkpoint(page, isLast)` gives what to commit with each page (nil: leave the cursor).
    func scan(
        _ stream: DescendingScanStream, olderThan threshold: Instant, from startPage: Int, written: inout PageWriteSummary,
        checkpoint: (_ page: Int, _ reachedEnd: Bool) -> String?
    ) async throws {
        try await walker.walk(query: stream.query, from: startPage) { page in
            // A record without a readable timestamp counts as new: better read than skipped.
            let wholePageOlder = !page.records.isEmpty && page.records.allSatisfy { record in
                guard let item = record.objectValue, let stamp = stream.timestamp(item) else { return false }
                return stamp < threshold
            }
            let reachedEnd = wholePageOlder || page.isLast
            try await commit(page.records, stream: stream.name, checkpoint: checkpoint(page.number, reachedEnd), written: &written)
            return !wholePageOlder
        }
    }

    /// Re-reads every order the upstream still lists as open, one filter at a time.
    func refreshOpenOrders(_ stream: OpenOrderRefreshStream, startedAt: Instant, written: inout PageWriteSummary) async throws {
        for query in stream.queries {
            try await walker.walk(query: query, from: adapter.list.pagination.firstPage) { page in
                try await commit(page.records, stream: stream.name, checkpoint: nil, written: &written)
                return true
            }
        }
        try saveCheckpoint(stream.name, Checkpoints.encode(Checkpoints.Pass(syncedThrough: startedAt.iso8601)))
    }
}

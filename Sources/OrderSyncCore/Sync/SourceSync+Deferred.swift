import FoundationEssentials

/// Deferred records: details that failed for a passing reason are retried before a run does
/// anything else, so a record that once failed is never left behind by a cursor that moved on.
extension SourceSync {
    func retryDeferred(_ run: SyncRun) async throws {
        let deferred = try await inStore(await store.deferredRecords(source: source.name))
        guard !deferred.isEmpty else { return }
        logger.notice("retrying deferred records", ["records": "\(deferred.count)"])
        for start in stride(from: 0, to: deferred.count, by: 100) {
            try Task.checkCancellation()
            let chunk = deferred[start..<min(start + 100, deferred.count)]
            for stream in Set(chunk.map(\.stream)).sorted() {
                let records = chunk.filter { $0.stream == stream }
                var batch = PageBatch(source: source.name, stream: stream, writtenAt: now())
                batch.settledDeferrals = records.map(\.orderID)
                let candidates = records.map { record in
                    RecordPipeline.Candidate(
                        orderID: record.orderID, item: (try? JSONValue.parse(Array(record.item.utf8)))?.objectValue ?? JSONObject(),
                        digest: nil)
                }
                try await run.pipeline.map(candidates, stream: stream, into: &batch, judgePage: false)
                try await write(batch, run: run)
            }
        }
    }
}

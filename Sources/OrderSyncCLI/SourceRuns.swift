import OrderSyncCore

/// Runs one piece of work per source concurrently (a poll, a backfill) and collects the reports
/// sorted by source name, for the commands that print a line per source.
func runConcurrently(
    _ syncs: [SourceSync], _ work: @escaping @Sendable (SourceSync) async -> RunReport
) async -> [(source: String, report: RunReport)] {
    await withTaskGroup(of: (String, RunReport).self) { group in
        for sync in syncs {
            group.addTask { (sync.source.name, await work(sync)) }
        }
        var reports: [(source: String, report: RunReport)] = []
        for await (source, report) in group { reports.append((source, report)) }
        return reports.sorted { $0.source < $1.source }
    }
}

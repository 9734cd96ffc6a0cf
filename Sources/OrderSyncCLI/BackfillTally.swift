import FoundationEssentials
import OrderSyncCore

/// What a running backfill has done so far, per source, counted from the sync's own events:
/// orders written (not read), HTTP attempts, the oldest and newest `ordered_at` written (how far a
/// newest-first scan got), and whether the source's backfill run has finished.
final class BackfillTally: SyncObserver, Sendable {
    struct Counts: Sendable {
        var orders = 0
        var requests = 0
        var oldestOrderedAt: Instant?
        var newestOrderedAt: Instant?
        /// Set when the backfill run ended, with how it ended.
        var finished: RunReport?
        var elapsed: Duration?
    }

    private let counts = LockedBox<[String: Counts]>([:])

    /// The counts of `source` so far.
    func counts(_ source: String) -> Counts {
        counts.current[source] ?? Counts()
    }

    func requestFinished(_ event: RequestEvent) {
        counts.withValue { $0[event.source, default: Counts()].requests += 1 }
    }

    func retryScheduled(source: String, delay: Duration, rateLimited: Bool) {}

    func pageWritten(source: String, stream: String, records: Int, summary: PageWriteSummary, checkpointed: Bool,
                     orderedAt: ClosedRange<Instant>?) {
        counts.withValue { counts in
            var entry = counts[source, default: Counts()]
            entry.orders += summary.ordersUpserted
            if let orderedAt {
                entry.oldestOrderedAt = min(entry.oldestOrderedAt ?? orderedAt.lowerBound, orderedAt.lowerBound)
                entry.newestOrderedAt = max(entry.newestOrderedAt ?? orderedAt.upperBound, orderedAt.upperBound)
            }
            counts[source] = entry
        }
    }

    func runFinished(source: String, kind: OrderStore.RunKind, report: RunReport, startedAt: Instant, finishedAt: Instant,
                     elapsed: Duration) {
        guard kind == .backfill else { return }
        counts.withValue { counts in
            counts[source, default: Counts()].finished = report
            counts[source, default: Counts()].elapsed = elapsed
        }
    }
}

import Foundation

/// `ordersync backfill`: a one-shot historical load that survives interruption. Its position is
/// its own stream (`backfill`) in `sync_state`, so it never disturbs the polling cursors.
extension SourceSync {
    static let backfillStream = "backfill"

    /// Loads orders placed from `since` through `until` (inclusive dates; `until` nil means up to
    /// now). Run again after an interruption with the same range, it continues from the last
    /// committed slice and page; `restart` starts the range over.
    public func backfill(since: CivilTime, until: CivilTime?, restart: Bool = false) async -> RunReport {
        await record(.backfill) { run in
            run.ignoreStoredDigests = restart
            let startedAt = run.startedAt
            let sinceText = since.dateText
            let untilText = until?.dateText
            var state: Checkpoints.Backfill
            // Where this run's child sweep starts: the whole range, or only an extension's new part.
            var sweepFrom = since.instant(in: source.timezone)
            if !restart, let saved = Checkpoints.decode(Checkpoints.Backfill.self, from: try await loadCheckpoint(Self.backfillStream)),
               saved.since == sinceText, saved.until == untilText {
                state = saved
                state.page = resumePage(saved.page, savedPageSize: saved.pageSize)
                if let completedAt = saved.completedAt {
                    guard until == nil else {
                        logger.notice("this backfill range already completed; pass --restart to load it again",
                                      ["since": sinceText, "until": untilText ?? "now", "completed_at": completedAt])
                        return
                    }
                    // "Up to now" has moved on since it completed: load what came after.
                    (state.sliceFrom, state.windowTo, state.page, state.completedAt) =
                        (saved.windowTo, startedAt.iso8601, adapter.list.pagination.firstPage, nil)
                    sweepFrom = Checkpoints.instant(saved.windowTo) ?? sweepFrom
                    logger.info("extending a completed open-ended backfill to now", ["from": saved.windowTo])
                } else {
                    logger.info("resuming backfill", ["slice_from": saved.sliceFrom, "page": "\(state.page)"])
                }
            } else {
                let to = until.map { CivilTime(utcSeconds: $0.secondsIfUTC + 86_400).instant(in: source.timezone) } ?? startedAt
                state = Checkpoints.Backfill(
                    since: sinceText, until: untilText, windowTo: to.iso8601,
                    sliceFrom: since.instant(in: source.timezone).iso8601, page: adapter.list.pagination.firstPage,
                    pageSize: adapter.list.pagination.pageSize)
            }
            var base = state
            base.pageSize = adapter.list.pagination.pageSize
            let progress = { [base] (slice: Instant, page: Int) -> String in
                var next = base
                (next.sliceFrom, next.page) = (slice.iso8601, page)
                return Checkpoints.encode(next)
            }
            let windowTo = Checkpoints.instant(state.windowTo) ?? startedAt
            let sliceFrom = Checkpoints.instant(state.sliceFrom) ?? since.instant(in: source.timezone)
            switch adapter.backfill {
            case .dateWindow(let stream):
                if sliceFrom < windowTo {
                    try await walkWindow(stream, from: sliceFrom, to: windowTo, startPage: state.page,
                                         checkpointStream: Self.backfillStream, run: &run, progress: progress)
                }
            case .descendingScan(let stream):
                // Newest first down to `since`; orders newer than `until` are read and kept too.
                try await scan(stream, olderThan: since.instant(in: source.timezone), from: state.page, run: &run) { page, reachedEnd in
                    reachedEnd ? nil : PageBatch.Checkpoint(stream: Self.backfillStream, cursor: progress(sliceFrom, page + 1))
                }
            }
            // Children the order lists never show (invoices) for the orders just loaded.
            for case .childSweep(let sweep) in adapter.pollStreams {
                try await sweepChildren(sweep, placedFrom: sweepFrom, to: max(windowTo, startedAt), run: &run)
            }
            state.completedAt = now().iso8601
            try await saveCheckpoint(Self.backfillStream, Checkpoints.encode(state))
        }
    }
}

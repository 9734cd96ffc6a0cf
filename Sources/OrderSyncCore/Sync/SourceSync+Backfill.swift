import FoundationEssentials

/// `ordersync backfill`: a one-shot historical load that survives interruption. Its position is
/// its own stream (`backfill`) in `sync_state`, so it never disturbs the polling cursors.
extension SourceSync {
    static let backfillStream = "backfill"

    /// Loads orders placed from `since` through `until` (inclusive dates; `until` nil means up to
    /// now). Run again after an interruption with the same range, it continues from the last
    /// committed slice and page. `restart` starts the range over once: an interrupted restart run
    /// again with `restart` continues too (the checkpoint remembers it was a restart, and keeps
    /// re-writing every order it reads).
    public func backfill(since: CivilTime, until: CivilTime?, restart: Bool = false) async -> RunReport {
        let (sinceText, untilText) = (since.dateText, until?.dateText)
        var saved: Checkpoints.Backfill?
        var loadError: (any Error)?
        do {
            saved = try await loadCheckpoint(Checkpoints.Backfill.self, Self.backfillStream)
        } catch {
            loadError = error
        }
        let sameRange = saved.map { $0.since == sinceText && $0.until == untilText } ?? false
        // A restart already under way for this range (interrupted before it completed) resumes.
        let resumingRestart = restart && sameRange && saved?.restart == true && saved?.completedAt == nil
        let rewriteAll = restart || (sameRange && saved?.restart == true && saved?.completedAt == nil)
        return await record(.backfill, ignoreStoredDigests: rewriteAll) { run in
            if let loadError { throw loadError }
            let pagination = adapter.list.pagination
            let startedAt = run.startedAt
            var state: Checkpoints.Backfill
            // Where this run's child sweep starts: the whole range, or only an extension's new part.
            var sweepFrom = since.instant(in: source.timezone)
            if let saved, sameRange, !restart || resumingRestart {
                state = saved
                // Positions recorded while the clock was ahead are clamped like every cursor.
                // (An `--until` in the future is the operator's, not a clock's: left as asked.)
                state.sliceFrom = clamped(saved.sliceFrom, stream: Self.backfillStream, run: run)
                if until == nil { state.windowTo = clamped(saved.windowTo, stream: Self.backfillStream, run: run) }
                state.position = resumePosition(saved.position, savedPageSize: saved.pageSize)
                if let completedAt = saved.completedAt {
                    guard until == nil else {
                        logger.notice("this backfill range already completed; pass --restart to load it again",
                                      ["since": sinceText, "until": untilText ?? "now", "completed_at": completedAt.iso8601])
                        return
                    }
                    // "Up to now" has moved on since it completed: load what came after.
                    (state.sliceFrom, state.windowTo, state.position, state.completedAt, state.restart) =
                        (state.windowTo, startedAt, pagination.start, nil, nil)
                    sweepFrom = state.sliceFrom
                    logger.info("extending a completed open-ended backfill to now", ["from": saved.windowTo.iso8601])
                } else {
                    logger.info(resumingRestart ? "resuming an interrupted --restart backfill" : "resuming backfill",
                                ["slice_from": state.sliceFrom.iso8601, "at": "\(state.position)"])
                }
            } else {
                let to = until.map { CivilTime(utcSeconds: $0.secondsIfUTC + 86_400).instant(in: source.timezone) } ?? startedAt
                state = Checkpoints.Backfill(
                    since: sinceText, until: untilText, windowTo: to, sliceFrom: since.instant(in: source.timezone),
                    position: pagination.start, pageSize: pagination.pageSize, restart: restart ? true : nil)
            }
            var base = state
            base.pageSize = pagination.pageSize
            let progress = { [base] (slice: Instant, position: PagePosition) -> Checkpoints.Backfill in
                var next = base
                (next.sliceFrom, next.position) = (slice, position)
                return next
            }
            switch adapter.backfill {
            case .dateWindow(let stream):
                try await walkWindow(stream, from: state.sliceFrom, to: state.windowTo, start: state.position,
                                     checkpointStream: Self.backfillStream, run: run, progress: progress)
            case .descendingScan(let stream):
                // Newest first down to `since`; orders newer than `until` are read and kept too.
                try await scan(stream, olderThan: since.instant(in: source.timezone), from: state.position, run: run) { next in
                    next.map { PageBatch.Checkpoint(stream: Self.backfillStream, cursor: Checkpoints.encode(progress(state.sliceFrom, $0))) }
                }
            }
            // Deferred records first: an order stored by the retry needs its children swept too.
            try await retryDeferred(run)
            // Children the order lists never show (invoices) for the orders just loaded.
            for case .childSweep(let sweep) in adapter.pollStreams {
                try await sweepChildren(sweep, placedFrom: sweepFrom, to: max(state.windowTo, startedAt), run: run)
            }
            state.completedAt = now()
            try await saveCheckpoint(Self.backfillStream, state)
        }
    }
}

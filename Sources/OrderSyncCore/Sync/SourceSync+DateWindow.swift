import Foundation

/// Strategy 1, the server-side date window, for polls and backfills alike.
extension SourceSync {
    /// Reads `[synced_through − lookback, startedAt)`, or resumes an interrupted window. The
    /// upper bound is the time the poll started, never the newest record seen: a record that
    /// appears upstream during the poll is read again by the next one.
    func pollDateWindow(_ stream: DateWindowStream, run: inout RunState) async throws {
        let saved = Checkpoints.decode(Checkpoints.DateWindow.self, from: try await loadCheckpoint(stream.name))
        let syncedThrough = saved?.syncedThrough
        let from: Instant
        var sliceFrom: Instant
        var page = adapter.list.pagination.firstPage
        if let progress = saved?.window, let resumedFrom = Checkpoints.instant(progress.from),
           let resumedSlice = Checkpoints.instant(progress.sliceFrom) {
            // Never less than the lookback behind now: records that arrived late while the
            // window was interrupted are read too.
            let lookbackStart = run.startedAt.adding(seconds: -Int64(source.lookbackSeconds))
            (from, sliceFrom) = (resumedFrom, min(resumedSlice, lookbackStart))
            page = sliceFrom == resumedSlice ? resumePage(progress.page, savedPageSize: progress.pageSize) : page
            logger.info("resuming an interrupted window", ["stream": stream.name, "slice_from": sliceFrom.iso8601, "page": "\(page)"])
        } else {
            from = Checkpoints.instant(syncedThrough).map { $0.adding(seconds: -Int64(source.lookbackSeconds)) } ?? startInstant
            sliceFrom = from
        }
        try await walkWindow(stream, from: sliceFrom, to: run.startedAt, startPage: page, checkpointStream: stream.name, run: &run) { nextSlice, nextPage in
            Checkpoints.encode(Checkpoints.DateWindow(
                syncedThrough: syncedThrough,
                window: Checkpoints.WindowProgress(
                    from: from.iso8601, to: nil, sliceFrom: nextSlice.iso8601, page: nextPage, pageSize: adapter.list.pagination.pageSize)))
        }
        try await saveCheckpoint(stream.name, Checkpoints.encode(Checkpoints.DateWindow(syncedThrough: run.startedAt.iso8601)))
    }

    /// Walks `[from, to)` in slices of `slice_days`, each slice page by page. After every page
    /// the position to resume from (`progress(nextSlice, nextPage)`) is committed with the page,
    /// as the cursor of `checkpointStream`.
    func walkWindow(
        _ stream: DateWindowStream, from: Instant, to: Instant, startPage: Int, checkpointStream: String, run: inout RunState,
        progress: (_ nextSlice: Instant, _ nextPage: Int) -> String
    ) async throws {
        let firstPage = adapter.list.pagination.firstPage
        var sliceStart = stream.granularity == .day ? startOfDay(from) : from
        var page = startPage
        repeat {
            let sliceEnd = min(to, sliceEndAfter(sliceStart))
            let bounds = WindowBounds(from: sliceStart, to: sliceEnd, timeZone: source.timezone)
            let currentSlice = sliceStart
            try await walker.walk(query: stream.query(bounds), from: page) { listPage in
                let cursor = listPage.isLast ? progress(sliceEnd, firstPage) : progress(currentSlice, listPage.number + 1)
                let checkpoint = PageBatch.Checkpoint(stream: checkpointStream, cursor: cursor)
                try await commit(listPage.records, stream: stream.name, checkpoint: checkpoint, run: &run)
                return true
            }
            sliceStart = sliceEnd
            page = firstPage
        } while sliceStart < to
    }

    /// A saved page number, if it counts pages of the current size; else the slice's first page.
    func resumePage(_ page: Int, savedPageSize: Int?) -> Int {
        let pagination = adapter.list.pagination
        guard savedPageSize == pagination.pageSize else {
            logger.notice("the page size changed since the checkpoint; re-reading the slice from its first page")
            return pagination.firstPage
        }
        return page
    }

    private func sliceEndAfter(_ start: Instant) -> Instant {
        var civil = start.civilTime(in: source.timezone)
        civil.day += source.sliceDays
        // Normalise the overflowed day through the epoch arithmetic, then back to local midnight.
        let shifted = CivilTime(utcSeconds: civil.secondsIfUTC)
        return CivilTime(year: shifted.year, month: shifted.month, day: shifted.day).instant(in: source.timezone)
    }

    func startOfDay(_ instant: Instant) -> Instant {
        let civil = instant.civilTime(in: source.timezone)
        return CivilTime(year: civil.year, month: civil.month, day: civil.day).instant(in: source.timezone)
    }
}

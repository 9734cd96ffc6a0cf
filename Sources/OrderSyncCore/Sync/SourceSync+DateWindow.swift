import FoundationEssentials

/// Strategy 1, the server-side date window, for polls and backfills alike.
extension SourceSync {
    /// Reads `[synced_through − lookback, startedAt)`, or resumes an interrupted window. The
    /// upper bound is the time the poll started, never the newest record seen: a record that
    /// appears upstream during the poll is read again by the next one.
    func pollDateWindow(_ stream: DateWindowStream, run: SyncRun) async throws {
        let saved = try await loadCheckpoint(Checkpoints.DateWindow.self, stream.name)
        let syncedThrough = saved?.syncedThrough.map { clamped($0, stream: stream.name, run: run) }
        let lookbackStart = run.startedAt.adding(seconds: -Int64(source.lookbackSeconds))
        let from: Instant
        var sliceFrom: Instant
        var position = adapter.list.pagination.start
        if let progress = saved?.window {
            // Never less than the lookback behind now: records that arrived late while the
            // window was interrupted are read too.
            let resumedSlice = clamped(progress.sliceFrom, stream: stream.name, run: run)
            (from, sliceFrom) = (clamped(progress.from, stream: stream.name, run: run), min(resumedSlice, lookbackStart))
            if sliceFrom == progress.sliceFrom { position = resumePosition(progress.position, savedPageSize: progress.pageSize) }
            logger.info("resuming an interrupted window", ["stream": stream.name, "slice_from": sliceFrom.iso8601, "at": "\(position)"])
        } else {
            from = syncedThrough.map { $0.adding(seconds: -Int64(source.lookbackSeconds)) } ?? startInstant
            sliceFrom = from
        }
        let pageSize = adapter.list.pagination.pageSize
        try await walkWindow(stream, from: sliceFrom, to: run.startedAt, start: position, checkpointStream: stream.name, run: run) { nextSlice, next in
            Checkpoints.DateWindow(
                syncedThrough: syncedThrough,
                window: Checkpoints.WindowProgress(from: from, to: nil, sliceFrom: nextSlice, position: next, pageSize: pageSize))
        }
        try await saveCheckpoint(stream.name, Checkpoints.DateWindow(syncedThrough: run.startedAt))
    }

    /// Walks `[from, to)` in slices of `slice_days`, each slice page by page. After every page
    /// the position to resume from (`progress(nextSlice, nextPosition)`) is committed with the
    /// page, as the cursor of `checkpointStream`. An empty or inverted range reads nothing.
    func walkWindow<Progress: Encodable>(
        _ stream: DateWindowStream, from: Instant, to: Instant, start: PagePosition, checkpointStream: String, run: SyncRun,
        progress: (_ nextSlice: Instant, _ next: PagePosition) -> Progress
    ) async throws {
        let first = adapter.list.pagination.start
        var sliceStart = stream.granularity == .day ? startOfDay(from) : from
        var position = start
        while sliceStart < to {
            let sliceEnd = min(to, sliceEnd(after: sliceStart))
            let bounds = WindowBounds(from: sliceStart, to: sliceEnd, timeZone: source.timezone)
            let currentSlice = sliceStart
            try await walker.walk(query: stream.query(bounds), from: position) { listPage in
                let next = listPage.next.map { progress(currentSlice, $0) } ?? progress(sliceEnd, first)
                let checkpoint = PageBatch.Checkpoint(stream: checkpointStream, cursor: Checkpoints.encode(next))
                try await commit(listPage.records, stream: stream.name, checkpoint: checkpoint, run: run)
                return true
            }
            sliceStart = sliceEnd
            position = first
        }
    }

    /// A saved position, if it counts pages of the current size; else the slice's first page.
    /// (A cursor token or link does not depend on the size we ask for.)
    func resumePosition(_ position: PagePosition, savedPageSize: Int?) -> PagePosition {
        let pagination = adapter.list.pagination
        guard case .page = position, savedPageSize != pagination.pageSize else { return position }
        logger.notice("the page size changed since the checkpoint; re-reading the slice from its first page")
        return pagination.start
    }

    func sliceEnd(after start: Instant) -> Instant {
        var civil = start.civilTime(in: source.timezone)
        civil.day += source.sliceDays
        // Normalise the overflowed day through the epoch arithmetic, then back to local midnight.
        let shifted = CivilTime(utcSeconds: civil.secondsIfUTC)
        let end = CivilTime(year: shifted.year, month: shifted.month, day: shifted.day).instant(in: source.timezone)
        // Where a DST change skips local midnight (Santiago, Beirut, Cairo…), "midnight" can
        // resolve to the hour before it: a slice must always move forward.
        return end > start ? end : start.adding(seconds: Int64(source.sliceDays) * 86_400)
    }

    func startOfDay(_ instant: Instant) -> Instant {
        let civil = instant.civilTime(in: source.timezone)
        return CivilTime(year: civil.year, month: civil.month, day: civil.day).instant(in: source.timezone)
    }
}

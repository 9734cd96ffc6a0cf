/// What one run carries from stream to stream: when it started (the upper bound of every
/// cursor it advances), the dialect's reference data, and what it has written so far.
struct RunState {
    let startedAt: Instant
    var context = MappingContext()
    var written = PageWriteSummary()
    /// Re-read and re-write even unchanged records (a `backfill --restart`).
    var ignoreStoredDigests = false

    init(startedAt: Instant) {
        self.startedAt = startedAt
    }
}

/// One run of one source (a poll, a backfill, a verify): when it started (the upper bound of
/// every cursor it advances), its record pipeline (built once, with the run's reference data),
/// and what it has written so far. Lives for one run, used by one task.
final class SyncRun {
    let startedAt: Instant
    let pipeline: RecordPipeline
    var written = PageWriteSummary()

    init(startedAt: Instant, pipeline: RecordPipeline) {
        self.startedAt = startedAt
        self.pipeline = pipeline
    }

    var context: MappingContext { pipeline.context }
}

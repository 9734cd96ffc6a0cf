import FoundationEssentials

/// The daemon's counters and gauges, per source and for the process: what `/metrics` renders
/// and `/healthz` judges. Fed by the sync as a `SyncObserver` (requests, retries, pages, runs),
/// by the scheduler (backoff) and by whoever computes verify differences.
public final class SyncMetrics: Sendable {
    /// Upper bounds of the run duration histogram, in seconds: sub-second polls of a quiet
    /// source up to a backfill of hours.
    public static let durationBuckets: [Double] = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 900, 3600, 14400]
    /// Upper bounds of the request duration histogram, in seconds.
    public static let requestBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

    struct Source: Sendable {
        var pollIntervalSeconds: Int
        var backoffCapSeconds: Int
        /// What `HealthRule` judges: seeded from the database, then kept poll by poll.
        var polls: HealthRule.PollHistory
        var lastCursorAdvance: Instant?
        var consecutiveFailures: Int { polls.consecutiveFailures }
        var lastSuccess: Instant? { polls.lastSuccess }
        var backoffSeconds: Double = 0
        var runs: [String: Int] = [:]            // "kind outcome" → count
        var requests: [String: Int] = [:]        // status class → count
        var retries = 0
        var rateLimitWaits = 0
        var ordersUpserted = 0
        var rejected = 0
        var durations: [String: Histogram] = [:] // kind → histogram
        var requestDurations = Histogram(bounds: SyncMetrics.requestBuckets)
        var verifyDifferences: Int?
        var databaseFailures = 0
    }

    struct Histogram: Sendable {
        let bounds: [Double]
        var buckets: [Int]
        var sum: Double = 0
        var count = 0

        init(bounds: [Double] = SyncMetrics.durationBuckets) {
            self.bounds = bounds
            buckets = [Int](repeating: 0, count: bounds.count)
        }

        mutating func observe(_ value: Double) {
            for (index, bound) in bounds.enumerated() where value <= bound { buckets[index] += 1 }
            sum += value
            count += 1
        }
    }

    let sources = LockedBox<[String: Source]>([:])
    let startedAt: Instant
    let now: @Sendable () -> Instant
    /// Request lines go here at trace level.
    let logger: Logger

    public init(logger: Logger = .silent, now: @escaping @Sendable () -> Instant = { .now() }) {
        self.logger = logger
        self.now = now
        startedAt = now()
    }

    /// Starts (or restarts, after a reload) tracking an enabled source; counters survive a
    /// restart. `history` is what the database holds of its polls (`OrderStore.pollHistory`),
    /// so `/healthz` judges the same facts as `ordersync status`; a source never polled is
    /// watched from now.
    public func track(_ source: SourceConfiguration, history: HealthRule.PollHistory = HealthRule.PollHistory()) {
        let at = now()
        var history = history
        if history.watchedSince == nil { history.watchedSince = at }
        sources.withValue { sources in
            var entry = sources[source.name]
                ?? Source(pollIntervalSeconds: source.pollIntervalSeconds, backoffCapSeconds: source.http.failureBackoffCapSeconds, polls: history)
            entry.pollIntervalSeconds = source.pollIntervalSeconds
            entry.backoffCapSeconds = source.http.failureBackoffCapSeconds
            entry.polls = history
            entry.backoffSeconds = 0
            sources[source.name] = entry
        }
    }

    /// Stops tracking a source removed from the configuration.
    public func forget(_ name: String) {
        sources.withValue { _ = $0.removeValue(forKey: name) }
    }

    /// The delay a failing source waits out before its next poll (nil once it succeeded).
    public func setBackoff(_ name: String, seconds: Double?) {
        update(name) { $0.backoffSeconds = seconds ?? 0 }
    }

    /// The differences the last verify of `name` found (fed by `verify`).
    public func setVerifyDifferences(_ name: String, _ count: Int) {
        update(name) { $0.verifyDifferences = count }
    }

    func update(_ name: String, _ body: (inout Source) -> Void) {
        sources.withValue { sources in
            guard var entry = sources[name] else { return }
            body(&entry)
            sources[name] = entry
        }
    }

    /// Per source: nil when healthy, else why not (`HealthRule.judge`, as `status` does).
    public func health() -> [(source: String, problem: String?)] {
        let at = now()
        return sources.current.sorted { $0.key < $1.key }.map { name, entry in
            (name, HealthRule.judge(entry.polls, pollIntervalSeconds: entry.pollIntervalSeconds,
                                    failureBackoffCapSeconds: entry.backoffCapSeconds, now: at))
        }
    }

    /// Orders upserted by `name` since the process started.
    public func ordersUpserted(_ name: String) -> Int {
        sources.current[name]?.ordersUpserted ?? 0
    }

    /// One line for sd_notify's `STATUS=`: how many sources are healthy, which are not.
    public func summary() -> String {
        let states = health()
        let failing = states.filter { $0.problem != nil }.map(\.source)
        let orders = sources.current.values.reduce(0) { $0 + $1.ordersUpserted }
        var text = "\(states.count - failing.count) of \(states.count) source(s) healthy, \(orders) orders written"
        if !failing.isEmpty { text += "; unhealthy: " + failing.joined(separator: ", ") }
        return text
    }
}

extension SyncMetrics: SyncObserver {
    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    public func requestFinished(_ event: RequestEvent) {
        update(event.source) { entry in
            entry.requests[event.statusClass, default: 0] += 1
            entry.requestDurations.observe(Double(event.milliseconds) / 1000)
        }
        // Once per request: build the line only when someone reads trace logs.
        guard logger.level <= .trace else { return }
        var metadata: Logger.Metadata = [
            "source": event.source, "method": event.method, "path": event.path, "ms": "\(event.milliseconds)",
            "attempt": "\(event.attempt)", "status": event.status.map(String.init) ?? "-",
        ]
        if let error = event.error { metadata["error"] = error }
        logger.trace("request", metadata)
    }

    public func retryScheduled(source: String, delay: Duration, rateLimited: Bool) {
        update(source) { entry in
            entry.retries += 1
            if rateLimited { entry.rateLimitWaits += 1 }
        }
    }

    public func pageWritten(source: String, stream: String, records: Int, summary: PageWriteSummary, checkpointed: Bool,
                            orderedAt: ClosedRange<Instant>?) {
        let at = now()
        update(source) { entry in
            entry.ordersUpserted += summary.ordersUpserted
            entry.rejected += summary.rejected
            if checkpointed { entry.lastCursorAdvance = at }
        }
    }

    public func runFinished(source: String, kind: OrderStore.RunKind, report: RunReport, startedAt: Instant, finishedAt: Instant,
                            elapsed: Duration) {
        update(source) { entry in
            entry.runs["\(kind.rawValue) \(report.outcome.rawValue)", default: 0] += 1
            entry.durations[kind.rawValue, default: Histogram()].observe(Self.seconds(elapsed))
            // Only polls say whether the source keeps up; an interrupted run says nothing.
            guard kind == .poll else { return }
            entry.polls.record(report.outcome, startedAt: startedAt, finishedAt: finishedAt)
            // Every store failure reaches the report as "database…" (SyncError.store, or the run
            // row that could not be opened): the alert on an unwritable database keys on it.
            if report.outcome == .failed, report.error?.hasPrefix("database") == true { entry.databaseFailures += 1 }
        }
    }
}

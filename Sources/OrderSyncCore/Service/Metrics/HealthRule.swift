/// When a source counts as unhealthy. The one rule of `ordersync status` and `/healthz`: both
/// call `judge` with the same facts (`PollHistory`, read from `sync_runs` by `status`, seeded
/// from it and then kept by the daemon), so they agree. Only polls count: a verify, resync or
/// backfill that succeeds says nothing about whether the source keeps up.
///
/// A source is unhealthy when it failed its last `failingRuns` polls, or when it has had no
/// successful poll for longer than `3 × poll_interval_seconds` plus the longest failure backoff
/// its failures allow (`maximumBackoff`, the scheduler's schedule before jitter).
public enum HealthRule {
    public static let failingRuns = 3
    public static let intervalsBeforeStale = 3

    /// What the rule needs to know of a source's polls.
    public struct PollHistory: Sendable, Equatable {
        /// Failed polls since the last successful one (interrupted polls do not count).
        public var consecutiveFailures: Int
        /// The end of the last successful poll; nil if there was none.
        public var lastSuccess: Instant?
        /// Where staleness counts from when there was no success: the start of the first poll
        /// (the daemon: its start, until its first poll). Nil: never polled.
        public var watchedSince: Instant?

        public init(consecutiveFailures: Int = 0, lastSuccess: Instant? = nil, watchedSince: Instant? = nil) {
            self.consecutiveFailures = consecutiveFailures
            self.lastSuccess = lastSuccess
            self.watchedSince = watchedSince
        }

        /// Takes one finished poll into account (what `sync_runs` gains with it).
        public mutating func record(_ outcome: OrderStore.RunOutcome, startedAt: Instant, finishedAt: Instant) {
            if watchedSince == nil { watchedSince = startedAt }
            switch outcome {
            case .ok:
                lastSuccess = finishedAt
                consecutiveFailures = 0
            case .failed:
                consecutiveFailures += 1
            case .interrupted:
                break
            }
        }
    }

    /// - Returns: nil when healthy, else a one-line reason.
    public static func judge(
        _ polls: PollHistory, pollIntervalSeconds: Int, failureBackoffCapSeconds: Int, now: Instant
    ) -> String? {
        if polls.consecutiveFailures >= failingRuns {
            return "failed its last \(polls.consecutiveFailures) polls"
        }
        guard let since = polls.lastSuccess ?? polls.watchedSince else { return "never polled" }
        let backoff = maximumBackoff(failures: polls.consecutiveFailures, pollIntervalSeconds: pollIntervalSeconds,
                                     capSeconds: failureBackoffCapSeconds)
        let bound = Int64(intervalsBeforeStale * pollIntervalSeconds) + Int64(backoff.rounded(.up))
        let age = now.secondsSinceEpoch - since.secondsSinceEpoch
        guard age > bound else { return nil }
        let what = polls.lastSuccess == nil ? "no successful poll in \(age) s" : "no successful poll for \(age) s"
        return "\(what) (stale after \(bound) s: \(intervalsBeforeStale) × poll interval + backoff)"
    }

    /// The failure backoff step after `failures` failed polls in a row: the poll interval,
    /// doubling with each failure, never above `capSeconds` (`failure_backoff_cap_seconds`).
    /// The scheduler waits between half of it and all of it (equal jitter).
    public static func maximumBackoff(failures: Int, pollIntervalSeconds: Int, capSeconds: Int) -> Double {
        guard failures > 0 else { return 0 }
        let interval = Double(pollIntervalSeconds)
        return min(Double(capSeconds), interval * Double(1 << min(failures - 1, 30)))
    }
}

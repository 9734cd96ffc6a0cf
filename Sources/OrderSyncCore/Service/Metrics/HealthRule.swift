/// When a source counts as unhealthy, for `/healthz` and `status` alike: it failed its last
/// `failingRuns` runs, or it has had no success for longer than the staleness bound,
/// `3 × poll_interval_seconds` plus its current failure backoff.
public enum HealthRule {
    public static let failingRuns = 3
    public static let intervalsBeforeStale = 3

    /// - Parameters:
    ///   - lastSuccess: the end of the last successful run; nil if there was none.
    ///   - watchedSince: where staleness counts from when there was no success (the first run,
    ///     or the process start).
    ///   - backoff: the delay the source is waiting out after failing, in seconds (0 if none).
    /// - Returns: nil when healthy, else a one-line reason.
    public static func problem(
        consecutiveFailures: Int, lastSuccess: Instant?, watchedSince: Instant, pollIntervalSeconds: Int,
        backoffSeconds: Double, now: Instant
    ) -> String? {
        if consecutiveFailures >= failingRuns {
            return "failed its last \(consecutiveFailures) runs"
        }
        let bound = Int64(intervalsBeforeStale * pollIntervalSeconds) + Int64(backoffSeconds.rounded(.up))
        let since = lastSuccess ?? watchedSince
        let age = now.secondsSinceEpoch - since.secondsSinceEpoch
        guard age > bound else { return nil }
        let what = lastSuccess == nil ? "no successful run in \(age) s" : "no successful run for \(age) s"
        return "\(what) (stale after \(bound) s: \(intervalsBeforeStale) × poll interval + backoff)"
    }

    /// The longest failure backoff a source can be waiting out after `failures` failed polls
    /// (the scheduler's step before jitter), for readers that cannot ask the daemon.
    public static func maximumBackoff(failures: Int, pollIntervalSeconds: Int, capSeconds: Int) -> Double {
        guard failures > 0 else { return 0 }
        let interval = Double(pollIntervalSeconds)
        return min(max(Double(capSeconds), interval), interval * Double(1 << min(failures - 1, 30)))
    }
}

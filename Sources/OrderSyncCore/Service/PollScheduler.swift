import Foundation

/// The daemon's loop: every enabled source polls on its own `poll_interval_seconds`, in its own
/// task, so a slow or failing source never delays another. A source's polls never overlap (each
/// waits for the previous one). A failing source backs off exponentially, capped, and returns to
/// its normal interval after its first success.
public struct PollScheduler: Sendable {
    let syncs: [SourceSync]
    let logger: Logger
    let sleeper: @Sendable (Duration) async throws -> Void
    let random: @Sendable (ClosedRange<Double>) -> Double
    /// Called after every poll, for callers that track progress.
    let onPoll: @Sendable (SourceSync, RunReport) -> Void

    public init(
        syncs: [SourceSync], logger: Logger,
        sleeper: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        random: @escaping @Sendable (ClosedRange<Double>) -> Double = { .random(in: $0) },
        onPoll: @escaping @Sendable (SourceSync, RunReport) -> Void = { _, _ in }
    ) {
        self.syncs = syncs
        self.logger = logger
        self.sleeper = sleeper
        self.random = random
        self.onPoll = onPoll
    }

    /// Runs until the task is cancelled (SIGTERM/SIGINT), then returns once every source has
    /// finished or rolled back the page in hand.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            for sync in syncs {
                group.addTask { await loop(sync) }
            }
        }
    }

    private func loop(_ sync: SourceSync) async {
        let started = Instant.now()
        let interval = Double(sync.source.pollIntervalSeconds)
        // A random first delay spreads sources that share an interval, so they do not fire in lockstep.
        var delay = random(0...min(interval, 5) * 0.5)
        var failures = 0
        while !Task.isCancelled {
            do {
                try await sleeper(.milliseconds(Int64(delay * 1000)))
            } catch {
                return
            }
            let report = await sync.poll()
            onPoll(sync, report)
            switch report.outcome {
            case .ok:
                if failures > 0 { logger.notice("source recovered", ["source": sync.source.name, "after_failures": "\(failures)"]) }
                failures = 0
                delay = interval * random(0.9...1.1)
                // The source's own verify-and-repair pass, between polls, on its own schedule.
                if let verify = await sync.verifyIfDue(since: started), verify.run.outcome == .interrupted { return }
            case .failed:
                failures += 1
                delay = nextDelayAfterFailure(failures, interval: interval, cap: Double(sync.source.http.failureBackoffCapSeconds))
                logger.warning("source failing; backing off", [
                    "source": sync.source.name, "consecutive_failures": "\(failures)", "next_poll_in_seconds": "\(Int(delay))",
                ])
            case .interrupted:
                return
            }
        }
    }

    /// Doubles from the poll interval up to the cap, with "equal jitter": never less than half
    /// the step, so a failing upstream gets real rest, never more than the step.
    func nextDelayAfterFailure(_ failures: Int, interval: Double, cap: Double) -> Double {
        let step = min(max(cap, interval), interval * pow(2, Double(min(failures - 1, 30))))
        return step / 2 + random(0...step / 2)
    }
}

import FoundationEssentials
import Glibc

/// The daemon's loop: every enabled source polls on its own `poll_interval_seconds`, in its own
/// task, so a slow or failing source never delays another. A source's polls never overlap (each
/// waits for the previous one). A failing source backs off exponentially, capped at
/// `failure_backoff_cap_seconds`, and returns to its normal interval after its first success.
/// `pollNow` cuts a source's wait short (interval or backoff alike): `ordersync poll`.
///
/// Sources can be added, removed and replaced while it runs (a configuration reload): only the
/// source concerned is stopped or started; the others keep their schedules.
public final class PollScheduler: Sendable {
    let logger: Logger
    let sleeper: @Sendable (Duration) async throws -> Void
    let random: @Sendable (ClosedRange<Double>) -> Double
    /// Called after every poll, for callers that track progress.
    let onPoll: @Sendable (SourceSync, RunReport) -> Void
    /// Called with a source's next delay after a failed poll (the current backoff), and with nil
    /// once it succeeds again.
    let onBackoff: @Sendable (String, Double?) -> Void
    /// Called after each of the daemon's own verify passes.
    let onVerify: @Sendable (VerifyReport) -> Void
    /// Called after a poll that answers `poll_requests` (their ids), with its report.
    let onRequestsAnswered: @Sendable ([Int64], RunReport) async -> Void

    private let state = LockedBox(StateBox())

    /// `Task` and `SourceSync` are Sendable; the box only needs to be.
    private struct StateBox: Sendable {
        var loops: [String: (sync: SourceSync, task: Task<Void, Never>, wakeup: PollWakeup)] = [:]
        var stopped = false
    }

    private let initial: [SourceSync]

    public init(
        syncs: [SourceSync], logger: Logger,
        sleeper: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        random: @escaping @Sendable (ClosedRange<Double>) -> Double = { .random(in: $0) },
        onPoll: @escaping @Sendable (SourceSync, RunReport) -> Void = { _, _ in },
        onBackoff: @escaping @Sendable (String, Double?) -> Void = { _, _ in },
        onVerify: @escaping @Sendable (VerifyReport) -> Void = { _ in },
        onRequestsAnswered: @escaping @Sendable ([Int64], RunReport) async -> Void = { _, _ in }
    ) {
        self.initial = syncs
        self.logger = logger
        self.sleeper = sleeper
        self.random = random
        self.onPoll = onPoll
        self.onBackoff = onBackoff
        self.onVerify = onVerify
        self.onRequestsAnswered = onRequestsAnswered
    }

    /// Makes the source named `name` poll now: at once when it is waiting (its interval or a
    /// failure backoff), else right after the poll in progress. The poll that follows answers
    /// `requests`. False when this scheduler does not poll that source.
    @discardableResult
    public func pollNow(_ name: String, answering requests: [Int64] = []) -> Bool {
        guard let wakeup = state.withValue({ $0.loops[name]?.wakeup }) else { return false }
        wakeup.wake(answering: requests)
        return true
    }

    /// The names of the sources polling now.
    public var sourceNames: [String] {
        state.withValue { $0.loops.keys.sorted() }
    }

    /// Runs until the task is cancelled (SIGTERM/SIGINT), then returns once every source has
    /// finished or rolled back the page in hand.
    public func run() async {
        for sync in initial { add(sync) }
        let stop = LockedBox<CheckedContinuation<Void, Never>?>(nil)
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let cancelled = stop.withValue { box -> Bool in
                    box = continuation
                    return Task.isCancelled
                }
                if cancelled { stop.withValue { $0 = nil }; continuation.resume() }
            }
        } onCancel: {
            stop.withValue { box in
                box?.resume()
                box = nil
            }
        }
        let tasks = state.withValue { state -> [Task<Void, Never>] in
            state.stopped = true
            return state.loops.values.map(\.task)
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }

    /// Starts polling `sync` (a source added by a reload). Ignored once the scheduler stopped.
    public func add(_ sync: SourceSync) {
        state.withValue { state in
            guard !state.stopped else { return }
            state.loops[sync.source.name]?.task.cancel()
            let wakeup = PollWakeup()
            state.loops[sync.source.name] = (sync, Task { await self.loop(sync, wakeup: wakeup) }, wakeup)
        }
    }

    /// Stops polling the source named `name`: its poll in progress finishes or rolls back the page
    /// in hand; returns when it has.
    public func remove(_ name: String) async {
        let task = state.withValue { state in state.loops.removeValue(forKey: name)?.task }
        task?.cancel()
        await task?.value
        onBackoff(name, nil)
    }

    /// Replaces a source's configuration: stops the old one (as `remove`), starts the new one.
    public func replace(_ sync: SourceSync) async {
        await remove(sync.source.name)
        add(sync)
    }

    private func loop(_ sync: SourceSync, wakeup: PollWakeup) async {
        let started = Instant.now()
        let interval = Double(sync.source.pollIntervalSeconds)
        // A random first delay spreads sources that share an interval, so they do not fire in lockstep.
        var delay = random(0...min(interval, 5) * 0.5)
        var failures = 0
        while !Task.isCancelled {
            guard await wakeup.wait(.milliseconds(Int64(delay * 1000)), sleeper: sleeper) else { return }
            let requests = wakeup.takeRequests()
            let report = await sync.poll()
            onPoll(sync, report)
            if !requests.isEmpty { await onRequestsAnswered(requests, report) }
            switch report.outcome {
            case .ok:
                if failures > 0 { logger.notice("source recovered", ["source": sync.source.name, "after_failures": "\(failures)"]) }
                failures = 0
                delay = interval * random(0.9...1.1)
                onBackoff(sync.source.name, nil)
                // The source's own verify-and-repair pass, between polls, on its own schedule.
                if let verify = await sync.verifyIfDue(since: started) {
                    onVerify(verify)
                    if verify.run.outcome == .interrupted { return }
                }
            case .failed:
                failures += 1
                delay = nextDelayAfterFailure(failures, interval: interval, cap: Double(sync.source.http.failureBackoffCapSeconds))
                onBackoff(sync.source.name, delay)
                logger.warning("source failing; backing off", [
                    "source": sync.source.name, "consecutive_failures": "\(failures)", "next_poll_in_seconds": "\(Int(delay))",
                ])
            case .interrupted:
                return
            }
        }
    }

    /// The step (`HealthRule.maximumBackoff`: the poll interval, doubling, never above the cap)
    /// with "equal jitter": never less than half the step, so a failing upstream gets real
    /// rest, never more than the step, so a recovered one is polled within one step.
    func nextDelayAfterFailure(_ failures: Int, interval: Double, cap: Double) -> Double {
        let step = min(cap, interval * pow(2, Double(min(failures - 1, 30))))
        return step / 2 + random(0...step / 2)
    }
}

/// Cuts a wait short: a source's loop waiting out its interval (or its failure backoff) polls at
/// once when someone asks for a poll now (`ordersync poll`), and the poll-request check runs at
/// once on SIGUSR1. A wake that arrives while nobody waits is kept for the next wait, so a
/// request made during a poll is answered by the poll after it, never lost.
public final class PollWakeup: Sendable {
    private struct State: Sendable {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
        /// `poll_requests` ids the next poll answers.
        var requests: [Int64] = []
    }

    private let state = LockedBox(State())

    public init() {}

    /// Ends the current wait, or the next one if none is going on.
    public func wake(answering requests: [Int64] = []) {
        let waiter = state.withValue { state -> CheckedContinuation<Void, Never>? in
            state.requests += requests
            guard let waiter = state.waiter else {
                state.pending = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// The request ids the poll about to start answers (taken once).
    public func takeRequests() -> [Int64] {
        state.withValue { state in
            defer { state.requests = [] }
            return state.requests
        }
    }

    /// Waits `delay` with `sleeper`, or less when woken. False when the task was cancelled.
    public func wait(_ delay: Duration, sleeper: @escaping @Sendable (Duration) async throws -> Void) async -> Bool {
        let woken = state.withValue { state in
            defer { state.pending = false }
            return state.pending
        }
        if woken { return !Task.isCancelled }
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                do {
                    try await sleeper(delay)
                    return true
                } catch {
                    return false
                }
            }
            group.addTask {
                await self.woken()
                return true
            }
            let first = await group.next() ?? false
            group.cancelAll()
            await group.waitForAll()
            return first && !Task.isCancelled
        }
    }

    /// Returns when woken (or cancelled).
    private func woken() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withValue { state -> Bool in
                    if Task.isCancelled { return true }
                    if state.pending {
                        state.pending = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withValue { state -> CheckedContinuation<Void, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}

import OrderSyncCore

/// Work that a stop signal cancels. The signal handler is installed before the work starts, so
/// a SIGTERM that arrives in between still stops it (cleanly) instead of killing the process.
final class StoppableWork<Result: Sendable>: Sendable {
    private let state = LockedBox<(task: Task<Result, Never>?, stopped: Bool)>((nil, false))

    /// Cancels the work, now or as soon as it starts.
    func stop() {
        state.withValue { state in
            state.stopped = true
            state.task?.cancel()
        }
    }

    func run(_ body: @escaping @Sendable () async -> Result) async -> Result {
        let task = Task { await body() }
        let stopped = state.withValue { state -> Bool in
            state.task = task
            return state.stopped
        }
        if stopped { task.cancel() }
        return await task.value
    }
}

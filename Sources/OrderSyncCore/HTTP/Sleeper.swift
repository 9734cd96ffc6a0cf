/// Waits for a duration; the only way the HTTP layer passes time, so tests can record the
/// waits instead of sitting through them.
public struct Sleeper: Sendable {
    /// Suspends for the duration; throws `CancellationError` when the task is cancelled.
    public let sleep: @Sendable (Duration) async throws -> Void

    public init(_ sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.sleep = sleep
    }

    /// Really sleeps, on the continuous clock.
    public static let real = Sleeper { duration in
        try await Task.sleep(for: duration)
    }
}

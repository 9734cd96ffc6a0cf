/// Spaces request starts so that at most `requestsPerSecond` begin in any second.
///
/// Each caller reserves the next free slot before it suspends, so concurrent callers get
/// successive slots even though the actor is re-entered while they sleep.
actor RateLimiter {
    private let interval: Duration
    private let sleeper: Sleeper
    private let now: @Sendable () -> ContinuousClock.Instant
    private var nextSlot: ContinuousClock.Instant?

    init(
        requestsPerSecond: Double,
        sleeper: Sleeper,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.interval = .seconds(1 / max(requestsPerSecond, 0.001))
        self.sleeper = sleeper
        self.now = now
    }

    /// Returns when the caller may start its request; throws when cancelled while waiting.
    func acquire() async throws {
        let current = now()
        let slot = max(current, nextSlot ?? current)
        nextSlot = slot + interval
        if slot > current {
            try await sleeper.sleep(slot - current)
        }
    }
}

import Testing
@testable import OrderSyncCore

@Suite("Backoff")
struct BackoffTests {
    let backoff = Backoff(initial: .milliseconds(500), cap: .seconds(60))

    @Test("the ceiling doubles per attempt and stops at the cap")
    func ceiling() {
        #expect(backoff.ceiling(forAttempt: 1) == .milliseconds(500))
        #expect(backoff.ceiling(forAttempt: 2) == .seconds(1))
        #expect(backoff.ceiling(forAttempt: 4) == .seconds(4))
        #expect(backoff.ceiling(forAttempt: 8) == .seconds(60))
        #expect(backoff.ceiling(forAttempt: Int.max) == .seconds(60))
    }

    @Test("full jitter draws from zero to the ceiling")
    func fullJitter() {
        let ranges = LockedBox<[ClosedRange<Double>]>([])
        let upper = backoff.delay(forAttempt: 3) { range in
            ranges.withValue { $0.append(range) }
            return range.upperBound
        }
        let lower = backoff.delay(forAttempt: 3) { $0.lowerBound }

        #expect(ranges.withValue { $0 } == [0...2])
        #expect(upper == .seconds(2))
        #expect(lower == .zero)
    }

    @Test("a random source straying out of range is held inside it")
    func outOfRangeRandom() {
        #expect(backoff.delay(forAttempt: 1) { _ in 99 } == .milliseconds(500))
        #expect(backoff.delay(forAttempt: 1) { _ in -1 } == .zero)
    }

    @Test("real jitter stays within the bounds")
    func realJitter() {
        for attempt in 1...10 {
            let delay = backoff.delay(forAttempt: attempt)
            #expect(delay >= .zero && delay <= backoff.ceiling(forAttempt: attempt))
        }
    }

    @Test("the rate limiter gives concurrent callers successive slots and lets an idle one through")
    func rateLimiterSlots() async throws {
        let sleeper = RecordingSleeper()
        let limiter = RateLimiter(requestsPerSecond: 2, sleeper: Sleeper { sleeper.record($0) }, now: sleeper.now)

        try await limiter.acquire()
        try await limiter.acquire()
        try await limiter.acquire()
        #expect(sleeper.sleeps == [.milliseconds(500), .seconds(1)])

        try await sleeper.sleeper.sleep(.seconds(5))
        try await limiter.acquire()
        #expect(sleeper.sleeps == [.milliseconds(500), .seconds(1), .seconds(5)])
    }
}

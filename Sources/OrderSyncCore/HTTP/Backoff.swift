/// Exponential backoff with full jitter: the n-th retry waits a random time between zero and
/// `min(cap, initial × multiplier^(n−1))`.
///
/// Full jitter spreads the retries of many clients that failed together (say, after an
/// upstream restart) instead of letting them hammer the server in lockstep. Used by
/// `HTTPClient` between attempts and by the scheduler for sources that keep failing.
public struct Backoff: Sendable, Equatable {
    /// Upper bound of the first delay.
    public var initial: Duration
    /// No delay is longer than this.
    public var cap: Duration
    /// Growth of the upper bound per attempt.
    public var multiplier: Double

    public init(initial: Duration, cap: Duration, multiplier: Double = 2) {
        self.initial = initial
        self.cap = cap
        self.multiplier = multiplier
    }

    /// The largest delay after failed attempt number `attempt` (counted from 1).
    public func ceiling(forAttempt attempt: Int) -> Duration {
        let initialSeconds = initial.fractionalSeconds
        let capSeconds = cap.fractionalSeconds
        guard initialSeconds > 0, capSeconds > 0 else { return .zero }
        // The exponent stops growing once the cap is reached, so huge attempt numbers
        // never overflow to infinity.
        var bound = initialSeconds
        var step = 1
        while step < attempt, bound < capSeconds, multiplier > 1 {
            bound *= multiplier
            step += 1
        }
        return .seconds(min(bound, capSeconds))
    }

    /// A jittered delay after failed attempt number `attempt` (counted from 1): `random` picks
    /// a value in `0...ceiling` seconds; tests pass a deterministic one.
    public func delay(
        forAttempt attempt: Int,
        random: (ClosedRange<Double>) -> Double = { .random(in: $0) }
    ) -> Duration {
        let ceilingSeconds = ceiling(forAttempt: attempt).fractionalSeconds
        guard ceilingSeconds > 0 else { return .zero }
        let picked = random(0...ceilingSeconds)
        return .seconds(min(max(picked, 0), ceilingSeconds))
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    var fractionalSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

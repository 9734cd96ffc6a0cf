/// The time a backfill source has left, estimated only from progress that cost work.
///
/// Date windows before a provider's data begins (or any stretch with no orders) pass in
/// milliseconds; counting them as progress would promise an end far too early. So the clock starts
/// at the first sample that shows orders written, and the rate is the range covered since then
/// per second. No estimate until that rate rests on at least `minimumSeconds` and some range;
/// none when the position is unknown (the caller passes no fraction).
struct BackfillEstimate: Sendable {
    /// Where the measured stretch began: seconds since the backfill started, and the fraction of
    /// the range done then.
    private var baseline: (seconds: Double, fraction: Double)?
    let minimumSeconds: Double

    init(minimumSeconds: Double = 3) {
        self.minimumSeconds = minimumSeconds
    }

    /// Whole seconds left at `seconds` into the run with `fraction` (0…1) of the range done and
    /// `orders` written so far; nil while there is no honest estimate.
    mutating func secondsLeft(fraction: Double, orders: Int, at seconds: Double) -> Int? {
        guard orders > 0 else { return nil }
        guard let baseline else {
            self.baseline = (seconds, fraction)
            return nil
        }
        let covered = fraction - baseline.fraction
        let spent = seconds - baseline.seconds
        guard spent >= minimumSeconds, covered > 0, fraction < 1 else { return nil }
        return Int(((1 - fraction) * spent / covered).rounded())
    }
}

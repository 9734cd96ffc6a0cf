/// Arithmetic the dialects' pricing shares; each dialect derives its totals
/// from its lines in its own `recompute` (`<Dialect>+Pricing.swift`).
enum Pricing {
    /// `value * rate / 100000`, rounded half up (rates are in thousandths of a percent).
    static func percent(_ value: Int64, milli rate: Int) -> Int64 {
        (value * Int64(rate) + 50_000) / 100_000
    }
}

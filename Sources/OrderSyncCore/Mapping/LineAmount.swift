/// Exact arithmetic for the few amounts upstreams leave to be derived.
public enum LineAmount {
    /// `unit × quantity` in minor units, rounded half away from zero, computed exactly in
    /// integers from the quantity's text so no binary fraction creeps in.
    /// Nil when the quantity is not a plain decimal, has more than 38 significant digits (no
    /// real quantity has), or the product does not fit in 64 bits.
    public static func total(unitMinor: Int64, quantityText: String) -> Int64? {
        guard let quantity = DecimalLiteral(quantityText), let significand = quantity.significand else { return nil }
        let (product, overflow) = UInt128(unitMinor.magnitude).multipliedReportingOverflow(by: significand)
        guard !overflow else { return nil }
        guard let magnitude = DecimalLiteral.scale(product, byPowerOfTen: quantity.exponent) else { return nil }
        let negative = (unitMinor < 0) != quantity.negative
        guard magnitude <= (negative ? UInt128(Int64.max) + 1 : UInt128(Int64.max)) else { return nil }
        return negative ? Int64(truncatingIfNeeded: 0 &- UInt64(magnitude)) : Int64(magnitude)
    }
}

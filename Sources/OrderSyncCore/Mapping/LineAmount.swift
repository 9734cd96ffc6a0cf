import Foundation

/// Exact arithmetic for the few amounts upstreams leave to be derived.
public enum LineAmount {
    /// `unit × quantity` in minor units, rounded half away from zero, computed exactly in
    /// integers from the quantity's text so no binary fraction creeps in.
    /// Nil when the quantity is not a plain decimal or the product does not fit in 64 bits.
    public static func total(unitMinor: Int64, quantityText: String) -> Int64? {
        guard let quantity = DecimalLiteral(quantityText) else { return nil }
        guard let significand = quantity.significand else {
            return decimalTotal(unitMinor: unitMinor, quantityText: quantityText)
        }
        let (product, overflow) = UInt128(unitMinor.magnitude).multipliedReportingOverflow(by: significand)
        guard !overflow else { return nil }
        guard let magnitude = scaled(product, byPowerOfTen: quantity.exponent) else { return nil }
        let negative = (unitMinor < 0) != quantity.negative
        guard magnitude <= (negative ? UInt128(Int64.max) + 1 : UInt128(Int64.max)) else { return nil }
        return negative ? Int64(truncatingIfNeeded: 0 &- UInt64(magnitude)) : Int64(magnitude)
    }

    /// `value × 10^exponent`, rounded half away from zero; nil on overflow.
    private static func scaled(_ value: UInt128, byPowerOfTen exponent: Int) -> UInt128? {
        var value = value
        if exponent >= 0 {
            for _ in 0..<exponent {
                let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
                guard !overflow else { return value == 0 ? 0 : nil }
                value = times10
            }
            return value
        }
        // UInt128 holds under 10^39: dividing by more leaves nothing to round up.
        guard -exponent < 39 else { return 0 }
        var divisor: UInt128 = 1
        for _ in 0..<(-exponent) { divisor *= 10 }
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder >= divisor - remainder ? quotient + 1 : quotient
    }

    /// The same product through Foundation's base-10 `Decimal`: only for quantities with more
    /// significant digits than 128 bits hold (38), which no real quantity has.
    private static func decimalTotal(unitMinor: Int64, quantityText: String) -> Int64? {
        guard let quantity = Decimal(string: quantityText, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        var product = Decimal(unitMinor) * quantity
        var rounded = Decimal()
        NSDecimalRound(&rounded, &product, 0, .plain)
        guard rounded >= Decimal(Int64.min), rounded <= Decimal(Int64.max) else { return nil }
        // Through its decimal text, not `int64Value`, which may pass through a Double.
        return Int64(NSDecimalNumber(decimal: rounded).stringValue)
    }
}

import Foundation

/// Exact arithmetic for the few amounts upstreams leave to be derived.
public enum LineAmount {
    /// `unit × quantity` in minor units, rounded half away from zero, computed in base-10
    /// `Decimal` from the quantity's text so no binary fraction creeps in.
    /// Nil when the quantity is not a plain decimal or the product does not fit in 64 bits.
    public static func total(unitMinor: Int64, quantityText: String) -> Int64? {
        // `Decimal(string:)` would read "3 pcs" as 3: insist on a decimal literal first.
        guard (try? MinorUnits.parse(quantityText, exponent: 0)) != nil,
              let quantity = Decimal(string: quantityText, locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        var product = Decimal(unitMinor) * quantity
        var rounded = Decimal()
        NSDecimalRound(&rounded, &product, 0, .plain)
        guard rounded >= Decimal(Int64.min), rounded <= Decimal(Int64.max) else { return nil }
        // Through its decimal text, not `int64Value`, which may pass through a Double.
        return Int64(NSDecimalNumber(decimal: rounded).stringValue)
    }
}

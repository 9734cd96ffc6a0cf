import Foundation

/// Exact arithmetic for the few amounts upstreams leave to be derived.
public enum LineAmount {
    /// `unit × quantity` in minor units, rounded half away from zero, computed in base-10
    /// `Decimal` from the quantity's text so no binary fraction creeps in.
    public static func total(unitMinor: Int64, quantityText: String) -> Int64? {
        guard let quantity = Decimal(string: quantityText, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        var product = Decimal(unitMinor) * quantity
        var rounded = Decimal()
        NSDecimalRound(&rounded, &product, 0, .plain)
        return Int64(exactly: NSDecimalNumber(decimal: rounded).int64Value)
    }
}

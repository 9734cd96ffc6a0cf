import FoundationEssentials
import PlatformSupport

/// Money as integer minor units, written as exact decimal text.
///
/// Amounts never pass through `Double`: the daemon under test must convert
/// `17.98` to `1798` exactly, so the simulator writes what it means digit by
/// digit.
@_spi(SimulatedDialects) public enum MinorUnits {
    /// Decimal places of a currency's minor unit (ISO 4217).
    static func exponent(of currency: String) -> Int {
        switch currency {
        case "JPY", "KRW": return 0
        case "KWD", "BHD", "OMR", "JOD", "TND": return 3
        default: return 2
        }
    }

    /// `1798, 2` → `"17.98"`; `1000, 0` → `"1000"`; `-5, 2` → `"-0.05"`.
    static func text(_ minor: Int64, exponent: Int) -> String {
        let negative = minor < 0
        let digits = String(minor.magnitude)
        guard exponent > 0 else { return negative ? "-" + digits : digits }
        let padded = String(repeating: "0", count: max(0, exponent + 1 - digits.count)) + digits
        let split = padded.index(padded.endIndex, offsetBy: -exponent)
        return (negative ? "-" : "") + padded[..<split] + "." + padded[split...]
    }

    /// `text(minor, exponent(of: currency))`.
    @_spi(SimulatedDialects) public static func text(_ minor: Int64, currency: String) -> String {
        text(minor, exponent: exponent(of: currency))
    }

    /// Parses decimal text (`"150"`, `"150.5"`, `"-1.25"`) into minor units,
    /// refusing more decimals than the exponent allows.
    static func parse(_ text: String, exponent: Int) -> Int64? {
        var body = Substring(text.trimmingWhitespace())
        var negative = false
        if body.hasPrefix("-") {
            negative = true
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty,
              parts[0].allSatisfy(\.isASCIIDigitCharacter) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
        while fraction.count > exponent, fraction.hasSuffix("0") {
            fraction.removeLast()
        }
        guard fraction.count <= exponent else { return nil }
        fraction += String(repeating: "0", count: exponent - fraction.count)
        guard let value = Int64(parts[0] + fraction) else { return nil }
        return negative ? -value : value
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool {
        isASCII && isNumber
    }
}

/// One exchange rate as `fx_rates` holds it: on `day`, one `base` is worth `rate` `quote`.
public struct FXRate: Sendable, Equatable {
    /// `YYYY-MM-DD`.
    public var day: String
    /// ISO 4217.
    public var base: String
    /// ISO 4217.
    public var quote: String
    /// Exact decimal text in canonical form: no sign, no exponent, no leading zeros before the
    /// units digit, no trailing zeros after the point (`"1.0834"`, `"157.9"`, `"0.00612"`).
    public var rate: String

    public init(day: String, base: String, quote: String, rate: String) {
        self.day = day
        self.base = base
        self.quote = quote
        self.rate = rate
    }

    /// The most decimals a rate may have: with the currencies' own exponents the view's
    /// integer factors stay within 10^18.
    public static let maxDecimals = 14
    /// The most significant digits a rate may have (more than any rate source publishes).
    public static let maxSignificantDigits = 15

    /// `text` in canonical form, or why it is not a usable rate.
    public static func canonicalRate(_ text: String) -> Result<String, FXRateFile.Problem> {
        let parts = text.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        let isDigits = { (part: Substring) in !part.isEmpty && part.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
        guard parts.count <= 2, isDigits(parts[0]), parts.count == 1 || isDigits(parts[1]) else {
            return .failure(.init("rate \"\(text.prefix(40))\" is not a plain decimal number such as 1.0834 (no sign, exponent or thousands separator)"))
        }
        var units = String(parts[0].drop { $0 == "0" })
        let fraction = parts.count == 2 ? String(parts[1].reversed().drop { $0 == "0" }.reversed()) : ""
        guard fraction.count <= maxDecimals else {
            return .failure(.init("rate \"\(text.prefix(40))\" has more than \(maxDecimals) decimals"))
        }
        let significant = (units + fraction).drop { $0 == "0" }
        guard !significant.isEmpty else { return .failure(.init("rate \"\(text)\" is zero; a rate must be positive")) }
        guard significant.count <= maxSignificantDigits else {
            return .failure(.init("rate \"\(text.prefix(40))\" has more than \(maxSignificantDigits) significant digits"))
        }
        if units.isEmpty { units = "0" }
        return .success(fraction.isEmpty ? units : units + "." + fraction)
    }
}

/// ISO 4217 facts the daemon needs: how many minor units a currency has.
public enum Currency {
    /// Currencies whose minor unit is not 1/100. Everything else has two decimals.
    private static let exponents: [String: Int] = [
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0,
        "PYG": 0, "RWF": 0, "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
        "CLF": 4, "UYW": 4,
    ]

    /// The number of decimals in one major unit of `code` (2 for EUR, 0 for JPY, 3 for KWD).
    public static func exponent(of code: String) -> Int {
        exponents[code.uppercased()] ?? 2
    }

    /// Whether `code` has the shape of an ISO 4217 code: three ASCII capital letters.
    public static func isWellFormed(_ code: String) -> Bool {
        code.utf8.count == 3 && code.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    }
}

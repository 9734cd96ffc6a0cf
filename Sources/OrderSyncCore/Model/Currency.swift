/// ISO 4217 facts the daemon needs: how many minor units a currency has (the table is in
/// `Currency+ISO4217.swift`).
public enum Currency {
    /// Codes not in the table are read with this many decimals (so are the "N.A." codes).
    public static let defaultExponent = 2

    /// The number of decimals in one major unit of `code` (2 for EUR, 0 for JPY, 3 for KWD).
    public static func exponent(of code: String) -> Int {
        definitionsByCode[code.uppercased()]?.exponent ?? defaultExponent
    }

    /// Whether `code` is in the ISO 4217 table.
    public static func isKnown(_ code: String) -> Bool {
        definitionsByCode[code] != nil
    }

    /// Whether `code` has the shape of an ISO 4217 code: three ASCII capital letters.
    public static func isWellFormed(_ code: String) -> Bool {
        code.utf8.count == 3 && code.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    }
}

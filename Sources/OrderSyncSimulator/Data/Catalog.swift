/// Word lists the generated customers and products are made from.
@_spi(SimulatedDialects) public enum Catalog {
    static let companyWords = ["Acme", "Northwind", "Blue Harbor", "Cedar", "Granite", "Lumen", "Orchard", "Pioneer",
                               "Quartz", "Riverside", "Summit", "Tidewater", "Vantage", "Willow", "Zephyr", "Aurora",
                               "Beacon", "Copperfield", "Driftwood", "Evergreen"]
    static let companySuffixes = ["Ltd", "GmbH", "BV", "SARL", "Inc", "LLC", "& Co", "Holdings"]
    static let firstNames = ["Anna", "Ben", "Chloé", "David", "Eva", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kofi",
                             "Lena", "Marta", "Nils", "Olga", "Pieter", "Rosa", "Sven", "Tariq", "Zoë"]
    static let lastNames = ["Jansen", "Müller", "Dubois", "Smith", "García", "Rossi", "Novak", "Kowalski", "Berg",
                            "O'Brien", "Nakamura", "Okafor", "Silva", "Andersen", "Petit", "Weber"]
    static let cities = [("Amsterdam", "NL"), ("Berlin", "DE"), ("Paris", "FR"), ("London", "GB"), ("Madrid", "ES"),
                         ("Milan", "IT"), ("Dublin", "IE"), ("Vienna", "AT")]

    @_spi(SimulatedDialects) public static func company(_ rng: inout SplitMix64) -> String {
        "\(rng.pick(companyWords)) \(rng.pick(companySuffixes))"
    }

    @_spi(SimulatedDialects) public static func person(_ rng: inout SplitMix64) -> (first: String, last: String) {
        (rng.pick(firstNames), rng.pick(lastNames))
    }

    /// A price in minor units, varied so cents are rarely `00`.
    @_spi(SimulatedDialects) public static func unitPrice(_ rng: inout SplitMix64, currency: String) -> Int64 {
        switch MinorUnits.exponent(of: currency) {
        case 0: return rng.int64(300...90_000)
        case 3: return rng.int64(1_500...180_000)
        default:
            let major = rng.int64(2...600)
            let cents: Int64 = rng.chance(15) ? 0 : rng.chance(30) ? 99 : rng.int64(1...98)
            return major * 100 + cents
        }
    }
}

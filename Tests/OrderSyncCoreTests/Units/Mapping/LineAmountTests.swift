import Testing

@testable import OrderSyncCore

/// `unit × quantity` in exact decimal arithmetic, rounded half away from zero.
struct LineAmountTests {
    @Test(arguments: [
        (Int64(1999), "3", Int64(5997)),
        (1999, "1.5", 2999),            // 2998.5 rounds away from zero
        (1999, "1.25", 2499),           // 2498.75
        (1999, "1.2", 2399),            // 2398.8
        (-1999, "1.5", -2999),          // a credit line: -2998.5 rounds away from zero too
        (1999, "-1.5", -2999),
        (-1999, "3", -5997),
        (7500, "2", 15000),
        (15000, "1", 15000),
        (10000, "50.00", 500_000),
        (29, "0.1", 3),                 // 2.9
        (1, "0.5", 1),
        (1, "0.49", 0),
        (100, "1e2", 10000),
        (0, "12.5", 0),
        (1999, "0", 0),
    ])
    func total(unit: Int64, quantity: String, expected: Int64) {
        #expect(LineAmount.total(unitMinor: unit, quantityText: quantity) == expected)
    }

    @Test func aQuantityThatIsNotANumberHasNoTotal() {
        #expect(LineAmount.total(unitMinor: 1999, quantityText: "x") == nil)
        #expect(LineAmount.total(unitMinor: 1999, quantityText: "") == nil)
    }

    /// Exact where a `Double` is not: 0.29 × 3 = 0.87, 1.005 × 1000.
    @Test func noBinaryFractions() {
        #expect(LineAmount.total(unitMinor: 1005, quantityText: "0.001") == 1)
        #expect(LineAmount.total(unitMinor: 3, quantityText: "0.29") == 1)       // 0.87
        #expect(LineAmount.total(unitMinor: 9_007_199_254_740_993, quantityText: "1") == 9_007_199_254_740_993)
    }

    @Test func aTotalBeyondInt64IsNil() {
        #expect(LineAmount.total(unitMinor: Int64.max, quantityText: "2") == nil)
    }

    /// Integer arithmetic in 128 bits, with the exponent applied exactly. Zeros that only scale
    /// (`1.000…0`) cost no digits; more than 38 significant digits is no quantity: nil.
    @Test func exponentsAndLongQuantities() {
        #expect(LineAmount.total(unitMinor: 1999, quantityText: "1.5e1") == 29985)
        #expect(LineAmount.total(unitMinor: 1999, quantityText: "15E-1") == 2999)
        #expect(LineAmount.total(unitMinor: 1999, quantityText: "1e-400") == 0)
        #expect(LineAmount.total(unitMinor: 0, quantityText: "1e9999") == 0)
        #expect(LineAmount.total(unitMinor: 1, quantityText: "1e19") == nil)
        #expect(LineAmount.total(unitMinor: 1999, quantityText: "1." + String(repeating: "0", count: 45)) == 1999)
        #expect(LineAmount.total(unitMinor: 1999, quantityText: "2.5" + String(repeating: "0", count: 45)) == 4998)
        #expect(LineAmount.total(unitMinor: Int64.min, quantityText: "1") == Int64.min)
        #expect(LineAmount.total(unitMinor: Int64.min, quantityText: "-1") == nil)
        #expect(LineAmount.total(unitMinor: 1, quantityText: "0." + String(repeating: "1", count: 38)) == 0)
        #expect(LineAmount.total(unitMinor: 1, quantityText: "0." + String(repeating: "1", count: 40)) == nil)
    }

    @Test func trailingGarbageIsNotAQuantity() {
        #expect(LineAmount.total(unitMinor: 1999, quantityText: "3 pcs") == nil)
    }
}

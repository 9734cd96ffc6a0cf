import Testing

@testable import OrderSyncCore

/// Decimal text to integer minor units: exact, rounded half away from zero, strict.
struct MinorUnitsParseTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var currency: String
        var minor: Int64
        var testDescription: String { "\(text) \(currency) → \(minor)" }
    }

    @Test(arguments: [
        Case(text: "5000.00", currency: "EUR", minor: 500_000),
        Case(text: "17.98", currency: "GBP", minor: 1798),
        Case(text: "0.1", currency: "EUR", minor: 10),
        Case(text: "1234.565", currency: "EUR", minor: 123_457),     // half away from zero
        Case(text: "-1234.565", currency: "EUR", minor: -123_457),
        Case(text: "1234.564", currency: "EUR", minor: 123_456),
        Case(text: "-1234.564", currency: "EUR", minor: -123_456),
        Case(text: "1234.5649999", currency: "EUR", minor: 123_456), // only the first dropped digit decides
        Case(text: "0.005", currency: "EUR", minor: 1),
        Case(text: "0.004", currency: "EUR", minor: 0),
        Case(text: "-0.005", currency: "EUR", minor: -1),
        Case(text: "1000", currency: "JPY", minor: 1000),
        Case(text: "1000.5", currency: "JPY", minor: 1001),
        Case(text: "1000.49", currency: "JPY", minor: 1000),
        Case(text: "1.234", currency: "KWD", minor: 1234),
        Case(text: "1.2345", currency: "KWD", minor: 1235),
        Case(text: "1e3", currency: "EUR", minor: 100_000),
        Case(text: "1e3", currency: "JPY", minor: 1000),
        Case(text: "1E+3", currency: "EUR", minor: 100_000),
        Case(text: "1.5E-1", currency: "EUR", minor: 15),
        Case(text: "5e-3", currency: "EUR", minor: 1),
        Case(text: "5e-5", currency: "EUR", minor: 0),
        Case(text: "0e9999", currency: "EUR", minor: 0),
        Case(text: "-0.5", currency: "EUR", minor: -50),
        Case(text: "+12", currency: "EUR", minor: 1200),
        Case(text: "007.50", currency: "EUR", minor: 750),
        Case(text: "0", currency: "EUR", minor: 0),
        Case(text: "-0", currency: "EUR", minor: 0),
        Case(text: "92233720368547758.07", currency: "EUR", minor: Int64.max),
        Case(text: "-92233720368547758.07", currency: "EUR", minor: -Int64.max),
        Case(text: "1.23456", currency: "CLF", minor: 12346),          // four decimals
    ])
    func parses(_ testCase: Case) throws {
        #expect(try MinorUnits.parse(testCase.text, currency: testCase.currency) == testCase.minor)
    }

    @Test(arguments: ["abc", "", "1.2.3", "--1", "1e", " 1", "1 ", ".5", "1.", "-", "+", "1e+", "1,5", "1_000", "0x10", "1e1.5", "١٢"])
    func refusesWhatIsNotADecimal(text: String) {
        #expect(throws: MinorUnits.ParseError.notADecimal(text)) {
            try MinorUnits.parse(text, exponent: 2)
        }
    }

    @Test(arguments: [
        "123456789012345678901234567890",                 // 30 digits
        "92233720368547758.08",                           // Int64.max + 1 minor units
        "1e9999",
        "1e99999",                                        // more exponent digits than accepted
        "92233720368547758.075",                          // rounding up past Int64.max
    ])
    func refusesWhatDoesNotFit(text: String) {
        #expect(throws: MinorUnits.ParseError.outOfRange(text)) {
            try MinorUnits.parse(text, exponent: 2)
        }
    }

    @Test func manyLeadingZerosAndTinyExponentsAreNotOverflows() throws {
        #expect(try MinorUnits.parse(String(repeating: "0", count: 40) + "1.25", exponent: 2) == 125)
        #expect(try MinorUnits.parse("1e-9999", exponent: 2) == 0)
    }

    @Test func errorsDescribeTheText() {
        #expect(MinorUnits.ParseError.notADecimal("abc").description == #""abc" is not a decimal amount"#)
        #expect(MinorUnits.ParseError.outOfRange("1e99").description == #""1e99" is too large for an amount"#)
        let long = String(repeating: "9", count: 60)
        #expect(MinorUnits.ParseError.outOfRange(long).description.contains(String(repeating: "9", count: 41)) == false)
    }

    @Test(arguments: [("EUR", 2), ("eur", 2), ("USD", 2), ("JPY", 0), ("KRW", 0), ("KWD", 3), ("BHD", 3), ("TND", 3),
                      ("CLF", 4), ("XYZ", 2)])
    func currencyExponents(code: String, exponent: Int) {
        #expect(Currency.exponent(of: code) == exponent)
    }

    @Test func wellFormedCurrencyCodes() {
        #expect(Currency.isWellFormed("EUR"))
        #expect(!Currency.isWellFormed("eur"))
        #expect(!Currency.isWellFormed("EURO"))
        #expect(!Currency.isWellFormed("€"))
    }
}

/// The 128-bit fast path gives what the digit-by-digit path gives, value or error, for every
/// shape of literal: signs, leading and trailing zeros, long fractions, exponents, overflow.
@Suite("MinorUnits fast path")
struct MinorUnitsFastPathTests {
    @Test func agreesWithTheDigitPath() {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789")
        func run(_ count: Int) -> String { String((0..<count).map { _ in digits.randomElement(using: &generator)! }) }
        for _ in 0..<20_000 {
            var text = ["", "-", "+"].randomElement(using: &generator)!
            text += run(Int.random(in: 1...22, using: &generator))
            if Bool.random(using: &generator) { text += "." + run(Int.random(in: 1...24, using: &generator)) }
            if Int.random(in: 0..<4, using: &generator) == 0 {
                text += ["e", "E"].randomElement(using: &generator)! + ["", "-", "+"].randomElement(using: &generator)!
                text += run(Int.random(in: 1...3, using: &generator))
            }
            for exponent in [0, 2, 3] {
                let fast = Result { () throws(MinorUnits.ParseError) in try MinorUnits.parse(text, exponent: exponent) }
                let slow = Result { () throws(MinorUnits.ParseError) in try MinorUnits.parseDigitByDigit(text, exponent: exponent) }
                #expect(fast == slow, "\(text) at exponent \(exponent)")
                if fast != slow { return }
            }
        }
    }
}

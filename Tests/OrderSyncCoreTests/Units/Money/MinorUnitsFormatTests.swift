import Testing

@testable import OrderSyncCore

/// `format` writes minor units back as decimal text, and `parse` reads it back exactly.
struct MinorUnitsFormatTests {
    @Test(arguments: [
        (Int64(1798), 2, "17.98"), (5, 2, "0.05"), (-5, 2, "-0.05"), (0, 2, "0.00"), (-123_457, 2, "-1234.57"),
        (1000, 0, "1000"), (-1000, 0, "-1000"), (1234, 3, "1.234"), (1, 3, "0.001"), (600_000, 2, "6000.00"),
        (Int64.max, 2, "92233720368547758.07"), (Int64.min, 2, "-92233720368547758.08"),
    ])
    func formats(minor: Int64, exponent: Int, text: String) {
        #expect(MinorUnits.format(minor, exponent: exponent) == text)
    }

    /// A fixed-seed generator (SplitMix64) so a failure names a value that reproduces.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func parseInvertsFormatForRandomValues() throws {
        var generator = SeededGenerator(state: 20_240_515)
        var values: [Int64] = [0, 1, -1, 9, -9, 10, 99, 100, 101, Int64.max, -Int64.max, 9_007_199_254_740_993]
        for _ in 0..<1000 { values.append(Int64.random(in: -Int64.max...Int64.max, using: &generator)) }
        // Small magnitudes too: they exercise the zero padding of the fraction.
        for _ in 0..<1000 { values.append(Int64.random(in: -2000...2000, using: &generator)) }
        for _ in 0..<1000 { values.append(Int64.random(in: -10_000_000_000...10_000_000_000, using: &generator)) }
        var failures: [String] = []
        for value in values {
            for exponent in 0...3 {
                let text = MinorUnits.format(value, exponent: exponent)
                let back = try? MinorUnits.parse(text, exponent: exponent)
                if back != value { failures.append("\(value) at \(exponent): \(text) → \(String(describing: back))") }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test func int64MinRoundTrips() throws {
        // `format` writes Int64.min, whose magnitude is one more than Int64.max.
        for exponent in 0...3 {
            let text = MinorUnits.format(Int64.min, exponent: exponent)
            #expect(try MinorUnits.parse(text, exponent: exponent) == Int64.min)
        }
    }

    /// Each of these goes wrong through a `Double`: `0.29 * 100` is `28.999…`, `1.005` is stored as
    /// `1.00499…`, and `2^53 + 1` has no `Double` at all.
    @Test func conversionNeverGoesThroughDouble() throws {
        #expect(try MinorUnits.parse("0.29", exponent: 2) == 29)
        #expect(try MinorUnits.parse("1.005", exponent: 2) == 101)
        #expect(try MinorUnits.parse("1.015", exponent: 2) == 102)
        #expect(try MinorUnits.parse("4.35", exponent: 2) == 435)
        #expect(try MinorUnits.parse("9007199254740993", exponent: 0) == 9_007_199_254_740_993)
        #expect(try MinorUnits.parse("90071992547409.93", exponent: 2) == 9_007_199_254_740_993)
        #expect(try MinorUnits.parse("9223372036854775807", exponent: 0) == Int64.max)
        // The Double route really would differ, so the expectations above mean something.
        #expect(Int64(0.29 * 100) != 29)
        #expect(Int64((Double("9007199254740993") ?? 0)) != 9_007_199_254_740_993)
    }
}

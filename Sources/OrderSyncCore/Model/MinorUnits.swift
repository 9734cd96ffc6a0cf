/// Converts decimal text into integer minor units without ever passing through a binary
/// floating point value: `"17.98"` GBP is `1798`, `"1e3"` JPY is `1000`.
public enum MinorUnits {
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case notADecimal(String)
        case outOfRange(String)

        public var description: String {
            switch self {
            case .notADecimal(let text): "\"\(text.prefix(40))\" is not a decimal amount"
            case .outOfRange(let text): "\"\(text.prefix(40))\" is too large for an amount"
            }
        }
    }

    /// Parses `text` (optional sign, digits, optional fraction, optional exponent) and scales it
    /// to `exponent` decimals. Digits beyond the currency's precision are rounded half away from
    /// zero, the commercial rule: `1234.565` EUR is `123457`.
    public static func parse(_ text: String, exponent: Int) throws(ParseError) -> Int64 {
        // The usual case, in 128-bit integers without a digit array; the digit-by-digit path
        // below stays for what it cannot hold (more than 38 significant digits) and for errors.
        if let literal = DecimalLiteral(text), let significand = literal.significand {
            guard let magnitude = DecimalLiteral.scale(significand, byPowerOfTen: literal.exponent + exponent),
                  magnitude <= (literal.negative ? UInt128(Int64.max) + 1 : UInt128(Int64.max))
            else { throw .outOfRange(text) }
            return literal.negative ? Int64(truncatingIfNeeded: 0 &- UInt64(magnitude)) : Int64(magnitude)
        }
        return try parseDigitByDigit(text, exponent: exponent)
    }

    /// The general path: any number of digits, and the errors. Kept apart so a test can hold
    /// the fast path above to it.
    static func parseDigitByDigit(_ text: String, exponent: Int) throws(ParseError) -> Int64 {
        var digits: [UInt8] = []
        var fractionDigits = 0
        var negative = false
        var exponentValue = 0
        var state = State.start
        var exponentNegative = false
        var exponentDigits = 0

        for byte in text.utf8 {
            switch (state, byte) {
            case (.start, UInt8(ascii: "-")): negative = true; state = .sign
            case (.start, UInt8(ascii: "+")): state = .sign
            case (.start, UInt8(ascii: "0")...UInt8(ascii: "9")), (.sign, UInt8(ascii: "0")...UInt8(ascii: "9")),
                 (.integer, UInt8(ascii: "0")...UInt8(ascii: "9")):
                digits.append(byte - UInt8(ascii: "0")); state = .integer
            case (.integer, UInt8(ascii: ".")): state = .point
            case (.point, UInt8(ascii: "0")...UInt8(ascii: "9")), (.fraction, UInt8(ascii: "0")...UInt8(ascii: "9")):
                digits.append(byte - UInt8(ascii: "0")); fractionDigits += 1; state = .fraction
            case (.integer, UInt8(ascii: "e")), (.integer, UInt8(ascii: "E")),
                 (.fraction, UInt8(ascii: "e")), (.fraction, UInt8(ascii: "E")):
                state = .exponentStart
            case (.exponentStart, UInt8(ascii: "-")): exponentNegative = true; state = .exponentSign
            case (.exponentStart, UInt8(ascii: "+")): state = .exponentSign
            case (.exponentStart, UInt8(ascii: "0")...UInt8(ascii: "9")), (.exponentSign, UInt8(ascii: "0")...UInt8(ascii: "9")),
                 (.exponent, UInt8(ascii: "0")...UInt8(ascii: "9")):
                exponentDigits += 1
                guard exponentDigits <= 4 else { throw .outOfRange(text) }
                exponentValue = exponentValue * 10 + Int(byte - UInt8(ascii: "0")); state = .exponent
            default:
                throw .notADecimal(text)
            }
        }
        guard state == .integer || state == .fraction || state == .exponent else { throw .notADecimal(text) }

        // value = digits × 10^(scale); we want it × 10^exponent.
        let shift = (exponentNegative ? -exponentValue : exponentValue) - fractionDigits + exponent
        // The magnitude is unsigned so that Int64.min (whose magnitude is 2^63) fits.
        var magnitude: UInt64 = 0
        let kept = shift >= 0 ? digits.count : max(0, digits.count + shift)
        for digit in digits.prefix(kept) {
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1, !overflow2 else { throw .outOfRange(text) }
            magnitude = sum
        }
        if shift > 0 {
            for _ in 0..<shift {
                let (times10, overflow) = magnitude.multipliedReportingOverflow(by: 10)
                guard !overflow else { throw .outOfRange(text) }
                magnitude = times10
            }
        } else if digits.count + shift >= 0, kept < digits.count, digits[kept] >= 5 {
            let (rounded, overflow) = magnitude.addingReportingOverflow(1)
            guard !overflow else { throw .outOfRange(text) }
            magnitude = rounded
        }
        let limit = negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
        guard magnitude <= limit else { throw .outOfRange(text) }
        return negative ? Int64(truncatingIfNeeded: 0 &- magnitude) : Int64(magnitude)
    }

    /// Parses `text` in the minor units of `currency`.
    public static func parse(_ text: String, currency: String) throws(ParseError) -> Int64 {
        try parse(text, exponent: Currency.exponent(of: currency))
    }

    /// Decimal text for `minor` units at `exponent` decimals: `1798, 2` is `"17.98"`.
    public static func format(_ minor: Int64, exponent: Int) -> String {
        guard exponent > 0 else { return String(minor) }
        let sign = minor < 0 ? "-" : ""
        let digits = String(minor.magnitude)
        let padded = String(repeating: "0", count: max(0, exponent + 1 - digits.count)) + digits
        let split = padded.index(padded.endIndex, offsetBy: -exponent)
        return sign + padded[..<split] + "." + padded[split...]
    }

    private enum State { case start, sign, integer, point, fraction, exponentStart, exponentSign, exponent }
}

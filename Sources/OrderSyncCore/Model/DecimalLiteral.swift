/// A decimal number literal read exactly: `significand × 10^exponent`, with the grammar
/// `MinorUnits.parse` accepts (optional sign, digits, optional fraction, optional exponent of
/// at most four digits). `"-1.25"` is `125 × 10^-2`, negative.
struct DecimalLiteral {
    var negative = false
    /// The digits as an integer, trailing zeros folded into `exponent`; nil when the
    /// significant digits are more than 128 bits hold (38).
    var significand: UInt128? = 0
    var exponent = 0
    /// Zeros read but not yet multiplied in: `1.000…0` stays `1` however many zeros follow.
    private var pendingZeros = 0

    /// Nil when `text` is not such a literal ("3 pcs", "", "1.").
    init?(_ text: String) {
        var state = State.start
        var exponentValue = 0
        var exponentNegative = false
        var exponentDigits = 0
        for byte in text.utf8 {
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            switch state {
            case .start where byte == UInt8(ascii: "-"): negative = true; state = .sign
            case .start where byte == UInt8(ascii: "+"): state = .sign
            case .start where isDigit, .sign where isDigit, .integer where isDigit:
                appendDigit(byte); state = .integer
            case .integer where byte == UInt8(ascii: "."): state = .point
            case .point where isDigit, .fraction where isDigit:
                appendDigit(byte); exponent -= 1; state = .fraction
            case .integer where byte | 0x20 == UInt8(ascii: "e"), .fraction where byte | 0x20 == UInt8(ascii: "e"):
                state = .exponentStart
            case .exponentStart where byte == UInt8(ascii: "-"): exponentNegative = true; state = .exponentSign
            case .exponentStart where byte == UInt8(ascii: "+"): state = .exponentSign
            case .exponentStart where isDigit, .exponentSign where isDigit, .exponent where isDigit:
                exponentDigits += 1
                guard exponentDigits <= 4 else { return nil }
                exponentValue = exponentValue * 10 + Int(byte - UInt8(ascii: "0")); state = .exponent
            default:
                return nil
            }
        }
        guard state == .integer || state == .fraction || state == .exponent else { return nil }
        exponent += pendingZeros + (exponentNegative ? -exponentValue : exponentValue)
    }

    private mutating func appendDigit(_ byte: UInt8) {
        let digit = byte - UInt8(ascii: "0")
        guard digit != 0 else {
            pendingZeros += 1
            return
        }
        guard var value = significand else { return }
        for _ in 0...pendingZeros {
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else {
                significand = nil
                return
            }
            value = times10
        }
        pendingZeros = 0
        let (sum, overflow) = value.addingReportingOverflow(UInt128(digit))
        significand = overflow ? nil : sum
    }

    /// `value × 10^exponent`, rounded half away from zero; nil on overflow.
    static func scale(_ value: UInt128, byPowerOfTen exponent: Int) -> UInt128? {
        var value = value
        if exponent >= 0 {
            for _ in 0..<exponent {
                let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
                guard !overflow else { return value == 0 ? 0 : nil }
                value = times10
            }
            return value
        }
        // UInt128 holds under 10^39: dividing by more leaves nothing to round up.
        guard -exponent < 39 else { return 0 }
        var divisor: UInt128 = 1
        for _ in 0..<(-exponent) { divisor *= 10 }
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder >= divisor - remainder ? quotient + 1 : quotient
    }

    private enum State { case start, sign, integer, point, fraction, exponentStart, exponentSign, exponent }
}

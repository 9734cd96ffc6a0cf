/// A decimal number literal read exactly: `significand × 10^exponent`, with the grammar
/// `MinorUnits.parse` accepts (optional sign, digits, optional fraction, optional exponent of
/// at most four digits). `"-1.25"` is `125 × 10^-2`, negative.
struct DecimalLiteral {
    var negative = false
    /// The digits as an integer; nil when there are more than 128 bits hold.
    var significand: UInt128? = 0
    var exponent = 0

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
        exponent += exponentNegative ? -exponentValue : exponentValue
    }

    private mutating func appendDigit(_ byte: UInt8) {
        guard let current = significand else { return }
        let (times10, overflow1) = current.multipliedReportingOverflow(by: 10)
        let (sum, overflow2) = times10.addingReportingOverflow(UInt128(byte - UInt8(ascii: "0")))
        significand = overflow1 || overflow2 ? nil : sum
    }

    private enum State { case start, sign, integer, point, fraction, exponentStart, exponentSign, exponent }
}

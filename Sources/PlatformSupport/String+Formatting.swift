extension StringProtocol {
    /// Without leading and trailing whitespace (spaces, tabs, line breaks): what header values,
    /// CSV fields and pid files pad with. Here rather than Foundation's `trimmingCharacters`,
    /// which goes through `NSString` and would link all of Foundation into the daemon. Only the
    /// ends are looked at; inlinable, so it is specialized where it is used (once per request).
    @inlinable
    public func trimmingWhitespace() -> String {
        var start = startIndex, end = endIndex
        while start < end, self[start].isWhitespace { start = index(after: start) }
        while start < end {
            let last = index(before: end)
            guard self[last].isWhitespace else { break }
            end = last
        }
        return String(self[start..<end])
    }
}

extension String {
    /// `number` in decimal with leading zeros to `width` digits (`7, 3` is `"007"`; a negative
    /// number keeps its sign in front: `-5, 3` is `"-005"`).
    /// Inlinable: timestamps are formatted with it several times per stored order.
    @inlinable
    public static func zeroPadded(_ number: some BinaryInteger, width: Int) -> String {
        let digits = String(number.magnitude)
        return (number < 0 ? "-" : "") + String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }
}

extension String {
    /// `value` rounded to `fractionDigits` decimals, half away from zero, as `%.Nf` prints it
    /// except that a value rounding to zero has no sign (`-0.04` is `"0.0"`, not `"-0.0"`).
    public static func fixed(_ value: Double, fractionDigits: Int) -> String {
        guard value.isFinite else { return String(value) }
        var scale = 1.0
        for _ in 0..<fractionDigits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e18 else { return String(value) }
        let units = Int64(scaled), divisor = Int64(scale)
        let sign = value < 0 && units != 0 ? "-" : ""
        guard fractionDigits > 0 else { return sign + String(units) }
        return sign + String(units / divisor) + "." + zeroPadded(units % divisor, width: fractionDigits)
    }

    /// The directory part of a file path: `"conf/a.json"` → `"conf"`, `"a.json"` → `""`,
    /// `"/a.json"` → `"/"` (as `NSString.deletingLastPathComponent`, without Foundation).
    public var parentDirectory: String {
        guard let slash = lastIndex(of: "/") else { return "" }
        let directory = self[..<slash]
        return directory.isEmpty ? "/" : String(directory)
    }
}

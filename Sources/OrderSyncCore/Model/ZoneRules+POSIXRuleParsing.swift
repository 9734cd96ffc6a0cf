extension ZoneRules.POSIXRule {
    /// Reads a POSIX TZ string as TZif footers spell it (RFC 8536 section 3.3, with the v3
    /// extension of hours -167...167 in change times). Nil for anything else: the footer comes
    /// from a file, and a file we cannot read fully is refused rather than half understood.
    init?(_ text: some StringProtocol) {
        var scanner = Scanner(bytes: Array(text.utf8))
        guard scanner.skipName(), let standard = scanner.readTime(maxHours: 24) else { return nil }
        // POSIX offsets are west of Greenwich; ours are east.
        standardOffset = -standard
        guard !scanner.isAtEnd else {
            daylight = nil
            return
        }
        guard scanner.skipName() else { return nil }
        var daylightOffset = standardOffset + 3600
        if !scanner.isAtEnd, scanner.peek != UInt8(ascii: ",") {
            guard let offset = scanner.readTime(maxHours: 24) else { return nil }
            daylightOffset = -offset
        }
        let start: Change
        let end: Change
        if scanner.isAtEnd {
            // POSIX leaves rules without dates to the implementation; tzcode uses the US rules.
            start = Change(day: .monthWeekDay(month: 3, week: 2, weekday: 0), time: 7200)
            end = Change(day: .monthWeekDay(month: 11, week: 1, weekday: 0), time: 7200)
        } else {
            guard scanner.skip(","), let first = scanner.readChange(), scanner.skip(","),
                  let second = scanner.readChange(), scanner.isAtEnd
            else { return nil }
            (start, end) = (first, second)
        }
        daylight = (daylightOffset, start, end)
    }

    /// A cursor over the bytes of a TZ string.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        var isAtEnd: Bool { index >= bytes.count }
        var peek: UInt8? { isAtEnd ? nil : bytes[index] }

        mutating func skip(_ character: Character) -> Bool {
            guard let ascii = character.asciiValue, peek == ascii else { return false }
            index += 1
            return true
        }

        /// A zone abbreviation: three or more letters, or `<...>` of letters, digits and signs
        /// (`<+0330>`, `<-03>`). Its text does not matter for offsets.
        mutating func skipName() -> Bool {
            var length = 0
            if skip("<") {
                while let byte = peek, byte != UInt8(ascii: ">") {
                    guard Self.isLetter(byte) || Self.isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                    else { return false }
                    index += 1
                    length += 1
                }
                return skip(">") && length >= 3
            }
            while let byte = peek, Self.isLetter(byte) {
                index += 1
                length += 1
            }
            return length >= 3
        }

        /// `[+-]hh[:mm[:ss]]` in seconds, hours up to `maxHours`.
        mutating func readTime(maxHours: Int) -> Int? {
            var sign = 1
            if skip("-") { sign = -1 } else { _ = skip("+") }
            guard let hours = readNumber(maxDigits: 3), hours <= maxHours else { return nil }
            var seconds = hours * 3600
            if skip(":") {
                guard let minutes = readNumber(maxDigits: 2), minutes < 60 else { return nil }
                seconds += minutes * 60
                if skip(":") {
                    guard let rest = readNumber(maxDigits: 2), rest < 60 else { return nil }
                    seconds += rest
                }
            }
            return sign * seconds
        }

        /// `Jn`, `n` or `Mm.w.d`, then an optional `/time` (02:00 when absent).
        mutating func readChange() -> ZoneRules.POSIXRule.Change? {
            let day: ZoneRules.POSIXRule.Day
            if skip("J") {
                guard let n = readNumber(maxDigits: 3), (1...365).contains(n) else { return nil }
                day = .julianNoLeap(n)
            } else if skip("M") {
                guard let month = readNumber(maxDigits: 2), (1...12).contains(month), skip("."),
                      let week = readNumber(maxDigits: 1), (1...5).contains(week), skip("."),
                      let weekday = readNumber(maxDigits: 1), (0...6).contains(weekday)
                else { return nil }
                day = .monthWeekDay(month: month, week: week, weekday: weekday)
            } else {
                guard let n = readNumber(maxDigits: 3), (0...365).contains(n) else { return nil }
                day = .zeroBased(n)
            }
            var time = 7200
            if skip("/") {
                guard let value = readTime(maxHours: 167) else { return nil }
                time = value
            }
            return ZoneRules.POSIXRule.Change(day: day, time: time)
        }

        private mutating func readNumber(maxDigits: Int) -> Int? {
            var value = 0
            var digits = 0
            while digits < maxDigits, let byte = peek, Self.isDigit(byte) {
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                index += 1
                digits += 1
            }
            return digits > 0 ? value : nil
        }

        private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        private static func isLetter(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        }
    }
}

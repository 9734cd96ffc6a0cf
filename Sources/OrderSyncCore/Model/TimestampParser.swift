import FoundationEssentials

/// Reads the timestamp spellings the upstreams use into instants:
/// `2024-05-15`, `2026-04-30 12:00:00`, `2024-05-15T10:00:00Z`,
/// `2025-11-06T15:00:00.000000Z`, `2026-04-30T12:00:00+02:00`, and `YmdHis` as `20200101095500`.
/// Text without an offset is wall-clock time in the source's time zone.
public enum TimestampParser {
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var text: String
        public var description: String { "\"\(text.prefix(40))\" is not a recognised date or timestamp" }
    }

    /// Parses an ISO 8601-like date or date-time.
    public static func parse(_ text: String, timeZone: ZoneRules) throws(ParseError) -> Instant {
        let bytes = Array(text.utf8)
        var cursor = 0
        func number(_ width: Int) throws(ParseError) -> Int {
            guard cursor + width <= bytes.count else { throw ParseError(text: text) }
            var value = 0
            for byte in bytes[cursor..<cursor + width] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { throw ParseError(text: text) }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            cursor += width
            return value
        }
        func expect(_ character: Character) throws(ParseError) {
            guard cursor < bytes.count, bytes[cursor] == character.asciiValue else { throw ParseError(text: text) }
            cursor += 1
        }

        var civil = CivilTime(year: try number(4), month: 0, day: 0)
        try expect("-")
        civil.month = try number(2)
        try expect("-")
        civil.day = try number(2)
        var offset: Int?
        if cursor < bytes.count {
            guard bytes[cursor] == UInt8(ascii: "T") || bytes[cursor] == UInt8(ascii: " ") else { throw ParseError(text: text) }
            cursor += 1
            civil.hour = try number(2)
            try expect(":")
            civil.minute = try number(2)
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ":") {
                cursor += 1
                civil.second = try number(2)
            }
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: ".") || bytes[cursor] == UInt8(ascii: ",") {
                cursor += 1
                let start = cursor
                while cursor < bytes.count, bytes[cursor] >= UInt8(ascii: "0"), bytes[cursor] <= UInt8(ascii: "9") { cursor += 1 }
                guard cursor > start else { throw ParseError(text: text) }
            }
            offset = try parseOffset(bytes, &cursor, text: text)
        }
        guard cursor == bytes.count, civil.isValid else { throw ParseError(text: text) }
        if let offset {
            return Instant(secondsSinceEpoch: civil.secondsIfUTC - Int64(offset))
        }
        return civil.instant(in: timeZone)
    }

    /// Parses `YmdHis` (`20200101095500`), given as digits, in `timeZone`.
    public static func parseCompact(_ text: String, timeZone: ZoneRules) throws(ParseError) -> Instant {
        let bytes = Array(text.utf8)
        guard bytes.count == 14, bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw ParseError(text: text)
        }
        func field(_ start: Int, _ width: Int) -> Int {
            bytes[start..<start + width].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        let civil = CivilTime(year: field(0, 4), month: field(4, 2), day: field(6, 2),
                              hour: field(8, 2), minute: field(10, 2), second: field(12, 2))
        guard civil.isValid else { throw ParseError(text: text) }
        return civil.instant(in: timeZone)
    }

    /// A `YYYY-MM-DD` date: its fields, validated.
    public static func parseDate(_ text: String) throws(ParseError) -> CivilTime {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { throw ParseError(text: text) }
        let instant = try parse(text, timeZone: ZoneRules.utc)
        return CivilTime(utcSeconds: instant.secondsSinceEpoch)
    }

    private static func parseOffset(_ bytes: [UInt8], _ cursor: inout Int, text: String) throws(ParseError) -> Int? {
        guard cursor < bytes.count else { return nil }
        let sign = bytes[cursor]
        if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
            cursor += 1
            return 0
        }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { throw ParseError(text: text) }
        cursor += 1
        // `+HH`, `+HHMM` or `+HH:MM`, nothing looser.
        var digits = Array(bytes[cursor...])
        if digits.count == 5, digits[2] == UInt8(ascii: ":") { digits.remove(at: 2) }
        guard digits.count == 4 || digits.count == 2,
              digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { throw ParseError(text: text) }
        let values = digits.map { Int($0 - UInt8(ascii: "0")) }
        let hours = values[0] * 10 + values[1]
        let minutes = digits.count == 4 ? values[2] * 10 + values[3] : 0
        guard hours <= 23, minutes <= 59 else { throw ParseError(text: text) }
        cursor = bytes.count
        let seconds = hours * 3600 + minutes * 60
        return sign == UInt8(ascii: "-") ? -seconds : seconds
    }
}

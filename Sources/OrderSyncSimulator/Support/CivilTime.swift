import FoundationEssentials
import PlatformSupport

/// UTC calendar arithmetic and the timestamp spellings of the five dialects.
///
/// Written by hand (Howard Hinnant's civil-date algorithms, in PlatformSupport's
/// `CivilCalendar`, shared with the daemon) rather than with
/// `DateFormatter`: it is exact, thread-safe, fast enough for 100,000 orders
/// and cannot drift with the host's locale or time zone.
@_spi(SimulatedDialects) public enum CivilTime {
    @_spi(SimulatedDialects) public static let day: Int64 = 86_400

    /// Seconds since the epoch at 00:00 UTC of the day holding `seconds`.
    static func startOfDay(_ seconds: Int64) -> Int64 {
        floorDiv(seconds, day) * day
    }

    @_spi(SimulatedDialects) public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        CivilCalendar.floorDiv(a, b)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String { String.zeroPadded(value, width: width) }

    private static func parts(_ seconds: Int64) -> (y: String, m: String, d: String, hh: String, mm: String, ss: String) {
        let date = CivilCalendar.civil(days: floorDiv(seconds, day))
        let rest = seconds - floorDiv(seconds, day) * day
        return (pad(date.year, 4), pad(date.month, 2), pad(date.day, 2),
                pad(rest / 3600, 2), pad(rest % 3600 / 60, 2), pad(rest % 60, 2))
    }

    /// `2024-05-15`
    @_spi(SimulatedDialects) public static func date(_ seconds: Int64) -> String {
        let p = parts(seconds)
        return "\(p.y)-\(p.m)-\(p.d)"
    }

    /// `2024-05-15T10:00:00Z`
    @_spi(SimulatedDialects) public static func isoZ(_ seconds: Int64) -> String {
        let p = parts(seconds)
        return "\(p.y)-\(p.m)-\(p.d)T\(p.hh):\(p.mm):\(p.ss)Z"
    }

    /// `2026-04-30 12:00:00` (UTC, no offset)
    static func spaced(_ seconds: Int64) -> String {
        let p = parts(seconds)
        return "\(p.y)-\(p.m)-\(p.d) \(p.hh):\(p.mm):\(p.ss)"
    }

    /// `2025-11-06T15:00:00.000000Z` from microseconds since the epoch.
    @_spi(SimulatedDialects) public static func micro(_ microseconds: Int64) -> String {
        let seconds = floorDiv(microseconds, 1_000_000)
        let p = parts(seconds)
        let fraction = pad(microseconds - seconds * 1_000_000, 6)
        return "\(p.y)-\(p.m)-\(p.d)T\(p.hh):\(p.mm):\(p.ss).\(fraction)Z"
    }

    /// `20200101095500`
    static func ymdHis(_ seconds: Int64) -> String {
        let p = parts(seconds)
        return "\(p.y)\(p.m)\(p.d)\(p.hh)\(p.mm)\(p.ss)"
    }

    /// `2026-04-30T12:00:00+02:00`: the instant shown in a local offset.
    static func withOffset(_ seconds: Int64, offsetMinutes: Int) -> String {
        let p = parts(seconds + Int64(offsetMinutes) * 60)
        let sign = offsetMinutes < 0 ? "-" : "+"
        let magnitude = Int64(abs(offsetMinutes))
        return "\(p.y)-\(p.m)-\(p.d)T\(p.hh):\(p.mm):\(p.ss)\(sign)\(pad(magnitude / 60, 2)):\(pad(magnitude % 60, 2))"
    }

    /// Seconds at 00:00 UTC of `YYYY-MM-DD`, or nil when it is not a real date.
    static func parseDate(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        return midnight(number(bytes[0..<4]), number(bytes[5..<7]), number(bytes[8..<10]))
    }

    /// Seconds at 00:00 UTC of `Ymd` (`20200101`).
    static func parseYmd(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count == 8 else { return nil }
        return midnight(number(bytes[0..<4]), number(bytes[4..<6]), number(bytes[6..<8]))
    }

    /// An instant from ISO 8601: `2026-04-30T10:00:00Z`, `...+02:00`,
    /// `...+0200`, an optional fraction (ignored), or a bare date (UTC midnight).
    /// A space where the offset sign belongs is read as `+`, because an
    /// unencoded `+` in a query string decodes to a space.
    static func parseInstant(_ text: String) -> Int64? {
        var bytes = Array(text.utf8)
        if bytes.count == 10 { return parseDate(text) }
        guard bytes.count >= 19, let base = parseDate(String(decoding: bytes[0..<10], as: UTF8.self)),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let hh = number(bytes[11..<13]), let mm = number(bytes[14..<16]), let ss = number(bytes[17..<19]),
              hh < 24, mm < 60, ss < 61 else { return nil }
        bytes.removeFirst(19)
        if bytes.first == UInt8(ascii: ".") {
            bytes.removeFirst()
            while let first = bytes.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) {
                bytes.removeFirst()
            }
        }
        let local = base + hh * 3600 + mm * 60 + ss
        if bytes.isEmpty || bytes == [UInt8(ascii: "Z")] || bytes == [UInt8(ascii: "z")] { return local }
        let sign: Int64
        switch bytes.removeFirst() {
        case UInt8(ascii: "+"), UInt8(ascii: " "): sign = 1
        case UInt8(ascii: "-"): sign = -1
        default: return nil
        }
        bytes.removeAll { $0 == UInt8(ascii: ":") }
        guard bytes.count == 4, let oh = number(bytes[0..<2]), let om = number(bytes[2..<4]) else { return nil }
        return local - sign * (oh * 3600 + om * 60)
    }

    private static func midnight(_ y: Int64?, _ m: Int64?, _ d: Int64?) -> Int64? {
        guard let y, let m, let d, (1...12).contains(m), d >= 1 else { return nil }
        let count = CivilCalendar.days(year: y, month: m, day: d)
        guard CivilCalendar.civil(days: count) == (y, m, d) else { return nil }
        return count * day
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return bytes.isEmpty ? nil : value
    }
}

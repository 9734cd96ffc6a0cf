import FoundationEssentials
import PlatformSupport

/// A point in time at whole-second precision, the resolution of every canonical timestamp.
/// Formatting and parsing are done by hand: they run for every record, and the canonical
/// text form (`YYYY-MM-DDTHH:MM:SSZ`) is fixed by the schema contract.
public struct Instant: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    public init(_ date: Date) {
        self.secondsSinceEpoch = Int64(date.timeIntervalSince1970.rounded(.down))
    }

    public static func now() -> Instant { Instant(Date()) }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(secondsSinceEpoch)) }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.secondsSinceEpoch < rhs.secondsSinceEpoch }

    public func adding(seconds: Int64) -> Instant { Instant(secondsSinceEpoch: secondsSinceEpoch + seconds) }

    /// `YYYY-MM-DDTHH:MM:SSZ`, the canonical timestamp text.
    public var iso8601: String {
        let civil = CivilTime(utcSeconds: secondsSinceEpoch)
        return civil.dateText + "T" + civil.timeText + "Z"
    }

    public var description: String { iso8601 }

    /// The calendar date (`YYYY-MM-DD`) of this instant as seen in `timeZone`.
    public func dateText(in timeZone: ZoneRules) -> String {
        CivilTime(utcSeconds: secondsSinceEpoch + Int64(timeZone.secondsFromGMT(for: date))).dateText
    }

    /// The wall-clock fields of this instant as seen in `timeZone`.
    public func civilTime(in timeZone: ZoneRules) -> CivilTime {
        CivilTime(utcSeconds: secondsSinceEpoch + Int64(timeZone.secondsFromGMT(for: date)))
    }
}

/// Calendar date and wall-clock time without a zone: the fields an upstream writes.
public struct CivilTime: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int = 0
    public var minute: Int = 0
    public var second: Int = 0

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
    }

    /// Splits seconds since the epoch (already shifted to local time) into fields
    /// (Howard Hinnant's civil-from-days).
    public init(utcSeconds: Int64) {
        let days = utcSeconds >= 0 ? utcSeconds / 86_400 : (utcSeconds - 86_399) / 86_400
        let secondsOfDay = Int(utcSeconds - days * 86_400)
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        day = Int(dayOfYear - (153 * monthPrime + 2) / 5 + 1)
        month = Int(monthPrime < 10 ? monthPrime + 3 : monthPrime - 9)
        year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
        hour = secondsOfDay / 3600
        minute = secondsOfDay % 3600 / 60
        second = secondsOfDay % 60
    }

    /// Whether the fields name a real calendar date and time of day.
    public var isValid: Bool {
        guard (1...12).contains(month), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...lengths[month - 1]).contains(day)
    }

    /// Seconds since the epoch if these fields were UTC (days-from-civil).
    public var secondsIfUTC: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// The instant these wall-clock fields denote in `timeZone`. Across a DST change the
    /// offset in force at the resulting instant wins, the usual choice of date libraries.
    public func instant(in timeZone: ZoneRules) -> Instant {
        let local = secondsIfUTC
        if timeZone.identifier == "UTC" || timeZone.identifier == "GMT" {
            return Instant(secondsSinceEpoch: local)
        }
        func offset(at seconds: Int64) -> Int64 { Int64(timeZone.secondsFromGMT(atUTCSeconds: seconds)) }
        let guess = offset(at: local - offset(at: local))
        let instant = local - guess
        if offset(at: instant) == guess { return Instant(secondsSinceEpoch: instant) }
        // A time the clocks skipped (spring forward) is read with the offset from before the
        // change, the smaller one, so it lands after the gap on either side of Greenwich:
        // 02:30 in New York's gap is 03:30 EDT, midnight in Santiago's is 01:00.
        return Instant(secondsSinceEpoch: local - min(guess, offset(at: instant)))
    }

    public var dateText: String { pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) }
    public var timeText: String { pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2) }
    /// `Ymd`, as some upstreams take dates in filters.
    public var compactDateText: String { pad(year, 4) + pad(month, 2) + pad(day, 2) }

    private func pad(_ value: Int, _ width: Int) -> String { String.zeroPadded(value, width: width) }
}

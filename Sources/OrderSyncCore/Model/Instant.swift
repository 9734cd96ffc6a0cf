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
        CivilTime(utcSeconds: secondsSinceEpoch + Int64(timeZone.secondsFromGMT(atUTCSeconds: secondsSinceEpoch))).dateText
    }

    /// The wall-clock fields of this instant as seen in `timeZone`.
    public func civilTime(in timeZone: ZoneRules) -> CivilTime {
        CivilTime(utcSeconds: secondsSinceEpoch + Int64(timeZone.secondsFromGMT(atUTCSeconds: secondsSinceEpoch)))
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

    /// Splits seconds since the epoch (already shifted to local time) into fields.
    public init(utcSeconds: Int64) {
        let days = CivilCalendar.floorDiv(utcSeconds, CivilCalendar.secondsPerDay)
        let secondsOfDay = Int(utcSeconds - days * CivilCalendar.secondsPerDay)
        let date = CivilCalendar.civil(days: days)
        (year, month, day) = (Int(date.year), Int(date.month), Int(date.day))
        hour = secondsOfDay / 3600
        minute = secondsOfDay % 3600 / 60
        second = secondsOfDay % 60
    }

    /// Whether the fields name a real calendar date and time of day.
    public var isValid: Bool {
        guard (1...12).contains(month), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return false }
        let leap = CivilCalendar.isLeap(Int64(year))
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...lengths[month - 1]).contains(day)
    }

    /// Seconds since the epoch if these fields were UTC.
    public var secondsIfUTC: Int64 {
        let days = CivilCalendar.days(year: Int64(year), month: Int64(month), day: Int64(day))
        return days * CivilCalendar.secondsPerDay + Int64(hour * 3600 + minute * 60 + second)
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

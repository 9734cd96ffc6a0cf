/// Proleptic Gregorian day arithmetic on integers (Howard Hinnant's `days_from_civil` and
/// `civil_from_days`, http://howardhinnant.github.io/date_algorithms.html): exact, thread-safe,
/// locale-free, and with no `Calendar` (which would need Foundation and ICU).
///
/// The one copy shared by the daemon (canonical timestamps, `Retry-After` dates) and the
/// simulator (the timestamps its dialects write); both already depend on PlatformSupport and on
/// nothing of each other, which is why it lives here.
public enum CivilCalendar {
    /// Seconds in a day.
    public static let secondsPerDay: Int64 = 86_400

    /// Days since 1970-01-01 of `year-month-day` (month 1...12; the day is not range-checked,
    /// so day 0 is the last of the month before).
    @inlinable
    public static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Year, month (1...12) and day (1...31) of a day count since 1970-01-01.
    @inlinable
    public static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `a / b` rounded toward negative infinity (b > 0): the day of a negative second count.
    @inlinable
    public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    /// Whether `year` has a 29 February.
    @inlinable
    public static func isLeap(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }
}

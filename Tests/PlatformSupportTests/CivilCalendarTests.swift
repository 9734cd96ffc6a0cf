import Glibc
import PlatformSupport
import Testing

/// The one civil-date algorithm the daemon and the simulator share: checked against dates
/// whose day numbers are known, against the C library's `timegm`, and as a round trip.
@Suite("CivilCalendar")
struct CivilCalendarTests {
    @Test(arguments: [
        (1970, 1, 1, 0), (1969, 12, 31, -1), (2000, 3, 1, 11_017), (2000, 2, 29, 11_016),
        (1900, 3, 1, -25_508), (2024, 5, 15, 19_858), (1600, 1, 1, -135_140),
    ] as [(Int64, Int64, Int64, Int64)])
    func knownDays(year: Int64, month: Int64, day: Int64, days: Int64) {
        #expect(CivilCalendar.days(year: year, month: month, day: day) == days)
        #expect(CivilCalendar.civil(days: days) == (year, month, day))
    }

    @Test func agreesWithTimegmEveryTenDaysOverFourCenturies() {
        var checked = 0
        for days in stride(from: Int64(-146_097), through: 146_097, by: 10) {
            let (year, month, day) = CivilCalendar.civil(days: days)
            var fields = tm()
            fields.tm_year = Int32(year - 1900)
            fields.tm_mon = Int32(month - 1)
            fields.tm_mday = Int32(day)
            #expect(Int64(timegm(&fields)) == days * CivilCalendar.secondsPerDay, "\(year)-\(month)-\(day)")
            #expect(CivilCalendar.days(year: year, month: month, day: day) == days)
            checked += 1
        }
        #expect(checked > 29_000)
    }

    @Test func leapYearsAndFloorDivision() {
        #expect(CivilCalendar.isLeap(2000) && CivilCalendar.isLeap(2024))
        #expect(!CivilCalendar.isLeap(1900) && !CivilCalendar.isLeap(2023))
        #expect(CivilCalendar.floorDiv(-1, 86_400) == -1)
        #expect(CivilCalendar.floorDiv(-86_400, 86_400) == -1)
        #expect(CivilCalendar.floorDiv(86_399, 86_400) == 0)
    }
}

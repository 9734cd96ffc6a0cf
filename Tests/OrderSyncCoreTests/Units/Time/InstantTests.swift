import Foundation
import Testing

@testable import OrderSyncCore

/// The canonical text of instants, their calendar dates in a zone, and the civil arithmetic under them.
struct InstantTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (-1, "1969-12-31T23:59:59Z"),
        (-86_400, "1969-12-31T00:00:00Z"),
        (-86_401, "1969-12-30T23:59:59Z"),
        (-310_435_201, "1960-02-29T23:59:59Z"),        // a leap day before the epoch
        (-2_203_934_400, "1900-02-28T12:00:00Z"),      // 1900 is not a leap year
        (-62_135_596_800, "0001-01-01T00:00:00Z"),
        (951_782_400, "2000-02-29T00:00:00Z"),         // 2000 is
        (1_709_210_096, "2024-02-29T12:34:56Z"),
        (1_709_251_199, "2024-02-29T23:59:59Z"),
        (1_709_251_200, "2024-03-01T00:00:00Z"),
        (253_402_300_799, "9999-12-31T23:59:59Z"),
    ])
    func iso8601(seconds: Int64, text: String) throws {
        let instant = Instant(secondsSinceEpoch: seconds)
        #expect(instant.iso8601 == text)
        #expect(instant.description == text)
        // The parser reads the canonical text back to the same second.
        #expect(try TimestampParser.parse(text, timeZone: UnitFixtures.berlin) == instant)
    }

    @Test func civilRoundTripOverFourHundredYears() {
        // Every day from 1800 to 2200 (a whole Gregorian cycle, leap rules included) both ways.
        var failures: [Int64] = []
        let start = CivilTime(year: 1800, month: 1, day: 1).secondsIfUTC
        for day in Int64(0)..<(146_097) {
            let seconds = start + day * 86_400 + 3_723
            let civil = CivilTime(utcSeconds: seconds)
            if civil.secondsIfUTC != seconds || !civil.isValid || civil.hour != 1 || civil.minute != 2 || civil.second != 3 {
                failures.append(seconds)
            }
        }
        #expect(failures.isEmpty)
        #expect(CivilTime(utcSeconds: start + 146_097 * 86_400) == CivilTime(year: 2200, month: 1, day: 1))
    }

    @Test func dateTextInAZone() throws {
        let lateEvening = try #require(UnitFixtures.instant("2024-05-14T22:30:00Z"))
        #expect(lateEvening.dateText(in: UnitFixtures.utc) == "2024-05-14")
        #expect(lateEvening.dateText(in: UnitFixtures.berlin) == "2024-05-15")
        #expect(lateEvening.dateText(in: try #require(ZoneRules(identifier: "America/New_York"))) == "2024-05-14")
        // In winter Berlin is only one hour ahead.
        let winter = try #require(UnitFixtures.instant("2024-01-14T22:30:00Z"))
        #expect(winter.dateText(in: UnitFixtures.berlin) == "2024-01-14")
        #expect(winter.adding(seconds: 3600).dateText(in: UnitFixtures.berlin) == "2024-01-15")
        let newYear = try #require(UnitFixtures.instant("2024-12-31T23:30:00Z"))
        #expect(newYear.dateText(in: UnitFixtures.berlin) == "2025-01-01")
        #expect(try #require(UnitFixtures.instant("1969-12-31T23:59:59Z")).dateText(in: UnitFixtures.utc) == "1969-12-31")
    }

    @Test func civilTimeInAZone() throws {
        let instant = try #require(UnitFixtures.instant("2024-05-14T22:30:15Z"))
        #expect(instant.civilTime(in: UnitFixtures.berlin) == CivilTime(year: 2024, month: 5, day: 15, hour: 0, minute: 30, second: 15))
        let civil = instant.civilTime(in: UnitFixtures.berlin)
        #expect(civil.instant(in: UnitFixtures.berlin) == instant)
        #expect(civil.dateText == "2024-05-15")
        #expect(civil.timeText == "00:30:15")
        #expect(civil.compactDateText == "20240515")
    }

    @Test func fromDateRoundsDown() {
        #expect(Instant(Date(timeIntervalSince1970: 10.9)).secondsSinceEpoch == 10)
        #expect(Instant(Date(timeIntervalSince1970: -0.5)).secondsSinceEpoch == -1)
        #expect(Instant(secondsSinceEpoch: 42).date == Date(timeIntervalSince1970: 42))
    }

    @Test func ordering() {
        let early = Instant(secondsSinceEpoch: -5)
        #expect(early < early.adding(seconds: 1))
        #expect(early.adding(seconds: 5) == Instant(secondsSinceEpoch: 0))
        #expect([Instant(secondsSinceEpoch: 3), early].max() == Instant(secondsSinceEpoch: 3))
    }

    @Test func validity() {
        #expect(CivilTime(year: 2024, month: 2, day: 29).isValid)
        #expect(!CivilTime(year: 2023, month: 2, day: 29).isValid)
        #expect(!CivilTime(year: 2100, month: 2, day: 29).isValid)
        #expect(CivilTime(year: 2400, month: 2, day: 29).isValid)
        #expect(!CivilTime(year: 2024, month: 6, day: 31).isValid)
        #expect(!CivilTime(year: 2024, month: 1, day: 1, hour: 24).isValid)
        #expect(!CivilTime(year: 2024, month: 1, day: 1, minute: 60).isValid)
        #expect(CivilTime(year: 1, month: 1, day: 1).dateText == "0001-01-01")
    }
}

import Foundation
import Testing

@testable import OrderSyncCore

/// Every timestamp spelling the dialects use, read in UTC and in `Europe/Berlin`, always written
/// back as canonical `YYYY-MM-DDTHH:MM:SSZ`.
struct TimestampParserTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var zone: String
        var expected: String
        var testDescription: String { "\(text) in \(zone)" }
    }

    @Test(arguments: [
        // A date alone is 00:00 that day in the zone (May: CEST, +02:00; January: CET, +01:00).
        Case(text: "2024-05-15", zone: "UTC", expected: "2024-05-15T00:00:00Z"),
        Case(text: "2024-05-15", zone: "Europe/Berlin", expected: "2024-05-14T22:00:00Z"),
        Case(text: "2024-01-15", zone: "Europe/Berlin", expected: "2024-01-14T23:00:00Z"),
        // Wall-clock time without an offset is in the source's zone.
        Case(text: "2026-04-30 12:00:00", zone: "UTC", expected: "2026-04-30T12:00:00Z"),
        Case(text: "2026-04-30 12:00:00", zone: "Europe/Berlin", expected: "2026-04-30T10:00:00Z"),
        Case(text: "2026-01-30 12:00:00", zone: "Europe/Berlin", expected: "2026-01-30T11:00:00Z"),
        Case(text: "2026-04-30T12:00:00", zone: "Europe/Berlin", expected: "2026-04-30T10:00:00Z"),
        Case(text: "2026-04-30T12:00", zone: "UTC", expected: "2026-04-30T12:00:00Z"),
        Case(text: "2024-12-31 23:30:00", zone: "Europe/Berlin", expected: "2024-12-31T22:30:00Z"),
        Case(text: "2024-01-01 00:30:00", zone: "Europe/Berlin", expected: "2023-12-31T23:30:00Z"),
        // An explicit offset wins over the zone.
        Case(text: "2024-05-15T10:00:00Z", zone: "UTC", expected: "2024-05-15T10:00:00Z"),
        Case(text: "2024-05-15T10:00:00Z", zone: "Europe/Berlin", expected: "2024-05-15T10:00:00Z"),
        Case(text: "2024-05-15T10:00:00z", zone: "Europe/Berlin", expected: "2024-05-15T10:00:00Z"),
        Case(text: "2025-11-06T15:00:00.000000Z", zone: "UTC", expected: "2025-11-06T15:00:00Z"),
        Case(text: "2025-11-06T15:00:00.999999Z", zone: "Europe/Berlin", expected: "2025-11-06T15:00:00Z"),
        Case(text: "2025-11-06T15:00:00,5Z", zone: "UTC", expected: "2025-11-06T15:00:00Z"),
        Case(text: "2026-04-30T12:00:00+02:00", zone: "UTC", expected: "2026-04-30T10:00:00Z"),
        Case(text: "2026-04-30T12:00:00+02:00", zone: "Europe/Berlin", expected: "2026-04-30T10:00:00Z"),
        Case(text: "2026-04-30T12:00:00-05:00", zone: "UTC", expected: "2026-04-30T17:00:00Z"),
        Case(text: "2026-04-30T12:00:00-05:00", zone: "Europe/Berlin", expected: "2026-04-30T17:00:00Z"),
        Case(text: "2026-04-30T12:00:00+0530", zone: "UTC", expected: "2026-04-30T06:30:00Z"),
        Case(text: "2026-04-30T12:00:00+0530", zone: "Europe/Berlin", expected: "2026-04-30T06:30:00Z"),
        Case(text: "2026-04-30T12:00:00+02", zone: "UTC", expected: "2026-04-30T10:00:00Z"),
        Case(text: "2026-04-30T12:00:00.123+00:00", zone: "Europe/Berlin", expected: "2026-04-30T12:00:00Z"),
        Case(text: "2024-01-01T01:00:00+02:00", zone: "UTC", expected: "2023-12-31T23:00:00Z"),
        // Leap days.
        Case(text: "2024-02-29", zone: "UTC", expected: "2024-02-29T00:00:00Z"),
        Case(text: "2000-02-29 12:00:00", zone: "UTC", expected: "2000-02-29T12:00:00Z"),
    ])
    func parses(_ testCase: Case) throws {
        let zone = try #require(ZoneRules(identifier: testCase.zone))
        #expect(try TimestampParser.parse(testCase.text, timeZone: zone).iso8601 == testCase.expected)
    }

    /// Around the spring and autumn changes the wall clock in force at the instant applies.
    @Test(arguments: [
        Case(text: "2024-03-31 01:30:00", zone: "Europe/Berlin", expected: "2024-03-31T00:30:00Z"),
        Case(text: "2024-03-31 03:30:00", zone: "Europe/Berlin", expected: "2024-03-31T01:30:00Z"),
        Case(text: "2024-10-27 01:30:00", zone: "Europe/Berlin", expected: "2024-10-26T23:30:00Z"),
        Case(text: "2024-10-27 03:30:00", zone: "Europe/Berlin", expected: "2024-10-27T02:30:00Z"),
        Case(text: "2024-03-10 01:30:00", zone: "America/New_York", expected: "2024-03-10T06:30:00Z"),
        Case(text: "2024-03-10 03:30:00", zone: "America/New_York", expected: "2024-03-10T07:30:00Z"),
        // 02:30 does not exist in Berlin that night: read forward, as 03:30 CEST.
        Case(text: "2024-03-31 02:30:00", zone: "Europe/Berlin", expected: "2024-03-31T01:30:00Z"),
        // West of Greenwich too: 02:30 in New York's gap is 03:30 EDT, not 01:30 EST.
        Case(text: "2024-03-10 02:30:00", zone: "America/New_York", expected: "2024-03-10T07:30:00Z"),
        // Zones whose clocks skip midnight: the day starts at 01:00, on that day, not the one before.
        Case(text: "2026-09-06", zone: "America/Santiago", expected: "2026-09-06T04:00:00Z"),
        Case(text: "2026-03-08", zone: "America/Havana", expected: "2026-03-08T05:00:00Z"),
        // Autumn: the first of the two 01:30s in New York (EDT), as in Berlin above.
        Case(text: "2024-11-03 01:30:00", zone: "America/New_York", expected: "2024-11-03T05:30:00Z"),
    ])
    func daylightSavingChanges(_ testCase: Case) throws {
        let zone = try #require(ZoneRules(identifier: testCase.zone))
        #expect(try TimestampParser.parse(testCase.text, timeZone: zone).iso8601 == testCase.expected)
    }

    @Test(arguments: [
        "2024-02-30", "2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-05-00",
        "2024-05-15 24:00:00", "2024-05-15T23:60:00Z", "24:00:00", "", "garbage", "2024-5-15", "2024/05/15",
        "2024-05-15T", "2024-05-15T10", "2024-05-15T10:00:00X", "2024-05-15T10:00:00+", "2024-05-15T10:00:00+2:00",
        "2024-05-15T10:00:00+24:00", "2024-05-15T10:00:00+02:60", "2024-05-15T10:00:00.Z", "2024-05-15Z",
        " 2024-05-15", "2024-05-15 ", "20240515", "2024-05-15T10:00:00Z trailing",
    ])
    func refuses(text: String) {
        #expect(throws: TimestampParser.ParseError(text: text)) {
            try TimestampParser.parse(text, timeZone: UnitFixtures.utc)
        }
    }

    @Test func errorNamesTheText() {
        #expect(TimestampParser.ParseError(text: "2024-02-30").description == #""2024-02-30" is not a recognised date or timestamp"#)
    }

    @Test func compactTimestamps() throws {
        #expect(try TimestampParser.parseCompact("20200101095500", timeZone: UnitFixtures.utc).iso8601 == "2020-01-01T09:55:00Z")
        #expect(try TimestampParser.parseCompact("20200101095500", timeZone: UnitFixtures.berlin).iso8601 == "2020-01-01T08:55:00Z")
        #expect(try TimestampParser.parseCompact("20200701095500", timeZone: UnitFixtures.berlin).iso8601 == "2020-07-01T07:55:00Z")
        #expect(try TimestampParser.parseCompact("20240229235959", timeZone: UnitFixtures.utc).iso8601 == "2024-02-29T23:59:59Z")
    }

    @Test(arguments: ["", "2020010109550", "202001010955000", "2020-01-01 09:5", "20200230095500", "20201301095500",
                      "20200101245500", "2020010109550x", "-2020010109550"])
    func compactRefuses(text: String) {
        #expect(throws: TimestampParser.ParseError(text: text)) {
            try TimestampParser.parseCompact(text, timeZone: UnitFixtures.utc)
        }
    }

    @Test func datesOnly() throws {
        #expect(try TimestampParser.parseDate("2024-05-15") == CivilTime(year: 2024, month: 5, day: 15))
        #expect(try TimestampParser.parseDate("2024-02-29").dateText == "2024-02-29")
        #expect(throws: TimestampParser.ParseError.self) { try TimestampParser.parseDate("2024-02-30") }
        #expect(throws: TimestampParser.ParseError.self) { try TimestampParser.parseDate("2024-05-15T00:00:00Z") }
        #expect(throws: TimestampParser.ParseError.self) { try TimestampParser.parseDate("2024-05-1") }
    }
}

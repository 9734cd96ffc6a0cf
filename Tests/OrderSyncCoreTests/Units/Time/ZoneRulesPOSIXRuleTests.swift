import Testing

@testable import OrderSyncCore

/// The footer rule of TZif files: every date form, change times before midnight and past 24:00,
/// quoted names, and the strings it must refuse.
struct ZoneRulesPOSIXRuleTests {
    typealias Rule = ZoneRules.POSIXRule

    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Int64 {
        CivilTime(year: year, month: month, day: day, hour: hour, minute: minute).secondsIfUTC
    }

    /// The next two changes after New Year of `year`, as canonical text.
    static func changes(_ rule: Rule, in year: Int) -> [String] {
        guard let first = rule.nextTransition(afterUTCSeconds: utc(year, 1, 1)),
              let second = rule.nextTransition(afterUTCSeconds: first)
        else { return [] }
        return [first, second].map { Instant(secondsSinceEpoch: $0).iso8601 }
    }

    @Test func monthWeekDayRules() throws {
        // Last Sunday of March at 02:00 CET, last Sunday of October at 03:00 CEST.
        let berlin = try #require(Rule("CET-1CEST,M3.5.0,M10.5.0/3"))
        #expect(berlin.standardOffset == 3600)
        #expect(berlin.daylight?.offset == 7200)
        #expect(Self.changes(berlin, in: 2026) == ["2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z"])
        #expect(berlin.offset(atUTCSeconds: Self.utc(2026, 7, 1)) == 7200)
        #expect(berlin.offset(atUTCSeconds: Self.utc(2026, 12, 1)) == 3600)
        // Second Sunday of March, first Sunday of November, 02:00 by default.
        let newYork = try #require(Rule("EST5EDT,M3.2.0,M11.1.0"))
        #expect(Self.changes(newYork, in: 2026) == ["2026-03-08T07:00:00Z", "2026-11-01T06:00:00Z"])
        // Without dates, POSIX leaves the rule to the implementation: tzcode takes the US one.
        let bare = try #require(Rule("EST5EDT"))
        #expect(Self.changes(bare, in: 2026) == ["2026-03-08T07:00:00Z", "2026-11-01T06:00:00Z"])
    }

    @Test func southernHemisphereWithExplicitDaylightOffset() throws {
        // Lord Howe: +10:30, +11:00 from the first Sunday of October to the first of April.
        let lordHowe = try #require(Rule("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0"))
        #expect(lordHowe.standardOffset == 37_800)
        #expect(lordHowe.offset(atUTCSeconds: Self.utc(2026, 1, 15)) == 39_600)
        #expect(lordHowe.offset(atUTCSeconds: Self.utc(2026, 6, 1)) == 37_800)
        #expect(Self.changes(lordHowe, in: 2026) == ["2026-04-04T15:00:00Z", "2026-10-03T15:30:00Z"])
    }

    @Test func julianDaysSkipFebruary29ZeroBasedDaysCountIt() throws {
        // Iran until 2022: day 79 and 263 of a year without February 29, at 24:00.
        let tehran = try #require(Rule("<+0330>-3:30<+0430>,J79/24,J263/24"))
        #expect(Self.changes(tehran, in: 2021) == ["2021-03-20T20:30:00Z", "2021-09-20T19:30:00Z"])
        #expect(Self.changes(tehran, in: 2020) == ["2020-03-20T20:30:00Z", "2020-09-20T19:30:00Z"])
        // Day 59 counted from 0 is February 29 in a leap year, March 1 otherwise.
        let zeroBased = try #require(Rule("AAA0BBB,59/0,300/0"))
        #expect(Self.changes(zeroBased, in: 2024) == ["2024-02-29T00:00:00Z", "2024-10-26T23:00:00Z"])
        #expect(Self.changes(zeroBased, in: 2025) == ["2025-03-01T00:00:00Z", "2025-10-27T23:00:00Z"])
        let julian = try #require(Rule("AAA0BBB,J60/0,J300/0"))
        #expect(Self.changes(julian, in: 2024) == ["2024-03-01T00:00:00Z", "2024-10-26T23:00:00Z"])
    }

    @Test func changeTimesBeforeMidnightAndPast24Hours() throws {
        // Greenland since 2023: -1:00 on the last Sunday of March is Saturday 23:00.
        let nuuk = try #require(Rule("<-02>2<-01>,M3.5.0/-1,M10.5.0/0"))
        #expect(nuuk.standardOffset == -7200)
        #expect(Self.changes(nuuk, in: 2026) == ["2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z"])
        // Israel: the Thursday of the fourth week at 26:00, so Friday 02:00.
        let jerusalem = try #require(Rule("IST-2IDT,M3.4.4/26,M10.5.0"))
        #expect(Self.changes(jerusalem, in: 2026) == ["2026-03-27T00:00:00Z", "2026-10-24T23:00:00Z"])
        // Hours up to 167 (TZif v3), minutes and seconds.
        let late = try #require(Rule("AAA0BBB,M3.1.0/167:59:59,M10.1.0"))
        #expect(Self.changes(late, in: 2026).first == "2026-03-07T23:59:59Z")
    }

    @Test func daylightSavingTimeAllYearNeverChanges() throws {
        // The end at 25:00 of December 31 meets next year's start at 00:00 January 1.
        let rule = try #require(Rule("EST5EDT,0/0,J365/25"))
        for year in [2023, 2024, 2100] {
            for instant in [Self.utc(year, 1, 1, 5) - 1, Self.utc(year, 1, 1, 5), Self.utc(year, 7, 1), Self.utc(year, 12, 31, 23)] {
                #expect(rule.offset(atUTCSeconds: instant) == -4 * 3600, "\(Instant(secondsSinceEpoch: instant))")
            }
        }
        #expect(rule.nextTransition(afterUTCSeconds: Self.utc(2026, 1, 1)) == nil)
    }

    @Test func fixedOffsets() throws {
        let iran = try #require(Rule("<+0330>-3:30"))
        #expect(iran.standardOffset == 12_600)
        #expect(iran.daylight == nil)
        #expect(iran.nextTransition(afterUTCSeconds: 0) == nil)
        #expect(Rule("<-03>3")?.standardOffset == -10_800)
        #expect(Rule("UTC0")?.standardOffset == 0)
        #expect(Rule("AAA-1:02:03")?.standardOffset == 3723)
        #expect(Rule("<+14>-14")?.offset(atUTCSeconds: 0) == 14 * 3600)
    }

    @Test(arguments: [
        "", "CET", "CE-1", "<+03-3", "<ab>1", "CET-25", "CET-1:60", "CET-1 ", "CET-1CEST,M3.5.0",
        "CET-1CEST,M13.1.0,M10.5.0", "CET-1CEST,M3.6.0,M10.5.0", "CET-1CEST,M3.5.7,M10.5.0",
        "CET-1CEST,M3.5.0,M10.5.0/168", "CET-1CEST,J0,J365", "CET-1CEST,366,1", "CET-1CEST,M3.5.0,M10.5.0,",
        "CET-1CEST,M3.5.0,", "CET-1CEST-2-3", "CET-1CEST,M3.5.0/,M10.5.0", "é-1",
    ])
    func refusesMalformedRules(text: String) {
        #expect(Rule(text) == nil)
    }
}

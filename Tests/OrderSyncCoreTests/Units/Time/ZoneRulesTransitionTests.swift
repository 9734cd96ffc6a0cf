import Foundation
import Testing

@testable import OrderSyncCore

/// `nextTransition(afterUTCSeconds:)`: the offset changes of real zones, as Foundation reports
/// them and as the system files' footer rules predict them.
struct ZoneRulesTransitionTests {
    /// Zones with something unusual: negative DST (Dublin), half- and quarter-hour offsets,
    /// 30-minute DST (Lord Howe), DST at midnight or 24:00, southern hemisphere, a date line jump
    /// (Apia), Ramadan breaks (Casablanca), +2 h DST (Troll), abolished DST (Sao Paulo, Tehran).
    static let representative = [
        "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Tehran", "America/Sao_Paulo",
        "Africa/Casablanca", "Pacific/Apia", "Asia/Kolkata", "America/St_Johns", "Europe/Dublin",
        "Antarctica/Troll", "Pacific/Chatham", "Asia/Kathmandu", "America/Santiago", "Pacific/Easter",
        "Asia/Gaza", "Asia/Jerusalem", "Africa/Cairo", "America/Asuncion", "America/Nuuk",
        "America/Havana", "Europe/Moscow", "Australia/Sydney", "Pacific/Auckland", "America/Godthab",
        "Asia/Amman", "America/Mexico_City", "Europe/Chisinau", "Pacific/Kiritimati", "Asia/Pyongyang",
    ]

    @Test(arguments: representative)
    func changesAreFoundationsChanges(name: String) throws {
        let ours = try #require(ZoneRules(identifier: name))
        let theirs = try #require(TimeZone(identifier: name))
        // Foundation also reports changes of DST flag or name alone: keep those of the offset.
        var expected: [Int64] = []
        var cursor = Date(timeIntervalSince1970: TimeInterval(ZoneRulesTests.first))
        while let next = theirs.nextDaylightSavingTimeTransition(after: cursor),
              next.timeIntervalSince1970 < TimeInterval(ZoneRulesTests.last) {
            let seconds = Int64(next.timeIntervalSince1970)
            if theirs.secondsFromGMT(for: next) != theirs.secondsFromGMT(for: next.addingTimeInterval(-1)) {
                expected.append(seconds)
            }
            cursor = next
        }
        var actual: [Int64] = []
        var instant = ZoneRulesTests.first
        while let next = ours.nextTransition(afterUTCSeconds: instant), next < ZoneRulesTests.last {
            actual.append(next)
            instant = next
        }
        #expect(actual.map { Instant(secondsSinceEpoch: $0) } == expected.map { Instant(secondsSinceEpoch: $0) })
        for transition in expected {
            for instant in transition - 1...transition + 1 {
                let offset = theirs.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
                #expect(ours.secondsFromGMT(atUTCSeconds: instant) == offset, "\(Instant(secondsSinceEpoch: instant))")
            }
        }
    }

    @Test func berlinIn2026() throws {
        let berlin = try #require(ZoneRules(identifier: "Europe/Berlin"))
        let newYear = CivilTime(year: 2026, month: 1, day: 1).secondsIfUTC
        let spring = try #require(berlin.nextTransition(afterUTCSeconds: newYear))
        #expect(Instant(secondsSinceEpoch: spring).iso8601 == "2026-03-29T01:00:00Z")
        let autumn = try #require(berlin.nextTransition(afterUTCSeconds: spring))
        #expect(Instant(secondsSinceEpoch: autumn).iso8601 == "2026-10-25T01:00:00Z")
        // Strictly after: asking at the change itself gives the next one.
        #expect(berlin.nextTransition(afterUTCSeconds: spring - 1) == spring)
        #expect(berlin.secondsFromGMT(atUTCSeconds: spring - 1) == 3600)
        #expect(berlin.secondsFromGMT(atUTCSeconds: spring) == 7200)
        #expect(berlin.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(autumn))) == 3600)
        #expect(berlin.description == "Europe/Berlin")
    }

    @Test func zonesWithoutFutureChanges() throws {
        #expect(ZoneRules.utc.nextTransition(afterUTCSeconds: 0) == nil)
        #expect(ZoneRules.utc.secondsFromGMT(atUTCSeconds: 1_800_000_000) == 0)
        #expect(ZoneRules.utc.identifier == "UTC")
        // India has kept +05:30 since 1945; Brazil abolished DST in 2019.
        let kolkata = try #require(ZoneRules(identifier: "Asia/Kolkata"))
        #expect(kolkata.nextTransition(afterUTCSeconds: 0) == nil)
        #expect(kolkata.secondsFromGMT(atUTCSeconds: 5_000_000_000) == 19_800)
        let saoPaulo = try #require(ZoneRules(identifier: "America/Sao_Paulo"))
        #expect(saoPaulo.nextTransition(afterUTCSeconds: CivilTime(year: 2020, month: 1, day: 1).secondsIfUTC) == nil)
    }

    /// Far beyond the files' tables (which end in 2037) only the footer rule speaks.
    @Test func footerRulesGoOnForever() throws {
        let newYork = try #require(ZoneRules(identifier: "America/New_York"))
        let start = try #require(newYork.nextTransition(afterUTCSeconds: CivilTime(year: 2300, month: 1, day: 1).secondsIfUTC))
        // Second Sunday of March 2300 at 02:00 EST.
        #expect(Instant(secondsSinceEpoch: start).iso8601 == "2300-03-11T07:00:00Z")
        #expect(newYork.secondsFromGMT(atUTCSeconds: start) == -4 * 3600)
        // Instants beyond any calendar neither trap nor wrap.
        _ = newYork.secondsFromGMT(atUTCSeconds: .max)
        _ = newYork.secondsFromGMT(atUTCSeconds: .min)
        _ = newYork.nextTransition(afterUTCSeconds: .max)
        _ = newYork.secondsFromGMT(for: .distantFuture)
        _ = newYork.secondsFromGMT(for: Date(timeIntervalSince1970: .infinity))
        _ = newYork.secondsFromGMT(for: Date(timeIntervalSince1970: .nan))
    }

    /// The system's fat files list each change up to 2037, as zic expanded the zone's last rule;
    /// the footer is that same rule. For every zone with a footer, the footer alone must give
    /// the table's offset around every change of the table's last five years.
    @Test func footersAgreeWithZicsExpansionForEveryZone() throws {
        var checked = 0
        for name in ZoneRulesTests.zoneNames {
            let table = try #require(ZoneRules(identifier: name)).table
            // Only tables zic filled up to its 2037 horizon are expansions of their footer: not
            // those that stop early (Kolkata, 1945), nor those listing exceptions the rule cannot
            // say (Ramadan breaks: Casablanca to 2087, Gaza and Hebron to 2086).
            guard let footer = table.footer, footer.daylight != nil,
                  (CivilTime(year: 2037, month: 1, day: 1).secondsIfUTC..<(1 << 31)).contains(table.footerStart)
            else { continue }
            let tableOnly = ZoneRules(identifier: name, table: .init(
                transitions: table.transitions, offsets: table.offsets, initialOffset: table.initialOffset,
                footer: nil, footerStart: .max))
            for transition in table.transitions where transition > table.footerStart - 5 * 366 * 86_400 {
                for instant in [transition - 1, transition] {
                    checked += 1
                    #expect(footer.offset(atUTCSeconds: instant) == tableOnly.secondsFromGMT(atUTCSeconds: instant),
                            "\(name) at \(Instant(secondsSinceEpoch: instant))")
                }
            }
        }
        #expect(checked > 1000)
    }
}

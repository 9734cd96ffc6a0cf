import Foundation
import OrderSyncCLI
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// Unmapped status codes, and what a poll costs when nothing changed.
@Suite("formations status codes and idle polls")
struct FormationsStatusTests {
    static let dialect = "formations"
    static let openCodes: Set<String> = ["100", "300", "500"]

    /// The JSON document `ordersync status --json` printed last.
    static func statusJSON(_ harness: SyncHarness) throws -> JSONValue {
        let line = try #require(harness.output.current.last { $0.hasPrefix("{") && $0.contains("\"sources\"") })
        return try JSONValue.parse(line)
    }

    @Test("an unmapped code is stored as unknown and counted by raw value in status")
    func unmappedCodeShowsInStatus() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: [Self.dialect])
            #expect(await harness.ordersync("backfill", "--source", harness.sourceName(Self.dialect), "--since", "2020-01-01") == .success)
            // A backfill is not a poll: `status` judges health by polls alone (issue 16), so one
            // poll makes the source healthy and `status` exit 0.
            #expect(await harness.ordersync("run", "--once", "--source", harness.sourceName(Self.dialect)) == .success)
            let snapshot = harness.simulator.snapshot(of: .formations)
            let unmapped = snapshot.filter { $0.statusRaw == "950" }.count
            #expect(unmapped >= 3, "the simulator always has a few 950 orders")

            #expect(await harness.ordersync("status", "--json") == .success)
            let source = try #require(try Self.statusJSON(harness)["sources"]?.arrayValue?.first)
            #expect(source["unknown_statuses"] == .object(["950": .number(String(unmapped))]))
            // Unknown counts as open: it may still change.
            let open = snapshot.filter { Self.openCodes.contains($0.statusRaw) }.count + unmapped
            #expect(source["open_orders"] == .number(String(open)))

            #expect(await harness.ordersync("status") == .success)
            #expect(harness.output.current.contains { $0.contains("unmapped:") && $0.contains("950 ×\(unmapped)") })

            let db = try Database(path: harness.databasePath, options: Database.OpenOptions(readOnly: true, create: false))
            let unknown = try db.makeStatement("SELECT count(*) FROM orders WHERE status = 'unknown' AND status_raw = '950'").scalar()
            #expect(unknown?.intValue == unmapped)
        }
    }

    @Test("a poll when nothing changed costs the formula's requests and writes nothing")
    func idlePollCost() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: [Self.dialect])
            #expect(await harness.ordersync("run", "--once") == .success)
            let before = harness.simulator.stats().requests[.formations] ?? 0
            let sync = try #require(try await harness.environment().sync(named: harness.sourceName(Self.dialect)))
            let report = await sync.poll()
            let measured = (harness.simulator.stats().requests[.formations] ?? 0) - before
            #expect(report.outcome == .ok)
            #expect(report.written.ordersUpserted == 0)
            #expect(report.requests == measured)

            let (expected, walks) = try Self.idleCost(harness, open: Self.openCodes, unknownCodes: ["950"])
            #expect(measured == expected, "created, invoiced, open, unknown: \(walks)")
            // The figure quoted in docs/dialects/formations.md for the default data set.
            print("formations idle poll: \(measured) requests (walks \(walks))")
        }
    }

    @Test("mapping the unmapped code clears it from status and from every poll's recheck")
    func mappingTheCodeMovesItIntoTheOpenQuery() async throws {
        try await withTemporaryDirectory { directory in
            let map = JSONObject(
                [("100", "pending"), ("300", "confirmed"), ("500", "in_progress"), ("700", "completed"), ("900", "cancelled"),
                 ("950", "on_hold")].map { JSONObject.Member(key: $0.0, value: .string($0.1)) })
            let harness = try SyncHarness(directory: directory, dialects: [Self.dialect], extra: ["status_map": .object(map)])
            #expect(await harness.ordersync("run", "--once") == .success)
            #expect(try harness.differences(Self.dialect) == [])
            #expect(await harness.ordersync("status", "--json") == .success)
            #expect(try Self.statusJSON(harness)["sources"]?.arrayValue?.first?["unknown_statuses"] == .object([:]))

            let before = harness.simulator.stats().requests[.formations] ?? 0
            #expect(await harness.ordersync("run", "--once") == .success)
            let idle = (harness.simulator.stats().requests[.formations] ?? 0) - before
            // The two windows (a page each on this data set, plus the empty page that proves its
            // end, since this process has not yet seen a full page) and the open query; no leaver.
            let (expected, walks) = try Self.idleCost(harness, open: Self.openCodes.union(["950"]), unknownCodes: [])
            #expect(idle == expected, "\(idle) requests; created, invoiced, open, unknown: \(walks)")

            // Converges after changes too, 950 now being an open code like the others.
            harness.simulator.mutate(.formations, count: 40)
            #expect(await harness.ordersync("run", "--once") == .success)
            #expect(try harness.differences(Self.dialect) == [])
        }
    }

    /// What an idle poll of a fresh process costs: the created and invoiced windows, the open
    /// query, the query of unmapped codes. A list of n orders at 50 a page ends on an empty page,
    /// or on a page shorter than a full page the server returned earlier in the same walk: a
    /// short first page costs one more request.
    static func idleCost(_ harness: SyncHarness, open openCodes: Set<String>, unknownCodes: Set<String>) throws -> (Int, [Int]) {
        // Learned per walk: a single page of fewer than 50 needs the empty page after it.
        func pages(_ n: Int) -> Int {
            if n == 0 { return 1 }
            if n < 50 { return 2 }
            return n / 50 + 1
        }
        let snapshot = harness.simulator.snapshot(of: .formations)
        let days = Set(recentDays().map(\.dateText))
        let utc = ZoneRules.utc
        let created = snapshot.filter { days.contains(Instant($0.placedAt).dateText(in: utc)) }.count
        let invoiced = try invoicedOn(recentDays(), harness)
        let open = snapshot.filter { openCodes.contains($0.statusRaw) }.count
        let unknown = snapshot.filter { unknownCodes.contains($0.statusRaw) }.count
        var walks = [pages(created), pages(invoiced), pages(open)]
        if !unknownCodes.isEmpty { walks.append(pages(unknown)) }
        return (walks.reduce(0, +), walks)
    }

    /// The two UTC days a poll's windows cover (yesterday, with the default lookback, and today).
    static func recentDays() -> [CivilTime] {
        let utc = ZoneRules.utc
        return [Instant.now().adding(seconds: -86_400), Instant.now()].map {
            let civil = $0.civilTime(in: utc)
            return CivilTime(year: civil.year, month: civil.month, day: civil.day)
        }
    }

    /// Stored orders invoiced on one of `days` (UTC).
    static func invoicedOn(_ days: [CivilTime], _ harness: SyncHarness) throws -> Int {
        let db = try Database(path: harness.databasePath, options: Database.OpenOptions(readOnly: true, create: false))
        let stamps = try db.makeStatement("SELECT invoiced_at FROM orders WHERE invoiced_at IS NOT NULL").query().compactMap { $0.string(0) }
        let texts = Set(days.map(\.dateText))
        return stamps.filter { texts.contains(String($0.prefix(10))) }.count
    }
}

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
            let sync = try #require(try harness.environment().sync(named: harness.sourceName(Self.dialect)))
            let report = await sync.poll()
            let measured = (harness.simulator.stats().requests[.formations] ?? 0) - before
            #expect(report.outcome == .ok)
            #expect(report.written.ordersUpserted == 0)
            #expect(report.requests == measured)

            // Pages of a list of n orders at 50 a page: a full page needs one more to see the end.
            func pages(_ n: Int) -> Int { n / 50 + 1 }
            let snapshot = harness.simulator.snapshot(of: .formations)
            let utc = TimeZone(identifier: "UTC")!
            let today = Instant.now().civilTime(in: utc)
            let yesterday = Instant.now().adding(seconds: -86_400).civilTime(in: utc)
            func day(_ date: Date) -> CivilTime {
                let civil = Instant(date).civilTime(in: utc)
                return CivilTime(year: civil.year, month: civil.month, day: civil.day)
            }
            let window = [CivilTime(year: yesterday.year, month: yesterday.month, day: yesterday.day),
                          CivilTime(year: today.year, month: today.month, day: today.day)]
            let createdRecently = snapshot.filter { window.contains(day($0.placedAt)) }.count
            // Invoices fall within two days of the order in the simulator: an upper bound here.
            let open = snapshot.filter { Self.openCodes.contains($0.statusRaw) }.count
            // 950 orders are stored as unknown, so as open: the refresh lists their code in a query
            // of its own (it is in no status_map), so they are never leavers.
            let unknown = snapshot.filter { $0.statusRaw == "950" }.count
            let expected = pages(createdRecently) + 1 + pages(open) + pages(unknown)
            #expect(measured == expected, "orders \(pages(createdRecently)), invoiced 1, open \(pages(open)), unknown \(pages(unknown))")
            // The figure quoted in docs/dialects/formations.md for the default data set.
            print("formations idle poll: \(measured) requests (open \(open), unmapped \(unknown))")
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
            let open = harness.simulator.snapshot(of: .formations).filter { Self.openCodes.union(["950"]).contains($0.statusRaw) }.count
            // The two windows (a page each on this data set) and the open query; no leaver left.
            #expect(idle == 2 + open / 50 + 1, "\(idle) requests")

            // Converges after changes too, 950 now being an open code like the others.
            harness.simulator.mutate(.formations, count: 40)
            #expect(await harness.ordersync("run", "--once") == .success)
            #expect(try harness.differences(Self.dialect) == [])
        }
    }
}

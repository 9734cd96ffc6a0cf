import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OrderSyncCLI
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// `options.filter_param`: why the spelling matters. The server filters on `filter[...]` only and
/// answers `filters[...]` (the doc's example line) with the whole, unfiltered list.
@Suite("formations filter spelling")
struct FormationsFilterSpellingTests {
    static let dialect = "formations"

    static func harness(_ directory: String, filterParam: String) throws -> SyncHarness {
        try SyncHarness(directory: directory, dialects: [dialect],
                        extra: ["options": .object(["filter_param": .string(filterParam)])])
    }

    static func requests(_ harness: SyncHarness) -> Int {
        harness.simulator.stats().requests[.formations] ?? 0
    }

    /// The first page of `GET /orders` for the creation-day window the adapter builds for `day`.
    static func firstPage(_ harness: SyncHarness, filterParam: String, day: CivilTime) async throws -> [JSONValue] {
        let source = SourceConfiguration(
            name: "spelling", dialect: dialect, baseURL: URL(string: harness.simulator.baseURL(for: .formations))!,
            startDate: "2020-01-01", options: ["filter_param": .string(filterParam)])
        let adapter = try FormationsAdapter(source: source)
        guard case .dateWindow(let window) = adapter.backfill else { throw CancellationError() }
        let utc = ZoneRules.utc
        let from = day.instant(in: utc)
        let query = window.query(WindowBounds(from: from, to: from.adding(seconds: 86_400), timeZone: utc))
        var components = try #require(URLComponents(string: harness.simulator.baseURL(for: .formations) + adapter.list.path))
        components.queryItems = query + [URLQueryItem(name: adapter.list.pagination.pageParameter!, value: "1")]
        var request = URLRequest(url: try #require(components.url))
        request.setValue("Bearer \(harness.simulator.configuration.token(for: .formations) ?? "")", forHTTPHeaderField: "Authorization")
        let (data, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        return try #require(try JSONValue.parse(data).arrayValue)
    }

    @Test("filters[...] is ignored by the server: a one-day window comes back unfiltered")
    func wrongSpellingIsUnfiltered() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try Self.harness(directory, filterParam: "filter")
            let snapshot = harness.simulator.snapshot(of: .formations)
            let utc = ZoneRules.utc
            let placed = Instant(try #require(snapshot.dropFirst(100).first).placedAt).civilTime(in: utc)
            let day = CivilTime(year: placed.year, month: placed.month, day: placed.day)
            let dayText = day.compactDateText

            let filtered = try await Self.firstPage(harness, filterParam: "filter", day: day)
            #expect(!filtered.isEmpty)
            #expect(filtered.allSatisfy { $0["created_at"]?.scalarText?.hasPrefix(dayText) == true })

            let unfiltered = try await Self.firstPage(harness, filterParam: "filters", day: day)
            // A full page, starting with the oldest order: nothing was filtered.
            #expect(unfiltered.count == 50)
            #expect(unfiltered.first?["id"]?.scalarText == snapshot.first?.id)
            #expect(unfiltered.contains { $0["created_at"]?.scalarText?.hasPrefix(dayText) == false })
        }
    }

    @Test("with filters[...] the sync stays correct, but every query reads the whole list")
    func wrongSpellingStaysCorrectAtTheCostOfWholeListReads() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try Self.harness(directory, filterParam: "filters")
            #expect(await harness.ordersync("run", "--once") == .success)
            #expect(try harness.differences(Self.dialect) == [])
            // Every window slice pages through the whole list; the unchanged orders are skipped by
            // their fingerprint, so each order's lines are still fetched once.
            let upstream = harness.simulator.snapshot(of: .formations).count
            let wrongListRequests = Self.requests(harness) - upstream

            // Nothing is missed either: every window and the open-order query return everything.
            harness.simulator.mutate(.formations, count: 40)
            #expect(await harness.ordersync("run", "--once") == .success, "\(harness.output.current.suffix(5))")
            let differences = try harness.differences(Self.dialect)
            #expect(differences == [], "\(differences.prefix(10))")

            let before = Self.requests(harness)
            #expect(await harness.ordersync("run", "--once") == .success)
            let idle = Self.requests(harness) - before
            let wholeList = harness.simulator.snapshot(of: .formations).count / 50 + 1
            // Four queries (two windows, open orders, unmapped codes) each page through the whole
            // list; the open query then lists every order, so no leaver is left to recheck.
            #expect(idle == 4 * wholeList, "\(idle) requests for an idle poll")

            // The right spelling on the same data set lists far fewer pages for the first sync.
            try await withTemporaryDirectory { other in
                let right = try Self.harness(other, filterParam: "filter")
                #expect(await right.ordersync("run", "--once") == .success)
                let rightListRequests = Self.requests(right) - upstream
                #expect(try right.differences(Self.dialect) == [])
                #expect(wrongListRequests > 2 * rightListRequests,
                        "list requests of a first sync: \(wrongListRequests) with filters[...], \(rightListRequests) with filter[...]")
            }
        }
    }
}

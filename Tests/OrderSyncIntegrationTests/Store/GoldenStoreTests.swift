import Foundation
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// The same simulated data synced into SQLite and into PostgreSQL, through the real commands
/// (`backfill`, `run --once`, `verify`, `status`), gives the same rows in every table.
@Suite("golden: SQLite and PostgreSQL hold the same data")
struct GoldenStoreTests {
    @Test("backfill, poll and verify into both stores; every table compared row by row", PostgresTestCluster.isRequired)
    func sameRows() async throws {
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        let dialects = ["lifecycle", "erp"]
        var dumps: [StoreKind: [String: [String]]] = [:]
        for kind in StoreKind.allCases {
            try await withTemporaryDirectory { directory in
                let harness = try SyncHarness(
                    directory: directory, dialects: dialects,
                    simulator: SimulatorConfiguration(ordersPerDialect: 120, now: now, historyDays: 60),
                    extra: ["page_size": .number("25")], store: kind)
                for dialect in dialects {
                    let source = harness.sourceName(dialect)
                    #expect(await harness.ordersync("backfill", "--source", source, "--since", "2020-01-01") == .success,
                            "backfill into \(kind): \(harness.output.current.suffix(5))")
                }
                #expect(await harness.ordersync("run", "--once") == .success, "run --once into \(kind): \(harness.output.current.suffix(5))")
                #expect(await harness.ordersync("verify") == .success, "verify on \(kind): \(harness.output.current.suffix(5))")
                #expect(await harness.ordersync("status") == .success, "status on \(kind): \(harness.output.current.suffix(5))")
                for dialect in dialects {
                    if kind == .sqlite { #expect(try harness.differences(dialect) == [], "\(dialect) in SQLite equals the upstream") }
                }
                dumps[kind] = try StoreDump.dump(harness.databasePath)
            }
        }
        let sqlite = try #require(dumps[.sqlite])
        let postgres = try #require(dumps[.postgres])
        #expect((sqlite["orders"]?.count ?? 0) >= 200, "the data set is not trivially small")
        for table in sqlite.keys.sorted() {
            let left = sqlite[table] ?? []
            let right = postgres[table] ?? []
            #expect(left.count == right.count, "\(table): \(left.count) rows in SQLite, \(right.count) in PostgreSQL")
            let firstDifference = zip(left, right).first { $0 != $1 }
            #expect(firstDifference == nil, "\(table) differs: SQLite \(firstDifference?.0 ?? "") | PostgreSQL \(firstDifference?.1 ?? "")")
        }
    }
}

import Foundation
import OrderSyncCLI
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// reseller's own pipeline case: what each malformed item is rejected for. Backfill, polls,
/// malformed items and resuming are tested for every dialect in `PipelineIntegrationTests`.
@Suite("reseller against the simulator")
struct ResellerPipelineTests {
    static let dialect = "reseller"

    static func count(_ table: String, _ harness: SyncHarness) throws -> Int {
        try DatasetComparison.count(table, database: harness.databasePath, source: harness.sourceName(dialect))
    }

    @Test func malformedItemsAreRejectedWithTheirReasonAndTheRestLoads() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: [Self.dialect], extra: ["page_size": .number("25")])
            // Missing id, unparseable submit_date, non-numeric total, id of the wrong type, null item.
            harness.simulator.inject(SimFault(dialect: .reseller, pathPrefix: "/api/v1/orders", kind: .badRecord, count: 5))
            #expect(await harness.ordersync("run", "--once") == .success, "\(harness.output.current.suffix(5))")
            #expect(try harness.differences(Self.dialect) == [])
            let db = try Database(path: harness.databasePath, options: Database.OpenOptions(readOnly: true, create: false))
            let reasons = try db.makeStatement("SELECT reason FROM rejected_records WHERE source = ?1 ORDER BY rowid")
                .query(harness.sourceName(Self.dialect)).compactMap { $0.string(0) }
            #expect(reasons.count == 5, "\(reasons)")
            #expect(reasons.contains { $0.hasPrefix("submit_date:") }, "\(reasons)")
            #expect(reasons.contains { $0.hasPrefix("total:") }, "\(reasons)")
            #expect(reasons.filter { $0.contains("no id") }.count == 2, "\(reasons)")
        }
    }

}

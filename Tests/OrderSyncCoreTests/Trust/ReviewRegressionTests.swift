import Foundation
import OrderSyncTesting
import Testing

@testable import OrderSyncCore

/// Regressions an independent review of the engine found: cursor loops, a slice that does not
/// advance where DST skips midnight, one failing detail stalling a source, a moved detail
/// endpoint rejecting whole pages, and deferred records that never give up.
@Suite("Trust: review regressions")
struct ReviewRegressionTests {
    @Test("a cursor that comes back (A → B → A) is a loop, not 100,000 requests")
    func cursorCycle() async throws {
        let upstream = ScriptedUpstream { _, query in
            let next = query["after"] == "B" ? "A" : "B"
            return ScriptedUpstream.orders(query["after"] == "B" ? 3..<6 : 0..<3, extra: #""meta": {"next_cursor": "\#(next)"}"#)
        }
        let pagination = Pagination(style: .cursor(parameter: "after", next: .body(["meta", "next_cursor"])), pageSizeParameter: nil, pageSize: 3)
        await #expect {
            _ = try await ScriptedUpstream.ids(upstream.walker(pagination))
        } throws: { error in
            guard case SyncError.repeatedPage = error else { return false }
            return true
        }
        #expect(upstream.requested.count <= 4)
    }

    @Test("a one-day slice moves forward where DST skips local midnight (Santiago, 2026-09-06)")
    func dstSkipsMidnight() async throws {
        try await withTemporaryDirectory { directory in
            let zone = try #require(ZoneRules(identifier: "America/Santiago"))
            let source = SourceConfiguration(
                name: "santiago", dialect: ERPAdapter.name, baseURL: URL(string: "https://erp.example")!,
                auth: SourceAuth(token: Secret("t")), startDate: "2026-09-01", timezone: zone, sliceDays: 1)
            let client = HTTPClient(source: "santiago", baseURL: source.baseURL, settings: HTTPClientSettings(source.http),
                                    transport: ScriptedUpstream { _, _ in ScriptedUpstream.json("{}") }, authorizer: nil)
            let store = try SQLiteStore(path: directory + "/orders.db")
            let sync = try await SourceSync(source: source, adapter: try ERPAdapter(source: source), client: client, store: store, logger: .silent)
            var start = sync.startOfDay(try TimestampParser.parseDate("2026-09-04").instant(in: zone))
            for _ in 0..<5 {
                let end = sync.sliceEnd(after: start)
                #expect(end > start, "slice from \(start) does not advance")
                start = end
            }
        }
    }
}

import Foundation
import OrderSyncTesting
import Testing

/// Issue 7 A: a list ends only on the server's own evidence (an empty page, or the total or
/// last page it states), never because a page was shorter than the configured `page_size`.
@Suite("Trust: a list ends on the server's evidence (the real binary)")
struct ListEndTests {
    /// The one big case of the trust tests: 20,000 orders, 400+ list pages and 20,000 line requests.
    @Test("formations: a fixed page size of 50 with page_size 100 configured loses nothing (20,000 orders)")
    func formationsFixedPageSize() async throws {
        try await withTemporaryDirectory { directory in
            let firstDay = Day.today - 401
            let data = FormationsUpstream(count: 20_000, firstDay: firstDay, dayCount: 400)
            let server = try HostileUpstream(handler: data.respond)
            defer { server.stop() }
            let fixture = try TrustFixture(directory: directory, sources: [
                TrustFixture.source("fixed-formations", "formations", server, [
                    "page_size": 100, "start_date": Day.text(firstDay), "status_map": ["700": "completed"],
                    "http": TrustFixture.fastHTTP.merging(["child_concurrency": 8]) { $1 },
                ]),
            ])
            let backfill = try await fixture.run(
                ["backfill", "--source", "fixed-formations", "--since", Day.text(firstDay)], timeout: .seconds(600))
            #expect(backfill.status == 0, "\(backfill.output.suffix(2_000))")
            let stored = try fixture.orderIDs("fixed-formations")
            #expect(TrustFixture.difference(stored, data.ids) == nil, "the server answered \(server.requestCount) requests")
            #expect(TrustFixture.difference(try fixture.orderIDsWithLines("fixed-formations"), data.ids) == nil, "every order has its line")
        }
    }

    @Test("lifecycle: per_page clamped from 100 to 37 (stated in pagination) loses nothing")
    func lifecycleClampedPerPage() async throws {
        try await withTemporaryDirectory { directory in
            let firstDay = Day.today - 91
            let data = LifecycleUpstream(count: 1_500, firstDay: firstDay, dayCount: 90)
            let server = try HostileUpstream(handler: data.respond)
            defer { server.stop() }
            let fixture = try TrustFixture(directory: directory, sources: [
                TrustFixture.source("clamped-lifecycle", "lifecycle", server, ["page_size": 100, "start_date": Day.text(firstDay)]),
            ])
            let backfill = try await fixture.run(["backfill", "--source", "clamped-lifecycle", "--since", Day.text(firstDay)])
            #expect(backfill.status == 0, "\(backfill.output.suffix(2_000))")
            let stored = try fixture.orderIDs("clamped-lifecycle")
            #expect(TrustFixture.difference(stored, data.ids) == nil)
            #expect(TrustFixture.difference(try fixture.orderIDsWithLines("clamped-lifecycle"), data.ids) == nil, "every order has its line")
        }
    }
}

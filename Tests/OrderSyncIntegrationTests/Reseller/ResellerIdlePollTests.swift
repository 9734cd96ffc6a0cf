import Foundation
import OrderSyncCLI
import OrderSyncCore
import OrderSyncSimulator
import OrderSyncTesting
import Testing

/// What a poll costs when nothing changed upstream (the figure in `docs/dialects/reseller.md`),
/// and what a leaver costs, counted by the simulator.
@Suite("reseller request costs")
struct ResellerIdlePollTests {
    static let dialect = "reseller"

    /// `ceil(n / pageSize)`, at least one page (an empty answer is one request too).
    static func pages(_ count: Int, _ pageSize: Int) -> Int { max(1, (count + pageSize - 1) / pageSize) }

    @Test func anIdlePollCostsALoginAndOnePagePerFilter() async throws {
        try await withTemporaryDirectory { directory in
            // The simulator's default data set (200 orders over 365 days) and the default page size.
            let harness = try SyncHarness(directory: directory, dialects: [Self.dialect])
            #expect(await harness.ordersync("run", "--once") == .success)
            let before = harness.simulator.stats().totalRequests
            #expect(await harness.ordersync("run", "--once") == .success)
            let idle = harness.simulator.stats().totalRequests - before

            // 1 login (each `run --once` is a new process; the daemon logs in once per
            // 0.9 × expires_in) + the submit_date window + `status<3` + `status>=3,paid:0`.
            let orders = harness.simulator.snapshot(of: .reseller)
            let open = orders.filter(Self.isStatusOpen).count
            let closedUnpaid = orders.filter { !Self.isStatusOpen($0) && $0.isPaid == false }.count
            let lastDay = orders.filter { $0.placedAt > Date().addingTimeInterval(-86_400 - 60) }.count
            let expected = 1 + Self.pages(lastDay, 100) + Self.pages(open, 100) + Self.pages(closedUnpaid, 100)
            #expect(idle == expected, "idle poll: \(idle) requests; open \(open), closed unpaid \(closedUnpaid), last day \(lastDay)")
            #expect(idle == 4, "the figure documented for the default data set")
            #expect(harness.output.current.last?.contains("0 orders written") == true, "\(harness.output.current.suffix(2))")
        }
    }

    @Test func eachLeaverCostsOneRequest() async throws {
        try await withTemporaryDirectory { directory in
            let harness = try SyncHarness(directory: directory, dialects: [Self.dialect])
            #expect(await harness.ordersync("run", "--once") == .success)
            let storedOpen = Set(harness.simulator.snapshot(of: .reseller).filter(Self.isStatusOpen).map(\.id))

            harness.simulator.mutate(.reseller, count: 40)
            let orders = harness.simulator.snapshot(of: .reseller)
            // Stored as open (status below 3), now in neither open filter: closed and paid.
            let leavers = orders.filter { storedOpen.contains($0.id) && !Self.isStatusOpen($0) && $0.isPaid == true }.count
            let start = harness.simulator.stats().totalRequests
            #expect(await harness.ordersync("run", "--once") == .success)
            let poll = harness.simulator.stats().totalRequests - start
            #expect(try harness.differences(Self.dialect) == [])

            let lastDay = orders.filter { $0.placedAt > Date().addingTimeInterval(-86_400 - 60) }.count
            let open = orders.filter(Self.isStatusOpen).count
            let closedUnpaid = orders.filter { !Self.isStatusOpen($0) && $0.isPaid == false }.count
            let expected = 1 + Self.pages(lastDay, 100) + Self.pages(open, 100) + Self.pages(closedUnpaid, 100) + leavers
            #expect(leavers > 0, "the mutation should have closed some open orders")
            #expect(poll == expected, "poll \(poll) requests with \(leavers) leavers")
        }
    }

    /// Status below 3 (DELIVERED): what the store holds as open.
    static func isStatusOpen(_ order: SimOrder) -> Bool { ["EDITING", "SUBMITTED", "SHIPPED"].contains(order.statusRaw) }
}

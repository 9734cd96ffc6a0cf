import Foundation
import OrderSyncSimulator
import Testing

@Suite("mutations")
struct MutationTests {
    @Test func mutationsChangeSnapshotsAndResponses() throws {
        try withSimulator(orders: 50) { sim in
            let client = try sim.client()
            for dialect in SimDialect.allCases {
                let before = sim.snapshot(of: dialect)
                sim.mutate(dialect, count: 12)
                let after = sim.snapshot(of: dialect)
                #expect(after != before, "\(dialect)")
                #expect(after.count >= before.count)
                #expect(after.allSatisfy { (1...5).contains($0.lines.count) })
            }
            let newest = try #require(sim.snapshot(of: .erp).last)
            let detail = try client.request("GET", "/erp/obapi/v1/orders/\(newest.id)", token: token(.erp)).object()
            let order = try #require(detail["order"] as? [String: Any])
            #expect(minor(order["total_incl_tax"]) == newest.grossMinor)
            #expect(order["status"] as? String == newest.statusRaw)
        }
    }

    @Test func changedOrdersCarryTheRealCurrentTime() throws {
        try withSimulator(orders: 30) { sim in
            let client = try sim.client()
            let before = Date().addingTimeInterval(-2)
            sim.mutate(.lifecycle, count: 5)
            let body = try client.request("GET", "/lifecycle/api/orders/list?order_by=updated_at&per_page=1", token: token(.lifecycle)).object()
            let stamp = try #require((body["data"] as? [[String: Any]])?.first?["updated_at"] as? String)
            let parsed = try #require(ISO8601DateFormatter().date(from: stamp.replacingOccurrences(of: ".\(stamp.suffix(7).prefix(6))", with: "")))
            #expect(parsed >= before.addingTimeInterval(-1) && fixedNow < parsed)
        }
    }

    @Test func mobilityInvoicesAppearWithoutTouchingStatusUpdatedAt() throws {
        // `now` is real time here, so recent orders exist to be invoiced.
        try withSimulator(orders: 80, configure: { $0.now = Date() }) { sim in
            let client = try sim.client()
            func stamps() throws -> [Int: String] {
                let result = try client.request("GET", "/mobility/v2.3/orders?per_page=500", token: token(.mobility)).object()["result"] as? [String: Any]
                let items = result?["items"] as? [[String: Any]] ?? []
                return Dictionary(uniqueKeysWithValues: items.map { ($0["id"] as? Int ?? 0, $0["status_updated_at"] as? String ?? "") })
            }
            let before = sim.snapshot(of: .mobility)
            let stampsBefore = try stamps()
            var invoicedOnly: [SimOrder] = []
            for _ in 0..<10 where invoicedOnly.isEmpty {
                sim.mutate(.mobility, count: 5)
                let after = sim.snapshot(of: .mobility)
                invoicedOnly = after.filter { order in
                    guard let old = before.first(where: { $0.id == order.id }) else { return false }
                    return order.invoices.count > old.invoices.count && order.statusRaw == old.statusRaw && order.lines == old.lines
                }
            }
            let order = try #require(invoicedOnly.first)
            #expect(try stamps()[Int(order.id)!] == stampsBefore[Int(order.id)!])
            let today = day(Date())
            let result = try client.request("GET", "/mobility/v2.3/orders/\(order.id)/invoices?invoice_issue_start_date=\(today)",
                                            token: token(.mobility)).object()["result"] as? [String: Any]
            #expect((result?["items"] as? [Any])?.isEmpty == false)
        }
    }

    @Test func controlEndpointMutatesAndReportsStats() throws {
        try withSimulator(orders: 20) { sim in
            let client = try sim.client()
            #expect(try client.request("GET", "/_sim/health").object()["status"] as? String == "ok")
            let before = sim.snapshot(of: .formations)
            #expect(try client.request("POST", "/_sim/mutate?dialect=formations&count=6").status == 200)
            #expect(sim.snapshot(of: .formations) != before)
            #expect(try client.request("POST", "/_sim/mutate?dialect=nope&count=1").status == 400)
            _ = try client.request("GET", "/erp/obapi/v1/orders", token: token(.erp))
            let stats = try client.request("GET", "/_sim/stats").object()
            #expect((stats["requests"] as? [String: Any])?["erp"] as? Int == 1)
            #expect(sim.stats().requests[.erp] == 1)
            #expect(sim.stats().controlRequests == 4)
        }
    }
}

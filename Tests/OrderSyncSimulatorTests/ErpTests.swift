import Foundation
import OrderSyncSimulator
import Testing

@Suite("erp dialect")
struct ErpTests {
    @Test func rejectsMissingOrWrongToken() throws {
        try withSimulator { sim in
            let client = try sim.client()
            #expect(try client.request("GET", "/erp/obapi/v1/orders").status == 401)
            let wrong = try client.request("GET", "/erp/obapi/v1/orders", token: "nope")
            #expect(wrong.status == 401)
            #expect(try wrong.object()["error"] != nil)
            #expect(try client.request("GET", "/erp/obapi/v1/nothing", token: token(.erp)).status == 404)
        }
    }

    @Test func paginatesWithBodyCountsAndRejectsLargePages() throws {
        try withSimulator(orders: 120) { sim in
            let client = try sim.client()
            var seen: [String] = []
            for page in 1...3 {
                let body = try client.request("GET", "/erp/obapi/v1/orders?page=\(page)&per_page=50", token: token(.erp)).object()
                let pagination = try #require(body["pagination"] as? [String: Any])
                #expect(pagination["page"] as? Int == page)
                #expect(pagination["per_page"] as? Int == 50)
                #expect(pagination["total_items"] as? Int == 120)
                #expect(pagination["total_pages"] as? Int == 3)
                let items = try #require(body["items"] as? [[String: Any]])
                #expect(items.allSatisfy { $0["lines"] == nil && $0["updated_at"] == nil })
                seen += items.compactMap { $0["id"] as? String }
            }
            #expect(seen.count == 120)
            #expect(Set(seen) == Set(sim.snapshot(of: .erp).map(\.id)))
            #expect(try client.request("GET", "/erp/obapi/v1/orders?per_page=200", token: token(.erp)).status == 200)
            let tooMany = try client.request("GET", "/erp/obapi/v1/orders?per_page=201", token: token(.erp))
            #expect(tooMany.status == 400)
            #expect(tooMany.text.contains("per_page"))
        }
    }

    @Test func dateFilterBoundsAreInclusive() throws {
        try withSimulator(orders: 150) { sim in
            let client = try sim.client()
            let snapshot = sim.snapshot(of: .erp)
            let first = day(snapshot[40].placedAt), last = day(snapshot[60].placedAt)
            let expected = snapshot.filter { day($0.placedAt) >= first && day($0.placedAt) <= last }.map(\.id)
            let body = try client.request("GET", "/erp/obapi/v1/orders?date_start=\(first)&date_end=\(last)&per_page=200&sort=date_asc",
                                          token: token(.erp)).object()
            let items = try #require(body["items"] as? [[String: Any]])
            #expect(items.compactMap { $0["id"] as? String } == expected)
            #expect(items.first?["date_order"] as? String == first)
            #expect(items.last?["date_order"] as? String == last)
        }
    }

    @Test func filtersByStatusAndSortsByRef() throws {
        try withSimulator { sim in
            let client = try sim.client()
            let body = try client.request("GET", "/erp/obapi/v1/orders?status=cancelled&sort=ref_asc&per_page=200",
                                          token: token(.erp)).object()
            let items = try #require(body["items"] as? [[String: Any]])
            let refs = items.compactMap { $0["ref"] as? String }
            #expect(!refs.isEmpty)
            #expect(refs == refs.sorted())
            #expect(items.allSatisfy { $0["status"] as? String == "cancelled" })
            #expect(refs.count == sim.snapshot(of: .erp).filter { $0.statusRaw == "cancelled" }.count)
            #expect(try client.request("GET", "/erp/obapi/v1/orders?status=lost", token: token(.erp)).status == 400)
        }
    }

    @Test func detailLinesSumToTotalsAndMatchSnapshot() throws {
        try withSimulator(orders: 40) { sim in
            let client = try sim.client()
            for order in sim.snapshot(of: .erp).prefix(15) {
                let body = try client.request("GET", "/erp/obapi/v1/orders/\(order.id)", token: token(.erp)).object()
                let detail = try #require(body["order"] as? [String: Any])
                let lines = try #require(detail["lines"] as? [[String: Any]])
                #expect(detail["updated_at"] as? String != nil)
                #expect(minor(detail["total_incl_tax"]) == order.grossMinor)
                #expect(minor(detail["total_excl_tax"]) == order.netMinor)
                #expect(lines.compactMap { minor($0["total_incl_tax"]) }.reduce(0, +) == order.grossMinor)
                #expect(lines.compactMap { minor($0["total_vat"]) }.reduce(0, +) == order.taxMinor)
                #expect(lines.count == order.lines.count && (1...5).contains(lines.count))
                #expect(lines.first?["quantity"] as? String == order.lines.first?.quantity)
            }
        }
    }
}

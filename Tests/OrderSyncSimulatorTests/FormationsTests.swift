import Foundation
import OrderSyncSimulator
import Testing

@Suite("formations dialect")
struct FormationsTests {
    private func page(_ client: TestHTTPClient, _ query: String) throws -> [[String: Any]] {
        let response = try client.request("GET", "/formations/orders?\(query)", token: token(.formations))
        #expect(response.status == 200, "\(query): \(response.text)")
        return try response.array()
    }

    private func ymd(_ date: Date) -> String {
        day(date).replacingOccurrences(of: "-", with: "")
    }

    @Test func fixedPageSizeWithShortLastPage() throws {
        try withSimulator(orders: 120) { sim in
            let client = try sim.client()
            #expect(try client.request("GET", "/formations/orders").status == 401)
            #expect(try page(client, "page[number]=1").count == 50)
            #expect(try page(client, "page%5Bnumber%5D=2").count == 50)
            let last = try page(client, "page[number]=3")
            #expect(last.count == 20)
            #expect(try page(client, "page[number]=4").isEmpty)
            #expect(last.last?["id"] as? Int == Int(sim.snapshot(of: .formations).last!.id))
            #expect(try page(client, "page[number]=1&per_page=5").count == 50)
        }
    }

    @Test func filtersUseFilterSpellingOnlyWithInclusiveYmdBounds() throws {
        try withSimulator(orders: 120) { sim in
            let client = try sim.client()
            let snapshot = sim.snapshot(of: .formations)
            #expect(try page(client, "filters[statuses]=700").count == 50)
            let completed = try page(client, "filter[statuses]=700,950").compactMap { $0["status"] as? Int }
            #expect(!completed.isEmpty && completed.allSatisfy { $0 == 700 || $0 == 950 })
            let from = snapshot[10].placedAt, to = snapshot[30].placedAt
            let created = try page(client, "filter[createdFrom]=\(ymd(from))&filter[createdTo]=\(ymd(to))")
            let expected = snapshot.filter { ymd($0.placedAt) >= ymd(from) && ymd($0.placedAt) <= ymd(to) }
            #expect(created.compactMap { $0["id"] as? Int }.map(String.init) == expected.map(\.id))
            let raw = try page(client, "")
            let invoiced = try #require(raw.first { $0["invoiced_at"] is Int })
            let stamp = String(invoiced["invoiced_at"] as? Int ?? 0).prefix(8)
            let sameDay = try page(client, "filter[invoicedFrom]=\(stamp)&filter[invoicedTo]=\(stamp)")
            #expect(sameDay.contains { $0["id"] as? Int == invoiced["id"] as? Int })
            #expect(sameDay.allSatisfy { String($0["invoiced_at"] as? Int ?? 0).hasPrefix(stamp) })
            #expect(try client.request("GET", "/formations/orders?filter[createdFrom]=2024-01-01", token: token(.formations)).status == 400)
        }
    }

    @Test func orderLinesSumToNetAndGross() throws {
        try withSimulator(orders: 30) { sim in
            let client = try sim.client()
            for order in sim.snapshot(of: .formations).prefix(10) {
                let lines = try client.request("GET", "/formations/orders/\(order.id)/orderlines", token: token(.formations)).array()
                let net = lines.reduce(Int64(0)) { $0 + Int64($1["quantity"] as? Int ?? 0) * (minor($1["price"]) ?? 0) }
                let tax = lines.reduce(Int64(0)) { $0 + Int64($1["quantity"] as? Int ?? 0) * (minor($1["tax"]) ?? 0) }
                #expect(net == order.netMinor && net + tax == order.grossMinor)
                #expect(lines.allSatisfy { $0["order_id"] as? Int == Int(order.id) && $0["product"] is [String: Any] })
            }
            let items = try page(client, "")
            #expect(items.contains { $0["cancelled_at"] as? String == "" })
            #expect(sim.snapshot(of: .formations).contains { $0.statusRaw == "950" })
        }
    }
}

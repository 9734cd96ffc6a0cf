import Foundation
import OrderSyncSimulator
import Testing

@Suite("lifecycle dialect")
struct LifecycleTests {
    private func list(_ client: TestHTTPClient, _ query: String) throws -> (items: [[String: Any]], pagination: [String: Any]) {
        let body = try client.request("GET", "/lifecycle/api/orders/list?\(query)", token: token(.lifecycle)).object()
        #expect(body["success"] as? Bool == true)
        return (body["data"] as? [[String: Any]] ?? [], body["pagination"] as? [String: Any] ?? [:])
    }

    @Test func paginatesInTheBodyWithDefaultPageSize() throws {
        try withSimulator(orders: 40) { sim in
            let client = try sim.client()
            #expect(try client.request("GET", "/lifecycle/api/orders/list").status == 401)
            let first = try list(client, "")
            #expect(first.items.count == 15)
            #expect(first.pagination["per_page"] as? Int == 15)
            #expect(first.pagination["total"] as? Int == 40)
            #expect(first.pagination["last_page"] as? Int == 3)
            let last = try list(client, "page=3")
            #expect(last.items.count == 10)
            #expect(last.pagination["current_page"] as? Int == 3)
            let ids = try list(client, "order_by=id&order_direction=asc&per_page=100").items.compactMap { $0["id"] as? Int }
            #expect(ids.map(String.init) == sim.snapshot(of: .lifecycle).map(\.id))
        }
    }

    @Test func dateFilterIsInclusiveAndActiveOnlyExcludesTerminal() throws {
        try withSimulator(orders: 120) { sim in
            let client = try sim.client()
            let snapshot = sim.snapshot(of: .lifecycle)
            let from = day(snapshot[20].placedAt), to = day(snapshot[50].placedAt)
            let expected = Set(snapshot.filter { day($0.placedAt) >= from && day($0.placedAt) <= to }.map(\.id))
            let items = try list(client, "date_from=\(from)&date_to=\(to)&per_page=500").items
            #expect(Set(items.compactMap { $0["id"] as? Int }.map(String.init)) == expected)
            let active = try list(client, "active_only=1&per_page=500").items
            let terminal: Set<String> = ["completed", "cancelled", "refunded"]
            #expect(active.count == snapshot.filter { !terminal.contains($0.statusRaw) }.count)
            #expect(active.allSatisfy { !terminal.contains($0["status"] as? String ?? "") })
        }
    }

    @Test func placeAndActionsMoveUpdatedAt() throws {
        try withSimulator(orders: 10) { sim in
            let client = try sim.client()
            let place = #"{"customer_id":"CUST-12345","items":[{"product_id":1,"product_name":"Premium Cleaning Service","quantity":1,"price":150.00},{"product_id":2,"product_name":"Window Cleaning","quantity":2,"price":"75.05"}],"billing":{"first_name":"John","last_name":"Doe","email":"john.doe@example.com"},"total_tax":"26.04","metadata":{"source":"webform"}}"#
            let placed = try client.request("POST", "/lifecycle/api/orders/place", token: token(.lifecycle), body: place)
            #expect(placed.status == 201)
            let data = try #require(try placed.object()["data"] as? [String: Any])
            #expect(data["total"] as? String == "300.10")
            #expect(data["status"] as? String == "pending")
            let id = try #require(data["id"] as? Int)
            let created = try #require(data["updated_at"] as? String)
            let acted = try client.request("POST", "/lifecycle/api/orders/\(id)/action", token: token(.lifecycle),
                                           body: #"{"action":"update_status","status":"in_progress","notes":"started"}"#)
            let after = try #require(try acted.object()["data"] as? [String: Any])
            #expect(after["status"] as? String == "in_progress")
            #expect((after["updated_at"] as? String ?? "") > created)
            _ = try client.request("POST", "/lifecycle/api/orders/\(id)/action", token: token(.lifecycle), body: #"{"action":"complete"}"#)
            let order = try #require(sim.snapshot(of: .lifecycle).first { $0.id == String(id) })
            #expect(order.statusRaw == "completed")
            #expect(order.grossMinor == 30_010 && order.taxMinor == 2_604 && order.netMinor == 27_406)
            #expect(order.lines.map(\.grossMinor) == [15_000, 15_010])
            let listed = try list(client, "order_by=updated_at&per_page=1").items.first
            #expect(listed?["id"] as? Int == id)
            let invalid = try client.request("POST", "/lifecycle/api/orders/place", token: token(.lifecycle), body: #"{"items":[]}"#)
            #expect(invalid.status == 422)
            let unknown = try client.request("POST", "/lifecycle/api/orders/\(id)/action", token: token(.lifecycle), body: #"{"action":"explode"}"#)
            #expect(unknown.status == 422)
        }
    }

    @Test func servesDetailStatsAndStatusLists() throws {
        try withSimulator(orders: 30) { sim in
            let client = try sim.client()
            let order = sim.snapshot(of: .lifecycle)[3]
            let detail = try #require(try client.request("GET", "/lifecycle/api/orders/\(order.id)", token: token(.lifecycle)).object()["data"] as? [String: Any])
            let items = try #require(detail["items"] as? [[String: Any]])
            let sum = items.reduce(Int64(0)) { $0 + Int64($1["quantity"] as? Int ?? 0) * (minor($1["price"]) ?? 0) }
            #expect(sum == order.grossMinor)
            #expect(detail["billing"] is [String: Any] && detail["metadata"] is [String: Any])
            for path in ["stats", "stats/overview"] {
                let stats = try #require(try client.request("GET", "/lifecycle/api/orders/\(path)", token: token(.lifecycle)).object()["data"] as? [String: Any])
                #expect(stats["total_orders"] as? Int == 30)
            }
            for path in ["meta/statuses", "statuses/available"] {
                let statuses = try client.request("GET", "/lifecycle/api/orders/\(path)", token: token(.lifecycle)).object()["data"] as? [String]
                #expect(statuses?.count == 8)
            }
        }
    }
}

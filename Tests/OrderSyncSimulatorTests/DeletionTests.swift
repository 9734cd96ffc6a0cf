import Foundation
import OrderSyncSimulator
import Testing

/// Orders deleted upstream: gone from lists and the control listing, 404 on
/// detail in the dialect's error shape, and their ids never handed out again.
@Suite("deletions")
struct DeletionTests {
    @Test func deletedOrdersLeaveEveryListAndTheirDetailAnswers404() throws {
        try withSimulator(orders: 40) { sim in
            let client = try sim.client()
            for dialect in SimDialect.allCases {
                let before = sim.upstreamOrders(of: dialect)
                let deleted = sim.delete(dialect, count: 3)
                #expect(deleted.count == 3, "\(dialect)")
                let after = sim.upstreamOrders(of: dialect)
                #expect(after.count == before.count - 3)
                #expect(Set(after.map(\.id)).isDisjoint(with: deleted))
                #expect(Set(sim.snapshot(of: dialect).map(\.id)) == Set(after.map(\.id)))
            }
            let erp = try #require(sim.delete(.erp, count: 1).first)
            let erpDetail = try client.request("GET", "/erp/obapi/v1/orders/\(erp)", token: token(.erp))
            #expect(erpDetail.status == 404)
            let mobility = try #require(sim.delete(.mobility, count: 1).first)
            let mobilityDetail = try client.request("GET", "/mobility/v2.3/orders/\(mobility)", token: token(.mobility))
            #expect(mobilityDetail.status == 404)
            #expect(try mobilityDetail.object()["success"] as? Bool == false)
            let formations = try #require(sim.delete(.formations, count: 1).first)
            let lines = try client.request("GET", "/formations/orders/\(formations)/orderlines", token: token(.formations))
            #expect(lines.status == 404)
            let list = try client.request("GET", "/formations/orders?page[number]=1", token: token(.formations)).array()
            #expect(!list.contains { String($0["id"] as? Int ?? 0) == formations })
        }
    }

    @Test func deletionsOverHTTPAreReproducibleAndVisibleInTheOrderListing() throws {
        func run() throws -> (deleted: [String], listing: [[String: Any]], count: Int) {
            try withSimulator(orders: 30) { sim in
                let client = try sim.client()
                let answer = try client.request("POST", "/_sim/mutate?dialect=lifecycle&delete=4").object()
                let deleted = try #require((answer["deleted"] as? [String: Any])?["lifecycle"] as? [String])
                let listing = try client.request("GET", "/_sim/orders?dialect=lifecycle").object()
                let orders = try #require(listing["orders"] as? [[String: Any]])
                let snapshot = sim.snapshot(of: .lifecycle)
                #expect(orders.map { $0["id"] as? String } == snapshot.map(\.id))
                #expect(orders.map { $0["status"] as? String } == snapshot.map(\.statusRaw))
                #expect(try client.request("POST", "/_sim/mutate?dialect=erp&kind=delete&count=2").status == 200)
                #expect(sim.upstreamOrders(of: .erp).count == 28)
                #expect(try client.request("GET", "/_sim/orders?dialect=nope").status == 400)
                return (deleted, orders, listing["count"] as? Int ?? -1)
            }
        }
        let first = try run()
        #expect(first.deleted.count == 4)
        #expect(first.count == 26)
        #expect(try run().deleted == first.deleted)
    }

    @Test func aDeletedIdIsNeverReused() throws {
        try withSimulator(orders: 10) { sim in
            let highest = try #require(sim.upstreamOrders(of: .erp).last?.id)
            #expect(sim.delete(.erp, ids: [highest, "999999"]) == [highest])
            sim.mutate(.erp, count: 30)
            let ids = sim.upstreamOrders(of: .erp).map(\.id)
            #expect(!ids.contains(highest))
        }
    }
}

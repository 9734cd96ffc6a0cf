import Foundation
@_spi(SimulatedDialects) import OrderSyncSimulator
import Testing

@Suite("data set")
struct DataSetTests {
    private static let paths: [(SimDialect, String)] = [
        (.erp, "/erp/obapi/v1/orders?per_page=200"), (.erp, "/erp/obapi/v1/orders/300"),
        (.lifecycle, "/lifecycle/api/orders/list?per_page=100"), (.lifecycle, "/lifecycle/api/orders/1"),
        (.mobility, "/mobility/v2.3/orders?per_page=100"), (.mobility, "/mobility/v2.3/orders/100"),
        (.formations, "/formations/orders"), (.formations, "/formations/orders/5000/orderlines"),
    ]

    private func responses(seed: UInt64) throws -> [[UInt8]] {
        try withSimulator(orders: 100, seed: seed) { sim in
            let client = try sim.client()
            var bodies = try Self.paths.map { try client.request("GET", $0.1, token: token($0.0)).body }
            let resellerToken = try sim.resellerToken(client)
            bodies.append(Array(resellerToken.utf8))
            bodies.append(try client.request("GET", "/reseller/api/v1/orders?per_page=100", token: resellerToken).body)
            return bodies
        }
    }

    @Test func sameSeedAndNowGiveIdenticalBytes() throws {
        let first = try responses(seed: 42)
        let second = try responses(seed: 42)
        #expect(first == second)
        #expect(first.allSatisfy { $0.count > 10 })
        #expect(first.allSatisfy { !String(decoding: $0, as: UTF8.self).contains("does not exist") })
        let other = try responses(seed: 43)
        for (a, b) in zip(first, other) {
            #expect(a != b)
        }
    }

    @Test func everyDialectHasEveryStatusVariedAmountsAndBalancedTotals() {
        let configuration = SimulatorConfiguration(ordersPerDialect: 200, seed: 3, now: fixedNow, historyDays: 365)
        let simulator = Simulator(configuration: configuration)
        let expectedStatuses: [SimDialect: Set<String>] = [
            .erp: ["draft", "validated", "in_progress", "delivered", "cancelled"],
            .lifecycle: ["pending", "processing", "confirmed", "in_progress", "completed", "cancelled", "refunded", "on_hold"],
            .mobility: ["New", "In Progress", "Completed", "Cancelled", "Awaiting Approval"],
            .reseller: ["EDITING", "SUBMITTED", "SHIPPED", "DELIVERED", "CANCELED"],
            .formations: ["100", "300", "500", "700", "900", "950"],
        ]
        let earliest = fixedNow.addingTimeInterval(-365 * 86_400)
        // The product's dialects: a test-only one registered in this process has its own tests.
        for dialect in SimulatedDialects.builtIn.map({ $0.dialect }) {
            let orders = simulator.snapshot(of: dialect)
            #expect(orders.count == 200)
            #expect(Set(orders.map(\.statusRaw)) == expectedStatuses[dialect])
            #expect(orders.allSatisfy { $0.placedAt >= earliest && $0.placedAt <= fixedNow })
            #expect(orders.allSatisfy { (1...5).contains($0.lines.count) })
            #expect(Set(orders.map { $0.grossMinor % 100 }).count > 20, "\(dialect) amounts should vary")
            #expect(Set(orders.map(\.id)).count == 200)
            for order in orders {
                if let net = order.netMinor, let tax = order.taxMinor {
                    #expect(net + tax == order.grossMinor)
                }
                let lineGross = order.lines.compactMap(\.grossMinor)
                if lineGross.count == order.lines.count {
                    #expect(lineGross.reduce(0, +) == order.grossMinor)
                }
                let lineNet = order.lines.compactMap(\.netMinor)
                if lineNet.count == order.lines.count, let net = order.netMinor {
                    #expect(lineNet.reduce(0, +) == net)
                }
            }
        }
        #expect(simulator.snapshot(of: .mobility).contains { !$0.invoices.isEmpty })
    }

    @Test func unknownPathsAnswer404Json() throws {
        try withSimulator(orders: 5) { sim in
            let client = try sim.client()
            for path in ["/", "/nowhere/orders", "/erp/obapi/v1/orders/999999", "/mobility/v2.3/orders/abc"] {
                let response = try client.request("GET", path, token: token(.erp))
                #expect(response.status == 404 || response.status == 401, "\(path)")
                #expect((try? response.object()) != nil, "\(path) should answer JSON")
            }
            #expect(try client.request("GET", "/mobility/v2.3/orders/999999", token: token(.mobility)).status == 404)
            #expect(sim.baseURL(for: .erp) == "http://127.0.0.1:\(sim.port)/erp")
        }
    }
}

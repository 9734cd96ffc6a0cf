import Foundation
import OrderSyncSimulator
import Testing

@Test func scaleScratch() throws {
    var t = Date()
    let sim = Simulator(configuration: SimulatorConfiguration(ordersPerDialect: 100_000, now: fixedNow))
    print("generate", Date().timeIntervalSince(t))
    try sim.start()
    defer { sim.stop() }
    let c = try sim.client()
    let tok = try sim.resellerToken(c)
    for (d, p) in [(SimDialect.erp, "/erp/obapi/v1/orders?per_page=100&page=500"), (.erp, "/erp/obapi/v1/orders?date_start=2026-01-01&date_end=2026-01-31&sort=ref_asc"),
                   (.lifecycle, "/lifecycle/api/orders/list?order_by=updated_at&per_page=100"), (.mobility, "/mobility/v2.3/orders?order=status_updated_at&per_page=100"),
                   (.formations, "/formations/orders?page[number]=1000"), (.reseller, "/reseller/api/v1/orders?q=status%3A3&per_page=100")] {
        for _ in 0..<3 {
            t = Date()
            let r = try c.request("GET", p, token: d == .reseller ? tok : token(d))
            print(d, r.status, r.body.count, Date().timeIntervalSince(t))
        }
    }
    t = Date()
    for _ in 0..<200 { _ = try c.request("GET", "/erp/obapi/v1/orders?per_page=50&page=3", token: token(.erp)) }
    print("200 erp list requests", Date().timeIntervalSince(t))
    t = Date()
    sim.mutate(.erp, count: 100)
    print("mutate 100", Date().timeIntervalSince(t))
}

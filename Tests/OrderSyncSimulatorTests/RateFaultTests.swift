import Foundation
import OrderSyncSimulator
import Testing

/// Faults on a fraction of requests: the envelope failures and the transient
/// mix a backfill must survive, reproducible for a seed.
@Suite("rate faults")
struct RateFaultTests {
    private let statuses = "/mobility/v2.3/orders/statuses"

    /// Whether each of `count` requests was answered with mobility's failure envelope.
    private func envelopeFailures(seed: UInt64, count: Int, fault: String) throws -> [Bool] {
        try withSimulator(orders: 5, seed: seed) { sim in
            let client = try sim.client()
            #expect(try client.request("POST", "/_sim/fault?\(fault)").status == 200)
            return try (0..<count).map { _ in
                let response = try client.request("GET", statuses, token: token(.mobility))
                #expect(response.status == 200)
                return try response.object()["success"] as? Bool == false
            }
        }
    }

    @Test func anEnvelopeFailureRateHitsThatFractionTheSameWayForASeed() throws {
        let fault = "dialect=mobility&kind=unsuccessful&rate=0.25&message=Temporary%20failure"
        let first = try envelopeFailures(seed: 7, count: 200, fault: fault)
        let again = try envelopeFailures(seed: 7, count: 200, fault: fault)
        let other = try envelopeFailures(seed: 8, count: 200, fault: fault)
        let hits = first.filter { $0 }.count
        #expect((25...75).contains(hits), "\(hits) of 200 at 25 %")
        #expect(first == again)
        #expect(first != other)
    }

    @Test func aCountBoundsARateFault() throws {
        let failures = try envelopeFailures(seed: 7, count: 20, fault: "dialect=mobility&kind=unsuccessful&rate=1&count=3")
        #expect(failures == Array(repeating: true, count: 3) + Array(repeating: false, count: 17))
    }

    @Test func theEnvelopeIsTheDialectsOwn() throws {
        try withSimulator(orders: 5) { sim in
            let client = try sim.client()
            sim.inject(.rate(1, .unsuccessful(message: "down"), dialect: .formations, count: 1))
            let body = try client.request("GET", "/formations/orders", token: token(.formations)).object()
            let errors = try #require(body["errors"] as? [[String: Any]])
            #expect(errors.first?["detail"] as? String == "down")
        }
    }

    @Test func theMixGivesEveryTransientFaultWithRetryAfterOn429() throws {
        try withSimulator(orders: 5) { sim in
            let control = try sim.client()
            let queued = try control.request("POST", "/_sim/fault?dialect=erp&kind=mix&rate=0.1&retry_after=3").object()
            #expect(queued["queued"] as? String == "status_429,status_500,status_503,reset,truncated")
            var retryAfters: Set<String> = []
            for _ in 0..<150 {
                // A reset or truncated answer breaks the connection: one per request.
                guard let response = try? sim.client().request("GET", "/erp/obapi/v1/orders/300", token: token(.erp)) else {
                    continue
                }
                if response.status == 429 { retryAfters.insert(response.headers["retry-after"] ?? "") }
            }
            let faults = sim.stats().faults
            for kind in ["status_429", "status_500", "status_503", "reset", "truncated"] {
                #expect((faults[kind] ?? 0) > 0, "\(kind): \(faults)")
            }
            #expect(retryAfters == ["3"])
            #expect(SimFault.mix(rate: 0.02).map(\.rate) == Array(repeating: 0.02, count: 5))
            #expect(try control.request("POST", "/_sim/fault?kind=mix").status == 400)
            #expect(try control.request("POST", "/_sim/fault?kind=reset&rate=1.5").status == 400)
        }
    }
}

import Foundation
import OrderSyncSimulator
import Testing

@Suite("faults")
struct FaultTests {
    private let list = "/erp/obapi/v1/orders"

    @Test func statusFaultsCarryRetryAfterAndCountDown() throws {
        try withSimulator(orders: 10) { sim in
            let client = try sim.client()
            sim.inject(SimFault(dialect: .erp, pathPrefix: "/obapi/v1/orders", kind: .status(429, retryAfter: "2"), count: 2))
            #expect(try client.request("GET", "/mobility/v2.3/orders", token: token(.mobility)).status == 200)
            for _ in 0..<2 {
                let response = try client.request("GET", list, token: token(.erp))
                #expect(response.status == 429)
                #expect(response.headers["retry-after"] == "2")
                #expect((try? response.object()) != nil)
            }
            #expect(try client.request("GET", list, token: token(.erp)).status == 200)
            sim.inject(SimFault(kind: .status(503, retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT")))
            #expect(try client.request("GET", "/formations/orders", token: token(.formations)).headers["retry-after"] == "Wed, 21 Oct 2015 07:28:00 GMT")
            #expect(sim.stats().faults == ["status_429": 2, "status_503": 1])
        }
    }

    @Test func pathPrefixLimitsWhichRequestsAreHit() throws {
        try withSimulator(orders: 10) { sim in
            let client = try sim.client()
            sim.inject(SimFault(dialect: .erp, pathPrefix: "/obapi/v1/orders/3", kind: .status(500, retryAfter: nil)))
            #expect(try client.request("GET", list, token: token(.erp)).status == 200)
            #expect(try client.request("GET", "\(list)/300", token: token(.erp)).status == 500)
            sim.inject(SimFault(kind: .garbage, count: 5))
            sim.clearFaults()
            #expect(try client.request("GET", list, token: token(.erp)).status == 200)
        }
    }

    @Test func resetTruncatedGarbageAndUnsuccessful() throws {
        try withSimulator(orders: 10) { sim in
            sim.inject(SimFault(dialect: .erp, kind: .reset))
            #expect(throws: (any Error).self) { _ = try sim.client().request("GET", list, token: token(.erp)) }
            sim.inject(SimFault(dialect: .erp, kind: .truncatedBody))
            let cut = #expect(throws: TestHTTPClient.Failure.self) { _ = try sim.client().request("GET", list, token: token(.erp)) }
            #expect(cut?.description.contains("cut short") == true)
            let client = try sim.client()
            sim.inject(SimFault(dialect: .erp, kind: .garbage))
            let garbage = try client.request("GET", list, token: token(.erp))
            #expect(garbage.status == 200 && (try? garbage.json()) == nil)
            sim.inject(SimFault(dialect: .mobility, kind: .unsuccessful(message: "maintenance")))
            let unsuccessful = try client.request("GET", "/mobility/v2.3/orders", token: token(.mobility)).object()
            #expect(unsuccessful["success"] as? Bool == false && unsuccessful["message"] as? String == "maintenance")
            #expect(try client.request("GET", list, token: token(.erp)).status == 200)
        }
    }

    @Test func delayStillAnswersNormally() throws {
        try withSimulator(orders: 10) { sim in
            let client = try sim.client()
            sim.inject(SimFault(dialect: .formations, kind: .delay(milliseconds: 50)))
            let response = try client.request("GET", "/formations/orders", token: token(.formations))
            #expect(response.status == 200)
            #expect(try response.array().count == 10)
            #expect(sim.stats().faults["delay"] == 1)
        }
    }

    @Test func badRecordsRotateThroughEveryDefectAndOnlyHitLists() throws {
        try withSimulator(orders: 10) { sim in
            let client = try sim.client()
            sim.inject(SimFault(dialect: .formations, kind: .badRecord, count: 5))
            #expect(try client.request("GET", "/formations/orders/5000/orderlines", token: token(.formations)).status == 200)
            var extras: [Any] = []
            for _ in 0..<5 {
                let response = try client.request("GET", "/formations/orders", token: token(.formations))
                let items = try #require(try response.json() as? [Any])
                #expect(items.count == 11)
                extras.append(items[10])
            }
            let objects = extras.compactMap { $0 as? [String: Any] }
            #expect(objects.count == 4 && extras[4] is NSNull)
            #expect(objects[0]["id"] == nil)
            #expect(objects[1]["created_at"] as? String == "not-a-date")
            #expect(objects[2]["gross"] as? String == "not-a-number")
            #expect(objects[3]["id"] is [Any])
            #expect(try client.request("GET", "/formations/orders", token: token(.formations)).array().count == 10)
            #expect(sim.snapshot(of: .formations).count == 10)
        }
    }

    @Test func faultsCanBeQueuedOverHTTP() throws {
        try withSimulator(orders: 10) { sim in
            let client = try sim.client()
            let queued = try client.request("POST", "/_sim/fault?dialect=erp&kind=status&status=429&retry_after=2&count=1")
            #expect(queued.status == 200)
            #expect(try client.request("GET", list, token: token(.erp)).status == 429)
            _ = try client.request("POST", "/_sim/fault?dialect=lifecycle&kind=bad_record")
            let page = try client.request("GET", "/lifecycle/api/orders/list", token: token(.lifecycle)).object()
            #expect((page["data"] as? [Any])?.count == 11)
            _ = try client.request("POST", "/_sim/fault?kind=unsuccessful&message=down&count=3")
            #expect(try client.request("POST", "/_sim/faults/clear").status == 200)
            #expect(try client.request("GET", list, token: token(.erp)).status == 200)
            #expect(try client.request("POST", "/_sim/fault?kind=explode").status == 400)
            #expect(try client.request("POST", "/_sim/fault?kind=delay").status == 400)
        }
    }
}

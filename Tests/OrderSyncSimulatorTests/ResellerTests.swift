import Foundation
import OrderSyncSimulator
import Synchronization
import Testing

@Suite("reseller dialect")
struct ResellerTests {
    /// The simulator's clock for session tokens, moved by hand.
    final class ManualWallClock: Sendable {
        let time = Mutex(Date(timeIntervalSince1970: 1_750_000_000))
    }

    private func ids(_ client: TestHTTPClient, _ token: String, _ query: String) throws -> [Int] {
        let response = try client.request("GET", "/reseller/api/v1/orders?per_page=1000&\(query)", token: token)
        #expect(response.status == 200, "\(query): \(response.text)")
        return try response.array().compactMap { $0["id"] as? Int }
    }

    private func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    @Test func authenticatesAndRejectsBadCredentials() throws {
        try withSimulator { sim in
            let client = try sim.client()
            let bad = try client.request("POST", "/reseller/api/v1/authenticate", body: #"{"username":"sim-user","password":"x"}"#)
            #expect(bad.status == 401)
            #expect(try client.request("GET", "/reseller/api/v1/orders").status == 401)
            let auth = try client.request("POST", "/reseller/api/v1/authenticate", body: #"{"username":"sim-user","password":"sim-pass"}"#).object()
            #expect(auth["expires_in"] as? Int == 3600)
            let token = try #require(auth["auth_token"] as? String)
            #expect(try client.request("GET", "/reseller/api/v1/orders", token: token).status == 200)
        }
    }

    /// On a clock the test moves, so the lifetime is exact: valid one second before its end,
    /// refused one second after, however slow the machine.
    @Test func tokensExpireAfterTheirLifetime() throws {
        let wallClock = ManualWallClock()
        try withSimulator(configure: { configuration in
            configuration.resellerTokenTTL = 600
            configuration.clock = { wallClock.time.withLock { $0 } }
        }) { sim in
            let client = try sim.client()
            let token = try sim.resellerToken(client)
            #expect(try client.request("GET", "/reseller/api/v1/orders", token: token).status == 200)
            wallClock.time.withLock { $0 += 599 }
            #expect(try client.request("GET", "/reseller/api/v1/orders", token: token).status == 200)
            wallClock.time.withLock { $0 += 2 }
            #expect(try client.request("GET", "/reseller/api/v1/orders", token: token).status == 401)
            #expect(try client.request("GET", "/reseller/api/v1/orders", token: sim.resellerToken(client)).status == 200)
        }
    }

    @Test func paginatesWithHeaders() throws {
        try withSimulator(orders: 55) { sim in
            let client = try sim.client()
            let token = try sim.resellerToken(client)
            let response = try client.request("GET", "/reseller/api/v1/orders?page=3&per_page=25", token: token)
            #expect(response.headers["x-page"] == "3")
            #expect(response.headers["x-per-page"] == "25")
            #expect(response.headers["x-pages"] == "3")
            #expect(response.headers["x-count"] == "55")
            #expect(try response.array().count == 5)
            let first = try client.request("GET", "/reseller/api/v1/orders", token: token).array()
            let dates = first.compactMap { $0["submit_date"] as? String }
            #expect(Set(dates.map { String($0.suffix(6)) }).count > 1, "offsets should vary")
        }
    }

    @Test func qOperatorsFilterIdStatusPaidAndDates() throws {
        try withSimulator(orders: 80) { sim in
            let client = try sim.client()
            let token = try sim.resellerToken(client)
            let orders = sim.snapshot(of: .reseller)
            let all = orders.compactMap { Int($0.id) }
            let pivot = all[40]
            func check(_ q: String, _ expected: [Int]) throws {
                #expect(try ids(client, token, "q=\(encoded(q))&sort=%2Bid") == expected.sorted(), "q=\(q)")
            }
            try check("id:\(pivot)", [pivot])
            try check("id!:\(pivot)", all.filter { $0 != pivot })
            try check("id>\(pivot)", all.filter { $0 > pivot })
            try check("id>=\(pivot)", all.filter { $0 >= pivot })
            try check("id<\(pivot)", all.filter { $0 < pivot })
            try check("id<=\(pivot)", all.filter { $0 <= pivot })
            try check("id^~\(String(pivot).suffix(2))", all.filter { String($0).contains(String(pivot).suffix(2)) })
            try check("status:3,paid:1", orders.filter { $0.statusRaw == "DELIVERED" && $0.isPaid == true }.compactMap { Int($0.id) })
            try check("status!:3,status<4", orders.filter { $0.statusRaw != "DELIVERED" && $0.statusRaw != "CANCELED" }.compactMap { Int($0.id) })
            try check("paid!:1", orders.filter { $0.isPaid == false }.compactMap { Int($0.id) })
            let instant = orders[30].placedAt
            let utc = ISO8601DateFormatter().string(from: instant)
            try check("submit_date>=\(utc)", orders.filter { $0.placedAt >= instant }.compactMap { Int($0.id) })
            try check("submit_date>\(utc)", orders.filter { $0.placedAt > instant }.compactMap { Int($0.id) })
            try check("submit_date:\(utc)", orders.filter { $0.placedAt == instant }.compactMap { Int($0.id) })
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = TimeZone(secondsFromGMT: -5 * 3600)
            try check("submit_date<=\(formatter.string(from: instant))", orders.filter { $0.placedAt <= instant }.compactMap { Int($0.id) })
            for bad in ["paid>0", "submit_date!:2026-01-01T00:00:00Z", "colour:red", "id~1", "status:9"] {
                #expect(try client.request("GET", "/reseller/api/v1/orders?q=\(encoded(bad))", token: token).status == 400, "\(bad)")
            }
        }
    }

    @Test func sortsBySubmitDateAndId() throws {
        try withSimulator(orders: 40) { sim in
            let client = try sim.client()
            let token = try sim.resellerToken(client)
            let snapshot = sim.snapshot(of: .reseller)
            let newestFirst = snapshot.sorted { $0.placedAt > $1.placedAt }.compactMap { Int($0.id) }
            #expect(try ids(client, token, "") == newestFirst)
            #expect(try ids(client, token, "sort=%2Bsubmit_date") == Array(newestFirst.reversed()))
            #expect(try ids(client, token, "sort=+submit_date") == Array(newestFirst.reversed()), "unencoded + arrives as a space")
            #expect(try ids(client, token, "sort=-id") == snapshot.compactMap { Int($0.id) }.reversed())
        }
    }

    @Test func linesExcludeVatAndSumToNet() throws {
        try withSimulator(orders: 20) { sim in
            let client = try sim.client()
            let token = try sim.resellerToken(client)
            for item in try client.request("GET", "/reseller/api/v1/orders?per_page=20", token: token).array() {
                let order = try #require(sim.snapshot(of: .reseller).first { $0.id == String(item["id"] as? Int ?? 0) })
                let lines = item["line"] as? [[String: Any]] ?? []
                let net = lines.compactMap { minor($0["total"]) }.reduce(0, +)
                #expect(net == (minor(item["total"]) ?? 0) - (minor(item["vat"]) ?? 0))
                #expect(net == order.netMinor && minor(item["total"]) == order.grossMinor)
                #expect((item["status"] as? [String: Any])?["name"] as? String == order.statusRaw)
            }
        }
    }
}

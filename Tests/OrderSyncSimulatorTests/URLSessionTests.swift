import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OrderSyncSimulator
import Testing

/// The daemon talks to the simulator through URLSession (libcurl on Linux),
/// so one check goes through it end to end.
@Suite("URLSession client")
struct URLSessionTests {
    @Test func sessionReadsPagesAndSeesFaults() async throws {
        let simulator = Simulator(configuration: SimulatorConfiguration(ordersPerDialect: 30, seed: 5, now: fixedNow))
        try simulator.start()
        defer { simulator.stop() }
        let session = URLSession(configuration: .ephemeral)
        func get(_ path: String) async throws -> (Data, HTTPURLResponse) {
            var request = URLRequest(url: URL(string: simulator.baseURL(for: .erp) + path)!)
            request.setValue("Bearer sim-erp-token", forHTTPHeaderField: "Authorization")
            let (data, response) = try await session.data(for: request)
            return (data, response as! HTTPURLResponse)
        }
        for page in 1...3 {
            let (data, response) = try await get("/obapi/v1/orders?per_page=10&page=\(page)")
            #expect(response.statusCode == 200)
            let body = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            #expect((body?["items"] as? [Any])?.count == 10)
        }
        simulator.inject(SimFault(dialect: .erp, kind: .status(429, retryAfter: "1")))
        let (_, limited) = try await get("/obapi/v1/orders")
        #expect(limited.statusCode == 429)
        #expect(limited.value(forHTTPHeaderField: "Retry-After") == "1")
        #expect(simulator.stats().requests[.erp] == 4)
    }
}

import Foundation
import OrderSyncSimulator
import Testing

/// The data a seed generates is pinned: every dialect's full list and a few
/// details, byte for byte, hashed. A refactoring of the simulator must leave
/// this digest alone; a deliberate change of the generated data updates it.
@Suite("golden data")
struct GoldenDataTests {
    private static let paths: [(SimDialect, String)] = [
        (.erp, "/erp/obapi/v1/orders?per_page=200"), (.erp, "/erp/obapi/v1/orders/300"),
        (.lifecycle, "/lifecycle/api/orders/list?per_page=200"), (.lifecycle, "/lifecycle/api/orders/7"),
        (.mobility, "/mobility/v2.3/orders?per_page=200"), (.mobility, "/mobility/v2.3/orders/104"),
        (.mobility, "/mobility/v2.3/orders/104/invoices"),
        (.formations, "/formations/orders"), (.formations, "/formations/orders?page[number]=3"),
        (.formations, "/formations/orders/5000/orderlines"),
    ]

    /// FNV-1a, 64 bits: stable across runs and platforms, unlike `Hasher`.
    private static func fnv1a(_ chunks: [[UInt8]]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for chunk in chunks {
            for byte in chunk + [0] {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
        }
        return hash
    }

    @Test func seed42GeneratesTheSameBytesAsBefore() throws {
        let digest = try withSimulator(orders: 150, seed: 42) { sim in
            let client = try sim.client()
            var bodies = try Self.paths.map { try client.request("GET", $0.1, token: token($0.0)).body }
            let resellerToken = try sim.resellerToken(client)
            bodies.append(Array(resellerToken.utf8))
            bodies.append(try client.request("GET", "/reseller/api/v1/orders?per_page=200", token: resellerToken).body)
            return Self.fnv1a(bodies)
        }
        #expect(String(digest, radix: 16) == "1e1fc5f9e9ca1d7d")
    }
}

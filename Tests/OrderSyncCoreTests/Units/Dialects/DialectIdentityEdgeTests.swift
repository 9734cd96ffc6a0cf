import Foundation
import Testing

@testable import OrderSyncCore

/// Edge cases of `identity(of:)`: its answer becomes the detail path, so it must agree with `mapOrder`.
struct DialectIdentityEdgeTests {
    @Test func emptyIDIsNoIdentity() throws {
        let erp = try ERPAdapter(source: UnitFixtures.erpSource())
        let lifecycle = try LifecycleAdapter(source: UnitFixtures.lifecycleSource())
        let item = JSONObject(["id": .string(""), "status": .string("draft")])
        // `mapOrder` reads `""` as a missing id; an identity of `""` would instead fetch
        // `/obapi/v1/orders/` (the list itself) as the order's detail.
        #expect(erp.identity(of: item) == nil)
        #expect(lifecycle.identity(of: item) == nil)
    }
}
